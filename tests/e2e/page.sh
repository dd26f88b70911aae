#!/usr/bin/env bash
# The search page's pictures and words, run as a plain CGI program over
# generated archives: the date histogram on a true time axis (empty months
# as gaps, quarters or years for long spans, a labelled square-root
# scale), every outlet reachable past the most frequent, the query's words
# marked in titles and in the article view, the date's origin in plain
# words, and browse snippets from the story's opening.  Skipped when the
# page is not built.
. "$(dirname "$0")/lib.sh"
[[ -n ${PX_CGI:-} ]] || { echo "SKIPPED: pressdex.cgi not built"; exit 0; }

page() {  # page DB QUERY_STRING: the body of the page
  env -i PATH="$PATH" GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET \
    QUERY_STRING="$2" PRESSDEX_DB="$1" "$PX_CGI" | sed '1,/^\r\?$/d'
}
count() { grep -o -- "$1" "$2" | wc -l | tr -d ' '; }

# --- one archive: 40 outlets over a few months, with a gap ------------------
gen_months() {
  local i outlet month
  for i in $(seq 1 60); do
    outlet=$(printf 'Outlet %02d' $(( (i - 1) % 40 + 1 )))
    # January, February and April 2024: March is empty.
    case $((i % 3)) in 0) month=01 ;; 1) month=02 ;; 2) month=04 ;; esac
    printf '{"id":"m%d","outlet":"%s","date":"2024-%s-1%d","title":"Harbour strikes report %d","text":"OPENING LINE %d: the harbour strike went on.\\n\\nMiddle paragraph about cranes and ships and the long talks.\\n\\nFooter: all rights reserved, subscribe now to read more."}\n' \
      "$i" "$outlet" "$month" $((i % 9)) "$i" "$i"
  done
}
gen_months >"$T/months.jsonl"
M="$T/months"
"$PX_INDEX" --db "$M" --quiet add "$T/months.jsonl" || fail "index months"

page "$M" '' >"$T/browse.html"
expect_match "monthly slots for a short span" 'data-slot="month"' "$T/browse.html"
expect_match "the empty month is a gap" '<rect class="empty"[^>]*><title>2024-03: no articles' "$T/browse.html"
expect_eq "a bar per month with articles" 3 "$(count 'class="bar' "$T/browse.html")"
expect_match "count axis labelled" 'class="ylabel"[^>]*>0<' "$T/browse.html"
expect_match "time axis labelled" 'class="xlabel[^"]*"[^>]*>2024<' "$T/browse.html"
expect_match "the scale is said" 'square root of the count' "$T/browse.html"
expect_match "browse snippets are the opening" '<p class="snippet">OPENING LINE' "$T/browse.html"
expect_no_match "not the footer" '<p class="snippet">[^<]*Footer' "$T/browse.html"
page "$M" 'q=date:2024-01' >"$T/filter.html"
expect_match "a query of filters only shows openings too" '<p class="snippet">OPENING LINE' "$T/filter.html"

# Every outlet is reachable: the most frequent listed, the rest A-Z.
expect_match "the others behind a summary" '<summary>10 more outlets, A' "$T/browse.html"
for n in $(seq -w 1 40); do
  grep -q "data-outlet=\"Outlet $n\"" "$T/browse.html" || fail "Outlet $n not reachable"
done
pass
expect_match "outlets counted" 'Outlets <span class="count">\(40\)' "$T/browse.html"
page "$M" 'outlet=Outlet+40' >"$T/one.html"
expect_match "a hidden outlet that is filtered opens the list" 'id="more-outlets" open' "$T/one.html"

# Words marked in titles (by stem) and in the article view; not an
# excluded word, nor the value of a filter.
page "$M" 'q=strike' >"$T/q.html"
expect_match "title marked by stem" '<h3 class="title"><a [^>]*>Harbour <mark>strikes</mark> report' "$T/q.html"
id=$(page "$M" 'q=strike&format=json' | jq '.hits[0].id')
page "$M" "id=$id&q=strike+-cranes+outlet:harbour" >"$T/article.html"
expect_match "body marked" 'harbour <mark>strike</mark> went on' "$T/article.html"
expect_match "article title marked" '<h1>Harbour <mark>strikes</mark> report' "$T/article.html"
expect_no_match "excluded word not marked" '<mark>cranes</mark>' "$T/article.html"
expect_no_match "filter value not marked" '<mark>[Hh]arbour</mark>' "$T/article.html"
expect_match "date origin in plain words" '\(date stated by the export\)' "$T/article.html"
expect_no_match "no jargon" 'date from header' "$T/article.html"
page "$M" "id=$id&q=%22harbour+strike%22" >"$T/phrase.html"
expect_match "a phrase's words marked exactly" '<mark>harbour</mark> <mark>strike</mark> went on' "$T/phrase.html"
page "$M" "id=$id&q=harb*" >"$T/prefix.html"
expect_match "a wildcard marks by its start" '<mark>harbour</mark> strike' "$T/prefix.html"
page "$M" "id=$id" >"$T/plain.html"
expect_no_match "nothing marked without a query" '<mark>' "$T/plain.html"

# --- a long span: quarters, then years ------------------------------------
gen_span() {  # gen_span FIRST-YEAR LAST-YEAR: a story every other year
  local y
  for ((y = $1; y <= $2; y += 2)); do
    printf '{"id":"y%d","outlet":"Span Post","date":"%d-06-15","title":"Story of %d","text":"Text of %d."}\n' "$y" "$y" "$y" "$y"
  done
  # one big month, to show small ones stay visible beside it
  for i in $(seq 1 400); do
    printf '{"id":"b%d","outlet":"Span Post","date":"%d-03-02","title":"Busy %d","text":"Busy day %d."}\n' "$i" "$2" "$i" "$i"
  done
}
gen_span 2004 2020 >"$T/quarters.jsonl"
Q="$T/quarters"
"$PX_INDEX" --db "$Q" --quiet add "$T/quarters.jsonl" || fail "index quarters"
page "$Q" '' >"$T/q.html"
expect_match "quarters for a span of years" 'data-slot="quarter"' "$T/q.html"
expect_match "quarter heading" '<h2 id="h-months">By quarter</h2>' "$T/q.html"
expect_match "a quarter bar narrows to its quarter" 'data-period="2004-Q2"[^>]*href="\?from=2004-04-01&amp;to=2004-06-30"' "$T/q.html"
bars=$(grep -o '<a class="bar[^>]*>' "$T/q.html" | wc -l)
expect_eq "a bar per quarter with articles (2020 has two)" 10 "$bars"
slots=$(( $(count '<rect class="empty"' "$T/q.html") + bars ))
expect_eq "every quarter a slot, from 2004 Q2 to 2020 Q2" 65 "$slots"
# A story of 1 beside a month of 400: still at least 3 units high.
small=$(grep -o 'data-period="2004-Q2".*' "$T/q.html" | grep -o '<rect x="[^"]*" y="[^"]*" width="[^"]*" height="[0-9.]*"' | head -1 |
        grep -o 'height="[0-9.]*"' | tr -dc 0-9.)
awk -v h="$small" 'BEGIN { exit !(h >= 3) }' && pass || fail "small bar too short: $small"
page "$Q" 'from=2004-04-01&to=2004-06-30' >"$T/qf.html"
expect_match "quarter chip" 'Quarter: <span class="value">2004 Q2</span>' "$T/qf.html"

gen_span 1960 2020 >"$T/years.jsonl"
Y="$T/years"
"$PX_INDEX" --db "$Y" --quiet add "$T/years.jsonl" || fail "index years"
page "$Y" '' >"$T/y.html"
expect_match "years for a long span" 'data-slot="year"' "$T/y.html"
expect_match "a year bar narrows to its year" 'data-period="1960"[^>]*href="\?from=1960-01-01&amp;to=1960-12-31"' "$T/y.html"
expect_eq "every year a slot" 61 "$(( $(count '<rect class="empty"' "$T/y.html") + $(count '<a class="bar' "$T/y.html") ))"
expect_match "first year labelled" 'class="xlabel[^"]*"[^>]*>1960<' "$T/y.html"
page "$Y" 'from=1960-01-01&to=1960-12-31' >"$T/yf.html"
expect_match "year chip" 'Year: <span class="value">1960</span>' "$T/yf.html"
finish
