"""Prepares, or reuses, the input files of every size and the query set.

Sizes are run smallest first and the indexes grow from one to the next
(indexing.py), so each size directory holds the articles it adds to the
previous one, in the two indexers' input formats, and the text of all its
articles for grep and rg (formats.py):

  WORK/corpus/<size>/add.jsonl, add.dump, text.txt, info.json
  WORK/corpus/queries.json

WORK is outside the repository by default: these are copies of corpus text
and must never be committed.  A size is reused when its info.json records
the same stamp (corpus fingerprint + a hash of this code) and the same
previous size, so a second run starts at once.
"""
import hashlib
import json
import random
import time
from pathlib import Path

import corpus
import formats
import generate
import queries


def _code_hash():
    h = hashlib.sha256()
    for mod in (corpus, formats, generate, queries):
        h.update(Path(mod.__file__).read_bytes())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:12]


def _read_json(path):
    try:
        return json.loads(Path(path).read_text())
    except (OSError, ValueError):
        return {}


def _write_size(d, arts, added, prev, stamp, model_desc, has_real):
    d.mkdir(exist_ok=True)
    formats.write_jsonl(d / "add.jsonl", added)
    formats.write_dump(d / "add.dump", added)
    formats.write_text(d / "text.txt", arts)
    n_gen = sum(a["id"].startswith("generated-") for a in arts)
    info = {"stamp": stamp, "label": d.name, "base": prev, "n": len(arts),
            "n_real": len(arts) - n_gen, "n_generated": n_gen,
            "n_added": len(added),
            "generated_model": model_desc if n_gen else None,
            "real_sets": ["reuters21578", "allsides"] if has_real else [],
            "text_bytes": corpus.text_bytes(arts),
            "added_text_bytes": corpus.text_bytes(added)}
    (d / "info.json").write_text(json.dumps(info, indent=1))
    return info


def prepare(root, work, size_specs, log):
    """Returns (sizes, query_set): sizes is a list of info dicts (with
    "dir"), smallest first; a size that cannot be made (full without the
    real corpus) is reported and left out."""
    cdir = corpus.find_corpus(root)
    stamp = f"{corpus.fingerprint(cdir)};{_code_hash()}"
    base = Path(work) / "corpus"
    base.mkdir(parents=True, exist_ok=True)
    if cdir is None:
        log(f"no real corpus at {root.parent / 'shared' / 'corpus'}: "
            "every article is GENERATED (Zipf model)")

    wanted = []
    for spec in (s.strip().lower() for s in size_specs):
        corpus.parse_size(spec, 1)  # raises on a malformed size
        if spec == "full" and cdir is None:
            log("size full: skipped, it needs the real corpus")
        elif spec not in wanted:
            wanted.append(spec)

    real = None
    meta = _read_json(base / "real.json")
    if meta.get("stamp") == stamp:
        n_real = meta["n_real"]
    else:
        t0 = time.time()
        real = corpus.read_real(cdir) if cdir else []
        n_real = len(real)
        (base / "real.json").write_text(json.dumps({"stamp": stamp,
                                                    "n_real": n_real}))
        log(f"inputs: {n_real} real articles read in {time.time() - t0:.0f} s")
    targets = {s: corpus.parse_size(s, n_real) for s in wanted}
    order = sorted(wanted, key=lambda s: targets[s])
    stages = list(zip(order, [None] + order[:-1]))

    def cached(s, prev):
        info = _read_json(base / s / "info.json")
        return info.get("stamp") == stamp and info.get("base") == prev

    todo = [(s, prev) for s, prev in stages if not cached(s, prev)]
    qinfo = _read_json(base / "queries.info.json")
    if todo or qinfo.get("stamp") != stamp:
        if real is None:
            real = corpus.read_real(cdir) if cdir else []
        need_gen = max([10_000 - n_real] + [targets[s] - n_real
                                            for s, _ in todo])
        generated, model_desc = [], None
        if need_gen > 0:
            t1 = time.time()
            rng = random.Random(generate.SEED)
            model = generate.fit(real, rng) if real else generate.synthetic(rng)
            model_desc = ("unigram model fitted to the real corpus" if real
                          else "Zipf-Mandelbrot model over English and "
                               "made-up words")
            generated = generate.articles(model, need_gen)
            log(f"inputs: {need_gen} articles generated ({model_desc}) "
                f"in {time.time() - t1:.0f} s")
        for s, prev in todo:
            arts = corpus.select(real, generated, targets[s])
            before = {a["id"] for a in corpus.select(real, generated,
                                                     targets[prev])} \
                if prev else set()
            added = [a for a in arts if a["id"] not in before]
            info = _write_size(base / s, arts, added, prev, stamp, model_desc,
                               bool(real))
            log(f"inputs: {s}: {info['n']} articles ({info['n_real']} real, "
                f"{info['n_generated']} generated; {info['n_added']} added to "
                f"{prev or 'an empty index'}), "
                f"{info['text_bytes'] / 1e6:.0f} MB of text")
        if qinfo.get("stamp") != stamp:
            qset = queries.build(corpus.select(real, generated, 10_000))
            qset["drawn_from"] = ("10k sample of the real corpus" if real
                                  else "first 10k generated articles")
            (base / "queries.json").write_text(json.dumps(qset, indent=1))
            (base / "queries.info.json").write_text(
                json.dumps({"stamp": stamp}))
    else:
        log("inputs: reusing prepared files in " + str(base))

    sizes = []
    for s, _ in stages:
        info = _read_json(base / s / "info.json")
        info["dir"] = str(base / s)
        sizes.append(info)
    return sizes, json.loads((base / "queries.json").read_text())
