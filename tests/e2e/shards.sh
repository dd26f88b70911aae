#!/usr/bin/env bash
# Sharded indexes: the same articles in 1, 2 and 4 shards, searched on
# this machine and through one xapian-tcpsrv per shard, answer every
# query with the same JSON (ranking, counts, facets, snippets, quote
# reports, clusters).  A shard server that is down fails the search with
# exit 2 naming it; reindex --shards, compact and a killed add keep the
# results.
. "$(dirname "$0")/lib.sh"

REUTERS=${PX_CORPUS:-$(dirname "$0")/../../../shared/corpus}/reuters21578.jsonl
inputs=("$PX_EXAMPLES")
if [[ -r $REUTERS ]]; then
  head -2500 "$REUTERS" >"$T/reuters.jsonl"
  inputs+=("$T/reuters.jsonl")
fi

queries=('port strike' '"museum of broken cranes"' 'title:ferry' 'oil prices'
         '"crude oil" NOT opec' 'outlet:"Harbor Herald" date:2025-01'
         'negotia*' 'fery strke' 'date:1987-03 bank' 'trade NEAR/5 deficit')
# Every query's JSON, whole, in several orders and modes.
snapshot() {
  local db=$1 q
  for q in "${queries[@]}"; do
    "$PX_SEARCH" --db "$db" --json --facets --limit 20 "$q"
    "$PX_SEARCH" --db "$db" --json --facets --sort newest --limit 5 "$q"
    "$PX_SEARCH" --db "$db" --json --sort oldest --offset 3 --limit 5 "$q"
    "$PX_SEARCH" --db "$db" --json --collapse "$q" | jq -c '.hits'
    "$PX_SEARCH" --db "$db" --json --facets --collapse --sort newest "$q" |
      jq -c '[.hits, .facets]'
  done
  "$PX_SEARCH" --db "$db" quote --json "strike at the port of Halden"
  "$PX_SEARCH" --db "$db" quote --json "oil prices rose sharply on Monday"
  "$PX_SEARCH" --db "$db" show --json 1 2 7 | jq 'del(.articles[].indexed_at)'
}

for n in 1 2 4; do
  expect_status "add with $n shards" 0 "$PX_INDEX" --db "$T/s$n" add \
    --shards "$n" "${inputs[@]}"
  expect_eq "stats counts $n shards" "$n" \
    "$("$PX_INDEX" --db "$T/s$n" stats --json | jq .shards)"
  snapshot "$T/s$n" >"$T/snap$n" 2>&1
done
expect_match "the snapshot holds hits" '"title"' "$T/snap1"
for n in 2 4; do
  if cmp -s "$T/snap1" "$T/snap$n"; then pass; else
    fail "$n shards answer as one database"
    diff "$T/snap1" "$T/snap$n" | head -20 >&2
  fi
done
expect_match "a sharded index is Xapian's stub of its shards" \
  '^auto shard3$' "$T/s4/xapian/XAPIANDB"
expect_status "the shard count is fixed" 2 "$PX_INDEX" --db "$T/s2" add \
  --shards 4 "$PX_EXAMPLES"
expect_match "and says how to change it" "reindex --shards 4" "$T/err"

cp -r "$T/s2" "$T/s2kept"        # served through xapian-tcpsrv below

# Resharding and compacting keep every answer.
expect_status "reindex into 3 shards" 0 "$PX_INDEX" --db "$T/s2" reindex \
  --shards 3
expect_eq "now 3 shards" 3 "$("$PX_INDEX" --db "$T/s2" stats --json | jq .shards)"
snapshot "$T/s2" >"$T/snap3" 2>&1
expect_eq "3 shards answer as one database" "" \
  "$(diff "$T/snap1" "$T/snap3" | head -5)"
expect_status "compact shard by shard" 0 "$PX_INDEX" --db "$T/s4" compact
snapshot "$T/s4" >"$T/snap4c" 2>&1
expect_eq "compaction keeps every answer" "" \
  "$(diff "$T/snap1" "$T/snap4c" | head -5)"

# A sharded add killed at any moment: the next run finishes the work.
if [[ -r $REUTERS ]]; then
  head -6000 "$REUTERS" | tail -3500 >"$T/more.jsonl"
  cp -r "$T/s4" "$T/k4"
  "$PX_INDEX" --db "$T/k4" --quiet add "$T/more.jsonl" &
  pid=$!
  sleep 1.5
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  expect_status "add after a kill -9" 0 "$PX_INDEX" --db "$T/k4" add \
    "$T/more.jsonl"
  cp -r "$T/s1" "$T/k1"
  expect_status "one database, the same articles" 0 "$PX_INDEX" --db "$T/k1" \
    add "$T/more.jsonl"
  for db in k1 k4; do
    "$PX_SEARCH" --db "$T/$db" --json --facets --limit 30 "oil OR bank*" |
      jq -c '[.total, .facets, [.hits[].id]]'
  done >"$T/killed"
  expect_eq "the killed sharded index answers as one database" \
    "$(sed -n 1p "$T/killed")" "$(sed -n 2p "$T/killed")"
  expect_eq "and nothing is pending" 0 \
    "$("$PX_INDEX" --db "$T/k4" stats --json | jq .pending)"
fi

# Through xapian-tcpsrv: the front keeps the store, the spelling
# database and a stub naming one server per shard.
if ! command -v xapian-tcpsrv >/dev/null; then
  echo "xapian-tcpsrv not installed: remote shards not tested"
  finish; exit
fi
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$T"' EXIT
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
# serve SHARD_DIR: starts a server, prints its port and pid once it
# answers.  In a session of its own: xapian-tcpsrv ends its whole process
# group when it is stopped.
serve() {
  local port try
  for try in 1 2 3 4 5; do
    port=$(free_port)
    setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$1" \
      >/dev/null 2>&1 &
    local pid=$!
    for _ in $(seq 1 50); do
      if echo "remote 127.0.0.1:$port" >"$T/probe.stub" &&
         xapian-delve "$T/probe.stub" >/dev/null 2>&1; then
        echo "$port $pid"; return 0
      fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill "$pid" 2>/dev/null
  done
  return 1
}
# front DIR INDEX: a front for INDEX's shards, one xapian-tcpsrv each,
# with the spelling database and the stub; the store too when asked.
front() {
  mkdir -p "$1/xapian"
  cp -r "$2/xapian/spelling" "$1/xapian/"
  : >"$1/xapian/XAPIANDB"
  while read -r _ shard; do
    read -r port pid < <(serve "$2/xapian/$shard")
    pids+=("$pid")
    echo "remote 127.0.0.1:$port" >>"$1/xapian/XAPIANDB"
  done <"$2/xapian/XAPIANDB"
}
front "$T/front2" "$T/s2kept"
front "$T/front3" "$T/s2"            # s2 has 3 shards since its reindex
cp "$T/s2/articles.sqlite" "$T/front3/"
front "$T/front4" "$T/s4"            # no store: the shards carry it all
for n in 2 3 4; do
  snapshot "$T/front$n" >"$T/remote$n" 2>&1
  if cmp -s "$T/snap1" "$T/remote$n"; then pass; else
    fail "$n remote shards answer as one database"
    diff "$T/snap1" "$T/remote$n" | head -20 >&2
  fi
done
expect_eq "a front without a store holds the stub and spelling only" \
  "XAPIANDB spelling" "$(cd "$T/front4/xapian" && echo *)"
expect_status "stats are the writer's to give" 2 \
  "$PX_INDEX" --db "$T/front4" stats
expect_match "and it says so" "holds no articles" "$T/err"
expect_status "a front cannot be written" 2 \
  "$PX_INDEX" --db "$T/front4" add "$PX_EXAMPLES"
expect_match "and it says why" "not a local shard" "$T/err"
expect_eq "remote facets with a date sort are exact" \
  "$("$PX_SEARCH" --db "$T/s1" --json --facets --sort newest oil | jq -c .facets)" \
  "$("$PX_SEARCH" --db "$T/front4" --json --facets --sort newest oil | jq -c .facets)"

# The search page answers from a front as from the index.
if [[ -n ${PX_CGI:-} ]]; then
  page() {  # DB QUERY-STRING: the page's HTML, the index path left out
    REQUEST_METHOD=GET QUERY_STRING="$2" PRESSDEX_DB="$1" "$PX_CGI" |
      sed "s|$1||g"
  }
  for qs in "q=oil+prices&facets=1" "q=port+strike&sort=newest" "id=7"; do
    page "$T/front4" "$qs" >"$T/page"
    expect_eq "the page from a front: $qs" "$(page "$T/s1" "$qs")" \
      "$(cat "$T/page")"
  done
  expect_match "a page of a front shows the article" '<h1>[^<]+' "$T/page"
  expect_no_match "and no error" 'unavailable|error' "$T/page"
fi

# A shard server that is gone: exit 2, naming it.
down=$(sed -n 2p "$T/front4/xapian/XAPIANDB" | cut -d' ' -f2)
for pid in "${pids[@]}"; do
  if ps -o args= -p "$pid" 2>/dev/null | grep -q "port ${down#*:} "; then
    kill "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
done
expect_status "a shard down fails the search" 2 \
  "$PX_SEARCH" --db "$T/front4" --json oil
expect_match "naming the shard" "remote shard did not answer.*$down" "$T/err"
expect_eq "and prints no partial result" "" "$(cat "$T/out")"
expect_status "--missing-shards answers from the rest" 0 \
  "$PX_SEARCH" --db "$T/front4" --missing-shards --json --facets --limit 10000 strike
expect_match "saying which shard is missing" "left out \($down\)" "$T/out"
expect_eq "its count is not called exact" false "$(jq .total.exact "$T/out")"
expect_eq "and no hit comes from the missing shard" "" \
  "$(jq -r '.hits[].id | select(. % 4 == 2)' "$T/out")"
expect_eq "the others' hits are all there" \
  "$("$PX_SEARCH" --db "$T/s4" --json --limit 10000 strike |
     jq -c '[.hits[].id | select(. % 4 != 2)] | sort')" \
  "$(jq -c '[.hits[].id] | sort' "$T/out")"
PRESSDEX_MISSING_SHARDS=answer expect_status "as does the environment" 0 \
  "$PX_SEARCH" --db "$T/front4" strike
finish
