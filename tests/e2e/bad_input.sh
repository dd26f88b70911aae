#!/usr/bin/env bash
# Bad input is reported with its file (and line), the rest is indexed, and
# the run exits 3; nothing already stored is lost.
. "$(dirname "$0")/lib.sh"

in="$T/in"; mkdir -p "$in"
printf 'title: Good one\noutlet: Test Wire\ndate: 2025-01-02\n\nThe lighthouse keeper retired.\n' >"$in/good.txt"
head -c 4096 /dev/urandom >"$in/binary.txt"
printf '\x00\x01\x02ELF' >>"$in/binary.txt"
: >"$in/empty.txt"
printf 'title: Latin\n\nCaf\xe9 owners protest the new harbour fee.\n' >"$in/latin.txt"
{
  echo '{"id":"j1","outlet":"Test Wire","date":"2025-01-03","title":"First line","text":"Ferry services resume after the storm."}'
  echo '{"id":"j2","title":"Broken", "text": '
  echo '[1,2,3]'
  echo '{"id":"j4","title":"No text"}'
  echo '{"id":"j5","outlet":"Test Wire","date":"not a date","title":"Fifth","text":"Dockers vote on the offer."}'
} >"$in/feed.jsonl"

expect_status "add with bad files exits 3" 3 idx add "$in"
expect_match "binary file named" "binary\.txt.*binary" "$T/err"
expect_match "empty file named" "empty\.txt" "$T/err"
expect_match "malformed JSON line numbered" "feed\.jsonl:2:" "$T/err"
expect_match "non-object line numbered" "feed\.jsonl:3:" "$T/err"
expect_match "missing text numbered" "feed\.jsonl:4:" "$T/err"
expect_match "invalid UTF-8 reported" "latin\.txt.*UTF-8" "$T/err"

expect_eq "good articles indexed" "1" "$(total lighthouse)"
expect_eq "jsonl good lines indexed" "1" "$(total ferry)"
expect_eq "undated jsonl line indexed" "1" "$(total dockers)"
expect_eq "undated line has unknown date" "unknown" \
  "$(search --json dockers | jq -r '.hits[0].date_source')"
expect_eq "repaired text indexed without the bad byte" "1" "$(total owners)"
search --json owners | jq -r '.hits[0].snippet' >"$T/snippet"
expect_status "repaired text is valid UTF-8" 0 iconv -f UTF-8 -t UTF-8 "$T/snippet"

# A second run over the same input changes nothing and keeps what is there.
expect_status "second add still exits 3" 3 idx add "$in"
expect_eq "still one lighthouse article" "1" "$(total lighthouse)"

# Usage errors exit 2 with a message.
expect_status "unknown command" 2 idx frobnicate
expect_status "bad --date" 2 idx add --date 2025-02-30 "$in/good.txt"
expect_status "missing file" 3 idx add "$in/nope.txt"
expect_match "missing file named" "nope\.txt" "$T/err"
expect_status "search on missing index" 2 "$PX_SEARCH" --db "$T/none" port
expect_match "missing index explained" "no index" "$T/err"
expect_status "bad --sort" 2 search --sort sideways port
expect_status "bad --limit" 2 search --limit -3 port
finish
