"""chart.svg, written by hand (no plotting library): warm p50 and p95
latency per query class at the largest size on a log scale, and indexing
throughput from scratch per size."""
import math
from html import escape

from indexing import TOOLS
from latency import CLASSES

COLORS = {"pressdex": "#1f5fa8", "fts5": "#e07b18", "xapian": "#3a9a3a",
          "grep": "#888888"}
NAMES = {"pressdex": "pressdex", "fts5": "SQLite FTS5",
         "xapian": "Xapian (scriptindex)", "grep": "grep -F (scan)"}
LABELS = {"term": "single term", "and2": "2-word AND", "and3": "3-word AND",
          "phrase_common": "common phrase", "phrase_rare": "rare phrase",
          "phrase_filtered": "phrase+filters", "facets": "facets"}
W = 920
LEFT = 150      # room for class labels
PLOT_W = 600


def _text(x, y, s, size=12, anchor="start", weight="normal", fill="#222"):
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" '
            f'text-anchor="{anchor}" font-weight="{weight}" fill="{fill}">'
            f"{escape(s)}</text>")


def _latency_panel(e, top):
    """Grouped bars per class: p50 solid, p95 as a thin whisker."""
    vals = [e["warm"][c][t][k] for c in CLASSES for t in TOOLS
            for k in ("p50", "p95") if e["warm"][c][t]]
    vals += [e["scan"][c]["grep"]["p50"] for c in e["scan"]
             if e["scan"][c].get("grep")]
    lo = 10 ** math.floor(math.log10(max(min(vals) / 2, 1e-3)))
    hi = 10 ** math.ceil(math.log10(max(vals)))

    def x(v):
        return LEFT + PLOT_W * (math.log10(max(v, lo)) - math.log10(lo)) / \
            (math.log10(hi) - math.log10(lo))

    bar, gap = 11, 16
    out = [_text(20, top, f"Warm query latency at {e['size']['label']} "
                 f"({e['size']['n']:,} articles): bar = p50, whisker = p95, "
                 "ms, log scale", 15, weight="bold")]
    y = top + 20
    height = len(CLASSES) * (4 * bar + gap)
    dec = lo
    while dec <= hi * 1.0001:
        xx = x(dec)
        out.append(f'<line x1="{xx:.1f}" y1="{y}" x2="{xx:.1f}" '
                   f'y2="{y + height}" stroke="#ddd"/>')
        out.append(_text(xx, y + height + 14, f"{dec:g}", 11, "middle"))
        dec *= 10
    for c in CLASSES:
        out.append(_text(LEFT - 8, y + 2 * bar + 4, LABELS[c], 12, "end"))
        series = [(t, e["warm"][c][t]) for t in TOOLS]
        g = e["scan"].get(c, {}).get("grep")
        series.append(("grep", g))
        for t, s in series:
            if s:
                w = x(s["p50"]) - LEFT
                out.append(f'<rect x="{LEFT}" y="{y}" width="{max(w, 1):.1f}" '
                           f'height="{bar - 2}" fill="{COLORS[t]}"/>')
                if t != "grep":
                    out.append(
                        f'<line x1="{x(s["p50"]):.1f}" y1="{y + bar / 2 - 1}" '
                        f'x2="{x(s["p95"]):.1f}" y2="{y + bar / 2 - 1}" '
                        f'stroke="{COLORS[t]}" stroke-width="1.5"/>')
                out.append(_text(x(s["p95"] if t != "grep" else s["p50"]) + 4,
                                 y + bar - 3, f"{s['p50']:.3g}", 9,
                                 fill="#555"))
            y += bar
        y += gap
    return out, y + 40


def _throughput_panel(res, cum, top):
    vmax = max(cum[i][t]["articles_per_s"] for i in range(len(cum))
               for t in TOOLS)
    out = [_text(20, top, "Indexing throughput, from scratch to each size "
                 "(articles/s)", 15, weight="bold")]
    y = top + 20
    bar, gap = 13, 12
    for i, e in enumerate(res["sizes"]):
        out.append(_text(LEFT - 8, y + 1.5 * bar + 4, e["size"]["label"], 12,
                         "end"))
        for t in TOOLS:
            v = cum[i][t]["articles_per_s"]
            w = PLOT_W * v / vmax
            out.append(f'<rect x="{LEFT}" y="{y}" width="{max(w, 1):.1f}" '
                       f'height="{bar - 2}" fill="{COLORS[t]}"/>')
            out.append(_text(LEFT + w + 4, y + bar - 3, f"{v:,.0f}", 10,
                             fill="#555"))
            y += bar
        y += gap
    return out, y + 10


def _legend(y):
    out, x = [], LEFT
    for t in TOOLS + ("grep",):
        out.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" '
                   f'fill="{COLORS[t]}"/>')
        out.append(_text(x + 16, y, NAMES[t], 12))
        x += 40 + 7 * len(NAMES[t])
    return out, y + 24


def write(res, cum, path):
    if not res["sizes"]:
        return
    parts, y = _legend(24)
    p, y = _latency_panel(res["sizes"][-1], y + 10)
    parts += p
    p, y = _throughput_panel(res, cum, y + 10)
    parts += p
    parts.append(_text(20, y + 4, f"{res['machine']['nproc']} CPUs, "
                       f"{res['machine']['cpu']}; {res['machine']['date']}; "
                       "bench/run", 10, fill="#666"))
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" '
           f'height="{y + 16}" viewBox="0 0 {W} {y + 16}" '
           'font-family="Helvetica, Arial, sans-serif">\n'
           f'<rect width="100%" height="100%" fill="white"/>\n'
           + "\n".join(parts) + "\n</svg>\n")
    path.write_text(svg)
