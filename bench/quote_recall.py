#!/usr/bin/env python3
"""Quote recall: does `pressdex-search quote` find a reworded quote?

Picks N sentences (10-30 words) from articles of a JSON Lines slice that
is indexed in DB, asks pressdex for the articles carrying each sentence
exactly (quote --min-score 1: the reference set, from the index's exact
phrase search), then rewords each sentence (one word changed by default;
--edit drop|add|two for a dropped, an added, or two changed words) and
traces the reworded text at the default settings.  Recall is the share of
the reference articles the reworded lookup still finds; time is the wall
time of the whole batch divided by the number of quotes.

    bench/quote_recall.py --db IDX --slice articles.jsonl [--n 500]
        [--edit change|drop|add|two] [--search pressdex-search] [--json]

Prints one Markdown table row (or a JSON object with --json).  Seeded, so
that a run is repeatable.
"""
import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time

WORD = re.compile(r"[A-Za-z]+")


def sentences(path, rng, want):
    """Candidate sentences: 10-30 words, plain text, from random articles."""
    arts = [json.loads(l) for l in open(path, encoding="utf-8")]
    rng.shuffle(arts)
    out = []
    for a in arts:
        text = a.get("text") or a.get("body") or ""
        sents = [s for s in re.split(r"(?<=[.!?])\s+", text)
                 if 10 <= len(s.split()) <= 30 and '"' not in s
                 and "\u201c" not in s and "\n" not in s]
        if sents:
            out.append(rng.choice(sents).strip())
        if len(out) >= want:
            break
    return out


def reword(s, edit, rng, vocab):
    w = s.split()
    mid = list(range(len(w) // 3, 2 * len(w) // 3 + 1))
    i = rng.choice(mid)
    if edit == "drop":
        del w[i]
    elif edit == "add":
        w.insert(i, rng.choice(vocab))
    else:
        w[i] = rng.choice([v for v in vocab if v.lower() != w[i].lower()])
        if edit == "two":
            j = rng.choice([k for k in range(len(w)) if abs(k - i) > 1])
            w[j] = rng.choice(vocab)
    return " ".join(w)


def batch(search, db, lines, extra):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("".join(l + "\n" for l in lines))
        name = f.name
    t0 = time.perf_counter()
    p = subprocess.run([search, "--db", db, "quote", "--batch", name] + extra,
                       capture_output=True, text=True)
    dt = time.perf_counter() - t0
    docs = []
    for line in p.stdout.splitlines():
        d = json.loads(line)
        docs.append({m["id"]: m["score"] for m in d.get("timeline", [])})
    return docs, dt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--slice", required=True)
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--edit", default="change",
                    choices=["change", "drop", "add", "two"])
    ap.add_argument("--search", default="pressdex-search")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    sents = sentences(a.slice, rng, a.n)
    vocab = sorted({w for s in sents for w in WORD.findall(s) if len(w) > 3})
    ref, _ = batch(a.search, a.db, sents, ["--min-score", "1"])
    keep = [(s, r) for s, r in zip(sents, ref) if r]
    edited = [reword(s, a.edit, rng, vocab) for s, _ in keep]
    got, dt = batch(a.search, a.db, edited, [])
    carried = sum(len(r) for _, r in keep)
    found = sum(len(set(r) & set(g)) for (_, r), g in zip(keep, got))
    full = sum(set(r) <= set(g) for (_, r), g in zip(keep, got))
    res = {"quotes": len(keep), "edit": a.edit, "articles": carried,
           "found": found, "recall": found / max(1, carried),
           "quotes_fully_found": full,
           "ms_per_quote": dt * 1000 / max(1, len(keep))}
    if a.json:
        print(json.dumps(res))
    else:
        print(f"| quote recall, {a.edit} ({res['quotes']} quotes, "
              f"{carried} articles) | {100 * res['recall']:.1f} % | "
              f"{full}/{res['quotes']} quotes complete | "
              f"{res['ms_per_quote']:.1f} ms/quote |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
