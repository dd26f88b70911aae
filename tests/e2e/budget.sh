#!/usr/bin/env bash
# The query cost budget (pressdex.h, "The query cost budget"): hostile or
# runaway queries are refused with the cap named, or cut at the time
# limit, never left to run for long or to crash.  The timings asserted are
# limits (a multiple of the time limit the test sets), not speeds.
source "$(dirname "$0")/lib.sh"

# An index with a large vocabulary, so that every one-letter wildcard
# expands to the parser's 1000 terms per wildcard: 1,500 articles of 120
# words drawn from 40,000 made-up ones.
awk 'BEGIN {
  srand(7);
  for (i = 0; i < 40000; i++) {
    w = "";
    n = 3 + int(rand() * 6);
    for (k = 0; k < n; k++) w = w sprintf("%c", 97 + int(rand() * 26));
    v[i] = w;
  }
  for (d = 1; d <= 1500; d++) {
    b = "";
    for (k = 0; k < 120; k++) b = b " " v[int(rand() * 40000)];
    printf "{\"id\": \"a%d\", \"title\": \"Article %d\", \"outlet\": \"O%d\", ", d, d, d % 7;
    printf "\"date\": \"2024-%02d-%02d\", \"body\": \"%s\"}\n", 1 + d % 12, 1 + d % 28, b;
  }
}' >"$T/words.jsonl"
idx add "$T/words.jsonl" >/dev/null 2>&1 || { echo "could not index"; exit 1; }

# seconds_of COMMAND...: wall time of a command, in seconds (3 decimals);
# its output goes to $T/out and $T/err, its status to $T/rc.
seconds_of() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >"$T/out" 2>"$T/err"
  echo $? >"$T/rc"
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}
# within DESCRIPTION SECONDS LIMIT: SECONDS is under LIMIT
within() {
  if [[ $(echo "$2 < $3" | bc) == 1 ]]; then pass; else
    fail "$1: took $2 s, limit $3 s"; fi
}

# The attack of issue 12: a 2,000-byte q of 333 one-letter wildcards.
wild=$(for i in $(seq 0 332); do printf '%s* OR ' "$(printf "\\x$(printf %x $((97 + i % 26)))")"; done)
wild=${wild% OR }
expect_eq "the wildcard query is about 2,000 bytes" 1 \
  "$(( ${#wild} > 1900 && ${#wild} <= 2000 ))"
s=$(seconds_of search --time-limit 1 --facets --sort newest "$wild")
expect_eq "CLI: the wildcard query is refused" 2 "$(cat "$T/rc")"
expect_match "CLI: the message names the cap on terms" \
  'more than 10000 terms.*\(terms\).*of its 333 wildcards' "$T/err"
within "CLI: the wildcard query answers within 3x its limit" "$s" 3

# Under the caps but costly (9 wildcards of 1000 terms, every article
# matching, sorted by date with facets): cut at the limit, saying so.
nine="a* OR b* OR c* OR d* OR e* OR f* OR g* OR h* OR i*"
s=$(seconds_of search --time-limit 0.5 --facets --sort newest "$nine")
expect_eq "CLI: a costly query within the caps runs" 0 "$(cat "$T/rc")"
within "CLI: a costly query answers within 3x its limit" "$s" 1.5
s=$(seconds_of search --time-limit 0 --limit 1 "$nine")
expect_eq "--time-limit 0 is no limit" 0 "$(cat "$T/rc")"
expect_status "--time-limit below 0 is refused" 2 search --time-limit -1 x

# Deep nesting: refused before Xapian parses it (its parser and query
# tree recurse once per level and overflowed the stack at 50,000).
deep=$(printf '%.0s(' $(seq 60000))x$(printf '%.0s)' $(seq 60000))
expect_status "CLI: 60,000-deep nesting is refused" 2 search "$deep"
expect_match "CLI: 60,000-deep nesting: a message naming a cap" \
  '\((query_bytes|nesting)\)' "$T/err"
deep=$(printf '%.0s(' $(seq 5000))x$(printf '%.0s)' $(seq 5000))
expect_status "CLI: 5,000-deep nesting is refused" 2 search "$deep"
expect_match "CLI: the message names the nesting cap" \
  'nests parentheses 5000 deep.*\(nesting\)' "$T/err"
expect_status "show --query: deep nesting is refused" 2 \
  search show --query "$deep" 1
expect_match "show --query: the message names the nesting cap" \
  '\(nesting\)' "$T/err"
nested=$(printf '%.0s(' $(seq 64))ferry$(printf '%.0s)' $(seq 64))
expect_status "64 levels are allowed" 1 search "$nested"

# A 200 KB query (given as many words: one argument is at most 128 KB).
mapfile -t big < <(for i in $(seq 20000); do echo "word$i"; done)
expect_status "CLI: a 200 KB query is refused" 2 search "${big[@]}" "${big[@]}"
expect_match "CLI: the message names the length cap" \
  'bytes long, over the cap of 16384 bytes.*\(query_bytes\)' "$T/err"

if [[ -n ${PX_CGI:-} ]]; then
  # cgi QUERY-STRING [ENV...]: the response (headers and body) in $T/out
  cgi() {
    local qs=$1; shift
    env "$@" REQUEST_METHOD=GET QUERY_STRING="$qs" PRESSDEX_DB="$DB" \
      "$PX_CGI"
  }
  enc() { jq -rn --arg s "$1" '$s|@uri'; }
  q=$(enc "$wild")
  s=$(seconds_of cgi "q=$q&sort=newest&outlet=O1&outlet=O2" PRESSDEX_TIME_LIMIT=1)
  expect_match "page: the wildcard query gets a 400" '^Status: 400' "$T/out"
  expect_match "page: an error paragraph names the cap" \
    'id="error">.*\(terms\)' "$T/out"
  within "page: the wildcard query answers within 3x its limit" "$s" 3
  cgi "q=$q&format=json" >"$T/out"
  sed '1,/^\r*$/d' "$T/out" >"$T/json"
  expect_eq "page JSON: which cap" terms "$(jq -r .cap "$T/json")"
  expect_eq "page JSON: the error" "Query too costly" "$(jq -r .error "$T/json")"

  q=$(enc "$nine")
  s=$(seconds_of cgi "q=$q&sort=newest&outlet=O1&outlet=O2" PRESSDEX_TIME_LIMIT=0.5)
  expect_match "page: a costly query within the caps answers" '^Status: 200' "$T/out"
  within "page: a costly query answers within 3x its limit" "$s" 1.5

  # 999 levels fit in the page's 2,000 bytes of q: the library's cap.
  q=$(printf '%.0s%%28' $(seq 999))x$(printf '%.0s%%29' $(seq 999))
  cgi "q=$q&format=json" >"$T/out"
  expect_match "page: deep nesting gets a 400" '^Status: 400' "$T/out"
  sed '1,/^\r*$/d' "$T/out" >"$T/json"
  expect_eq "page JSON: the nesting cap" nesting "$(jq -r .cap "$T/json")"
  # 30,000 levels are over the page's own limits on q: refused, no crash
  # (60,000 would not fit in one environment variable).
  q=$(printf '%.0s%%28' $(seq 30000))x
  cgi "q=$q" >"$T/out"
  expect_match "page: 30,000-deep nesting gets a 400" '^Status: 400' "$T/out"
  expect_match "page: with an error paragraph" 'id="error"' "$T/out"
fi

finish
