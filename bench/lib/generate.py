"""Generated news-like articles, for topping the real corpus up to a size it
does not reach, or standing in for it when it is absent.

Words are drawn independently from a unigram model.  With the real corpus
the model is the corpus's own word frequencies (a Zipfian distribution by
nature, with its real long tail), article lengths are drawn from the real
lengths, and each article takes the outlet and date of a random real one,
so that facets keep the real skew.  Without it, the model is Zipf-Mandelbrot
(p(r) ~ 1/(r + 2.7)) over common English words followed by made-up ones,
lengths are log-normal around 400 words (mean 480), and outlets are Zipf-distributed
over 60 invented names.  Independent draws make phrases of common words
occur at their chance rate and longer phrases rarely, which is what makes
common-word phrase queries expensive; the words of real phrases do not
cluster the way they do in real text.

Every generated article is marked: its id starts with "generated-" and its
outlet (without the real corpus) with "Generated".
"""
import random
from collections import Counter
from datetime import date, timedelta

SEED = 5
_PUNCT = str.maketrans({c: " " for c in
                        "!\"#$%&'()*+,./:;<=>?@[\\]^_`{|}~\u2018\u2019\u201c"
                        "\u201d\u2013\u2014\u2026\u00a0"})

# The head of English word frequency, in rank order (for the synthetic
# model); it includes the words of the benchmark's common-word phrases.
COMMON = """the of and to a in that is for it on was with he as be by at have
are this not but from his they or had an which she we you said their has
her were been one will all would there more its who so about can if also
after two up when out new people than them into other year what some first
time over no could only him these last years other state government our
just my most president like do may before three because over made while
back such then many us police told world even well any against how city
between where those through end still country since week should being
day both under take going old public national house during percent part
million group news report says three four high former right around much
former law including top officials later since another make way going
same hand""".split()


class Model:
    """Draws words, lengths, outlets and dates."""

    def __init__(self, words, weights, lengths, meta, rng):
        self.words = words
        self.cum = []
        total = 0.0
        for w in weights:
            total += w
            self.cum.append(total)
        self.lengths = lengths
        self.meta = meta
        self.rng = rng

    def draw(self, k):
        return self.rng.choices(self.words, cum_weights=self.cum, k=k)


def fit(real, rng):
    """The unigram model of the real articles (words split at whitespace
    and punctuation, in lower case: str.translate and str.split run in C,
    several times faster than a regular expression over 36M words)."""
    counts = Counter()
    lengths = []
    for a in real:
        toks = a["text"].lower().translate(_PUNCT).split()
        counts.update(toks)
        lengths.append(len(toks))
    words, weights = zip(*counts.most_common())
    meta = [(a["outlet"], a["date"]) for a in real]
    return Model(list(words), list(weights), lengths, meta, rng)


def _made_up_word(rng):
    syll = ["ka", "ro", "tel", "vin", "mar", "los", "der", "an", "es", "ti",
            "bu", "ne", "sor", "pal", "qu", "im", "ho", "zen", "ur", "ax"]
    # 2-5 syllables of 20: 3.4 million possible words, far more than the
    # vocabulary asks for, so drawing distinct ones ends quickly.
    return "".join(rng.choice(syll) for _ in range(rng.randint(2, 5)))


def synthetic(rng, vocabulary=200_000):
    """A Zipf-Mandelbrot model over common words then made-up ones."""
    seen, words = set(), []
    for w in COMMON:
        if w not in seen:
            seen.add(w)
            words.append(w)
    while len(words) < vocabulary:
        w = _made_up_word(rng)
        if w not in seen:
            seen.add(w)
            words.append(w)
    weights = [1.0 / (r + 2.7) for r in range(1, len(words) + 1)]
    lengths = [max(30, int(rng.lognormvariate(6.0, 0.6))) for _ in range(5000)]
    outlets = [f"Generated Outlet {i:02d}" for i in range(1, 61)]
    out_w = [1.0 / r for r in range(1, 61)]
    start = date(2012, 1, 1)
    meta = []
    for _ in range(5000):
        o = rng.choices(outlets, weights=out_w)[0]
        d = "" if rng.random() < 0.08 else \
            (start + timedelta(days=rng.randrange(9 * 365))).isoformat()
        meta.append((o, d))
    return Model(words, weights, lengths, meta, rng)


def _sentences(words, rng):
    out, i = [], 0
    while i < len(words):
        n = rng.randint(8, 30)
        s = words[i:i + n]
        i += n
        out.append(s[0].capitalize() + (" " + " ".join(s[1:]) if s[1:] else "")
                   + ".")
    paras, j = [], 0
    while j < len(out):
        n = rng.randint(2, 6)
        paras.append(" ".join(out[j:j + n]))
        j += n
    return "\n\n".join(paras)


def articles(model, n, first=1):
    """n generated articles, ids generated-<first>..."""
    rng = model.rng
    out = []
    for i in range(first, first + n):
        length = rng.choice(model.lengths) or 50
        body = _sentences(model.draw(length), rng)
        title = " ".join(w.capitalize() for w in model.draw(rng.randint(5, 12)))
        outlet, day = rng.choice(model.meta)
        out.append({"id": f"generated-{i:06d}", "outlet": outlet, "date": day,
                    "title": title, "author": "", "text": body})
    return out
