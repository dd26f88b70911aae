#!/usr/bin/env bash
# Benchmark of the search page on loopback with wrk: requests per second
# and p50/p99 latency for typical queries over the sample index, once with
# lighttpd's mod_cgi (a process per request) and once with mod_fastcgi (a
# persistent process).  Not a test: it prints a Markdown table to paste
# into the README.  Takes about 2 x 6 x DURATION seconds.
#
#   bench/cgi/run.sh [--duration SECONDS] [--connections N] [--build-dir D]
#                    [--db DIR --outlet NAME --month YYYY-MM]
#   --db serves another index than examples/; --outlet and --month then
#   name an outlet and a month that index holds, for the filtered queries.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
duration=5 connections=8 build=$root/build db=
outlet="Harbor Herald" month=2025-01
while [[ $# -gt 0 ]]; do
  case $1 in
    --duration) duration=$2; shift ;;
    --connections) connections=$2; shift ;;
    --build-dir) build=$2; shift ;;
    --db) db=$2; shift ;;
    --outlet) outlet=$2; shift ;;
    --month) month=$2; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: wrk)" >&2
                               exit 2; }
state=$(mktemp -d "${TMPDIR:-/tmp}/pressdex-bench.XXXXXX")
trap '"$root/scripts/serve" --stop --state-dir "$state" >/dev/null 2>&1 || true
      rm -rf "$state"' EXIT

# Typical requests: a word, a phrase, a word in one outlet, a month, the
# browse page (every article, newest first) and a second result page.
queries=(
  "word|?q=strike"
  "phrase|?q=%22port+strike%22"
  "outlet filter|?q=strike&outlet=${outlet// /+}"
  "one month|?q=port&from=$month-01&to=$month-28"
  "browse, no query|?"
  "page 2|?q=port&offset=10"
)

echo "pressdex.cgi on $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo |
  cut -d: -f2 | sed 's/^ *//')), wrk -t2 -c$connections -d${duration}s," \
  "index: ${db:-examples/}"
for mode in cgi fastcgi; do
  flag=()
  [[ $mode == fastcgi ]] && flag=(--fastcgi)
  [[ -n $db ]] && flag+=(--db "$db")
  "$root/scripts/serve" --background --port 0 --build-dir "$build" \
    --state-dir "$state" "${flag[@]}" >/dev/null
  base=$(cat "$state/url")
  echo
  echo "$mode:"
  echo
  echo "| query | requests/s | p50 ms | p99 ms | errors |"
  echo "|---|---:|---:|---:|---:|"
  for entry in "${queries[@]}"; do
    label=${entry%%|*} path=${entry#*|}
    curl -fsS -o /dev/null "$base$path" ||
      { echo "$base$path does not answer 200" >&2; exit 1; }
    PX_BENCH_LABEL=$label wrk -t2 -c"$connections" -d"${duration}s" \
      --latency -s "$root/bench/cgi/report.lua" "$base$path" | tail -n 1
  done
  "$root/scripts/serve" --stop --state-dir "$state" >/dev/null
done
