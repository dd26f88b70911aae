"""Small measuring tools: run a command with its resource usage, size a
directory on disk, evict files from the page cache."""
import math
import os
import subprocess
import tempfile
from pathlib import Path


# px-timed (bench/timed.c), set by bench.py once the build is done.
TIMED = None


def run_timed(cmd, stdout=subprocess.DEVNULL, env=None):
    """Runs cmd to completion under px-timed; returns wall, user and system
    seconds, peak RSS (MB) and exit status of cmd, and its stderr's tail."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as rep:
        p = subprocess.run([TIMED, rep.name] + [str(c) for c in cmd],
                           stdout=stdout, stderr=subprocess.PIPE, env=env)
        fields = rep.read().split()
    if len(fields) != 5:
        raise RuntimeError(f"px-timed failed on {cmd[0]}: "
                           f"{p.stderr.decode(errors='replace')[-500:]}")
    wall, user, sys_, rss_kb = (float(x) for x in fields[:4])
    return {"wall_s": wall, "user_s": user, "sys_s": sys_,
            "cpu_s": user + sys_, "peak_rss_mb": rss_kb / 1024,
            "rc": int(fields[4]),
            "stderr": p.stderr.decode(errors="replace")[-2000:]}


def _files(path):
    path = Path(path)
    if path.is_file():
        yield path
    elif path.is_dir():
        for dirpath, _, names in os.walk(path):
            for n in names:
                yield Path(dirpath) / n


def disk_bytes(*paths):
    """Bytes allocated on disk (what du counts) under the given paths."""
    total = 0
    for p in paths:
        for f in _files(p):
            try:
                total += f.stat().st_blocks * 512
            except FileNotFoundError:
                pass
    return total


def evict(*paths):
    """Drops these files' pages from the page cache (POSIX_FADV_DONTNEED on
    clean pages; no root needed, and other programs' caches stay), so the
    next open reads from disk: a cold start for this index only."""
    for p in paths:
        for f in _files(p):
            try:
                fd = os.open(f, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.fsync(fd)  # dirty pages cannot be dropped
            except OSError:
                pass
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            os.close(fd)


def warm(path):
    """Reads a file once so that later scans of it hit the page cache."""
    with open(path, "rb") as f:
        while f.read(1 << 22):
            pass


def percentile(values, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    v = sorted(values)
    return v[max(0, math.ceil(p / 100 * len(v)) - 1)]
