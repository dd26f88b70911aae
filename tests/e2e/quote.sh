#!/usr/bin/env bash
# Quote tracing: exact, normalised and near matches, first appearance with
# ties and undated articles, spelling variants both ways and switched off,
# and the batch mode's order, schema and error lines.
. "$(dirname "$0")/lib.sh"

in="$T/in"; mkdir -p "$in"
art() {  # file outlet date text
  { echo "title: $4"; echo "outlet: $2"; [[ -n $3 ]] && echo "date: $3"; echo
    echo "Filler words about the harbour. $5 More filler follows here."; } >"$in/$1.txt"
}
art a "Alpha News"  2024-03-01 "Alpha"   "The mayor said: “The river will never flood this town again.” Then she left."
art b "Beta Post"   2024-03-01 "Beta"    'The mayor said "the river will never flood this town again" at noon.'
art c "Gamma Times" 2024-03-05 "Gamma"   "Quoting her: the river will never flood the town again."
art d "Delta Daily" 2024-03-07 "Delta"   "She claimed the river will not flood this town again, aides said."
art e "Alpha News"  2024-04-01 "Alpha 2" "Again: The river will never flood this town again."
art f "Echo"        ""          "Echo"    "An undated page: the river will never flood this town again."
art g "Other"       2024-01-01 "Unrelated" "The river flooded a different town in January, and the mayor said nothing."
art k1 "Kyiv Post"  2024-05-02 "K1" "Shelling hit central Kyiv overnight, officials said."
art k2 "Old Wire"   2024-05-01 "K2" "Shelling hit central Kiev overnight, officials said."
expect_status "index" 0 idx --quiet add "$in"

Q="the river will never flood this town again"
quote() { search quote "$@"; }
quote --json "$Q" >"$T/q.json"
expect_eq "exact matches (case, quotes, punctuation normalised)" 4 "$(jq .exact "$T/q.json")"
expect_eq "near matches (one changed word each)" 2 "$(jq .near "$T/q.json")"
expect_eq "unrelated article not matched" "" \
  "$(jq -r '.timeline[] | select(.title == "Unrelated") | .title' "$T/q.json")"
expect_eq "first date" "2024-03-01" "$(jq -r .first.date "$T/q.json")"
expect_eq "tie on the first date, both listed" "Alpha Beta" \
  "$(jq -r '[.first_appearance[].title] | sort | join(" ")' "$T/q.json")"
expect_eq "tie and undated explained" \
  "several articles share the earliest date, and undated matches could be earlier still" \
  "$(jq -r .first.note "$T/q.json")"
expect_eq "undated counted" 1 "$(jq .first.undated_matches "$T/q.json")"
expect_eq "undated last in the timeline" "Echo" "$(jq -r '.timeline[-1].title' "$T/q.json")"
expect_eq "outlets with first date and count" \
  "Alpha News:2024-03-01:2 Beta Post:2024-03-01:1 Gamma Times:2024-03-05:1 Delta Daily:2024-03-07:1 Echo:null:1" \
  "$(jq -r '[.outlets[] | "\(.name):\(.first_date):\(.count)"] | join(" ")' "$T/q.json")"
expect_eq "near score for one changed word: 2*7/(8+8)" "0.88" \
  "$(jq -r '[.timeline[] | select(.title == "Delta") | .score * 100 | round / 100][0]' "$T/q.json")"
expect_eq "matched sentence in context" \
  'The mayor said: "The river will never flood this town again."' \
  "$(jq -r '.timeline[] | select(.title == "Alpha") | .context' "$T/q.json")"
expect_eq "exact only with --min-score 1" 4 "$(quote --json --min-score 1 "$Q" | jq .matches)"
expect_eq "ellipsis and curly quotes in the pasted quote" 4 \
  "$(quote --json --min-score 1 "“…the river will never flood this town again…”" | jq .matches)"
expect_status "a quote found nowhere exits 1" 1 quote "no newspaper ever printed these exact words"

# Spelling variants, both ways, and switched off.
expect_eq "Kyiv finds Kiev" "K1 K2" "$(titles Kyiv | sort | tr '\n' ' ' | sed 's/ $//')"
expect_eq "Kiev finds Kyiv" 2 "$(total Kiev)"
expect_eq "variants inside phrases" 2 "$(total '"central Kiev overnight"')"
expect_eq "--exact-spelling" 1 "$(total --exact-spelling Kiev)"
expect_eq "quote with a variant, first printed by the older spelling" "Old Wire" \
  "$(quote --json "Shelling hit central Kyiv overnight" | jq -r '.first_appearance[0].outlet')"
expect_eq "quote with --exact-spelling" 1 \
  "$(quote --json --exact-spelling --min-score 1 "Shelling hit central Kyiv overnight" | jq .matches)"

# Batch: input order, ids, schema, a malformed line reported with its number.
printf '%s\n' "$Q" '{"id":"k","text":"central Kiev overnight"}' '{"id":7}' \
  '{"text": broken' 'words that appear nowhere at all in the archive' >"$T/batch.txt"
quote --batch "$T/batch.txt" >"$T/batch.out" 2>"$T/batch.err"; rc=$?
expect_eq "batch exit 3 when some lines failed (the others ran)" 3 "$rc"
expect_eq "one output line per input line, in order" "1 2 3 4 5" \
  "$(jq -r .line "$T/batch.out" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "ids carried through" 'null "k" 7 null null' \
  "$(jq -c .id "$T/batch.out" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "schema version on every line" "1 1 1 1 1" \
  "$(jq -r .schema_version "$T/batch.out" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "matches per line" "6 2 null null 0" \
  "$(jq -r .matches "$T/batch.out" | tr '\n' ' ' | sed 's/ $//')"
expect_match "malformed line named on stderr" "^pressdex-search: .*/batch.txt:3: " "$T/batch.err"
expect_match "unparseable line named on stderr" "^pressdex-search: .*/batch.txt:4: " "$T/batch.err"
printf 'nothing like this anywhere\n' | quote --batch - >/dev/null 2>&1
expect_eq "batch exit 1 when nothing matched" 1 "$?"
expect_status "--batch with a quote is a usage error" 2 quote --batch - "text"
finish
