#!/usr/bin/env bash
# Dates known only to the month or the year, as pressdex-search and the
# search page show and match them.  The index is built by the
# mkindex_precision helper (PX_MKINDEX) through the library, since the JSON
# Lines reader cannot carry a precision yet; see that file for the five
# articles.  The CGI part runs when PX_CGI is set.
. "$(dirname "$0")/lib.sh"
: "${PX_MKINDEX:?PX_MKINDEX must name the mkindex_precision helper}"

"$PX_MKINDEX" "$DB" || { echo "could not build the fixture index" >&2; exit 1; }
sorted_titles() { titles "$@" | sort | paste -sd, -; }

# Matching: a month-precise article is in its month and year, not on a day.
expect_eq "date:2025-03" "Day story,Later story,Month story" \
  "$(sorted_titles 'date:2025-03')"
expect_eq "date:2025-03-01" "Day story" "$(sorted_titles 'date:2025-03-01')"
expect_eq "date:2025" "Day story,Later story,Month story,Year story" \
  "$(sorted_titles 'date:2025')"
expect_eq "range of months" "Day story,Later story,Month story" \
  "$(sorted_titles 'date:2025-01..2025-06')"
expect_eq "--from/--to of one month" "Day story,Later story,Month story" \
  "$(sorted_titles --from 2025-03 --to 2025-03 harbour)"
expect_eq "--to inside the month" "Day story" \
  "$(sorted_titles --to 2025-03-15 harbour)"

# JSON: the stored date and its precision; null precision when undated.
search --json --facets harbour >"$T/all.json"
expect_eq "json month" "2025-03-01 month" \
  "$(jq -r '.hits[] | select(.title == "Month story") | "\(.date) \(.date_precision)"' "$T/all.json")"
expect_eq "json year" "2025-01-01 year" \
  "$(jq -r '.hits[] | select(.title == "Year story") | "\(.date) \(.date_precision)"' "$T/all.json")"
expect_eq "json day" "2025-03-01 day" \
  "$(jq -r '.hits[] | select(.title == "Day story") | "\(.date) \(.date_precision)"' "$T/all.json")"
expect_eq "json undated" "null null" \
  "$(jq -r '.hits[] | select(.title == "Undated story") | "\(.date) \(.date_precision)"' "$T/all.json")"
expect_eq "json month facets" '[["2025",1],["2025-03",3],[null,1]]' \
  "$(jq -c '[.facets.months[] | [.month, .count]]' "$T/all.json")"

# Text: the date as far as it is known, never a made-up day.
search bravo >"$T/month.txt"
expect_match "text month" '^     Harbor Herald \| 2025-03 \| /fixture$' "$T/month.txt"
search charlie >"$T/year.txt"
expect_match "text year" '^     Harbor Herald \| 2025 \| /fixture$' "$T/year.txt"
search alpha >"$T/day.txt"
expect_match "text day" '^     Harbor Herald \| 2025-03-01 \| /fixture$' "$T/day.txt"
search --facets harbour >"$T/facets.txt"
expect_match "text facet month" '^ +3  2025-03$' "$T/facets.txt"
expect_match "text facet year" '^ +1  2025 \(year only\)$' "$T/facets.txt"

# The search page, run as a plain CGI program.
if [[ -n "${PX_CGI:-}" ]]; then
  page() { env -i PATH="$PATH" GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET \
             QUERY_STRING="$1" PRESSDEX_DB="$DB" "$PX_CGI"; }
  page 'q=bravo' >"$T/month.html"
  expect_match "page month" '<time datetime="2025-03" data-precision="month">2025-03</time>' "$T/month.html"
  page 'q=harbour' >"$T/all.html"
  expect_match "page year-only facet" 'id="year-only"' "$T/all.html"
  expect_match "page year-only count" 'data-year="2025"[^>]*>2025</a> <span class="count">1</span>' "$T/all.html"
  page 'q=bravo&format=json' | sed '1,/^\r\?$/d' >"$T/page.json"
  expect_eq "page json precision" "month" "$(jq -r '.hits[0].date_precision' "$T/page.json")"
fi
finish
