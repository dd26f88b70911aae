#!/usr/bin/env bash
# Syndication clusters: a wire story republished with light edits by two
# outlets forms one cluster; an article sharing one paragraph with it does
# not; --collapse shows one hit per cluster; `cluster ID` lists members
# oldest first; quote tracing names the first carrier within the cluster.
. "$(dirname "$0")/lib.sh"

in="$T/in"; mkdir -p "$in"
p1="The regional water authority said on Monday that reservoir levels had fallen to their lowest point in thirty years after a dry autumn and an unusually warm winter across the northern valleys."
p2="Engineers will begin pumping from the old quarry lakes next week, a measure last used during the drought of the late nineteen eighties, the authority said in a statement."
p3="Households are being asked to cut their use by a fifth, and hosepipes and sprinklers will be banned from the first of the month until further notice."
p4="Farmers groups warned that the restrictions would hit dairy herds hardest, and called for emergency payments to cover the cost of bringing in water by tanker."
p5="The authority said it would review the measures every fortnight and publish daily reservoir figures on its website."
mk() { printf 'title: %s\noutlet: %s\ndate: %s\n\n%s\n' "$2" "$3" "$4" "$5" >"$in/$1.txt"; }
mk wire  "Reservoirs hit thirty-year low"        "North Wire"   2025-03-01 "$p1

$p2

$p3

$p4

$p5"
mk copy1 "Water restrictions as reservoirs drop" "Valley Times" 2025-03-02 "$p1

$p2 Local councillors welcomed the move.

$p3

$p4

$p5

(North Wire)"
mk copy2 "Hosepipe ban announced"                "Coast Echo"   2025-03-03 "$p1

$p2

$p3

$p4"
mk other "Dairy farmers count the cost of a dry year" "Valley Times" 2025-03-04 "Milk prices have risen for the third month running as feed costs climb and grazing land dries out across the region.

$p4

Several farms have already sold part of their herds, according to the farmers union, which represents about two thousand members in the valleys.

The union will meet ministers next week to press for a support package before the summer, when demand for water peaks.

Its chair said the industry could not wait for rain and needed certainty about supplies for the coming season."
expect_status "index" 0 idx --quiet add "$in"

search --json --limit 10 water >"$T/all.json"
cl() { jq -r ".hits[] | select(.title == \"$1\") | .cluster" "$T/all.json"; }
expect_eq "first copy joins the wire's cluster" "$(cl 'Reservoirs hit thirty-year low')" "$(cl 'Water restrictions as reservoirs drop')"
expect_eq "shortened copy joins too" "$(cl 'Reservoirs hit thirty-year low')" "$(cl 'Hosepipe ban announced')"
if [[ "$(cl 'Dairy farmers count the cost of a dry year')" != "$(cl 'Reservoirs hit thirty-year low')" ]]; then pass
else fail "an article sharing one paragraph must not join the cluster"; fi
expect_eq "copies counted on every member" "2 2" \
  "$(jq -r '[.hits[] | select(.title == "Hosepipe ban announced" or .title == "Reservoirs hit thirty-year low") | .copies] | join(" ")' "$T/all.json")"

expect_eq "without collapse: 4 hits" 4 "$(search --json water | jq '.hits | length')"
search --json --collapse water >"$T/col.json"
expect_eq "with collapse: 2 hits" 2 "$(jq '.hits | length' "$T/col.json")"
search --collapse water >"$T/col.txt"
expect_match "text says +2 copies in 3 outlets" "\+2 copies in 3 outlets" "$T/col.txt"

id=$(cl 'Reservoirs hit thirty-year low')
search cluster "$id" >"$T/members.txt"
expect_eq "cluster lists members oldest first" "North Wire Valley Times Coast Echo" \
  "$(awk '{print $2, $3}' "$T/members.txt" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "cluster --json" 3 "$(search cluster --json "$id" | jq '.members | length')"
expect_status "unknown cluster exits 1" 1 search cluster 999999
expect_status "bad cluster id exits 2" 2 search cluster abc

search quote --json "Engineers will begin pumping from the old quarry lakes next week" >"$T/q.json"
expect_eq "quote: first carrier within the cluster" "North Wire 2025-03-01 3" \
  "$(jq -r '.clusters[0] | "\(.first_outlet) \(.first_date) \(.matches)"' "$T/q.json")"
finish
