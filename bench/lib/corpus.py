"""The benchmark's article sets: the real news corpus when present, topped
up or replaced by generated articles, in one normalised JSON Lines form.

Every tool indexes the same file per size, so the articles are normalised
once here: fields id, outlet, date (YYYY-MM-DD or ""), title, author, text.
Dates are cut to the day and malformed ones (the AllSides set has a few
dozen) emptied, so that no tool's date parser decides what another's
keeps.

Sizes: "full" is every real article; "Nk" / "N" is N articles, a seeded
random sample of the real corpus when that is larger, otherwise the whole
real corpus plus generated articles (generate.py).  Smaller sets are subsets
of larger ones, so one query set (drawn from the 10k sample) fits all, and
each size's indexes are the previous size's plus the articles it adds.
"""
import gzip
import json
import random
import re
from pathlib import Path

REUTERS = "reuters21578.jsonl"
ALLSIDES = "allsides.jsonl.gz"
SAMPLE_SEED = 10_000
DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def find_corpus(root: Path):
    """../shared/corpus beside the repository, or None when it (or either
    of its two sets) is absent."""
    d = root.parent / "shared" / "corpus"
    if (d / REUTERS).is_file() and (d / ALLSIDES).is_file():
        return d
    return None


def fingerprint(corpus_dir):
    """What the prepared files depend on: names, sizes and times."""
    if corpus_dir is None:
        return "generated"
    parts = []
    for name in (REUTERS, ALLSIDES):
        st = (corpus_dir / name).stat()
        parts.append(f"{name}:{st.st_size}:{int(st.st_mtime)}")
    return ";".join(parts)


def clean_date(s):
    m = DATE_RE.match(s or "")
    if not m:
        return ""
    y, mo, d = (int(g) for g in m.groups())
    if not (1900 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31):
        return ""
    return m.group(0)


def normalise(rec):
    author = rec.get("author") or ""
    if isinstance(author, list):
        author = ", ".join(author)
    return {
        "id": rec["id"],
        "outlet": rec.get("outlet") or "",
        "date": clean_date(rec.get("date")),
        "title": rec.get("title") or "",
        "author": author,
        "text": rec.get("text") or rec.get("body") or "",
    }


def read_real(corpus_dir):
    """Every article of both sets with a non-empty text, Reuters first."""
    out = []
    with open(corpus_dir / REUTERS, encoding="utf-8") as f:
        for line in f:
            out.append(normalise(json.loads(line)))
    with gzip.open(corpus_dir / ALLSIDES, "rt", encoding="utf-8") as f:
        for line in f:
            out.append(normalise(json.loads(line)))
    return [a for a in out if a["text"].strip()]


def parse_size(spec, n_real):
    """'10k' -> 10000, '100k' -> 100000, 'full' -> n_real (None when there
    is no real corpus)."""
    spec = spec.strip().lower()
    if spec == "full":
        return n_real or None
    m = re.fullmatch(r"(\d+)(k?)", spec)
    if not m:
        raise ValueError(f"bad size {spec!r}: use full, N or Nk")
    return int(m.group(1)) * (1000 if m.group(2) else 1)


def select(real, generated, n):
    """The n articles of one size: the first n of a seeded shuffle of the
    real articles (kept in corpus order) when there are more than n, else
    all of them followed by generated ones.  Smaller sizes are therefore
    subsets of larger ones, which lets an index grow from one size to the
    next."""
    if len(real) >= n:
        order = list(range(len(real)))
        random.Random(SAMPLE_SEED).shuffle(order)
        return [real[i] for i in sorted(order[:n])]
    return real + generated[: n - len(real)]


def text_bytes(articles):
    """Bytes of article text (title + body), the 'raw text' of the report."""
    return sum(len(a["title"].encode()) + len(a["text"].encode())
               for a in articles)
