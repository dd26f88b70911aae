#!/usr/bin/env bash
# Search a fact-checker can trust, on real articles (issue 11): the first
# 3,000 AllSides articles of ../shared/corpus, indexed fresh.  Every count
# is checked against an independent scan of the stored text (scan.py).
# Skipped (exit 77) when the corpus is absent.
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../e2e/lib.sh"
corpus=${PX_CORPUS:-$here/../../../shared/corpus}/allsides.jsonl.gz
if [[ ! -r $corpus ]]; then
  echo "skipped: no $corpus"; exit 77
fi
{ zcat "$corpus" 2>/dev/null || true; } | head -n 3000 > "$T/slice.jsonl"
idx --quiet add "$T/slice.jsonl" >/dev/null 2>&1 || { echo "indexing failed"; exit 1; }

count() { search --json --limit 1 "$@" | jq -r '.total.estimated'; }
scan() { python3 "$here/scan.py" "$DB" "$@"; }

# ---- 1. Case never changes recall -----------------------------------
for w in negotiation nato trump; do
  W=$(tr a-z A-Z <<<"${w:0:1}")${w:1}
  expect_eq "$W finds what $w finds" "$(count "$w")" "$(count "$W")"
  expect_eq "${w^^} finds what $w finds" "$(count "$w")" "$(count "${w^^}")"
done
expect_eq "negotiation is stemmed (finds negotiations)" 1 \
  "$(( $(count negotiation) > $(count '"negotiation"') ))"
read -r n_neg n_nato n_sc n_courts < <(scan '\bnegotiation\b' '\bnato\b' \
  "\\bsupreme\\s+court\\b" "\\bcourt's\\b" | paste -sd' ')
expect_eq '"Negotiation" is the exact form, any case' "$n_neg" "$(count '"Negotiation"')"
expect_eq '"NATO" quoted: exact form, any case' "$n_nato" "$(count '"NATO"')"

# ---- 2. Possessives --------------------------------------------------
expect_eq '"Supreme Court" also finds "Supreme Court'"'"'s" and ’s' "$n_sc" \
  "$(count '"Supreme Court"')"
expect_eq "\"Court's\" still asks for the possessive" "$n_courts" \
  "$(count "\"Court's\"")"
expect_eq "\"Court’s\" (curly) is the same" "$n_courts" "$(count '"Court’s"')"
sent=$(python3 - "$DB" <<'PY'
import re, sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}/articles.sqlite?mode=ro", uri=True)
for (body,) in db.execute("SELECT body FROM articles ORDER BY docid"):
    m = re.search(r"[^.\n]*\bSupreme Court['’]s\b [^.\n]{30,120}", body)
    if m:
        print(re.sub(r"['’]s\b", "", m.group(0), count=1).strip()); break
PY
)
search quote --json "$sent" > "$T/q.json"
expect_eq "quote without the possessive finds the article as exact" 1 \
  "$(jq '.exact >= 1' "$T/q.json" | grep -c true)"

# ---- 3. One behaviour everywhere --------------------------------------
nyt=$(count --outlet "New York Times")
n_nyt=$(python3 -c "
import json,sys
print(sum(json.loads(l)['outlet'].startswith('New York Times') for l in open('$T/slice.jsonl')))")
expect_eq "--outlet 'New York Times' counts every NYT section label" "$n_nyt" "$nyt"
expect_eq "--outlet nytimes.com (a domain alias)" "$nyt" "$(count --outlet nytimes.com)"
expect_eq "--outlet 'New York Times - News' (a section label)" "$nyt" \
  "$(count --outlet 'New York Times - News')"
expect_eq "outlet:nytimes.com in the query" "$nyt" "$(count outlet:nytimes.com)"
expect_eq "--outlet AP is the Associated Press" "$(count --outlet 'Associated Press')" \
  "$(count --outlet AP)"
expect_eq "options after the query" "$(count --outlet AP trump)" \
  "$(search trump --json --outlet AP --limit 1 | jq -r .total.estimated)"
search '"R&D"' --limit 1 > "$T/out"
expect_no_match "an option after the query is not a query word" "for .*--limit" "$T/out"
expect_status "a second --db is an error" 2 search --db "$T/other" trump
expect_match "and says so" "--db given twice" "$T/err"
search --limit 1 -- --limit > "$T/out"
expect_match "-- ends options" "for --limit" "$T/out"
expect_eq "-word after the query still excludes" 1 \
  "$(( $(count trump -russia) < $(count trump) ))"
if [[ -n ${PX_CGI:-} ]]; then
  cgi() { PRESSDEX_DB=$DB REQUEST_METHOD=GET QUERY_STRING="$1&format=json" \
          "$PX_CGI" | sed '1,/^\r$/d'; }
  expect_eq "the page matches spelling variants (Kiev finds Kyiv)" \
    "$(count Kiev)" "$(cgi 'q=Kiev' | jq -r .total.estimated)"
  expect_eq "the page takes outlet aliases" "$nyt" \
    "$(cgi 'outlet=nytimes.com' | jq -r .total.estimated)"
  expect_eq "the page parses like the CLI" "$(search --json Negotiation | jq -c .parsed)" \
    "$(cgi 'q=Negotiation' | jq -c .parsed)"
fi

# ---- 4. Honest counts --------------------------------------------------
search "NATO summit" > "$T/out"
exact=$(search --json --facets --limit 1 "NATO summit" | jq -r .total.estimated)
expect_match "an affordable count is exact, no About" "^$exact matches for NATO summit" "$T/out"
expect_eq "JSON says exact" true "$(search --json 'NATO summit' | jq .total.exact)"
search --json --time-limit 0.000001 trump > "$T/tl.json"
if jq -e '.notice // "" | test("estimates")' "$T/tl.json" >/dev/null; then
  expect_eq "a search cut by its time limit is not exact" false "$(jq .total.exact "$T/tl.json")"
fi

# ---- 5. Suggestions only when they help --------------------------------
for q in '"border wall"' 'COVID-19' 'AT&T' 'Obama judges' 'NATO summit'; do
  if [[ $(count "$q") -gt 0 ]]; then
    expect_eq "no suggestion for $q, whose words occur" null \
      "$(search --json "$q" | jq -c .suggestion)"
  fi
done
expect_eq "Clintn -> Clinton" '"Clinton"' "$(search --json Clintn | jq -c .suggestion)"
expect_eq "inside a phrase" '"\"supreme court\""' \
  "$(search --json '"supreme cuort"' | jq -c .suggestion)"

# ---- 6. Quote recall ---------------------------------------------------
orig="After all that has emerged about Trump so far, his approval rating is closely tracking Obama’s approval at the same point in his presidency."
n_orig=$(scan 'After all that has emerged about Trump so far, his approval rating is closely tracking Obama.s approval')
for edited in \
  "After all that has emerged about Trump so far, his approval rating is closely tracking Clinton’s approval at the same point in his presidency." \
  "After all that has emerged about Trump so far, his approval rating is tracking Obama’s approval at the same point in his presidency." \
  "After all that has emerged about Trump so far, his approval rating is still closely tracking Obama’s approval at the very same point in his presidency."; do
  found=$(search quote --json "$edited" | jq '[.timeline[] | select(.context | test("emerged about Trump"))] | length')
  expect_eq "reworded quote finds every copy (${edited:60:30}…)" "$n_orig" "$found"
done
expect_eq "the original: all exact" "$n_orig" "$(search quote --json "$orig" | jq .exact)"
search quote "$orig" > "$T/out"
expect_match "the text report names each article's id and URL" "^ +id [0-9]+  https?://" "$T/out"
expect_eq "quote --outlet filters" 0 \
  "$(search quote --json --outlet 'Associated Press' "$orig" | jq .matches)"
expect_eq "quote --outlet keeps that outlet's" "$n_orig" \
  "$(search quote --json "$orig" --outlet 'The Flip Side' | jq .matches)"
expect_eq "quote --to before them all" 0 \
  "$(search quote --json --to 1990 "$orig" | jq .matches)"
finish
