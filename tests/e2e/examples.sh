#!/usr/bin/env bash
# Indexes the sample archive and checks the planted facts listed in
# examples/README.md: exact counts, rankings, phrases against loose
# matches, stemming, punctuation, fields, dates, facets and JSON.
. "$(dirname "$0")/lib.sh"

expect_status "index the examples" 0 idx --quiet add "$PX_EXAMPLES"

# Storylines and stemming.
expect_eq "port strike" 19 "$(total port strike)"
expect_eq '"port strike"' 7 "$(total '"port strike"')"
expect_eq "negotiation (stemmed)" 11 "$(total negotiation)"
expect_eq "negotia* (wildcard)" 11 "$(total 'negotia*')"
expect_eq '"negotiation" (exact word)' 2 "$(total '"negotiation"')"
expect_eq '"negotiations"' 5 "$(total '"negotiations"')"
expect_eq '"negotiating"' 2 "$(total '"negotiating"')"
expect_eq '"negotiated"' 2 "$(total '"negotiated"')"
expect_eq '"Tarrow Bridge"' 12 "$(total '"Tarrow Bridge"')"
expect_eq "storm" 15 "$(total storm)"
expect_eq "budget" 4 "$(total budget)"

# The minister's sentence: phrase, oldest first.
q='"We will not let the harbour become a museum of broken cranes"'
expect_eq "quote, oldest first" \
"Minister vows to keep Port Avery working as strike enters fifth week
Corran rules out emergency law to end port strike
Kestrel Bay fishers join dockworkers on picket line
Port strike ends after deal negotiated overnight" "$(titles --sort oldest "$q")"
expect_eq "quote, newest first starts with the last" \
  "Port strike ends after deal negotiated overnight" \
  "$(titles --sort newest --limit 1 "$q")"
expect_eq "museum cranes (loose)" 5 "$(total museum cranes)"
expect_eq '"museum of rusted cranes"' 1 "$(total '"museum of rusted cranes"')"

# Punctuation pasted from news copy.
expect_eq '"R&D"' 2 "$(total '"R&D"')"
expect_eq '"2023-2027"' 2 "$(total '"2023-2027"')"
expect_eq '"1/2"' 1 "$(total '"1/2"')"
expect_eq '"4.5%"' 7 "$(total '"4.5%"')"
expect_eq '"2025–26" (en dash)' 2 "$(total '"2025–26"')"
expect_eq '"2025-26" (hyphen)' 2 "$(total '"2025-26"')"
expect_eq "curly apostrophe" 2 "$(total '"Port Avery’s"')"
expect_eq "straight apostrophe" 2 "$(total "\"Port Avery's\"")"
expect_eq "curly quotes as phrase marks" 1 "$(total '“museum of rusted cranes”')"

# Syndication, rare words, title boost, phrase vs loose.
expect_eq "syndicated sentence, oldest first" \
"Tarrow Bridge to stay closed until spring, engineers say
Tarrow Bridge to stay closed until spring
Repairs to keep Tarrow Bridge shut until mid-March" \
  "$(titles --sort oldest '"we lose days every time the wind gets up"')"
expect_eq "Quillhaven" 1 "$(total Quillhaven)"
expect_eq "ferry: title match ranks first" \
"Kestrel Island ferry suspended after storm wrecks landing stage
Candidates face voters at crowded Northgate hustings" "$(titles ferry)"
expect_eq "title:ferry" 1 "$(total title:ferry)"
expect_eq '"crane operators"' 1 "$(total '"crane operators"')"
expect_eq "crane operators" 2 "$(total crane operators)"

# Boolean operators and proximity.
expect_eq "ferry OR Quillhaven" 3 "$(total ferry OR Quillhaven)"
expect_eq "storm NOT Hestia" 3 "$(total storm NOT Hestia)"
expect_eq "storm -Hestia" 3 "$(total storm -Hestia)"
expect_eq "(ferry OR Quillhaven) AND water" 2 \
  "$(total '(ferry OR Quillhaven) AND water')"
expect_eq "museum NEAR/3 cranes" 5 "$(total museum NEAR/3 cranes)"
expect_eq "broken NEAR/1 museum" 0 "$(total broken NEAR/1 museum)"

# Fields and dates.
for spelling in "Harbor Herald" "The Harbor Herald" "harbor herald"; do
  expect_eq "outlet:\"$spelling\"" 8 "$(total "outlet:\"$spelling\"")"
done
expect_eq "--outlet twice (OR)" 14 \
  "$(total --outlet 'Harbor Herald' --outlet 'Valley Ledger' '')"
expect_eq "author:ruiz" 4 "$(total author:ruiz)"
expect_eq "date:2024-12" 10 "$(total date:2024-12)"
expect_eq "date:2025" 23 "$(total date:2025)"
expect_eq "date:unknown" 3 "$(total date:unknown)"
expect_eq "date:2024-12-10" 2 "$(total date:2024-12-10)"
expect_eq "date range" 28 "$(total date:2024-12-01..2025-02-28)"
expect_eq "open range" 18 "$(total date:..2024-12-31)"
expect_eq "open range (from)" 23 "$(total date:2025-01..)"
expect_eq "--from/--to" 28 "$(total --from 2024-12-01 --to 2025-02-28 '')"
expect_eq "storm in December via date:" 6 "$(total storm date:2024-12)"

# Facets over the whole match set, unknown buckets last.
search --json --facets port strike >"$T/facets.json"
expect_eq "outlet facets" \
  "The Harbor Herald=6 Meridian Wire=5 Coastline Daily=2 Northgate Times=2 Valley Ledger=1 null=3" \
  "$(jq -r '[.facets.outlets[] | "\(.name)=\(.count)"] | join(" ")' "$T/facets.json")"
expect_eq "month facets" \
  "2024-11=2 2024-12=2 2025-01=7 2025-02=5 2025-03=2 null=1" \
  "$(jq -r '[.facets.months[] | "\(.month)=\(.count)"] | join(" ")' "$T/facets.json")"
expect_eq "facet totals are exact" "true" "$(jq -r .total.exact "$T/facets.json")"

# JSON shape and highlights.
search --json negotiation >"$T/neg.json"
expect_eq "hit fields" \
  "author,cluster,copies,copy_outlets,date,date_precision,date_source,ext_id,highlights,id,outlet,rank,score,snippet,source,title,url" \
  "$(jq -r '.hits[0] | keys | join(",")' "$T/neg.json")"
expect_eq "stem-aware highlight" "true" \
  "$(jq -r '[.hits[] | .snippet as $s | .highlights[] | $s[.[0]:.[0]+.[1]] | ascii_downcase | startswith("negotia")] | all' "$T/neg.json")"
expect_eq "schema version" 1 "$(jq -r .schema_version "$T/neg.json")"
expect_eq "paging: offset 10 gives ranks from 11" 11 \
  "$(search --json --offset 10 --limit 1 negotiation | jq -r '.hits[0].rank')"

# Text output: numbered hits and [brackets] when not on a terminal.
search ferry >"$T/ferry.txt"
expect_match "count line" "^2 matches for ferry" "$T/ferry.txt"
expect_match "numbered hit" "^  1\. Kestrel Island ferry suspended" "$T/ferry.txt"
expect_match "bracket highlight" "\[ferry\]" "$T/ferry.txt"
search --color always ferry >"$T/bold.txt"
expect_match "bold highlight" $'\e\\[1mferry\e\\[0m' "$T/bold.txt"

# Spelling: suggested only for words the index does not hold.
expect_eq "did you mean" "ferry strike" "$(search --json 'fery strke' | jq -r .suggestion)"
expect_eq "no suggestion for known words" "null" "$(search --json ferry | jq -r .suggestion)"

# A time limit long enough changes nothing; a bad one is a usage error.
expect_eq "--time-limit" 2 "$(total --time-limit 5 ferry)"
expect_status "bad --time-limit" 2 search --time-limit soon ferry

# Exit codes and hostile queries.
expect_status "no match exits 1" 1 search zyzzyva
expect_status "unbalanced query still runs" 0 search '"port strike'
expect_status "operators alone still run" 0 search 'AND OR NOT ('
expect_match "the retry is explained" "^Note: the query could not be run" "$T/out"
expect_status "a bad date is retried as words" 1 search date:someday
expect_match "bad date explained" "date:someday is not a date" "$T/out"
finish
