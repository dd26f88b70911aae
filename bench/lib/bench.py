"""The benchmark run behind bench/run: inputs, then for each size the three
index builds, warm and cold query latency, the grep/rg floor and the batch
quote lookups; then the report.  Raw results are saved after every step
(results.json in the output directory), so an interrupted run still leaves
its numbers.
"""
import argparse
import json
import shutil
import sys
import time
from pathlib import Path

import indexing
import latency
import machine
import measure
import prepare
import quotes
import report

T0 = time.time()


def log(msg):
    print(f"[{time.time() - T0:6.0f} s] {msg}", file=sys.stderr, flush=True)


def binaries(root, build):
    b = Path(build)
    bins = {"pressdex_index": b / "pressdex/indexer/pressdex-index",
            "pressdex_search": b / "pressdex/searcher/pressdex-search",
            "qbench": b / "px-qbench", "fts5bench": b / "px-fts5bench",
            "xapbench": b / "px-xapbench", "timed": b / "px-timed",
            "index_script": root / "bench/index.script",
            "variants": root / "data/variants.txt"}
    for tool in ("scriptindex", "xapian-compact", "sqlite3", "grep", "rg"):
        bins[tool.replace("-", "_")] = shutil.which(tool)
    missing = [k for k, v in bins.items() if not v or not Path(v).exists()]
    if missing:
        sys.exit(f"bench: missing {', '.join(missing)}")
    return {k: str(v) for k, v in bins.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", type=Path)
    ap.add_argument("--build")
    ap.add_argument("--work")
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--sizes", default="10k,full,100k")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--no-compact", action="store_true")
    ap.add_argument("--report-only", action="store_true",
                    help="rewrite RESULTS.md, results.csv and chart.svg from "
                         "OUT/results.json without measuring")
    a = ap.parse_args()
    if a.report_only:
        report.write(json.loads((a.out / "results.json").read_text()), a.out)
        return
    if not (a.root and a.build and a.work):
        ap.error("--root, --build and --work are required to measure")

    bins = binaries(a.root, a.build)
    measure.TIMED = bins["timed"]
    budget = 4.0 if a.quick else 10.0  # seconds of measured rounds per class
    n_quotes = 300 if a.quick else 1000
    a.out.mkdir(parents=True, exist_ok=True)
    res = {"started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
           "mode": "quick" if a.quick else "full",
           "machine": machine.info(bins), "sizes": [],
           "sizes_requested": [x.strip().lower() for x in a.sizes.split(",")]}

    sizes, qset = prepare.prepare(a.root, a.work, a.sizes.split(","), log)
    res["queries"] = qset["queries"]
    res["queries_drawn_from"] = qset["drawn_from"]
    qs = qset["queries"]
    quote_list = qset["quotes"][:n_quotes]

    for size in sizes:
        entry = {"size": {k: v for k, v in size.items() if k != "dir"}}
        res["sizes"].append(entry)
        idx = Path(a.work) / "index"  # grows from size to size
        entry["indexing"] = indexing.build_all(size, idx, bins, log,
                                               compact=not a.no_compact)
        save(a.out, res)
        log(f"queries {size['label']}: warm")
        lat, counts, errors = latency.warm_run(qs, idx, bins, budget, log)
        entry["warm_ms"] = lat
        entry["warm"] = {c: {t: latency.summarise(v) for t, v in d.items()}
                         for c, d in lat.items()}
        entry["counts"] = counts
        entry["errors"] = errors
        entry["cold"] = latency.cold_run(qs, idx, bins, log)
        scan = latency.scan_floor(qs, str(Path(size["dir"]) / "text.txt"), bins)
        entry["scan"] = {c: {t: latency.summarise(v) for t, v in d.items()}
                         for c, d in scan.items()}
        log(f"quotes {size['label']}: {len(quote_list)} lookups")
        entry["quotes"] = {
            "pressdex_batch": quotes.pressdex_batch(quote_list, idx, bins,
                                                    Path(a.work)),
            "exact_only": quotes.exact_only(quote_list, idx, bins)}
        save(a.out, res)

    res["elapsed_s"] = time.time() - T0
    save(a.out, res)
    report.write(res, a.out)
    log(f"done: {a.out / 'RESULTS.md'}")


def save(out, res):
    tmp = out / "results.json.tmp"
    tmp.write_text(json.dumps(res, indent=1, default=str))
    tmp.replace(out / "results.json")


if __name__ == "__main__":
    main()
