"""Writes the results: RESULTS.md (tables with ratios to each peer, the
the speed targets, the machine), results.csv (every figure, one per row),
results.json is saved by bench.py, chart.svg by chart.py."""
import csv
from pathlib import Path

import chart
from indexing import TOOLS, TOOL_NAMES
from latency import CLASSES, PHRASE_CLASSES

CLASS_NAMES = {
    "term": "single term",
    "and2": "two-word AND",
    "and3": "three-word AND",
    "phrase_common": "common-word phrase",
    "phrase_rare": "rare-word phrase",
    "phrase_filtered": "phrase + outlet + date range",
    "facets": "broad query + exact facets",
}
PEERS = ("fts5", "xapian")
SHORT = {"pressdex": "pressdex", "fts5": "FTS5", "xapian": "Xapian"}


def _ms(x):
    if x is None:
        return "–"
    return f"{x:.2f}" if x < 10 else f"{x:.1f}" if x < 100 else f"{x:.0f}"


def _ratio(peer, ours):
    if not peer or not ours:
        return "–"
    return f"{peer / ours:.2f}×"


def _mb(b):
    return f"{b / 1e6:,.0f}"


def _cumulative(res):
    """Per size and engine: articles/s and wall seconds of building that
    size from scratch, i.e. the sum of the stages up to it."""
    out, wall, cpu = [], {t: 0.0 for t in TOOLS}, {t: 0.0 for t in TOOLS}
    for e in res["sizes"]:
        row = {}
        for t in TOOLS:
            wall[t] += e["indexing"][t]["wall_s"]
            cpu[t] += e["indexing"][t]["cpu_s"]
            row[t] = {"wall_s": wall[t], "cpu_s": cpu[t],
                      "articles_per_s": e["size"]["n"] / wall[t],
                      "text_mb_per_s": e["size"]["text_bytes"] / 1e6 / wall[t]}
        out.append(row)
    return out


def _header(res):
    m = res["machine"]
    el = res.get("elapsed_s")
    lines = [
        "# pressdex benchmark",
        "",
        f"Produced by `bench/run` ({res['mode']} mode) on {m['date']}"
        + (f"; the whole run took {el / 60:.1f} min." if el else "."),
        "",
        f"**Machine:** {m['nproc']} CPUs ({m['cpu']}), {m['ram_gb']} GB RAM, "
        f"Linux {m['kernel']}; load average at start "
        f"{', '.join(f'{x:.2f}' for x in m['loadavg_at_start'])}.  Virtual "
        "machines share their host, so absolute times are noisy: the engines "
        "run in the same pass, interleaved query by query, and the ratios "
        "are the figures to read.",
        "",
        f"**Versions:** pressdex {m['pressdex_commit']} (Release build); "
        f"Xapian {m['xapian']}; {m['scriptindex']}; SQLite {m['sqlite']}; "
        f"{m['grep']}; {m['rg']}; {m['cc']}; Python {m['python']}.",
        "",
        "Ratios are *peer ÷ pressdex*: above 1× pressdex is faster (or, for "
        "sizes, smaller); below 1× the peer is.",
        "",
    ]
    return lines


def _articles(res):
    lines = ["## Articles", "",
             "| size | articles | real | generated | article text (MB) | "
             "indexes built as |", "|---|---:|---:|---:|---:|---|"]
    for e in res["sizes"]:
        s = e["size"]
        how = ("from scratch" if not s["base"] else
               f"the {s['base']} indexes + {s['n_added']:,} articles")
        lines.append(f"| {s['label']} | {s['n']:,} | {s['n_real']:,} | "
                     f"{s['n_generated']:,} | {s['text_bytes'] / 1e6:,.0f} | "
                     f"{how} |")
    lines.append("")
    real = res["sizes"][0]["size"]["real_sets"] if res["sizes"] else []
    if real:
        lines.append(
            "Real articles: Reuters-21578 (19,043) and AllSides (37,554, 491 "
            "outlets) from `../shared/corpus`, dates cut to the day (malformed "
            "ones emptied).  Sizes below the real total are a seeded random "
            "sample of it.")
        lines.append("")
    else:
        lines += ["**No real corpus was found: every article is "
                  "GENERATED.**", ""]
    gen = [e["size"] for e in res["sizes"] if e["size"]["n_generated"]]
    if gen:
        frm = ("lengths, outlets and dates drawn from the real articles'"
               if real else "log-normal lengths, 60 invented outlets "
               "(Zipf-distributed), dates over 2012-2020, 8 % undated")
        lines.append(
            f"**Generated articles** ({gen[-1]['n_generated']:,} in the "
            f"{gen[-1]['label']} set; ids `generated-…`): words drawn from a "
            f"{gen[-1]['generated_model']}, {frm} (bench/lib/generate.py).  "
            "Their words are independent draws, so they have realistic term "
            "statistics but no real phrases.")
        lines.append("")
    made = {e["size"]["label"] for e in res["sizes"]}
    skipped = [s for s in res.get("sizes_requested", []) if s not in made]
    if skipped:
        lines.append(f"Sizes asked for but not run: {', '.join(skipped)} "
                     "(full needs the real corpus).")
    lines += ["", f"Queries are drawn from the {res['queries_drawn_from']}, "
              "which every larger set contains; each matches at least once.", ""]
    return lines


def _targets(res, cum):
    rows = []

    def per_size(fn):
        return [fn(e, i) for i, e in enumerate(res["sizes"])]

    def mark(ok):
        return "✅" if ok else "❌"

    def idx_rate(e, i):
        v = cum[i]["pressdex"]["articles_per_s"]
        stage = e["indexing"]["pressdex"]["articles_per_s"]
        return f"{v:,.0f}/s ({stage:,.0f}/s this stage) {mark(v >= 1000)}"

    def vs_scriptindex(e, i):
        r = cum[i]["pressdex"]["articles_per_s"] / \
            cum[i]["xapian"]["articles_per_s"]
        return f"{r:.2f}× {mark(r >= 3)}"

    def phrase_vs_fts5(e, i):
        parts = []
        for c in ("phrase_common", "phrase_rare", "phrase_filtered"):
            ours, peer = e["warm"][c]["pressdex"], e["warm"][c]["fts5"]
            if ours and peer:
                parts.append(f"{SHORT_CLASS[c]} {_ms(ours['p95'])} vs "
                             f"{_ms(peer['p50'])} "
                             f"{mark(ours['p95'] < peer['p50'])}")
        return "; ".join(parts)

    def common_p99(e, i):
        v = e["warm"]["phrase_common"]["pressdex"]["p99"]
        return f"{_ms(v)} ms {mark(v <= 100)}"

    def facet_p95(e, i):
        v = e["warm"]["facets"]["pressdex"]["p95"]
        return f"{_ms(v)} ms {mark(v <= 100)}"

    def disk(e, i):
        ix = e["indexing"]["pressdex"]
        r = ix["disk_bytes"] / e["size"]["text_bytes"]
        c = ix.get("compact_bytes")
        cr = f", compacted {c / e['size']['text_bytes']:.2f}× " \
             f"{mark(c / e['size']['text_bytes'] <= 2)}" if c else ""
        return f"{r:.2f}× {mark(r <= 2)}{cr}"

    rows.append(("indexing ≥ 1,000 articles/s on 2 cores (from scratch to "
                 "this size)", per_size(idx_rate)))
    rows.append(("indexing ≥ 3× scriptindex (articles/s, from scratch)",
                 per_size(vs_scriptindex)))
    rows.append(("phrase p95 below FTS5's p50 (ms, pressdex p95 vs FTS5 p50)",
                 per_size(phrase_vs_fts5)))
    rows.append(("common-word phrase p99 ≤ 100 ms", per_size(common_p99)))
    rows.append(("facet query p95 ≤ 100 ms", per_size(facet_p95)))
    rows.append(("on disk ≤ 2× raw article text (pressdex = store + Xapian)",
                 per_size(disk)))
    labels = [e["size"]["label"] for e in res["sizes"]]
    lines = ["## Speed targets", "",
             "| target | " + " | ".join(labels) + " |",
             "|---|" + "---|" * len(labels)]
    for name, vals in rows:
        lines.append(f"| {name} | " + " | ".join(vals) + " |")
    lines += ["", "The targets are read at every size; they are set for "
              "100k.", ""]
    return lines


SHORT_CLASS = {"phrase_common": "common", "phrase_rare": "rare",
               "phrase_filtered": "filtered"}


def _indexing(res, cum):
    lines = ["## Indexing", "",
             "Each size's row is the stage that grows the previous size's "
             "indexes to it (the first from scratch); *from scratch* is the sum "
             "of the stages up to that size.  Throughput counts articles and "
             "MB of article text (title + body).  On disk: bytes allocated "
             "(as `du`), as built and after `xapian-compact` (FTS5: "
             "'optimize' + VACUUM); ratio to the size's article text.  "
             "pressdex = its SQLite store + its Xapian database.", "",
             "| size | engine | articles added | wall s | CPU s | articles/s "
             "| MB/s | from scratch: articles/s | peak RSS MB | on disk MB "
             "(× text) | compacted MB (× text) |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for i, e in enumerate(res["sizes"]):
        tb = e["size"]["text_bytes"]
        for t in TOOLS:
            r = e["indexing"][t]
            c = r.get("compact_bytes")
            disk = f"{_mb(r['disk_bytes'])} ({r['disk_bytes'] / tb:.2f}×)"
            if t == "pressdex":
                disk += (f" = store {_mb(r['store_bytes'])} + Xapian "
                         f"{_mb(r['xapian_bytes'])}")
            lines.append(
                f"| {e['size']['label']} | {TOOL_NAMES[t]} | "
                f"{e['size']['n_added']:,} | {r['wall_s']:.1f} | "
                f"{r['cpu_s']:.1f} | {r['articles_per_s']:,.0f} | "
                f"{r['text_mb_per_s']:.2f} | "
                f"{cum[i][t]['articles_per_s']:,.0f} | "
                f"{r['peak_rss_mb']:,.0f} | {disk} | "
                + (f"{_mb(c)} ({c / tb:.2f}×)" if c else "–") + " |")
    lines += ["", "Ratios (peer ÷ pressdex; for throughput, pressdex ÷ peer), "
              "from scratch:", "",
              "| size | throughput vs FTS5 | throughput vs scriptindex | "
              "on disk vs FTS5 | on disk vs scriptindex | peak RSS vs FTS5 | "
              "peak RSS vs scriptindex |", "|---|---:|---:|---:|---:|---:|---:|"]
    for i, e in enumerate(res["sizes"]):
        ix = e["indexing"]
        p = cum[i]["pressdex"]["articles_per_s"]
        lines.append(
            f"| {e['size']['label']} | "
            f"{p / cum[i]['fts5']['articles_per_s']:.2f}× | "
            f"{p / cum[i]['xapian']['articles_per_s']:.2f}× | "
            f"{_ratio(ix['fts5']['disk_bytes'], ix['pressdex']['disk_bytes'])} | "
            f"{_ratio(ix['xapian']['disk_bytes'], ix['pressdex']['disk_bytes'])} | "
            f"{_ratio(ix['fts5']['peak_rss_mb'], ix['pressdex']['peak_rss_mb'])} | "
            f"{_ratio(ix['xapian']['peak_rss_mb'], ix['pressdex']['peak_rss_mb'])} |")
    lines.append("")
    return lines


def _warm(res):
    lines = ["## Query latency, warm (ms)", "",
             "Inside one process per engine (bench/proto.h), index open, "
             "the three engines interleaved query by query.  Each request "
             "returns the top 10 by BM25 (title weighted 5×) with title, "
             "outlet, date and a highlighted ~200-character snippet; the facet "
             "query adds exact outlet and month counts over every match.  "
             "n = queries × rounds.  grep / rg: `grep -c -F -i` and "
             "`rg -c -F -i` over the raw text (one article per line, C locale, "
             "file in the page cache), the floor without an index; one run "
             "per phrase, process start included.  Where n < 100, p99 is the "
             "slowest sample, so one stall of the shared machine shows there "
             "alone: compare the peers' columns, measured in the same "
             "seconds.", ""]
    for e in res["sizes"]:
        lines += [f"### {e['size']['label']} ({e['size']['n']:,} articles)", "",
                  "| query class | n | pressdex p50 / p95 / p99 | "
                  "FTS5 p50 / p95 / p99 | Xapian p50 / p95 / p99 | "
                  "grep p50 | rg p50 | FTS5 ÷ pressdex p50 / p95 | "
                  "Xapian ÷ pressdex p50 / p95 |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for c in CLASSES:
            w = e["warm"][c]
            cells = []
            for t in TOOLS:
                s = w[t]
                cells.append(f"{_ms(s['p50'])} / {_ms(s['p95'])} / "
                             f"{_ms(s['p99'])}" if s else "–")
            sc = e["scan"].get(c, {})
            g = sc.get("grep")
            r = sc.get("rg")
            ps = w["pressdex"]
            rat = []
            for t in PEERS:
                if w[t] and ps:
                    rat.append(f"{_ratio(w[t]['p50'], ps['p50'])} / "
                               f"{_ratio(w[t]['p95'], ps['p95'])}")
                else:
                    rat.append("–")
            lines.append(
                f"| {CLASS_NAMES[c]} | {ps['n'] if ps else 0} | "
                + " | ".join(cells)
                + f" | {_ms(g['p50']) if g else '–'} | "
                f"{_ms(r['p50']) if r else '–'} | " + " | ".join(rat) + " |")
        lines.append("")
        if e.get("errors"):
            lines += [f"Errors: {len(e['errors'])} — "
                      + "; ".join(e["errors"][:5]), ""]
    return lines


def _cold(res):
    lines = ["## Query latency, cold (ms)", "",
             "The engine's index files evicted from the page cache "
             "(posix_fadvise DONTNEED), a new process opens the index and runs "
             "the first query of each class: open + query time, "
             "one sample per class.", "",
             "| size | query class | pressdex open + query | FTS5 | Xapian | "
             "FTS5 ÷ pressdex | Xapian ÷ pressdex |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for e in res["sizes"]:
        for c in CLASSES:
            d = e["cold"][c]
            tot = {t: d[t]["open_ms"] + d[t]["query_ms"] for t in TOOLS}
            lines.append(
                f"| {e['size']['label']} | {CLASS_NAMES[c]} | "
                + " | ".join(f"{_ms(d[t]['open_ms'])} + {_ms(d[t]['query_ms'])}"
                             for t in TOOLS)
                + f" | {_ratio(tot['fts5'], tot['pressdex'])} | "
                f"{_ratio(tot['xapian'], tot['pressdex'])} |")
    lines.append("")
    return lines


def _quotes(res):
    lines = ["## Batch quote lookups", "",
             "`pressdex-search quote --batch` over the quote file, one process "
             "(start-up and JSON output included): exact phrase, then near "
             "matches, first appearance, outlets, timeline.  A third of the "
             "quotes have one word changed, which only near matching finds.  "
             "No peer does near matching, so the peers are timed on the exact "
             "part only (every article with the phrase, in date order, with "
             "outlet and date; in-process), and pressdex's library is timed on "
             "the same exact part for a like-for-like ratio.", "",
             "| size | quotes | pressdex batch: s (ms/quote) | found (of them "
             "changed) | exact only, ms/quote: pressdex / FTS5 / Xapian | "
             "found exact: pressdex / FTS5 / Xapian | FTS5 ÷ pressdex | "
             "Xapian ÷ pressdex |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for e in res["sizes"]:
        b = e["quotes"]["pressdex_batch"]
        x = e["quotes"]["exact_only"]
        lines.append(
            f"| {e['size']['label']} | {b['quotes']:,} | {b['wall_s']:.1f} "
            f"({b['ms_per_quote']:.1f}) | {b['found']} ({b['changed_found']} "
            f"of {b['changed']}) | "
            + " / ".join(_ms(x[t]["ms_per_quote"]) for t in TOOLS) + " | "
            + " / ".join(str(x[t]["found"]) for t in TOOLS) + " | "
            f"{_ratio(x['fts5']['ms_per_quote'], x['pressdex']['ms_per_quote'])} | "
            f"{_ratio(x['xapian']['ms_per_quote'], x['pressdex']['ms_per_quote'])} |")
    lines.append("")
    return lines


def _agreement(res):
    e = res["sizes"][-1]
    lines = ["## Do the engines find the same articles?", "",
             f"Exact match counts per query at {e['size']['label']}: how many "
             "queries of each class got the same count from pressdex as from "
             "each peer.", "",
             "| query class | queries | = Xapian | = FTS5 |",
             "|---|---:|---:|---:|"]
    for c in CLASSES:
        rows = [r for r in e["counts"] if r["class"] == c]
        lines.append(
            f"| {CLASS_NAMES[c]} | {len(rows)} | "
            f"{sum(r['pressdex'] == r['xapian'] for r in rows)} | "
            f"{sum(r['pressdex'] == r['fts5'] for r in rows)} |")
    lines += ["", "pressdex and scriptindex share Xapian and the Snowball "
              "English stemmer; FTS5's `porter` tokenizer is the older Porter "
              "stemmer (it conflates e.g. *new*/*news*, *tying*/*ty*), and its "
              "phrases match stems (\"the area\" also finds \"the areas\"), "
              "which pressdex's phrases, on unstemmed words, do not.  pressdex "
              "also matches outlet names by a normalised key, FTS5 by the "
              "exact string, and folds typographic punctuation before "
              "indexing (*didn‘t* with a curly quote is one word for it, "
              "*didn* + *t* for scriptindex).", ""]
    return lines


def _method():
    return ["## How it was measured", "",
            "- `bench/run` builds pressdex in Release (bench/build), prepares "
            "the article sets and queries (bench/lib/prepare.py), then for "
            "each size: grows the three indexes, runs the warm rounds, the "
            "cold starts, the grep/rg floor and the quote batch, and writes "
            "these files.",
            "- pressdex: `pressdex-index add` on JSON Lines; queries through "
            "`px-qbench` (px_search as pressdex-search calls it: snippets, "
            "spelling variants; the spelling suggestion off, since no peer "
            "computes one).",
            "- SQLite FTS5: `px-fts5bench`, one table `fts5(title, body, "
            "outlet UNINDEXED, date UNINDEXED, tokenize='porter unicode61')`, "
            "full text stored, rank = bm25(5, 1), commits every 1,000 rows "
            "in WAL mode; `ORDER BY rank LIMIT 10` with snippet(), filters in "
            "SQL, facets by one GROUP BY.",
            "- Xapian: `scriptindex` with bench/index.script (title ×5 and "
            "S-prefixed, body, positional, STEM_SOME English, outlet boolean "
            "term and value, date value and D/M/Y terms, full text in the "
            "document data), run with XAPIAN_FLUSH_THRESHOLD=1000 (pressdex's "
            "commit batch; faster than the default 10,000 here, though larger "
            "on disk before compaction), queried by `px-xapbench` through "
            "libxapian "
            "(QueryParser as quest, plus filters, MSet::snippet and "
            "ValueCountMatchSpy), since `quest` would time process start-up.",
            "- Percentiles are nearest-rank over all samples of a class.",
            "- Raw numbers: results.json (every sample) and results.csv.",
            ""]


def write(res, out):
    out = Path(out)
    cum = _cumulative(res)
    lines = _header(res) + _articles(res)
    if res["sizes"]:
        lines += (_targets(res, cum) + _indexing(res, cum) + _warm(res)
                  + _cold(res) + _quotes(res) + _agreement(res))
    lines += ["![latency and throughput](chart.svg)", ""] + _method()
    (out / "RESULTS.md").write_text("\n".join(lines))
    _csv(res, cum, out / "results.csv")
    chart.write(res, cum, out / "chart.svg")


def _csv(res, cum, path):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["size", "section", "item", "engine", "stat", "value"])
        for i, e in enumerate(res["sizes"]):
            s = e["size"]["label"]
            for t in TOOLS:
                for k, v in e["indexing"][t].items():
                    if isinstance(v, (int, float)):
                        w.writerow([s, "indexing", "stage", t, k, v])
                for k, v in cum[i][t].items():
                    w.writerow([s, "indexing", "from_scratch", t, k, v])
            for c in CLASSES:
                for t in TOOLS:
                    for k, v in (e["warm"][c][t] or {}).items():
                        w.writerow([s, "warm_ms", c, t, k, v])
                    for k, v in e["cold"][c][t].items():
                        w.writerow([s, "cold", c, t, k, v])
            for c in PHRASE_CLASSES:
                for t, st in e["scan"].get(c, {}).items():
                    for k, v in (st or {}).items():
                        w.writerow([s, "scan_ms", c, t, k, v])
            for k, v in e["quotes"]["pressdex_batch"].items():
                if isinstance(v, (int, float)):
                    w.writerow([s, "quotes", "batch", "pressdex", k, v])
            for t in TOOLS:
                for k, v in e["quotes"]["exact_only"][t].items():
                    w.writerow([s, "quotes", "exact_only", t, k, v])
