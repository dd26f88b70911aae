#!/usr/bin/env python3
"""Independent counts for tests/search/corpus.sh: how many stored articles
(title + body, read straight from articles.sqlite) match each regular
expression, case-insensitively.  Typographic apostrophes count as plain
ones, as the index folds them.

    scan.py DB REGEX...   -> one count per line
"""
import re
import sqlite3
import sys

db = sqlite3.connect(f"file:{sys.argv[1]}/articles.sqlite?mode=ro", uri=True)
pats = [re.compile(p, re.I) for p in sys.argv[2:]]
counts = [0] * len(pats)
for title, body in db.execute("SELECT title, body FROM articles"):
    text = ((title or "") + "\n" + (body or "")).replace("\u2019", "'")
    for i, p in enumerate(pats):
        counts[i] += bool(p.search(text))
print("\n".join(map(str, counts)))
