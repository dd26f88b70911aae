#!/usr/bin/env bash
# run.sh BINARY KIND SECONDS CORPUS-ROOT [SEED-DIR...]
#
# Runs one reader fuzz target (fuzz_readers.c) for SECONDS on the corpus in
# CORPUS-ROOT/KIND (kept between runs: what one run finds, the next starts
# from), seeded from the tree's own pages (tests/extraction, examples) and
# from each SEED-DIR given (scripts/fuzz passes the shared corpora; gzip'd
# files are unpacked, JSON Lines exports cut into small files).  KIND is
# txt, html, warc or jsonl.  Exits as libFuzzer does: non-zero on a finding,
# whose reproducer it leaves in CORPUS-ROOT/KIND-crashes/.
set -eu
bin=$1 kind=$2 secs=$3 root=$4
shift 4
src=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$root/$kind
crashes=$root/$kind-crashes
mkdir -p "$corpus" "$crashes"

# seed EXT DIR...: files named *.EXT or *.EXT.gz under 256 KB, at most 300.
seed() {
  local ext=$1 n=0 f; shift
  for dir in "$@"; do
    [[ -d $dir ]] || continue
    n=0
    while IFS= read -r -d '' f; do
      n=$((n + 1)); [[ $n -le 300 ]] || break
      case $f in
        *.gz) gzip -dc "$f" 2>/dev/null | head -c 262144 >"$corpus/seed-${dir//\//_}-$n.$ext" ;;
        *) cp "$f" "$corpus/seed-${dir//\//_}-$n.$ext" ;;
      esac
    done < <(find "$dir" -type f \( -name "*.$ext" -o -name "*.$ext.gz" \) \
               -size -256k -print0 | sort -z)
  done
}

# A WARC response record around each HTML seed, plain and gzip'd.
warc_seeds() {
  local html=$root/warc-html n=0 f body
  mkdir -p "$html"
  corpus=$html seed html "$src/tests/extraction/pages" "$@"
  for f in "$html"/*.html; do
    [[ -f $f ]] || continue
    n=$((n + 1)); [[ $n -le 40 ]] || break
    body=$(printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n'; cat "$f")
    {
      printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/%d\r\n' "$n"
      printf 'WARC-Date: 2025-01-%02dT00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n' $((n % 28 + 1))
      printf 'Content-Length: %d\r\n\r\n%s\r\n\r\n' "$(printf '%s' "$body" | wc -c)" "$body"
    } >"$corpus/seed-$n.warc"
    gzip -c "$corpus/seed-$n.warc" >"$corpus/seed-$n.warc.gz.warc"
  done
  rm -rf "$html"
}

# JSON Lines exports are large: their first lines, ten to a file.
jsonl_seeds() {
  local f n=0
  cp "$src/examples/wire.jsonl" "$corpus/seed-wire.jsonl"
  for dir in "$@"; do
    for f in "$dir"/*.jsonl.gz "$dir"/*.jsonl; do
      [[ -f $f ]] || continue
      n=$((n + 1))
      case $f in
        *.gz) gzip -dc "$f" 2>/dev/null | head -n 50 ;;
        *) head -n 50 "$f" ;;
      esac | split -l 10 - "$corpus/seed-$n-"
    done
  done
}

# Seeds are copied every time (cheap), so that a corpus grown by ctest's
# short runs still gets the shared pages when scripts/fuzz passes them.
case $kind in
  txt) seed txt "$src/tests/extraction/pages" "$src/examples/articles" "$@" ;;
  html) seed html "$src/tests/extraction/pages" "$@" ;;
  warc) warc_seeds "$@" ;;
  jsonl) jsonl_seeds "$@" ;;
  *) echo "run.sh: unknown kind '$kind'" >&2; exit 2 ;;
esac
echo "fuzzing $kind for ${secs}s from $(ls "$corpus" | wc -l) inputs in $corpus"
exec "$bin" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
  -max_len=262144 -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus"
