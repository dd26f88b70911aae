#!/usr/bin/env bash
# Compaction (`compact`, and `add` after a large run) leaves every search
# result as it was, lets searches run meanwhile, and survives being
# killed; `add --memory` changes batch sizes, never results.
. "$(dirname "$0")/lib.sh"

queries=('port strike' '"museum of broken cranes"' 'title:ferry'
         'outlet:"Harbor Herald" date:2025-01' 'negotia*' 'fery strke')
snapshot() {  # every query's hits, totals, facets and suggestion
  for q in "${queries[@]}"; do
    search --json --facets --limit 50 "$q" |
      jq -c '[.hits[].id, .total, .facets, .suggestion]'
  done
}

expect_status "add examples" 0 idx add "$PX_EXAMPLES"
snapshot >"$T/before"
expect_status "compact" 0 idx compact
expect_match "compact says what it did" "^Xapian index compacted: .* MiB -> .* MiB" "$T/out"
snapshot >"$T/after"
expect_eq "compaction keeps every result" "$(cat "$T/before")" "$(cat "$T/after")"
expect_status "compact again" 0 idx compact
expect_status "add after compacting" 0 idx add "$PX_EXAMPLES"
expect_match "nothing changed" "44 unchanged" "$T/out"
expect_eq "nothing pending" "0" "$(idx stats --json | jq -r .pending)"

# Searches while compacting: each one finds the old or the new copy.
( for i in $(seq 1 40); do
    search --json --facets "port strike" | jq -r .total.estimated || echo failed
  done >"$T/during" 2>&1 ) &
reader=$!
for i in 1 2 3 4 5; do idx --quiet compact || echo "compact failed" >>"$T/cfail"; done
wait "$reader"
expect_eq "compactions all succeed" "" "$(cat "$T/cfail" 2>/dev/null)"
expect_eq "searches during compaction all answer" "19" "$(sort -u "$T/during")"

expect_status "compact needs an index" 2 "$PX_INDEX" --db "$T/none" compact
expect_match "compact names the missing index" "no index at" "$T/err"

# A large add compacts by itself (said under --verbose); a small one not.
gen() {  # gen FIRST LAST: generated articles
  awk -v a="$1" -v b="$2" 'BEGIN { for (i = a; i <= b; i++) {
    printf "{\"id\":\"g%d\",\"outlet\":\"Outlet %d\",\"date\":\"2025-%02d-%02d\",", i, i % 5, i % 12 + 1, i % 28 + 1
    printf "\"title\":\"Generated report %d\",\"text\":\"Body of report tok%d. ", i, i
    for (w = 0; w < 30; w++) printf "word%d ", (i * 7 + w) % 300
    printf "\"}\n" } }'
}
gen 1 1500 >"$T/big.jsonl"
DB="$T/gen"
expect_status "large add" 0 idx --verbose add "$T/big.jsonl"
expect_match "a large add compacts" "^Xapian index compacted" "$T/out"
gen 1501 1700 >"$T/small.jsonl"
expect_status "small add" 0 idx --verbose add "$T/small.jsonl"
expect_no_match "a small add does not" "compacted" "$T/out"
expect_eq "all generated articles found" "1700" "$(total report)"

# --memory: smaller batches, same index.
DB="$T/small-batches"
expect_status "add with little memory" 0 idx add --memory 64 "$T/big.jsonl" "$T/small.jsonl"
expect_eq "same articles" "1700" "$(total report)"
expect_eq "same hits" "$(DB=$T/gen; search --json 'word7 word8' | jq -c '[.hits[].id]')" \
  "$(search --json 'word7 word8' | jq -c '[.hits[].id]')"
expect_status "--memory must be a number" 2 idx add --memory lots "$T/small.jsonl"
expect_match "--memory error says why" "megabytes" "$T/err"

# Killed while compacting: the index stays whole, the leftovers go.
DB="$T/gen"
for delay in 0.05 0.15 0.3; do
  "$PX_INDEX" --db "$DB" --quiet compact >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  expect_eq "searchable after a kill at ${delay}s" "1700" "$(total report)"
done
expect_status "next writer runs" 0 idx add "$T/small.jsonl"
[[ -e "$DB/xapian.compact" ]] && fail "compaction leftovers removed" || pass
expect_eq "nothing pending after the kills" "0" "$(idx stats --json | jq -r .pending)"
finish
