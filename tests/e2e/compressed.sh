#!/usr/bin/env bash
# Compressed input end to end: every format read as .gz (and .zst when the
# zstd tool is at hand to make the files), JSON Lines streamed with the
# same file:line problems as plain files, damage reported at the line it
# starts with the lines before it indexed, a file misnamed .gz refused by
# name, `add --help` listing the compressed forms, `explain` reading a
# compressed page, and a slice of the real AllSides export (skipped when
# the corpus is absent).
. "$(dirname "$0")/lib.sh"

corpus=${PX_CORPUS:-$PX_EXAMPLES/../../shared/corpus}
[[ -d $corpus ]] || corpus=/work/shared/corpus
in="$T/in"
mkdir -p "$in"

# --- add --help lists the compressed forms ---------------------------------
idx add --help >"$T/help"
expect_match "help lists .gz" '^  \.gz, \.zst ' "$T/help"
expect_match "help names a compressed export" 'feed\.jsonl\.gz' "$T/help"

# --- every format, gzip'd ----------------------------------------------------
cat >"$in/feed.jsonl" <<'EOF'
{"id":"z1","title":"Zebra crossing opens","outlet":"Delta Post","date":"2024-05-01","text":"A new zebra crossing opened on the harbour road."}
{"id":"z2","title":"Zebras at the zoo","outlet":"Delta Post","date":"2024-05-02","text":"Two zebras arrived at the city zoo on Tuesday."}
not json at all
{"id":"z3","title":"Third zebra story","outlet":"Delta Post","date":"2024-05-03","text":"The zebra count rose again."}
EOF
printf 'title: Walrus seen in the bay\ndate: 2024-06-01\noutlet: Bay News\n\nA walrus was seen resting on the slipway on Monday morning.\n' >"$in/walrus.txt"
cat >"$in/otter.html" <<'EOF'
<!DOCTYPE html><html><head><title>Otters return to the estuary - River Times</title>
<meta property="og:title" content="Otters return to the estuary">
<meta property="article:published_time" content="2024-07-01T08:00:00Z"></head>
<body><article><h1>Otters return to the estuary</h1>
<p>Otters have been seen in the estuary for the first time in forty years, wardens said.</p>
<p>The otters were filmed at dawn near the old mill.</p></article></body></html>
EOF
gzip "$in/feed.jsonl" "$in/walrus.txt" "$in/otter.html"
expect_status "gzip'd jsonl, txt and html" 3 idx add "$in"
expect_match "a bad line is named by file and line" \
  'feed\.jsonl\.gz:3: invalid JSON' "$T/err"
expect_eq "every article of every format" 5 "$(total --from 1900 '')"
expect_eq "jsonl.gz" 3 "$(total zebra)"
expect_eq "txt.gz metadata from its header" "Walrus seen in the bay|Bay News|2024-06-01" \
  "$(search --json walrus | jq -r '.hits[0] | [.title, .outlet, .date] | join("|")')"
expect_eq "html.gz read as HTML" "Otters return to the estuary|2024-07-01" \
  "$(search --json otters | jq -r '.hits[0] | [.title, .date] | join("|")')"

# --- zstd, when the tool to make it is here --------------------------------
if command -v zstd >/dev/null; then
  gzip -dc "$in/feed.jsonl.gz" | sed 's/"z\([0-9]\)"/"zs\1"/; s/Zebra/Quagga/g; s/zebra/quagga/g' |
    zstd -q -o "$T/feed.ndjson.zst"
  expect_status "zstd ndjson" 3 idx add "$T/feed.ndjson.zst"
  expect_match "zstd line numbers" 'feed\.ndjson\.zst:3: invalid JSON' "$T/err"
  expect_eq "zstd articles" 3 "$(total quagga)"
else
  echo "zstd not installed: .zst part skipped"
fi

# --- damage: the lines before it are indexed, the problem names the line ----
for i in $(seq 1 400); do
  printf '{"id":"d%d","title":"Dredging report %d","date":"2023-03-01","text":"The dredging of the channel continued, report number %d of many, with silt and sand moved out to sea by the barges."}\n' "$i" "$i" "$i"
done >"$T/long.jsonl"
gzip -c "$T/long.jsonl" >"$T/long.jsonl.gz"
size=$(stat -c %s "$T/long.jsonl.gz")
head -c $((size * 2 / 3)) "$T/long.jsonl.gz" >"$T/cut.jsonl.gz"
DB="$T/damaged"
expect_status "truncated gzip" 3 idx add "$T/cut.jsonl.gz"
expect_match "damage named with the file and line" \
  'cut\.jsonl\.gz:[0-9]+: damaged gzip data \(.*\); the [0-9]+ lines before it were read' "$T/err"
before=$(grep -oE 'the [0-9]+ lines before' "$T/err" | tr -dc 0-9)
line=$(grep -oE 'cut\.jsonl\.gz:[0-9]+:' "$T/err" | tr -dc 0-9)
expect_eq "damage line follows the lines read" $((before + 1)) "$line"
expect_eq "the lines before the damage are indexed" "$before" "$(total dredging)"
[[ $before -gt 100 ]] && pass || fail "too few lines before the damage: $before"
expect_no_match "no half line parsed as JSON" 'invalid JSON' "$T/err"

# A flipped byte inside the data: gzip's check catches what inflate misses.
python3 - "$T/long.jsonl.gz" "$T/flip.jsonl.gz" <<'EOF'
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
for i in range(len(d) // 2, len(d) // 2 + 8):
    d[i] ^= 0x55
open(sys.argv[2], 'wb').write(d)
EOF
expect_status "corrupt gzip" 3 idx add "$T/flip.jsonl.gz"
expect_match "corrupt data reported" 'flip\.jsonl\.gz:[0-9]+: damaged gzip data' "$T/err"

# Not gzip at all, though named so; an empty .gz; a damaged page.
cp "$T/long.jsonl" "$T/plain.jsonl.gz"
expect_status "plain file named .gz" 3 idx add "$T/plain.jsonl.gz"
expect_match "refused by name" 'plain\.jsonl\.gz: not gzip data, though the name ends in \.gz' "$T/err"
: >"$T/empty.txt.gz"
expect_status "empty .gz" 3 idx add "$T/empty.txt.gz"
expect_match "empty .gz named" 'empty\.txt\.gz: not gzip data' "$T/err"
printf 'title: Cut page\n\nSome text that will be cut off.\n' | gzip -c | head -c 30 >"$T/cut.txt.gz"
expect_status "damaged page" 3 idx add "$T/cut.txt.gz"
expect_match "damaged page named" 'cut\.txt\.gz: damaged gzip data' "$T/err"

# Members written one after another are one stream, as gzip reads them.
DB="$T/members"
{ head -n 10 "$T/long.jsonl" | gzip -c; tail -n 5 "$T/long.jsonl" | gzip -c; } >"$T/two.jsonl.gz"
expect_status "concatenated members" 0 idx add "$T/two.jsonl.gz"
expect_eq "both members read" 15 "$(total dredging)"

# A line longer than the blocks decompressed at a time stays one line.
DB="$T/long-line"
python3 -c '
import json
print(json.dumps({"id": "big", "title": "Very long story", "text": "quokka " * 60000}))
print(json.dumps({"id": "after", "title": "After it", "text": "quokka once"}))' |
  gzip -c >"$T/longline.jsonl.gz"
expect_status "a 420 KB line" 0 idx add "$T/longline.jsonl.gz"
expect_eq "long line and the next" 2 "$(total quokka)"

# --- explain reads a compressed page as what it holds -----------------------
expect_status "explain a .txt.gz" 0 idx explain "$in/walrus.txt.gz"
expect_match "explain finds the header title" '^title: +Walrus seen in the bay' "$T/out"

# --- a slice of the real AllSides export --------------------------------------
if [[ -r $corpus/allsides.jsonl.gz ]]; then
  DB="$T/allsides"
  gzip -dc "$corpus/allsides.jsonl.gz" 2>/dev/null | head -n 1500 | gzip -c >"$T/allsides.jsonl.gz"
  expect_status "AllSides slice, gzip'd" 0 idx --quiet add "$T/allsides.jsonl.gz"
  expect_eq "every line an article" 1500 "$(idx stats --json | jq .articles)"
  size=$(stat -c %s "$T/allsides.jsonl.gz")
  head -c $((size / 2)) "$T/allsides.jsonl.gz" >"$T/allsides-cut.jsonl.gz"
  DB="$T/allsides-cut"
  expect_status "AllSides slice, truncated" 3 idx --quiet add "$T/allsides-cut.jsonl.gz"
  before=$(grep -oE 'the [0-9]+ lines before' "$T/err" | tr -dc 0-9)
  expect_eq "AllSides lines before the damage indexed" "$before" \
    "$(idx stats --json | jq .articles)"
else
  echo "no AllSides corpus at $corpus: that part skipped"
fi
finish
