#!/usr/bin/env bash
# Reading, counting and exporting from the command line: `show ID...`
# (metadata with its provenance, the whole text, --query highlighting,
# --json), `cluster` given an article id, --count against a search's
# total, --limit 0, --format csv/tsv quoting and escaping, --version alike
# across programs, browse snippets from the story's opening, and quote
# --batch's one-line-per-line output and exit statuses.
. "$(dirname "$0")/lib.sh"

in="$T/in"; mkdir -p "$in"
cat >"$in/feed.jsonl" <<'JSONL'
{"id":"a1","outlet":"Harbor Herald","date":"2025-01-14","title":"Strike ends, \"for now\"","author":"Ana\tRuiz","url":"https://x.example/a1","text":"The dockers voted on Monday to end the strike at the port.\n\nThe union said the deal was \"a start\" and C:\\\\docs was a path with a backslash.\n\nThe closing line of the story is the footer."}
{"id":"a2","outlet":"Meridian Wire","title":"Ferry timetable\twith tab","text":"Ferries run again from Tuesday, the operator said.\n\nMore ferries follow in March."}
JSONL
expect_status "index the feed" 0 idx --quiet add "$in"

# --- show ----------------------------------------------------------------------
search show 1 >"$T/show" 2>"$T/err"; rc=$?
expect_eq "show: exit 0" 0 "$rc"
expect_eq "show: metadata with where it came from, then the text" \
"id:              1
title:           Strike ends, \"for now\"
outlet:          Harbor Herald
date:            2025-01-14
date_precision:  day
date_source:     header (date stated by the export)
author:          Ana	Ruiz
url:             https://x.example/a1
source:          $in/feed.jsonl
ext_id:          a1
cluster:         1 (this article only)

The dockers voted on Monday to end the strike at the port.

The union said the deal was \"a start\" and C:\\\\docs was a path with a backslash.

The closing line of the story is the footer." "$(cat "$T/show")"

search show --query 'dockers strike' 1 >"$T/show"
expect_eq "show --query: the query's words lit in the text" \
  "The [dockers] voted on Monday to end the [strike] at the port." \
  "$(sed -n 13p "$T/show")"
expect_eq "show --query: and in the title" \
  'title:           [Strike] ends, "for now"' "$(sed -n 2p "$T/show")"

search show 2 1 >"$T/show"
expect_eq "show of two ids: both, in the order asked, a rule between" \
  "id:              2|========================================================================|id:              1" \
  "$(grep -E '^(id:|====)' "$T/show" | paste -sd'|')"
expect_eq "show: an unknown date says so" "date:            (unknown)" \
  "$(grep '^date:' "$T/show" | head -1)"

expect_status "show of an unknown id: exit 1" 1 search show 99
expect_eq "show of an unknown id: a message naming it" \
  "pressdex-search show: no article 99 in this index" "$(cat "$T/err")"
expect_status "show 1 99: exit 1" 1 search show 1 99
expect_match "show 1 99 still shows article 1" '^id: +1$' "$T/out"
expect_status "show abc: a usage error" 2 search show abc

search show --json --query strike 1 >"$T/json"
expect_eq "show --json: fields" \
  '[1,"Strike ends, \"for now\"","Harbor Herald","2025-01-14","day","header","Ana\tRuiz","a1",1,1]' \
  "$(jq -c '.articles[0] | [.id, .title, .outlet, .date, .date_precision, .date_source, .author, .ext_id, .cluster, .cluster_size]' "$T/json")"
expect_eq "show --json: the whole body" \
  "$(jq -r '.articles[0].body' "$T/json" | head -1)" \
  "The dockers voted on Monday to end the strike at the port."
expect_eq "show --json --query: highlights in code points" \
  '{"title":[[0,6]],"body":[[39,6]]}' "$(jq -c '.articles[0].highlights' "$T/json")"
expect_eq "show --json without --query: highlights null" "null" \
  "$(search show --json 1 | jq -c '.articles[0].highlights')"

# --- cluster takes an article id ---------------------------------------------
expect_status "cluster ARTICLE-ID lists its cluster" 0 search cluster 2
expect_match "cluster 2 lists article 2" '\(id 2\)$' "$T/out"
expect_status "cluster of nothing: exit 1" 1 search cluster 99
expect_eq "cluster of nothing: says so" \
  "pressdex-search cluster: no article or cluster 99 in this index" \
  "$(cat "$T/err")"

# --- browse snippets: the opening, not the footer ------------------------------
expect_eq "a filter-only search snippets the story's opening" \
  "The dockers voted on Monday to end the strike at the port. The union said the deal was \"a start\" and C:\\\\docs was a path with a backslash. The closing line of the story is the footer." \
  "$(search --json --outlet 'Harbor Herald' | jq -r '.hits[0].snippet')"

# --- CSV and TSV -----------------------------------------------------------------
search --format csv --outlet 'Harbor Herald' >"$T/csv"
cr=$'\r'
expect_eq "csv: header and a row quoted per RFC 4180, CRLF line ends" \
"rank,id,score,date,date_precision,outlet,title,author,url,source,cluster,snippet$cr
1,1,0.000,2025-01-14,day,Harbor Herald,\"Strike ends, \"\"for now\"\"\",Ana	Ruiz,https://x.example/a1,$in/feed.jsonl,1,\"The dockers voted on Monday to end the strike at the port. The union said the deal was \"\"a start\"\" and C:\\\\docs was a path with a backslash. The closing line of the story is the footer.\"$cr" \
  "$(cat "$T/csv")"
search --format tsv ferry >"$T/tsv"
expect_eq "tsv: tabs and backslashes in fields escaped" \
  "1	2	Ferry timetable\\twith tab" "$(sed -n 2p "$T/tsv" | cut -f1,2,7)"
search --format tsv --outlet 'Harbor Herald' >"$T/tsv"
expect_eq "tsv: a tab in the author is \\t, a backslash \\\\" \
  'Ana\tRuiz|C:\\\\docs' \
  "$(sed -n 2p "$T/tsv" | awk -F'\t' '{print $8}')|$(sed -n 2p "$T/tsv" | grep -o 'C:[^ ]*')"
expect_eq "tsv --facets: the facet counts" \
"facet	value	count
outlet	Harbor Herald	1
outlet	Meridian Wire	1
month	2025-01	1
month		1" "$(search --format tsv --facets --limit 0 '')"
expect_status "--format xml: usage error" 2 search --format xml port
expect_status "--json with --count: usage error" 2 search --json --count port

# --- the examples: --count, --limit 0 ------------------------------------------------
DB="$T/ex"
expect_status "index the examples" 0 idx --quiet add "$PX_EXAMPLES"
for q in 'port strike' '"museum of broken cranes"' 'outlet:"Harbor Herald"' ferry; do
  expect_eq "--count $q equals the search's exact total" "$(total "$q")" \
    "$(search --count "$q")"
done
expect_eq "--count port strike" "19" "$(search --count port strike)"
expect_status "--count with matches: exit 0" 0 search --count port strike
expect_status "--count without: exit 1" 1 search --count zzqqxxnothing
expect_eq "--count without: prints 0" "0" "$(cat "$T/out")"
expect_eq "--limit 0 --json: no hits, the total" '[0,[],19]' \
  "$(search --json --limit 0 port strike | jq -c '[.limit, .hits, .total.estimated]')"
expect_eq "--limit 0: the count line only" "19 matches for port strike" \
  "$(search --limit 0 port strike)"

# --- --version ---------------------------------------------------------------------
v=$("$PX_SEARCH" --version)
expect_match "pressdex-search --version" '^pressdex-search [0-9]+\.[0-9]+\.[0-9]+$' <(echo "$v")
expect_eq "pressdex-index --version: the same version" "${v#pressdex-search }" \
  "$("$PX_INDEX" --version | sed 's/^pressdex-index //')"
if [[ -n ${PX_CGI:-} ]]; then
  expect_eq "pressdex.cgi --version: the same version" "${v#pressdex-search }" \
    "$(env -u GATEWAY_INTERFACE "$PX_CGI" --version | sed 's/^pressdex.cgi //')"
fi

# --- quote --batch ---------------------------------------------------------------------
printf 'museum of broken cranes\n\n{"id":"c2"}\n   \nzzqq never printed words\n' >"$T/batch"
(cd "$T" && "$PX_SEARCH" --db "$DB" quote --batch batch) >"$T/out" 2>"$T/err"; rc=$?
expect_eq "batch: one output line per input line" 5 "$(wc -l <"$T/out")"
expect_eq "batch: lines numbered in order" "1 2 3 4 5" "$(jq -r .line "$T/out" | paste -sd' ')"
expect_eq "batch: a blank line is skipped, saying so" \
  '{"schema_version":1,"line":2,"id":null,"skipped":"blank line"}' "$(sed -n 2p "$T/out")"
expect_eq "batch: a bad line gets an error object" \
  '{"schema_version":1,"line":3,"id":"c2","error":"no \"text\" string in the object"}' \
  "$(sed -n 3p "$T/out")"
expect_eq "batch: the error names program, file and line" \
  'pressdex-search: batch:3: no "text" string in the object' "$(cat "$T/err")"
expect_eq "batch with a bad line: exit 3" 3 "$rc"
printf 'museum of broken cranes\n\nzzqq never printed words\n' >"$T/batch"
expect_status "batch, all ran, some matched: exit 0" 0 search quote --batch "$T/batch"
printf 'zzqq never printed words\n\n' >"$T/batch"
expect_status "batch, all ran, none matched: exit 1" 1 search quote --batch "$T/batch"
printf '{bad\n{"id":1}\n' >"$T/batch"
expect_status "batch, every line bad: exit 3, not 1" 3 search quote --batch - <"$T/batch"
expect_match "batch from stdin: named (standard input)" \
  '^pressdex-search: \(standard input\):1: ' "$T/err"
expect_status "batch file missing: exit 2" 2 search quote --batch "$T/nonexistent"
expect_eq "batch file missing: program and file named" \
  "pressdex-search: $T/nonexistent: No such file or directory" "$(cat "$T/err")"
expect_eq "batch file missing: nothing on stdout" "" "$(cat "$T/out")"

finish
