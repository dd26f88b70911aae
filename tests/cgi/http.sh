#!/usr/bin/env bash
# HTTP-level tests of the search page behind a real lighttpd, in the mode
# given as $1 (cgi or fastcgi): status codes, content types, security
# headers, escaping, facet and histogram links, pagination, the JSON mode,
# the full-article view, 400 pages for bad parameters, and an indexer run
# while the server is up.
source "$(dirname "$0")/lib.sh"
mode=${1:?usage: http.sh cgi|fastcgi}

make_index
start_server "$mode"

# --- the landing page: every article, newest first ------------------------
fetch /
expect_eq "landing status" 200 "$status"
expect_eq "content type" "text/html; charset=utf-8" "$(header Content-Type)"
csp=$(header Content-Security-Policy)
[[ $csp == *"default-src 'none'"* && $csp != *script-src* ]] && ok ||
  fail "CSP forbids script: $csp"
expect_eq "nosniff" nosniff "$(header X-Content-Type-Options)"
expect_eq "all articles" 13 "$(total)"
expect_not_in "no script element" "<script"
expect_in "histogram" '<svg class="histogram"'
expect_in "unknown outlet counted" 'Unknown outlet</span> <span class="count">1<'
expect_in "undated counted" 'Undated: <span class="count">1<'
expect_in "outlet escaped in the sidebar" 'data-outlet="Bay &amp; Coast Daily"'

# --- a query and its pages ------------------------------------------------
fetch '/?q=ferry'
expect_eq "query status" 200 "$status"
expect_eq "query total" 13 "$(total)"
expect_eq "first page" 10 "$(hits)"
next=$(href_of 'rel="next"')
expect_eq "next link" '?q=ferry&offset=10' "$next"
fetch "/$next"
expect_eq "second page" 3 "$(hits)"
expect_in "numbering continues" '<ol class="hits" start="11">'
expect_in "previous link" 'rel="prev"'
fetch '/?q=ferry&limit=5&offset=5'
expect_eq "custom page size" 5 "$(hits)"

# --- "did you mean", from the spelling data of the titles -----------------
fetch '/?q=fery+strik&outlet=Valley+Ledger'
expect_eq "misspelt query" 0 "$(total)"
expect_in "suggestion keeps the filters" \
  'href="?q=ferry%20strike&amp;outlet=Valley%20Ledger"><em>ferry strike</em>'
fetch '/?q=ferry+strike'
expect_not_in "no suggestion for known words" 'Did you mean'

# --- escaping of the request and of the index -----------------------------
fetch '/?q=%3Cscript%3Ealert(%22x%22)%3C%2Fscript%3E%27%22'
expect_eq "hostile query status" 200 "$status"
expect_not_in "query not echoed raw" '<script>alert'
expect_in "query escaped in the box" \
  'value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&quot;"'
fetch '/?q=headline'
expect_not_in "title from the index not raw" '<script>alert'
expect_in "title from the index escaped" \
  '&lt;script&gt;alert(&quot;ferry&quot;)&lt;/script&gt; <mark>headline</mark> test'
expect_in "snippet highlight" '<mark>'

# --- facets: add, add another, remove -------------------------------------
fetch '/?q=ferry'
herald=$(href_of 'data-outlet="Harbor Herald"')
expect_eq "outlet link" '?q=ferry&outlet=Harbor%20Herald' "$herald"
fetch "/$herald"
expect_eq "one outlet" 5 "$(total)"
expect_in "outlet chip" 'Outlet: <span class="value">Harbor Herald</span>'
expect_in "active facet" 'class="facet active" aria-current="true"'
fetch "/$(href_of 'data-outlet="Valley Ledger"')"
expect_eq "two outlets OR'd" 8 "$(total)"
fetch "/$(href_of 'data-outlet="Harbor Herald"')"
expect_eq "facet clicked again removes it" 3 "$(total)"
fetch "/$(href_of 'data-filter="outlet"')"
expect_eq "chip removes the filter" 13 "$(total)"

# --- the month histogram ----------------------------------------------------
bar=$(href_of 'data-month="2025-01"')
expect_eq "bar link" '?q=ferry&from=2025-01-01&to=2025-01-31' "$bar"
fetch "/$bar"
expect_eq "one month" 5 "$(total)"
expect_in "month chip" 'Month: <span class="value">2025-01</span>'
expect_in "active bar" 'class="bar active" data-month="2025-01"'
fetch '/?q=ferry&from=2025-02-01'
expect_eq "open-ended from" 4 "$(total)"

# --- sort -------------------------------------------------------------------
fetch '/?q=ferry&sort=oldest&limit=1'
expect_in "oldest first" '<mark>Ferry</mark> service to Port Avery suspended'
fetch '/?q=ferry&sort=newest&limit=1'
expect_in "newest first" 'Anonymous <mark>ferry</mark> notice'

# --- JSON -------------------------------------------------------------------
fetch '/?q=strike&format=json'
expect_eq "json status" 200 "$status"
expect_eq "json type" application/json "$(header Content-Type)"
expect_eq "json total" 4 "$(jq '.total.estimated' <<<"$body")"
expect_eq "json query" '"strike"' "$(jq -c '.query' <<<"$body")"
expect_eq "json hit fields" \
  '["author","cluster","copies","copy_outlets","date","date_precision","date_source","highlights","id","outlet","rank","score","snippet","source","title","url"]' \
  "$(jq -c '.hits[0] | keys - ["ext_id"]' <<<"$body")"
expect_eq "json facets" 4 "$(jq '[.facets.outlets[].count] | add' <<<"$body")"
fetch '/?q=ferry&format=json'
expect_eq "json unknown outlet is null" 1 \
  "$(jq '[.facets.outlets[] | select(.name == null) | .count] | add' <<<"$body")"

# --- the full-article view --------------------------------------------------
fetch '/?q=headline&format=json'
id=$(jq '.hits[0].id' <<<"$body")
fetch "/?id=$id&q=headline"
expect_eq "article status" 200 "$status"
expect_in "article title escaped" '<h1>&lt;script&gt;alert(&quot;ferry&quot;)'
expect_in "article body escaped" '&lt;b&gt;board&lt;/b&gt;'
expect_in "back link keeps the search" 'id="back" href="?q=headline"'
fetch '/?q=timetable&format=json'
fetch "/?id=$(jq '.hits[0].id' <<<"$body")"
expect_in "web URL linked, escaped" 'href="https://herald.example/ferry?a=1&amp;b=2"'
fetch '/?q=mediators&format=json'
fetch "/?id=$(jq '.hits[0].id' <<<"$body")"
expect_not_in "javascript: URL not linked" 'href="javascript:'
fetch '/?id=999999'
expect_eq "missing article" 404 "$status"

# --- bad requests -----------------------------------------------------------
for bad in 'offset=abc' 'offset=5000' 'limit=0' 'limit=500' \
           'from=2025-02-30' 'to=yesterday' 'sort=random' 'format=xml' \
           'q=a&q=b' 'id=-1' \
           'from=2025-03-01&to=2025-01-01'; do
  fetch "/?$bad"
  expect_eq "400 for $bad" 400 "$status"
  expect_in "400 page says why ($bad)" 'id="error"'
done
# lighttpd refuses control characters and invalid UTF-8 itself (strict
# parse options); the page refuses them too for servers that pass them on.
for bad in 'q=%00' 'q=%FF%FE'; do
  fetch "/?$bad"
  expect_eq "server 400 for $bad" 400 "$status"
done
direct() {  # direct QUERY_STRING [VAR=VALUE...]: one plain CGI request
  local qs=$1; shift
  body=$(env -i PRESSDEX_DB="$tmp/db" REQUEST_METHOD=GET \
         GATEWAY_INTERFACE=CGI/1.1 QUERY_STRING="$qs" "$@" "$PX_CGI" 2>&1) || true
}
for bad in 'q=%ZZ' 'q=%00' 'q=%FF%FE' 'outlet=%C0%AF'; do
  direct "$bad"
  expect_in "page 400 for $bad" 'Status: 400 Bad Request'
  expect_in "page 400 says why ($bad)" 'id="error"'
done
# The time budget: a search stopped by it shows what it found and says so.
direct 'q=ferry' PRESSDEX_TIME_LIMIT=0.000000001
expect_in "a search past its time limit answers" 'Status: 200'
expect_in "and says it stopped" 'stopped after its time limit'
direct 'q=ferry'
expect_not_in "within the default limit, no notice" 'time limit'
direct 'q=ferry' PRESSDEX_TIME_LIMIT=lots
expect_in "a bad PRESSDEX_TIME_LIMIT is logged" "PRESSDEX_TIME_LIMIT 'lots' is not"
expect_not_in "and the default is used" 'stopped after its time limit'
long=$(printf 'a%.0s' $(seq 2100))
fetch "/?q=$long"
expect_eq "400 for a long query" 400 "$status"
fetch '/?format=json&offset=abc'
expect_eq "json 400" 400 "$status"
expect_eq "json 400 type" application/json "$(header Content-Type)"
expect_eq "json 400 message" '"offset: expected a number from 0 to 1000"' \
  "$(jq -c '.message' <<<"$body")"
fetch -X POST --data q=ferry '/'
expect_eq "POST refused" 405 "$status"
expect_eq "Allow header" "GET, HEAD" "$(header Allow)"
fetch -I '/?q=ferry'
expect_eq "HEAD status" 200 "$status"
expect_not_in "HEAD has no body" "<!DOCTYPE"

# --- the index comes from the server, not the request -----------------------
fetch -H 'PRESSDEX_DB: /nonexistent' '/?q=ferry&db=/nonexistent&PRESSDEX_DB=/x'
expect_eq "request cannot choose the index" 13 "$(total)"

# --- an indexer run while the server is up ----------------------------------
"$PX_INDEX" --db "$tmp/db" add "$PX_FIXTURES/late.jsonl" >/dev/null 2>&1 &
writer=$!
for i in $(seq 30); do
  fetch '/?q=ferry'
  [[ $status == 200 ]] || { fail "request $i during indexing: $status"; break; }
done
wait "$writer"
fetch '/?q=ferry'
expect_eq "new article visible" 14 "$(total)"

# --- many requests, then a clean stop ----------------------------------------
for i in $(seq 60); do
  curl -sS -o /dev/null "$base?q=ferry&offset=$((i % 12))&outlet=Harbor+Herald"
done
stop_server
sleep 0.5
asan_clean
finish
