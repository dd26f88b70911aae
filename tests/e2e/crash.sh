#!/usr/bin/env bash
# Kills the indexer with SIGKILL at several moments of a run, then lets a
# final run finish, and checks that every article is in the store and in
# the Xapian index exactly once.  A Ctrl-C (SIGINT) run must stop cleanly.
. "$(dirname "$0")/lib.sh"

N=6000
in="$T/in"; mkdir -p "$in"
for part in 1 2 3; do
  awk -v part="$part" -v n=$((N / 3)) 'BEGIN {
    for (i = 1; i <= n; i++) {
      id = (part - 1) * n + i
      printf "{\"id\":\"a%d\",\"outlet\":\"Outlet %d\",\"date\":\"2025-%02d-%02d\",", id, id % 7, id % 12 + 1, id % 28 + 1
      printf "\"title\":\"Report number %d\",\"text\":\"The harbourmaster filed report tok%d about berth %d. ", id, id, id % 50
      for (w = 0; w < 40; w++) printf "cargo%d ", (id * 7 + w) % 500
      printf "\"}\n"
    }
  }' >"$in/part$part.jsonl"
done

for kill_after in 0.3 0.7 1.1 0.5 1.6; do
  "$PX_INDEX" --db "$DB" --quiet add "$in" >/dev/null 2>&1 &
  pid=$!
  sleep "$kill_after"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
done

# Ctrl-C: stops after the current article, commits, says so, exits 3.
"$PX_INDEX" --db "$DB" add "$in" >"$T/int.out" 2>"$T/int.err" &
pid=$!
sleep 0.4
kill -INT "$pid" 2>/dev/null
wait "$pid"; rc=$?
if [[ $rc -eq 0 ]]; then pass  # finished before the signal arrived
else
  expect_eq "SIGINT exits 3" "3" "$rc"
  expect_match "SIGINT explains how to finish" "again" "$T/int.err"
fi

expect_status "final run completes" 0 idx --quiet add "$in"
expect_eq "every article searchable once" "$N" "$(total harbourmaster)"
for id in 1 1999 2000 2001 4242 $N; do
  expect_eq "article $id found exactly once" "1" "$(total "tok$id")"
done
idx stats --json >"$T/stats.json"
expect_eq "store holds every article once" "$N" "$(jq -r .articles "$T/stats.json")"
expect_eq "nothing pending for Xapian" "0" "$(jq -r .pending "$T/stats.json")"

# A run over unchanged input is a no-op.
idx add "$in" >"$T/noop.out" 2>&1
expect_match "second run reports all unchanged" "$N unchanged" "$T/noop.out"
finish
