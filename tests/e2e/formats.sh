#!/usr/bin/env bash
# Messy input end to end: the labelled scraped pages (text and HTML) in
# tests/extraction are indexed with metadata taken from the pages
# themselves, page chrome stays out of the index, and `explain` says why.
. "$(dirname "$0")/lib.sh"

pages="$PX_EXAMPLES/../tests/extraction/pages"
labels="$PX_EXAMPLES/../tests/extraction/labels.json"
# The labelled set names its fictional outlets' domains and spellings in
# an aliases file of its own, added to the shipped one as a user would.
export PRESSDEX_OUTLET_ALIASES="$PX_EXAMPLES/../tests/extraction/aliases.tsv"
expect_status "index scraped txt and html pages" 0 idx --quiet add "$pages"
expect_eq "one article per page" "$(jq length "$labels")" \
  "$(idx stats --json | jq .articles)"
expect_eq "one facet per outlet, whatever the spelling or domain" \
  "$(jq -r '[.[] | .outlet // empty] | unique | join(",")' "$labels")" \
  "$(search --json --facets --from 1900 '' | jq -r '[.facets.outlets[] | .name // empty] | sort | join(",")')"
expect_eq "dated pages, by the labels" \
  "$(jq '[.[] | select(.date != null)] | length' "$labels")" "$(total --from 1900 '')"

# Chrome words are not indexed; the story's own words are.
for chrome in '"Sign up for our newsletter"' '"All rights reserved"' '"Most popular"' '"Accept cookies"'; do
  expect_eq "chrome $chrome not indexed" 0 "$(total "$chrome")"
done
expect_eq "story text indexed" \
  "$(grep -rl 'protected cycle lanes through the old town' "$pages" | wc -l)" \
  "$(total '"protected cycle lanes through the old town"')"

# explain shows kept and dropped lines with reasons, and the metadata found.
f="$pages/examplepost/examplepost-00.txt"
expect_status "explain a scraped page" 0 idx explain "$f"
expect_match "explain lists dropped lines" "^drop " "$T/out"
expect_match "explain names the title source" "^title: .*\[" "$T/out"
expect_status "explain a missing file" 3 idx explain "$T/nope.txt"
finish
