#!/usr/bin/env bash
# Re-adding unchanged files is a no-op, a changed file replaces its article,
# prune drops articles whose file is gone, and reindex rebuilds Xapian from
# the store with identical results.
. "$(dirname "$0")/lib.sh"

cp -r "$PX_EXAMPLES" "$T/ex"
expect_status "first add" 0 idx add "$T/ex"
expect_match "first add counts 44 new" "44 new" "$T/out"
expect_status "second add" 0 idx add "$T/ex"
expect_match "second add changes nothing" "44 unchanged" "$T/out"

f="$T/ex/articles/valley-ledger/2025-01-29-water-bills-explained.txt"
sed -i 's/Quillhaven/Quillmouth/g' "$f"
expect_status "add after an edit" 0 idx add "$T/ex"
expect_match "one article updated" "1 updated" "$T/out"
expect_eq "old word gone" 0 "$(total Quillhaven)"
expect_eq "new word found" 1 "$(total Quillmouth)"
expect_eq "still 44 articles" 44 "$(idx stats --json | jq -r .articles)"

rm "$T/ex/articles/northgate-times/2024-11-12-tarrow-bridge-cracks.txt"
expect_status "prune" 0 idx prune
expect_eq "43 articles after prune" 43 "$(idx stats --json | jq -r .articles)"
expect_eq "pruned article not found" 0 "$(total '"Inspectors find cracks"')"
expect_eq '"Tarrow Bridge" lost one' 11 "$(total '"Tarrow Bridge"')"

search --json --facets port strike | jq -c '[.hits[].id, .facets]' >"$T/before"
expect_status "reindex" 0 idx reindex
search --json --facets port strike | jq -c '[.hits[].id, .facets]' >"$T/after"
expect_eq "reindex gives identical results" "$(cat "$T/before")" "$(cat "$T/after")"

# Xapian's half removed by hand: the next writer rebuilds it from the store.
rm -rf "$DB/xapian"
expect_status "add rebuilds a missing Xapian side" 0 idx add "$T/ex"
search --json --facets port strike | jq -c '[.hits[].id, .facets]' >"$T/rebuilt"
expect_eq "rebuilt gives identical results" "$(cat "$T/before")" "$(cat "$T/rebuilt")"

# Stats: per-outlet counts and the date range.
idx stats --json >"$T/stats.json"
expect_eq "date range" "2024-11-05 2025-03-20" \
  "$(jq -r '"\(.first_date) \(.last_date)"' "$T/stats.json")"
finish
