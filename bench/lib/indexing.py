"""Grows the three indexes to one size and measures each engine's run:
wall and CPU time, peak RSS, throughput in articles/s and MB/s of article
text (title + body: the one input measure common to all three, whose input
files differ a little in framing), and the size on disk as built and after
compaction (xapian-compact for the two Xapian databases, FTS5's 'optimize'
plus VACUUM for SQLite; done on copies, which are then removed, since
queries run on the indexes as built).

The smallest size is built from scratch; each larger one adds its new
articles to the indexes of the previous size (prepare.py), as an archive
grows, so that every article is indexed once per engine and a whole run
stays within its time budget.  Building the largest size from scratch in
stages costs the sum of the stages, which the report shows as well.

The engines run one after the other, pressdex first, in the same run, so
that all three share the machine's state of the moment.
"""
import os
import shutil
from pathlib import Path

from measure import disk_bytes, run_timed

TOOLS = ("pressdex", "fts5", "xapian")
# scriptindex flushes every 1,000 documents, the batch pressdex commits at,
# rather than its default 10,000: the same durability, and 20-25 % faster
# on these articles than the default.
ENV = {"xapian": dict(os.environ, XAPIAN_FLUSH_THRESHOLD="1000")}
TOOL_NAMES = {"pressdex": "pressdex", "fts5": "SQLite FTS5",
              "xapian": "Xapian scriptindex"}


def paths(idx_dir):
    d = Path(idx_dir)
    return {"pressdex": d / "pressdex", "fts5": d / "fts5.db",
            "xapian": d / "xapian"}


def _commands(bins, size, p, fresh):
    inp = Path(size["dir"])
    return {
        "pressdex": [bins["pressdex_index"], "--db", str(p["pressdex"]),
                     "--quiet", "add", str(inp / "add.jsonl")],
        "fts5": [bins["fts5bench"], "load", str(p["fts5"]),
                 str(inp / "add.jsonl")],
        "xapian": [bins["scriptindex"]] + (["--overwrite"] if fresh else [])
        + [str(p["xapian"]), bins["index_script"], str(inp / "add.dump")],
    }


def _remove(path):
    path = Path(path)
    if path.is_dir():
        shutil.rmtree(path)
    else:
        for f in path.parent.glob(path.name + "*"):  # db, -wal, -shm
            f.unlink()


def _compacted(tool, bins, p, work):
    """(bytes, seconds) of the index after compaction, or None if it fails."""
    tmp = Path(work) / f"compact-{tool}"
    _remove(tmp)
    if tool == "fts5":
        shutil.copyfile(p["fts5"], tmp)
        r = run_timed([bins["sqlite3"], str(tmp),
                       "INSERT INTO articles(articles) VALUES('optimize');"
                       " VACUUM;"])
        size = disk_bytes(tmp)
    else:
        src = p["pressdex"] / "xapian" if tool == "pressdex" else p["xapian"]
        r = run_timed([bins["xapian_compact"], str(src), str(tmp)])
        size = disk_bytes(tmp)
        if tool == "pressdex":  # the store stays as it is
            size += disk_bytes(p["pressdex"]) - disk_bytes(src)
    _remove(tmp)
    if r["rc"] != 0:
        return None
    return size, r["wall_s"]


def build_all(size, idx_dir, bins, log, compact=True):
    """Adds size's new articles to the indexes in idx_dir (made anew when
    size has no base)."""
    p = paths(idx_dir)
    fresh = size["base"] is None
    Path(idx_dir).mkdir(parents=True, exist_ok=True)
    cmds = _commands(bins, size, p, fresh)
    out = {}
    for tool in TOOLS:
        if fresh:
            _remove(p[tool])
        log(f"index {size['label']}: {TOOL_NAMES[tool]} adds "
            f"{size['n_added']} articles ...")
        r = run_timed(cmds[tool], env=ENV.get(tool))
        if r["rc"] not in (0,):
            raise RuntimeError(f"{TOOL_NAMES[tool]} indexing failed "
                               f"(exit {r['rc']}): {r['stderr']}")
        stderr = r.pop("stderr")
        r["articles_per_s"] = size["n_added"] / r["wall_s"]
        r["text_mb_per_s"] = size["added_text_bytes"] / 1e6 / r["wall_s"]
        r["disk_bytes"] = disk_bytes(p[tool]) if tool != "fts5" else \
            disk_bytes(*p[tool].parent.glob(p[tool].name + "*"))
        if tool == "pressdex":
            r["store_bytes"] = disk_bytes(p[tool] / "articles.sqlite",
                                          *p[tool].glob("articles.sqlite-*"))
            r["xapian_bytes"] = disk_bytes(p[tool] / "xapian")
        if stderr.strip():
            r["stderr_tail"] = stderr.strip().splitlines()[-1][:300]
        if compact:
            c = _compacted(tool, bins, p, idx_dir)
            if c:
                r["compact_bytes"], r["compact_s"] = c
        out[tool] = r
        log(f"index {size['label']}: {TOOL_NAMES[tool]}: "
            f"{r['wall_s']:.1f} s wall, {r['cpu_s']:.1f} s CPU, "
            f"{r['articles_per_s']:.0f} articles/s, "
            f"{r['disk_bytes'] / 1e6:.0f} MB on disk")
    return out
