#!/usr/bin/env bash
# A read replica follows the writer with Xapian's replication
# (docs/replication.md): the writer keeps changesets
# (XAPIAN_MAX_CHANGESETS), xapian-replicate-server serves its index folder,
# and each round pulls xapian/ (or each shard of a sharded index, then the
# stub) with `xapian-replicate -o`, and only then copies the store.  After
# every round the replica answers with the writer's JSON, byte for byte:
# after the first round (a full copy), after rounds of changesets, after
# compact and reindex (full copies again), and after a round taken while
# the writer was adding.  A sharded index is tested too when pressdex-index
# has --shards.  Skipped when xapian-replicate is not installed.
. "$(dirname "$0")/lib.sh"

for tool in xapian-replicate xapian-replicate-server sqlite3; do
  if ! command -v "$tool" >/dev/null; then
    echo "skipped: $tool not installed"
    finish; exit
  fi
done

export XAPIAN_MAX_CHANGESETS=50
servers=()
trap 'kill -KILL "${servers[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT

# listening_port PID: the TCP port process PID listens on, once it does
# (read from /proc: the server is started on port 0, so the system picks a
# free port and no other test can take it in between).
listening_port() {
  local fd link inode hex
  for _ in $(seq 1 100); do
    for fd in /proc/"$1"/fd/*; do
      link=$(readlink "$fd" 2>/dev/null) || continue
      [[ $link == socket:\[*\] ]] || continue
      inode=${link#socket:[}; inode=${inode%]}
      # Local address "0100007F:PORT" in hex, state 0A (listening).
      hex=$(awk -v i="$inode" '$4 == "0A" && $10 == i {
              split($2, a, ":"); print a[2] }' /proc/net/tcp)
      if [[ -n $hex ]]; then echo $((16#$hex)); return 0; fi
    done
    kill -0 "$1" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}

# serve INDEX: starts xapian-replicate-server on the index folder and sets
# $port.
serve() {
  xapian-replicate-server --interface 127.0.0.1 --port 0 "$1" \
    >"$T/server.log" 2>&1 &
  servers+=("$!")
  port=$(listening_port "$!") || {
    fail "xapian-replicate-server listens"; cat "$T/server.log" >&2
    finish; exit; }
}

# round WRITER REPLICA: one replication round, Xapian first, then the
# store, so that the replica's store is never behind its Xapian side.
# Each xapian-replicate's report goes to $T/round.
round() {
  local w=$1 r=$2 names=(xapian) name
  if [[ -f $w/xapian/XAPIANDB ]]; then  # sharded: "auto shardN" lines
    mapfile -t names < <(sed -n 's|^auto |xapian/|p' "$w/xapian/XAPIANDB")
    names+=(xapian/spelling)              # and the spelling database
  fi
  : >"$T/round"
  for name in "${names[@]}"; do
    # The parent must exist, the replica itself not before its first round.
    mkdir -p "$(dirname "$r/$name")"
    xapian-replicate --host 127.0.0.1 --port "$port" --master "$name" \
      --one-shot --reader-time 0 --verbose "$r/$name" >>"$T/round" 2>&1 ||
      { fail "xapian-replicate $name"; sed 's/^/  | /' "$T/round" >&2; }
  done
  if [[ -f $w/xapian/XAPIANDB ]]; then
    cp "$w/xapian/XAPIANDB" "$r/xapian/XAPIANDB.tmp"
    mv "$r/xapian/XAPIANDB.tmp" "$r/xapian/XAPIANDB"
  fi
  # .restore waits for the replica's readers (.timeout); .backup would not.
  sqlite3 "$r/articles.sqlite" ".timeout 5000" ".restore '$w/articles.sqlite'" ||
    fail "copy the store"
}

queries=('port strike' '"museum of broken cranes"' 'title:ferry'
         'outlet:"Harbor Herald" date:2025-01' 'negotia*' 'fery strke'
         'heronsgate' 'report tok7' 'word12 word13')
# Every query's whole JSON, with facets, in two orders.
snapshot() {
  local q
  for q in "${queries[@]}"; do
    "$PX_SEARCH" --db "$1" --json --facets --limit 50 "$q"
    "$PX_SEARCH" --db "$1" --json --facets --sort newest --limit 5 "$q"
  done
  "$PX_SEARCH" --db "$1" show --json 1 2 45
}

# same DESCRIPTION: the replica answers every query as the writer does.
same() {
  snapshot "$DB" >"$T/writer.json" 2>&1
  snapshot "$R" >"$T/replica.json" 2>&1
  if cmp -s "$T/writer.json" "$T/replica.json"; then pass; else
    fail "$1: the replica answers as the writer"
    diff "$T/writer.json" "$T/replica.json" | head -20 >&2
  fi
}

gen() {  # gen FIRST LAST: generated articles
  awk -v a="$1" -v b="$2" 'BEGIN { for (i = a; i <= b; i++) {
    printf "{\"id\":\"g%d\",\"outlet\":\"Outlet %d\",\"date\":\"2025-%02d-%02d\",", i, i % 5, i % 12 + 1, i % 28 + 1
    printf "\"title\":\"Generated report %d\",\"text\":\"Body of report tok%d. ", i, i
    for (w = 0; w < 30; w++) printf "word%d ", (i * 7 + w) % 300
    printf "\"}\n" } }'
}
gen 1 40 >"$T/g1.jsonl"
gen 41 80 >"$T/g2.jsonl"
gen 81 900 >"$T/g3.jsonl"
printf '%s\n' '{"id":"h1","outlet":"Test Wire","date":"2025-04-02","title":"Heronsgate pier reopens","text":"The Heronsgate pier reopened on Wednesday after repairs."}' >"$T/h1.jsonl"

R="$T/replica"
expect_status "writer: first add" 0 idx add "$PX_EXAMPLES"
serve "$DB"
round "$DB" "$R"
expect_match "the first round is a full copy" \
  "^Update complete: 1 copies, 0 changesets" "$T/round"
expect_match "the replica's xapian/ is Xapian's stub of its live copy" \
  "^auto replica_[01]$" "$R/xapian/XAPIANDB"
same "after the first round"
expect_match "the answers compared hold hits" '"title": "Port talks' \
  "$T/writer.json"

# Two adds, then one round: the changesets only.
expect_status "writer: add" 0 idx add "$T/h1.jsonl" "$T/g1.jsonl"
expect_status "writer: add again" 0 idx add "$T/g2.jsonl"
round "$DB" "$R"
expect_match "a later round applies changesets" \
  "^Update complete: 0 copies, [1-9][0-9]* changesets" "$T/round"
expect_eq "the new article is found on the replica" "Heronsgate pier reopens" \
  "$("$PX_SEARCH" --db "$R" --json heronsgate | jq -r '.hits[].title')"
same "after a round of changesets"
round "$DB" "$R"
expect_match "a round with nothing new changes nothing" \
  "no changes to live database" "$T/round"
same "after a round with nothing new"

# compact and reindex put a new database in place: a full copy again,
# then changesets as before.
expect_status "writer: compact" 0 idx compact
round "$DB" "$R"
expect_match "after compact a round is a full copy" \
  "^Update complete: 1 copies" "$T/round"
same "after compact"
expect_status "writer: update an article" 0 idx add --outlet "Other Wire" \
  "$T/h1.jsonl"
round "$DB" "$R"
expect_match "after compact, changesets again" \
  "^Update complete: 0 copies, [1-9][0-9]* changesets" "$T/round"
same "after an update"
expect_status "writer: reindex" 0 idx reindex
round "$DB" "$R"
expect_match "after reindex a round is a full copy" \
  "^Update complete: 1 copies" "$T/round"
same "after reindex"

# A round while the writer adds and the replica is searched: whatever it
# caught, every Xapian match of the replica is in its store (no hit
# dropped), no search fails, and the next round catches up.
idx --quiet add "$T/g3.jsonl" >"$T/bg.out" 2>&1 &
writer=$!
( for _ in $(seq 1 20); do
    "$PX_SEARCH" --db "$R" --json --facets word12 >/dev/null || echo failed
  done >"$T/readers" 2>&1 ) &
readers=$!
round "$DB" "$R"
wait "$readers"
expect_eq "searches on the replica during a round all answer" "" \
  "$(cat "$T/readers")"
"$PX_SEARCH" --db "$R" --json --limit 2000 report >"$T/mid.json"
expect_eq "mid-add: no hit dropped" "$(jq .total.estimated "$T/mid.json")" \
  "$(jq '.hits | length' "$T/mid.json")"
wait "$writer" || fail "writer: background add"
round "$DB" "$R"
expect_eq "the replica has caught up" "Generated report 900" \
  "$("$PX_SEARCH" --db "$R" --json tok900 | jq -r '.hits[].title')"
same "after the writer finished"

# A sharded index: each shard and the spelling database replicated on
# its own, then the stub.
if "$PX_INDEX" add --help 2>&1 | grep -q -- --shards; then
  DB="$T/sharded" R="$T/sharded-replica"
  expect_status "sharded writer: add" 0 idx add --shards 3 "$PX_EXAMPLES" \
    "$T/g1.jsonl"
  serve "$DB"
  round "$DB" "$R"
  expect_eq "one full copy per shard and of the spelling database" 4 \
    "$(grep -c '^Update complete: 1 copies' "$T/round")"
  expect_eq "the replica's stub is the writer's" \
    "$(cat "$DB/xapian/XAPIANDB")" "$(cat "$R/xapian/XAPIANDB")"
  same "sharded, after the first round"
  expect_status "sharded writer: add" 0 idx add "$T/h1.jsonl" "$T/g2.jsonl"
  round "$DB" "$R"
  expect_no_match "sharded: no full copy" "Update complete: 1 copies" \
    "$T/round"
  expect_eq "the new article is found on the sharded replica" \
    "Heronsgate pier reopens" \
    "$("$PX_SEARCH" --db "$R" --json heronsgate | jq -r '.hits[].title')"
  same "sharded, after a round of changesets"
  expect_status "sharded writer: compact" 0 idx compact
  round "$DB" "$R"
  expect_eq "after compact, a full copy of each database" 4 \
    "$(grep -c '^Update complete: 1 copies' "$T/round")"
  same "sharded, after compact"
else
  echo "skipped: this pressdex-index has no --shards"
fi
finish
