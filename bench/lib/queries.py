"""The query set: drawn once, with a fixed seed, from the 10k sample, which
every larger set contains, so the same queries run on every size and each
has at least one match.

Query strings use only what all three engines read the same way: lower-case
words (implicit AND) and "quoted phrases".  Classes:

  term             single words, five from each of four document-frequency
                   bands (very common to rare)
  and2, and3       two and three words taken from one article
  phrase_common    fixed phrases of very common words ("of the", "to be or
                   not to be"): long position lists to intersect
  phrase_rare      three adjacent words of an article, one of them rare
  phrase_filtered  two adjacent words of an article, filtered to its outlet
                   and its year
  facets           the broadest words, with exact outlet and month counts
                   over every match

Quotes for the batch lookup are sentences of 8-20 plain words from sample
articles; every third has one word changed, as a misquote would.
"""
import random
import re
from collections import Counter

SEED = 2024
WORD_RE = re.compile(r"[a-z]+")
PLAIN = re.compile(r"[A-Za-z]+")
QUOTE_TOKEN = re.compile(r"[A-Za-z]+[,;:]?")

STOP = set("""a about after all also an and any are as at be because been
before but by can could did do does even first for from had has have he her
his how i if in into is it its just last like many more most mr ms much no
not now of on one only or other our out over said she so some such than that
the their them then there these they this those through to two up very was
we were what when where which while who will with would year years you""".split())

COMMON_PHRASES = ["of the", "in the", "to be or not to be", "one of the",
                  "at the same time", "as well as", "on the other hand",
                  "the end of the"]
CHANGE_WORDS = ["new", "old", "many", "few", "big", "small", "early", "late"]


def _doc_freq(articles):
    df = Counter()
    for a in articles:
        df.update(set(WORD_RE.findall((a["title"] + " " + a["text"]).lower())))
    return df


def _eligible(word):
    return len(word) >= 3 and word not in STOP


def _terms(df, n_docs, rng):
    bands = [(0.10, 0.60), (0.02, 0.10), (0.003, 0.02), (0.0005, 0.003)]
    out = []
    for lo, hi in bands:
        cands = sorted(w for w, c in df.items()
                       if _eligible(w) and lo <= c / n_docs < hi)
        out += rng.sample(cands, min(5, len(cands)))
    return out


def _and_words(articles, df, n_docs, rng, k, n):
    out = []
    while len(out) < n:
        a = rng.choice(articles)
        words = sorted({w for w in WORD_RE.findall(a["text"].lower())
                        if _eligible(w) and 0.003 <= df[w] / n_docs < 0.2})
        if len(words) >= k:
            out.append(" ".join(rng.sample(words, k)))
    return out


def _windows(text, k):
    """Runs of k adjacent plain words (no punctuation between them)."""
    toks = text.split()
    for i in range(len(toks) - k + 1):
        win = toks[i:i + k]
        if all(PLAIN.fullmatch(t) for t in win):
            yield [t.lower() for t in win]


def _rare_phrases(articles, df, n_docs, rng, n):
    out, tries = [], 0
    while len(out) < n and tries < 100 * n:
        tries += 1
        a = rng.choice(articles)
        wins = [w for w in _windows(a["text"], 3)
                if min(df[x] for x in w) / n_docs <= 0.002
                and all(len(x) >= 2 for x in w)]
        if wins:
            p = '"' + " ".join(rng.choice(wins)) + '"'
            if p not in out:
                out.append(p)
    return out


def _filtered_phrases(articles, df, n_docs, rng, n):
    out, tries = [], 0
    while len(out) < n and tries < 100 * n:
        tries += 1
        a = rng.choice(articles)
        if not a["outlet"] or not a["date"]:
            continue
        wins = [w for w in _windows(a["text"], 2)
                if any(_eligible(x) for x in w)
                and min(df[x] for x in w) / n_docs >= 0.01]
        if wins:
            year = a["date"][:4]
            out.append(('"' + " ".join(rng.choice(wins)) + '"', a["outlet"],
                        f"{year}-01-01", f"{year}-12-31"))
    return out


def _quotes(articles, rng, n):
    out, seen, tries = [], set(), 0
    while len(out) < n and tries < 50 * n:
        tries += 1
        a = rng.choice(articles)
        sents = [s.split() for s in re.split(r"(?<=[.!?])\s+", a["text"])]
        sents = [s for s in sents if 8 <= len(s) <= 20
                 and all(QUOTE_TOKEN.fullmatch(t.rstrip(".!?")) for t in s)]
        if not sents:
            continue
        words = [t.rstrip(".!?") for t in rng.choice(sents)]
        changed = len(out) % 3 == 2
        if changed:
            i = rng.randrange(2, len(words) - 2)
            words[i] = rng.choice([w for w in CHANGE_WORDS
                                   if w != words[i].lower()])
        text = " ".join(words)
        if text in seen:
            continue
        seen.add(text)
        phrase = '"' + " ".join(w.strip(",;:").lower() for w in words) + '"'
        out.append({"text": text, "phrase": phrase, "changed": changed})
    return out


def build(sample, n_quotes=1000):
    """The query set and the quotes, as plain data (saved as JSON)."""
    rng = random.Random(SEED)
    df = _doc_freq(sample)
    n = len(sample)
    qs = []

    def add(cls, q, kind="search", outlet="", lo="", hi=""):
        qs.append({"class": cls, "kind": kind, "q": q, "outlet": outlet,
                   "from": lo, "to": hi})

    for t in _terms(df, n, rng):
        add("term", t)
    for q in _and_words(sample, df, n, rng, 2, 20):
        add("and2", q)
    for q in _and_words(sample, df, n, rng, 3, 20):
        add("and3", q)
    for p in COMMON_PHRASES:
        add("phrase_common", f'"{p}"')
    for p in _rare_phrases(sample, df, n, rng, 20):
        add("phrase_rare", p)
    for p, outlet, lo, hi in _filtered_phrases(sample, df, n, rng, 20):
        add("phrase_filtered", p, outlet=outlet, lo=lo, hi=hi)
    broad = sorted((w for w in df if _eligible(w)), key=lambda w: -df[w])[:5]
    for w in broad:
        add("facets", w, kind="facets")
    return {"queries": qs, "quotes": _quotes(sample, rng, n_quotes)}
