#!/bin/sh
# man-page.sh - docs/gazette.1 against the --help of every command.
#
# For each command of `gazette --help` (and each subcommand its own usage
# lines name, as `gazette eval ner`), every option its --help shows (--word,
# and -x) must appear in the man page's sections titled "gazette COMMAND..."
# or in LOGGING (the options several commands share). Options the man page
# has and --help does not yet are fine. Also: every exit status `gazette
# run --help` names is in EXIT STATUS and in the table of
# docs/OPERATIONS.md, every GAZETTE_* variable src/ reads is in
# ENVIRONMENT, .TH names the version of VERSION, the page formats without
# warnings (groff) and its NAME line is what whatis(1) expects (lexgrog),
# when those tools are installed.
#
# Prints TAP lines (scripts/run-tests counts them); exit 1 if one failed.
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
cd "$here"
bin=${GAZETTE_BIN:-$here/build/gazette}
page=docs/gazette.1

n=0; fails=0
ok()     { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $*"; }
skip()   { n=$((n + 1)); echo "ok $n # SKIP $*"; }

[ -x "$bin" ] || { not_ok "no gazette binary at $bin"; exit 1; }
[ -r "$page" ] || { not_ok "no man page at $page"; exit 1; }
tmp=$(mktemp -d /tmp/gazette-man.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# The page as plain words: font changes and escapes dropped, \- as -.
sed -e 's/\\f[BIRP]//g' -e 's/\\f([A-Z][A-Z]//g' -e 's/\\-/-/g' -e 's/\\&//g' \
    -e 's/\\(em/ /g' -e 's/\\(dq/"/g' "$page" >"$tmp/page"

# section TITLE-PREFIX: the text of the .SH/.SS sections whose title starts
# with it ("gazette eval" takes in "gazette eval ner FILE.conll" too).
section() {
    awk -v want="$1" '
        /^\.S[HS][ \t]/ {
            t = $0; sub(/^\.S[HS][ \t]+/, "", t); gsub(/"/, "", t)
            on = (t == want || index(t, want " ") == 1)
            next
        }
        on' "$tmp/page"
}
# options: the -x and --word tokens a --help text on stdin shows as its
# options: in its usage lines (from "usage:" to the first blank line) and
# in the lines of its option list (those starting with blanks and a -).
# Prose that names another command's option ("reproc(essed) by
# --reprocess") does not count.
options() {
    awk '/^usage:/ { u = 1 } u && /^[ \t]*$/ { u = 0 } u || /^[ \t]+-/' \
        | grep -oE '(^|[^A-Za-z0-9_./-])--?[A-Za-z][A-Za-z0-9-]*' \
        | sed -E 's/^[^-]+//' | sort -u
}
has() {     # has OPTION FILE
    grep -qE -- "(^|[^A-Za-z0-9_-])$1([^A-Za-z0-9_-]|\$)" "$2"
}

section LOGGING >"$tmp/common"
[ -s "$tmp/common" ] || not_ok "the man page has a LOGGING section"

check_command() {   # check_command "eval ner"
    cmd=$1
    # shellcheck disable=SC2086
    if ! "$bin" $cmd --help >"$tmp/help" 2>&1; then
        not_ok "gazette $cmd --help exits 0"; return
    fi
    { section "gazette $cmd"; cat "$tmp/common"; } >"$tmp/sect"
    if ! grep -q . "$tmp/sect" || ! grep -qE "^\.SS \"?gazette $cmd( |\"|\$)" "$tmp/page"; then
        not_ok "the man page has a section \"gazette $cmd\""; return
    fi
    missing=
    for o in $(options <"$tmp/help"); do
        has "$o" "$tmp/sect" || missing="$missing $o"
    done
    if [ -z "$missing" ]; then
        ok "every option of gazette $cmd --help is in the man page"
    else
        not_ok "gazette $cmd --help shows options the man page's section lacks:$missing"
    fi
}
subcommands() {     # the subcommands the usage lines of gazette CMD name
    "$bin" "$1" --help 2>/dev/null \
        | sed -n 's/^\(usage:\)\{0,1\} *gazette '"$1"' \([a-z][a-z]*\) .*/\2/p' | sort -u
}

"$bin" --help >"$tmp/top" || not_ok "gazette --help exits 0"
missing=
for o in $(options <"$tmp/top") --version -V; do has "$o" "$tmp/page" || missing="$missing $o"; done
if [ -z "$missing" ]; then ok "the options of gazette --help are in the man page"
else not_ok "gazette --help shows options the man page lacks:$missing"; fi
# the commands: "  run       load the inputs..." under "commands:"
commands=$(sed -n '/^commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p' "$tmp/top")
[ -n "$commands" ] || not_ok "gazette --help lists commands"
for c in $commands; do
    check_command "$c"
    for sub in $(subcommands "$c"); do check_command "$c $sub"; done
done

# exit codes: each one gazette run --help names is explained in EXIT STATUS
section "EXIT STATUS" >"$tmp/exit"
missing=
for code in $("$bin" run --help | sed -n '/^Exit status/,$p' | grep -oE '\b(6[4-9]|7[0-9]|1[34][0-9]|0)\b' | sort -u); do
    grep -qE "^\.(TP|B|BR)?.*\b$code\b" "$tmp/exit" || missing="$missing $code"
done
if [ -z "$missing" ]; then ok "every exit status of gazette run --help is in EXIT STATUS"
else not_ok "exit statuses missing from EXIT STATUS:$missing"; fi
# ... and in the table of docs/OPERATIONS.md ("| 65 | ..." or "| 130, 143 | ...")
missing=
for code in $("$bin" run --help | sed -n '/^Exit status/,$p' | grep -oE '\b(6[4-9]|7[0-9]|1[34][0-9]|0)\b' | sort -u); do
    grep -qE "^\| ([0-9]+, )?$code(, [0-9]+)? \|" docs/OPERATIONS.md || missing="$missing $code"
done
if [ -z "$missing" ]; then ok "every exit status of gazette run --help is in docs/OPERATIONS.md"
else not_ok "exit statuses missing from the table of docs/OPERATIONS.md:$missing"; fi

# the GAZETTE_* variables the code reads are in ENVIRONMENT
section ENVIRONMENT >"$tmp/env"
missing=
for v in $(grep -rhoE 'getenv\("GAZETTE_[A-Z_]+"\)' src | sed -E 's/getenv\("([A-Z_]+)"\)/\1/' | sort -u); do
    case $v in GAZETTE_FAULT) continue ;; esac   # test fault injection only
    grep -q "$v" "$tmp/env" || missing="$missing $v"
done
if [ -z "$missing" ]; then ok "every GAZETTE_* variable src/ reads is in ENVIRONMENT"
else not_ok "GAZETTE_* variables src/ reads that ENVIRONMENT lacks:$missing"; fi

version=$(cat VERSION)
if grep -q "^\.TH GAZETTE 1 .*\"gazette $version\"" "$page"; then
    ok "the .TH line names gazette $version (VERSION)"
else not_ok "the .TH line of $page does not name gazette $version (VERSION)"; fi

if command -v groff >/dev/null 2>&1; then
    if groff -man -ww -z "$page" >"$tmp/groff" 2>&1 && ! [ -s "$tmp/groff" ]; then
        ok "groff -man -ww formats the page without warnings"
    else not_ok "groff -man -ww warns:"; sed 's/^/#   /' "$tmp/groff"; fi
else
    skip "groff warnings: groff is not installed"
fi
if command -v lexgrog >/dev/null 2>&1; then
    if lexgrog "$page" 2>&1 | grep -q '"gazette - '; then ok "lexgrog reads the NAME line"
    else not_ok "lexgrog cannot read the NAME line"; fi
else
    skip "NAME line for whatis: lexgrog (man-db) is not installed"
fi

echo "1..$n"
[ $fails -eq 0 ]
