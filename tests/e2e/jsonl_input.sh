#!/usr/bin/env bash
# JSON Lines input as a user meets it: `add --help` lists every format of
# the format table, chrome lines in "text" are not indexed (and are under
# --no-clean), outlet labels with a section suffix are one outlet facet,
# and dates that cannot be right are warned about with file:line while the
# article is indexed undated.
. "$(dirname "$0")/lib.sh"

expect_status "add --help" 0 idx add --help
for ext in '\.txt ' '\.html, \.htm ' '\.warc ' '\.jsonl, \.ndjson ' '\.gz, \.zst '; do
  expect_match "add --help lists $ext" "^  $ext" "$T/out"
done
expect_match "add --help documents --no-clean" "^  --no-clean " "$T/out"

in="$T/in"; mkdir -p "$in"
story='The harbour board voted on Tuesday to extend the ferry timetable into the winter months.'
cat >"$in/feed.jsonl" <<JSON
{"id":"a1","outlet":"Newsmax - News","date":"2019-03-04","title":"Ferries run later","text":"$story\n\nAdvertisement\n\nCrews will add two sailings a day from November.\n\nClick here to get the app\n\nCopyright 2019 Newsmax. All rights reserved."}
{"id":"a2","outlet":"Newsmax (News)","date":"7/23/17","title":"Pier repairs","text":"Repairs to the pier start in spring, the council said."}
{"id":"a3","outlet":"Newsmax - Opinion","date":"0001-11-30","title":"Why the pier matters","text":"The pier is the town's front door, and it is falling apart."}
{"id":"a4","outlet":"New York Times - News","date":"2050-09-30","title":"Bridge vote","text":"Councillors will vote on the bridge budget next week."}
{"id":"a5","outlet":"New York Times (Online News)","date":"2019-03-05","title":"Bridge budget","text":"The bridge budget passed by one vote."}
JSON
expect_status "add feed (warnings only)" 0 idx add "$in/feed.jsonl"
expect_eq "bad dates reported with file:line" \
"pressdex-index: $in/feed.jsonl:2: warning: date '7/23/17' is ambiguous (two-digit year), stored as unknown
pressdex-index: $in/feed.jsonl:3: warning: date '0001-11-30' is before 1800, stored as unknown" \
  "$(grep -v 'in the future' "$T/err")"
expect_match "future date reported with file:line" \
  "^pressdex-index: $in/feed\.jsonl:4: warning: date '2050-09-30' is in the future \(after [0-9]{4}-[0-9]{2}-[0-9]{2}\), stored as unknown$" "$T/err"
expect_match "every article indexed" "^1 file read, 5 articles \(5 new" "$T/out"
expect_eq "badly dated articles are undated" \
  "Bridge vote,Pier repairs,Why the pier matters" \
  "$(search --json date:unknown | jq -r '[.hits[].title] | sort | join(",")')"
# The label without its section is then looked up in the shipped aliases
# file, which names "New York Times" "The New York Times".
expect_eq "one facet entry per outlet, sections dropped" \
  "Newsmax=3,The New York Times=2" \
  "$(search --json --facets --limit 1 '' | jq -r '[.facets.outlets[] | "\(.name)=\(.count)"] | sort | join(",")')"
expect_eq "chrome not indexed" 0 "$(total '"All rights reserved"')"
expect_eq "click-here chrome not indexed" 0 "$(total '"Click here to"')"
expect_eq "advert line not indexed" 0 "$(total advertisement)"
expect_eq "story kept" 1 "$(total '"extend the ferry timetable into the winter months"')"
expect_eq "story after the advert kept" 1 "$(total '"two sailings a day from November"')"

# --no-clean: the text as it is.
DB="$T/raw"
expect_status "add --no-clean" 0 idx --quiet add --no-clean "$in/feed.jsonl"
expect_eq "--no-clean keeps chrome" 1 "$(total '"All rights reserved"')"
expect_eq "--no-clean keeps click-here lines" 1 "$(total '"Click here to"')"
finish
