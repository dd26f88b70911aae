#!/usr/bin/env bash
# Deployment and hostile conditions: the index is searched by another user
# and from a read-only mount (nothing written), readers during `reindex`
# never see fewer matches, a killed reindex leaves the old index serving,
# a full disk says so and the next run finishes the work, a NUL byte costs
# its line only, dangling links are reported, and a huge line or page is
# refused within --memory.  Parts that need root (another user, mounts) say
# "skipped" and pass without it.
. "$(dirname "$0")/lib.sh"

MNT=()
cleanup() {
  for m in "${MNT[@]}"; do umount "$m" 2>/dev/null; done
  rm -rf "$T"
}
trap cleanup EXIT
chmod 755 "$T"   # other users must reach the index below it

gen() {  # gen FIRST LAST [WORDS]: generated articles, "report" in each
  awk -v a="$1" -v b="$2" -v n="${3:-40}" 'BEGIN { for (i = a; i <= b; i++) {
    printf "{\"id\":\"g%d\",\"outlet\":\"Outlet %d\",\"date\":\"2025-%02d-%02d\",", i, i % 5, i % 12 + 1, i % 28 + 1
    printf "\"title\":\"Generated report %d\",\"text\":\"Body of report tok%d. ", i, i
    for (w = 0; w < n; w++) printf "word%d ", (i * 7 + w) % 3000
    printf "\"}\n" } }'
}
as_nobody() {
  setpriv --reuid nobody --regid nogroup --clear-groups "$@"
}
files_of() { (cd "$1" && find . | sort); }

gen 1 3000 >"$T/gen.jsonl"
expect_status "add" 0 idx --quiet add "$T/gen.jsonl"
all=$(total report)
expect_eq "every article found" "3000" "$all"

# ---- another user -----------------------------------------------------
if [[ $(id -u) == 0 ]] && as_nobody true 2>/dev/null; then
  chmod -R go-w "$DB"
  files_of "$DB" >"$T/files.before"
  expect_status "another user searches" 0 \
    as_nobody "$PX_SEARCH" --db "$DB" --json --limit 1 report
  expect_eq "another user sees every article" "$all" \
    "$(jq -r .total.estimated "$T/out")"
  expect_eq "the reader wrote nothing" "$(cat "$T/files.before")" \
    "$(files_of "$DB")"
  # An index whose writer left no -wal/-shm (older pressdex, a copy).
  rm -f "$DB/articles.sqlite-wal" "$DB/articles.sqlite-shm"
  expect_status "another user searches a bare store" 0 \
    as_nobody "$PX_SEARCH" --db "$DB" --json --limit 1 report
  expect_eq "and sees every article" "$all" "$(jq -r .total.estimated "$T/out")"
  expect_status "another user cannot add" 2 \
    as_nobody "$PX_INDEX" --db "$DB" add "$T/gen.jsonl"
  expect_match "add says the index is read-only" \
    "is read-only for this user" "$T/err"
  expect_no_match "and does not blame another writer" "another" "$T/err"
  if [[ -n "${PX_CGI:-}" ]]; then
    as_nobody env PRESSDEX_DB="$DB" REQUEST_METHOD=GET QUERY_STRING=q=report \
      "$PX_CGI" >"$T/cgi" 2>"$T/cgi.err"
    expect_match "the page answers another user" "^Status: 200" "$T/cgi"
    expect_no_match "not with 503" "^Status: 503" "$T/cgi"
  fi
else
  echo "skipped: another user (needs root and setpriv)"
fi

# ---- read-only mount ----------------------------------------------------
RO="$T/ro"
mkdir -p "$RO"
if [[ $(id -u) == 0 ]] && mount --bind "$DB" "$RO" 2>/dev/null; then
  MNT+=("$RO")
  if mount -o remount,bind,ro "$RO" 2>/dev/null; then
    expect_status "search a read-only mount" 0 \
      "$PX_SEARCH" --db "$RO" --json --limit 1 report
    expect_eq "all found on the read-only mount" "$all" \
      "$(jq -r .total.estimated "$T/out")"
    expect_status "add on a read-only mount" 2 "$PX_INDEX" --db "$RO" add "$T/gen.jsonl"
    expect_match "add says read-only file system" "read-only file system" "$T/err"
  else
    echo "skipped: read-only remount refused"
  fi
  umount "$RO"
else
  echo "skipped: read-only mount (needs root)"
fi

# ---- reindex builds beside and swaps -------------------------------------
expect_status "reindex" 0 idx reindex
expect_eq "reindex keeps every article" "$all" "$(total report)"
( end=$((SECONDS + 60))
  while [[ ! -e "$T/reindexed" && $SECONDS -lt $end ]]; do
    search --json --limit 1 report | jq -r '.total.estimated' || echo failed
  done >"$T/during" 2>&1 ) &
reader=$!
idx --quiet reindex || echo "reindex failed" >"$T/rfail"
touch "$T/reindexed"
wait "$reader"
expect_eq "reindex under searches succeeds" "" "$(cat "$T/rfail" 2>/dev/null)"
expect_eq "searches during reindex see every article" "$all" \
  "$(sort -u "$T/during")"
echo "$(wc -l <"$T/during") searches during reindex"
"$PX_INDEX" --db "$DB" --quiet reindex &   # not idx: kill the process itself
victim=$!
sleep 0.5
kill -9 "$victim" 2>/dev/null
wait "$victim" 2>/dev/null
expect_eq "a killed reindex leaves the old index serving" "$all" "$(total report)"
expect_eq "and nothing pending" "0" "$(idx stats --json | jq -r .pending)"
expect_status "the next writer cleans up" 0 idx --quiet compact
expect_eq "no half-built copy left" "" "$(ls -d "$DB"/xapian.* 2>/dev/null)"

# ---- disk full ----------------------------------------------------------
FULL="$T/full"
mkdir -p "$FULL"
if [[ $(id -u) == 0 ]] && mount -t tmpfs -o size=3m tmpfs "$FULL" 2>/dev/null; then
  MNT+=("$FULL")
  gen 1 3000 120 >"$T/bulk.jsonl"
  DB="$FULL/db"
  expect_status "add onto a full disk" 2 idx --quiet add "$T/bulk.jsonl"
  expect_match "says no space left, with the path" \
    "no space left on device writing $FULL/db" "$T/err"
  expect_no_match "not only Xapian's words" "^pressdex-index: Error writing" "$T/err"
  mount -o remount,size=64m "$FULL"
  expect_status "the next run with space" 0 idx --quiet add "$T/bulk.jsonl"
  expect_eq "finishes the work" "0" "$(idx stats --json | jq -r .pending)"
  expect_eq "every article searchable" "3000" "$(total report)"
  DB="$T/db"
else
  echo "skipped: disk full (needs a tmpfs mount)"
fi

# ---- JSON Lines: a NUL byte, a huge line; dangling links ------------------
DB="$T/lines"
gen 1 5 >"$T/five.jsonl"
{ sed -n 1,2p "$T/five.jsonl"; sed -n 3p "$T/five.jsonl" | sed 's/Body of/Body\x00of/'
  sed -n 4,5p "$T/five.jsonl"; } >"$T/nul.jsonl"
expect_status "a NUL byte in one line" 3 idx add "$T/nul.jsonl"
expect_match "names the file and line" "nul.jsonl:3: a raw NUL byte" "$T/err"
expect_eq "the other lines are kept" "4" "$(total report)"

{ sed -n 1p "$T/five.jsonl"
  awk 'BEGIN { printf "{\"id\":\"huge\",\"text\":\""
               for (i = 0; i < 300000; i++) printf "filler%d ", i
               printf "\"}\n" }'
  sed -n 2p "$T/five.jsonl"; } >"$T/huge.jsonl"
DB="$T/huge"
expect_status "a line larger than --memory allows" 3 idx add --memory 64 "$T/huge.jsonl"
expect_match "is refused with its line" "huge.jsonl:2: a line of .* MB, longer than" "$T/err"
expect_eq "the lines around it are kept" "2" "$(total report)"
awk 'BEGIN { print "title: Huge page\n"
             for (i = 0; i < 100000; i++) printf "filler%d ", i; print "" }' >"$T/huge.txt"
expect_status "a page larger than --memory allows" 3 idx add --memory 64 "$T/huge.txt"
expect_match "is refused by name" "huge.txt: a page of .* MB, larger than" "$T/err"

mkdir -p "$T/walk"
cp "$T/five.jsonl" "$T/walk/a.jsonl"
ln -s "$T/gone.jsonl" "$T/walk/b.jsonl"
ln -s "$T/gone-folder" "$T/walk/c"
DB="$T/walk-db"
expect_status "a folder with dangling links" 3 idx add "$T/walk"
expect_match "the link to an article is reported" \
  "walk/b.jsonl: dangling symbolic link to .*gone.jsonl" "$T/err"
expect_match "the link to a folder is reported" \
  "walk/c: dangling symbolic link to .*gone-folder" "$T/err"
expect_eq "the rest is read" "5" "$(total report)"

finish
