#!/bin/sh
# ood-check-set.sh - tests/data/ner/ood/check.conll is what
# scripts/bracket-to-conll makes of passages.txt (so an edit of the
# marked-up passages cannot be forgotten in the scored file), and the
# script refuses a bad mark with a message naming the line.
#
# Prints TAP lines (scripts/run-tests counts them); exit 1 if one failed.
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
cd "$here"
n=0; fails=0
ok()     { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $*"; }
skip()   { n=$((n + 1)); echo "ok $n # SKIP $*"; }

if ! command -v python3 >/dev/null 2>&1; then
    skip "python3 is not installed"; echo "1..$n"; exit 0
fi
tmp=$(mktemp -d /tmp/gazette-ood.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

if python3 scripts/bracket-to-conll tests/data/ner/ood/passages.txt >"$tmp/check.conll" &&
   cmp -s "$tmp/check.conll" tests/data/ner/ood/check.conll; then
    ok "check.conll is scripts/bracket-to-conll of passages.txt"
else
    not_ok "check.conll differs from scripts/bracket-to-conll of passages.txt (rebuild it)"
fi

printf '## t\n[PER Ann] met [FOO Bob].\n' >"$tmp/bad.txt"
python3 scripts/bracket-to-conll "$tmp/bad.txt" >/dev/null 2>"$tmp/err"; rc=$?
if [ $rc -eq 65 ] && grep -q "bad.txt:2: unknown type FOO" "$tmp/err"; then
    ok "an unknown type is refused with its line"
else
    not_ok "an unknown type: exit $rc, $(cat "$tmp/err")"
fi
printf '## t\n[PER Ann met Bob.\n' >"$tmp/open.txt"
python3 scripts/bracket-to-conll "$tmp/open.txt" >/dev/null 2>"$tmp/err"; rc=$?
if [ $rc -eq 65 ] && grep -q "open.txt:2: unclosed or stray bracket" "$tmp/err"; then
    ok "an unclosed mark is refused with its line"
else
    not_ok "an unclosed mark: exit $rc, $(cat "$tmp/err")"
fi

echo "1..$n"
[ $fails -eq 0 ]
