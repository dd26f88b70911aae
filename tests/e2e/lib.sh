# Shared helpers for the end-to-end tests: each test sources this file,
# runs the real binaries (PX_INDEX, PX_SEARCH from ctest's environment)
# against a fresh index in a temporary directory, and compares exact output.
set -u
: "${PX_INDEX:?PX_INDEX must name pressdex-index}"
: "${PX_SEARCH:?PX_SEARCH must name pressdex-search}"
: "${PX_EXAMPLES:?PX_EXAMPLES must name the examples folder}"

T=$(mktemp -d "${TMPDIR:-/tmp}/pressdex-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
DB="$T/db"
failures=0
checks=0

pass() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL: $*" >&2; }

# expect_eq DESCRIPTION EXPECTED ACTUAL
expect_eq() {
  if [[ "$2" == "$3" ]]; then pass; else
    fail "$1"; printf '  expected: %s\n  actual:   %s\n' "$2" "$3" >&2; fi
}

# expect_status DESCRIPTION EXPECTED-CODE COMMAND...
expect_status() {
  local desc=$1 want=$2; shift 2
  "$@" >"$T/out" 2>"$T/err"; local got=$?
  if [[ $got == "$want" ]]; then pass; else
    fail "$desc: exit $got, expected $want"; sed 's/^/  | /' "$T/err" >&2; fi
}

# expect_match DESCRIPTION REGEX FILE
expect_match() {
  if grep -Eq -- "$2" "$3"; then pass; else
    fail "$1: /$2/ not in $3"; sed 's/^/  | /' "$3" | head -20 >&2; fi
}

# expect_no_match DESCRIPTION REGEX FILE
expect_no_match() {
  if grep -Eq -- "$2" "$3"; then fail "$1: /$2/ found"; else pass; fi
}

idx() { "$PX_INDEX" --db "$DB" "$@"; }
search() { "$PX_SEARCH" --db "$DB" "$@"; }

# Titles of the hits, one per line, in rank order.
titles() { search --json "$@" | jq -r '.hits[].title'; }
# The exact total of matches.
total() { search --json --facets --limit 1 "$@" | jq -r ".total.estimated"; }

finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [[ $failures -eq 0 ]]
}
