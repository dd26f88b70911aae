#!/usr/bin/env bash
# The manual pages and the bash completion stay true to the programs:
# every option a program's --help lists (and each command's) is described
# in its man page and offered by completion; the pages render without
# troff warnings; `cmake --install` puts them where man(1) and
# bash-completion look.
. "$(dirname "$0")/lib.sh"

src="$PX_EXAMPLES/.."
man_dir="$src/docs/man"
completion="$src/docs/bash-completion/pressdex"

# Long options in a --help text (at least one letter after "--").
options() { grep -oE -- '(^|[][ ,|(])--[a-z][a-z0-9-]*' | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u; }

# check_man PAGE HELP-TEXT-FILE WHAT
check_man() {
  local opt missing=""
  for opt in $(options <"$2"); do
    grep -qF -- "${opt//-/\\-}" "$1" || missing+=" $opt"
  done
  expect_eq "$3: every option of --help in $(basename "$1")" "" "$missing"
}

# --- pressdex-index ----------------------------------------------------------
"$PX_INDEX" --help >"$T/index.help"
check_man "$man_dir/pressdex-index.1" "$T/index.help" "pressdex-index"
commands=$(awk '/^Commands:/ {on = 1; next} on && /^[^ ]/ {on = 0}
                on && /^  [a-z]/ {print $1}' "$T/index.help")
[[ -n $commands ]] && pass || fail "no commands in pressdex-index --help"
for c in $commands; do
  "$PX_INDEX" "$c" --help >"$T/index-$c.help" || fail "pressdex-index $c --help"
  check_man "$man_dir/pressdex-index.1" "$T/index-$c.help" "pressdex-index $c"
  grep -qE "^\.B(R)? $c\b|^\.B $c " "$man_dir/pressdex-index.1" ||
    fail "pressdex-index.1 does not describe the command $c"
done

# --- pressdex-search ---------------------------------------------------------
"$PX_SEARCH" --help >"$T/search.help"
check_man "$man_dir/pressdex-search.1" "$T/search.help" "pressdex-search"
subs=$(grep -oE '^(Usage:)? +pressdex-search [a-z]+' "$T/search.help" | awk '{print $NF}' | sort -u)
for c in $subs; do
  "$PX_SEARCH" "$c" --help >"$T/search-$c.help" || fail "pressdex-search $c --help"
  check_man "$man_dir/pressdex-search.1" "$T/search-$c.help" "pressdex-search $c"
  grep -qiE "^\.SH $c\b|^\.B(R)? \"?pressdex-search $c" "$man_dir/pressdex-search.1" ||
    fail "pressdex-search.1 does not describe $c"
done

# --- the pages render --------------------------------------------------------
if command -v groff >/dev/null; then
  for page in "$man_dir"/*; do
    groff -man -ww -z -Tutf8 "$page" 2>"$T/groff" || fail "groff $page"
    expect_eq "$(basename "$page") renders without warnings" "" "$(cat "$T/groff")"
  done
fi
if command -v man >/dev/null; then
  MANWIDTH=80 man -l "$man_dir/pressdex-index.1" >"$T/man" 2>/dev/null
  expect_match "man -l renders the index page" '^NAME' "$T/man"
  expect_match "formats listed with their compressed forms" '\.gz, \.zst' "$T/man"
  MANWIDTH=80 man -l "$man_dir/pressdex.cgi.8" >"$T/man" 2>/dev/null
  expect_match "the page's manual names its setting" 'PRESSDEX_DB' "$T/man"
else
  echo "man not installed: rendering skipped"
fi

# --- bash completion ---------------------------------------------------------
# complete PROGRAM-FUNCTION WORDS...: the completions for the last word.
complete_words() {
  bash -c 'source "$1"; shift; f=$1; shift; COMP_WORDS=("$@")
           COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
           $f; printf "%s\n" "${COMPREPLY[@]}"' _ "$completion" "$@" | sort -u
}
expect_eq "index commands" "$(sort <<<"$commands")" \
  "$(complete_words _pressdex_index "$PX_INDEX" "")"
expect_eq "search subcommands" "$subs" \
  "$(complete_words _pressdex_search "$PX_SEARCH" "")"
expect_eq "add options" \
  "$( (awk '/^Options/ {on = 1} on' "$T/index.help"; awk '/^Options/ {on = 1} on' "$T/index-add.help") | options)" \
  "$(complete_words _pressdex_index "$PX_INDEX" add --)"
expect_eq "search options" "$(awk '/^Options/ {on = 1} on' "$T/search.help" | options)" \
  "$(complete_words _pressdex_search "$PX_SEARCH" --)"
expect_eq "sort values" "newest" "$(complete_words _pressdex_search "$PX_SEARCH" --sort ne)"
expect_eq "languages" "english" "$(complete_words _pressdex_index "$PX_INDEX" add --language engl)"
mkdir -p "$T/dirs/sub"
expect_eq "--db completes folders" "$T/dirs/sub" \
  "$(complete_words _pressdex_search "$PX_SEARCH" --db "$T/dirs/s")"

# --- cmake --install puts them in place ---------------------------------------
if [[ -n ${PX_BUILD_DIR:-} ]] && command -v cmake >/dev/null; then
  cmake --install "$PX_BUILD_DIR" --prefix "$T/prefix" >/dev/null 2>"$T/err" ||
    fail "cmake --install: $(cat "$T/err")"
  for f in share/man/man1/pressdex-index.1 share/man/man1/pressdex-search.1 \
           share/man/man8/pressdex.cgi.8 \
           share/bash-completion/completions/pressdex-index \
           share/bash-completion/completions/pressdex-search; do
    [[ -s $T/prefix/$f ]] && pass || fail "not installed: $f"
  done
fi
finish
