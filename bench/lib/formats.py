"""The three input files written for each size, one per kind of reader:

  articles.jsonl  pressdex-index and px-fts5bench (the normalised articles)
  scriptindex.dump  scriptindex's "name=value" records (see index.script)
  text.txt        one article per line, title then body, for grep and rg,
                  so that `grep -c` counts articles
"""
import json


def write_jsonl(path, articles):
    with open(path, "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a, ensure_ascii=False))
            f.write("\n")


def _dump_field(f, name, value):
    if value:
        # A newline inside a value is continued by a line starting with '='.
        f.write(f"{name}={value.replace(chr(10), chr(10) + '=')}\n")


def write_dump(path, articles):
    with open(path, "w", encoding="utf-8") as f:
        for a in articles:
            _dump_field(f, "id", a["id"])
            _dump_field(f, "outlet", a["outlet"])
            if a["date"]:
                _dump_field(f, "date", a["date"].replace("-", ""))
                _dump_field(f, "month", a["date"][:7])
            _dump_field(f, "title", a["title"])
            _dump_field(f, "text", a["text"])  # last: px-xapbench relies on it
            f.write("\n")


def write_text(path, articles):
    with open(path, "w", encoding="utf-8") as f:
        for a in articles:
            line = f"{a['title']} {a['text']}"
            f.write(line.replace("\r", " ").replace("\n", " "))
            f.write("\n")
