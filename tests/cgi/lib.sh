# Helpers for the search page's HTTP tests: a fresh index of the fixture
# articles, a lighttpd started through scripts/serve on a free port, and
# fetch/assert functions.  Sourced by the tests/cgi/*.sh scripts.
#
# Needs from the environment (set by tests/cgi.cmake): PX_INDEX (the
# pressdex-index binary), PX_CGI (pressdex.cgi), PX_SERVE (scripts/serve),
# PX_FIXTURES (tests/cgi).
set -euo pipefail

: "${PX_INDEX:?}" "${PX_CGI:?}" "${PX_SERVE:?}" "${PX_FIXTURES:?}"
fails=0 passes=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pressdex-cgi.XXXXXX")

cleanup() {
  "$PX_SERVE" --stop --state-dir "$tmp/srv" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# make_index: the fixture articles in $tmp/db
make_index() {
  "$PX_INDEX" --db "$tmp/db" add "$PX_FIXTURES/fixture.jsonl" >/dev/null 2>&1 ||
    { echo "could not index the fixture"; exit 1; }
}

# start_server cgi|fastcgi: serves $tmp/db; sets $base (URL ending in /).
# Sanitizer reports of the page's processes go to $tmp/asan.* files.
start_server() {
  local flag=()
  [[ $1 == fastcgi ]] && flag=(--fastcgi)
  mkdir -p "$tmp/asan"
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$tmp/asan/cgi" \
    "$PX_SERVE" --background --port 0 --state-dir "$tmp/srv" \
      --db "$tmp/db" --cgi "$PX_CGI" "${flag[@]}" >/dev/null
  base=$(cat "$tmp/srv/url")
}

stop_server() { "$PX_SERVE" --stop --state-dir "$tmp/srv" >/dev/null; }

# fetch [curl options...] PATH-AND-QUERY: sets $status, $body, $headers
fetch() {
  local url=${*: -1}
  local opts=("${@:1:$#-1}")
  status=$(curl -sS -g "${opts[@]}" -D "$tmp/h" -o "$tmp/b" \
           -w '%{http_code}' "$base${url#/}") || status=000
  body=$(cat "$tmp/b")
  headers=$(tr -d '\r' <"$tmp/h")
}

# header NAME: the value of a response header of the last fetch
header() { grep -i "^$1:" <<<"$headers" | head -1 | cut -d' ' -f2-; }

ok()   { passes=$((passes + 1)); }
fail() { fails=$((fails + 1)); echo "FAIL: $*"; }

expect_eq() {  # what expected actual
  if [[ "$2" == "$3" ]]; then ok; else fail "$1: expected '$2', got '$3'"; fi
}
expect_in() {  # what needle (fixed string in $body)
  if grep -qF -- "$2" <<<"$body"; then ok; else fail "$1: '$2' not found"; fi
}
expect_not_in() {
  if grep -qiF -- "$2" <<<"$body"; then fail "$1: '$2' found"; else ok; fi
}

# total: data-total of the page in $body
total() { grep -o 'data-total="[0-9]*"' <<<"$body" | head -1 | tr -dc 0-9; }
hits()  { grep -o '<li class="hit"' <<<"$body" | wc -l | tr -d ' '; }

# href_of ATTR=VALUE: the href of the element carrying that attribute,
# with &amp; turned back into &
href_of() {
  grep -o "<a [^>]*$1[^>]*>" <<<"$body" | head -1 |
    grep -o 'href="[^"]*"' | sed 's/^href="//; s/"$//; s/&amp;/\&/g'
}

# asan_clean: no sanitizer report was written by the page's processes
asan_clean() {
  local reports
  reports=$(ls "$tmp/asan" 2>/dev/null | head -5)
  if [[ -z $reports ]]; then ok; else
    fail "sanitizer reports from pressdex.cgi:"; cat "$tmp/asan"/* | head -40
  fi
}

finish() {
  echo "$passes passed, $fails failed"
  [[ $fails == 0 ]]
}
