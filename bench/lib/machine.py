"""What the numbers were measured on: CPUs, memory, load, versions."""
import os
import platform
import subprocess
import time


def _cmd(args):
    try:
        out = subprocess.run(args, capture_output=True, text=True, timeout=20)
        if out.returncode != 0:
            return "?"
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "?"


def _cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def _ram_gb():
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
        return round(kb / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        return None


def info(bins):
    root = os.path.dirname(os.path.dirname(bins["index_script"]))
    commit = _cmd(["git", "-C", root, "rev-parse", "--short", "HEAD"])
    dirty = _cmd(["git", "-C", root, "status", "--porcelain",
                  "--untracked-files=no"])
    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "nproc": os.cpu_count(),
        "cpu": _cpu_model(),
        "ram_gb": _ram_gb(),
        "kernel": platform.release(),
        "loadavg_at_start": os.getloadavg(),
        "pressdex_commit": commit + (" (+ uncommitted changes)"
                                     if dirty not in ("", "?") else ""),
        "xapian": _cmd(["pkg-config", "--modversion", "xapian-core"]),
        "sqlite": _cmd(["pkg-config", "--modversion", "sqlite3"]),
        "scriptindex": _cmd([bins["scriptindex"], "--version"]),
        "grep": _cmd([bins["grep"], "--version"]),
        "rg": _cmd([bins["rg"], "--version"]),
        "cc": _cmd(["cc", "--version"]),
        "python": platform.python_version(),
    }
