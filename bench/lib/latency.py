"""Query latency, warm and cold, for the three engines side by side, and the
brute-force floor (grep and rg over the raw text) for phrases.

Each engine answers through its query server (bench/proto.h), so every
latency is measured inside one process, without start-up.  Warm: the three
servers stay open; for each query class a first round runs every query on
every engine unmeasured (it warms caches), a second asks each engine for
its exact match count (to check that they agree), then measured rounds
follow, query by query, the engines in an order that
rotates, so that a burst of load from another process on the machine falls
on all of them alike.  The number of rounds fits a time budget per class
(at least MIN_ROUNDS).  Cold: for the first query of each class, each
engine's index files are evicted from the page cache, a fresh server opens
the index and runs that one query.
"""
import subprocess
import tempfile
import time

import measure
from indexing import TOOLS, paths

MIN_ROUNDS = 3
MAX_ROUNDS = 20
CLASSES = ["term", "and2", "and3", "phrase_common", "phrase_rare",
           "phrase_filtered", "facets"]
PHRASE_CLASSES = ("phrase_common", "phrase_rare")


class Server:
    """One engine's query server, speaking proto.h over pipes."""

    def __init__(self, cmd):
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True, bufsize=1)
        ready = self.p.stdout.readline().rstrip("\n").split("\t")
        if ready[0] != "ready":
            raise RuntimeError(f"{cmd[0]} did not start: {ready}")
        self.open_us = float(ready[1])

    def ask(self, q):
        self.p.stdin.write("\t".join([q["kind"], q["q"], q["outlet"],
                                      q["from"], q["to"]]) + "\n")
        ans = self.p.stdout.readline().rstrip("\n").split("\t")
        if ans[0] == "error" or len(ans) != 3:
            return {"error": " ".join(ans[1:]) or "no answer"}
        return {"us": float(ans[0]), "hits": int(ans[1]), "total": int(ans[2])}

    def close(self):
        self.p.stdin.close()
        self.p.wait()


def server_cmd(tool, bins, p):
    if tool == "pressdex":
        return [bins["qbench"], "--db", str(p["pressdex"]),
                "--variants", bins["variants"]]
    if tool == "fts5":
        return [bins["fts5bench"], "serve", str(p["fts5"])]
    return [bins["xapbench"], str(p["xapian"])]


def warm_run(queries, idx_dir, bins, budget_s, log):
    """Per class and engine: the list of warm latencies (ms), and per query
    the match counts each engine reported."""
    p = paths(idx_dir)
    servers = {t: Server(server_cmd(t, bins, p)) for t in TOOLS}
    lat = {c: {t: [] for t in TOOLS} for c in CLASSES}
    counts, errors = [], []
    try:
        for cls in CLASSES:
            qs = [q for q in queries if q["class"] == cls]
            t0 = time.perf_counter()
            for q in qs:  # warm-up round, unmeasured
                for t in TOOLS:
                    a = servers[t].ask(q)
                    if "error" in a:
                        errors.append(f"{t}: {q['q']}: {a['error']}")
            per_round = max(time.perf_counter() - t0, 1e-3)
            for q in qs:  # exact match counts, to check the engines agree
                row = {"class": cls, "q": q["q"], "outlet": q["outlet"]}
                for t in TOOLS:
                    row[t] = servers[t].ask(dict(q, kind="count")).get(
                        "total", -1)
                counts.append(row)
            rounds = max(MIN_ROUNDS, min(MAX_ROUNDS, int(budget_s / per_round)))
            for r in range(rounds):
                for i, q in enumerate(qs):
                    k = (r + i) % len(TOOLS)
                    for t in TOOLS[k:] + TOOLS[:k]:
                        a = servers[t].ask(q)
                        if "us" in a:
                            lat[cls][t].append(a["us"] / 1000)
            log(f"  {cls}: {len(qs)} queries x {rounds} rounds "
                f"(a round takes {per_round:.1f} s)")
    finally:
        for s in servers.values():
            s.close()
    return lat, counts, errors


def cold_run(queries, idx_dir, bins, log):
    """Per class and engine: open time and first-query time (ms) from a cold
    page cache, for the first query of the class."""
    p = paths(idx_dir)
    files = {"pressdex": [p["pressdex"]],
             "fts5": list(p["fts5"].parent.glob(p["fts5"].name + "*")),
             "xapian": [p["xapian"]]}
    out = {}
    for cls in CLASSES:
        q = next(x for x in queries if x["class"] == cls)
        out[cls] = {}
        for t in TOOLS:
            measure.evict(*files[t])
            s = Server(server_cmd(t, bins, p))
            a = s.ask(q)
            s.close()
            out[cls][t] = {"open_ms": s.open_us / 1000,
                           "query_ms": a.get("us", float("nan")) / 1000}
    log("  cold: done")
    return out


def scan_floor(queries, text_file, bins):
    """grep -c -F and rg -c -F (case-insensitive, C locale) per phrase over
    the one-article-per-line text: a full scan, the floor without an index.
    Substring semantics ("of the" also finds "of theft"), so a floor on
    time, not an equivalent answer."""
    measure.warm(text_file)
    env = {"LC_ALL": "C", "PATH": "/usr/bin:/bin"}
    out = {c: {"grep": [], "rg": []} for c in PHRASE_CLASSES}
    for q in queries:
        if q["class"] not in PHRASE_CLASSES:
            continue
        phrase = q["q"].strip('"')
        for tool in ("grep", "rg"):
            # Output to a file, not /dev/null: GNU grep notices /dev/null
            # and stops at the first match, which -c must not do.
            with tempfile.TemporaryFile() as sink:
                r = measure.run_timed([bins[tool], "-c", "-F", "-i", "--",
                                       phrase, text_file], stdout=sink, env=env)
            if r["rc"] in (0, 1):  # 1: no line matched
                out[q["class"]][tool].append(r["wall_s"] * 1000)
    return out


def summarise(ms):
    if not ms:
        return None
    return {"n": len(ms), "p50": measure.percentile(ms, 50),
            "p95": measure.percentile(ms, 95),
            "p99": measure.percentile(ms, 99), "max": max(ms)}
