"""Batch quote lookups: who printed each of 1000 sentences, and when first.

pressdex runs them the way a fact-checker's script would, one
`pressdex-search quote --batch FILE` process for the whole file: exact
phrase, then near matches (a changed, dropped or swapped word), first
appearance, outlets, timeline.  No peer has the near-match part, so the
peers are given only the exact part: every article holding the phrase, in
date order with outlet and date, through their query servers; pressdex's
server does the same, for a like-for-like figure.  A third of the quotes
have a changed word, which only near matching finds.
"""
import json
import time
from pathlib import Path

from indexing import TOOLS, paths
from latency import Server, server_cmd
from measure import run_timed


def pressdex_batch(quotes, idx_dir, bins, work):
    p = paths(idx_dir)
    qfile = Path(work) / "quotes.txt"
    qfile.write_text("".join(q["text"] + "\n" for q in quotes))
    ofile = Path(work) / "quotes.out.jsonl"
    with open(ofile, "w") as out:
        r = run_timed([bins["pressdex_search"], "--db", str(p["pressdex"]),
                       "quote", "--batch", str(qfile)], stdout=out)
    found = exact_found = changed_found = errors = 0
    for q, line in zip(quotes, ofile.read_text().splitlines()):
        d = json.loads(line)
        if "error" in d:
            errors += 1
        elif d.get("found"):
            found += 1
            exact_found += d.get("exact", 0) > 0
            changed_found += q["changed"]
    r.pop("stderr")
    r.update({"quotes": len(quotes), "found": found,
              "found_exact": exact_found, "changed_found": changed_found,
              "changed": sum(q["changed"] for q in quotes), "errors": errors,
              "ms_per_quote": r["wall_s"] * 1000 / max(1, len(quotes))})
    return r


def exact_only(quotes, idx_dir, bins):
    """Total in-process time (s) of the exact-phrase lookups per engine, and
    how many quotes each found, the engines interleaved quote by quote."""
    p = paths(idx_dir)
    servers = {t: Server(server_cmd(t, bins, p)) for t in TOOLS}
    out = {t: {"total_s": 0.0, "found": 0, "errors": 0} for t in TOOLS}
    t0 = time.perf_counter()
    try:
        for i, q in enumerate(quotes):
            req = {"kind": "phrase", "q": q["phrase"], "outlet": "",
                   "from": "", "to": ""}
            k = i % len(TOOLS)
            for t in TOOLS[k:] + TOOLS[:k]:
                a = servers[t].ask(req)
                if "error" in a:
                    out[t]["errors"] += 1
                    continue
                out[t]["total_s"] += a["us"] / 1e6
                out[t]["found"] += a["total"] > 0
    finally:
        for s in servers.values():
            s.close()
    for t in TOOLS:
        out[t]["ms_per_quote"] = out[t]["total_s"] * 1000 / max(1, len(quotes))
    out["wall_s"] = time.perf_counter() - t0
    return out
