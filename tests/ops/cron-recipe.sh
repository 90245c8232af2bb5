#!/bin/sh
# cron-recipe.sh - the recipes of contrib/ run as written, in cron's bare
# environment, against a real PostgreSQL (docs/OPERATIONS.md).
#
#   1. make install PREFIX=<temp>: binary, man page, models, SQL;
#   2. a HOME holding ~/.pg_service.conf and ~/.pgpass, pipelines/daily.yaml
#      pointed at a temporary incoming tree (the sample articles);
#   3. the job line and the variable lines of contrib/cron/gazette.crontab
#      itself, with only its paths replaced (/usr/local, /etc/gazette,
#      /var/log/gazette), run as cron does: from /, with
#      `env -i PATH=/usr/bin:/bin HOME SHELL=/bin/sh LOGNAME` plus the
#      crontab's variables, by /bin/sh -c. What it prints is what cron
#      would mail.
#   4. systemd-analyze verify on contrib/systemd/, logrotate on
#      contrib/logrotate/gazette (each when the tool is installed), and the
#      copies of these files in docs/OPERATIONS.md, README.md, the man page.
#
# The database: PGHOST/PGPORT/... or GAZETTE_DSN as scripts/run-tests sets
# them, else a throwaway cluster (scripts/pg-tmp). They reach the cron
# environment only through the service file this script writes. Everything
# lands in a schema of its own, dropped at the end.
#
# Prints TAP lines (scripts/run-tests counts them); exit 1 if one failed.
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
cd "$here"

n=0; fails=0
ok()     { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $*"; }
skip()   { n=$((n + 1)); echo "ok $n # SKIP $*"; }
check()  { what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }
show()   { sed 's/^/#   /' "$@"; }

tmp=$(mktemp -d /tmp/gazette-ops.XXXXXX)
pgdir=
schema="gz_cron_$$"
holder=
cleanup() {
    [ -n "$holder" ] && release
    if [ -n "${PSQL_OK:-}" ]; then
        psql_ -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1
    fi
    [ -n "$pgdir" ] && scripts/pg-tmp stop "$pgdir"
    rm -rf "$tmp"
}
trap cleanup EXIT
[ -n "${KEEP_TMP:-}" ] && trap - EXIT     # KEEP_TMP=1: leave $tmp for a look
trap 'exit 1' HUP INT PIPE TERM

# --- the database -----------------------------------------------------------
if [ -z "${PGHOST:-}" ] && [ -z "${GAZETTE_DSN:-}" ]; then
    pgdir=$(mktemp -d /tmp/gazette-ops-pg.XXXXXX)
    env=$(scripts/pg-tmp start "$pgdir") || { not_ok "start a throwaway PostgreSQL"; exit 1; }
    eval "$env"
fi
psql_() { psql -X -q -At ${GAZETTE_DSN:+"$GAZETTE_DSN"} -v ON_ERROR_STOP=1 "$@"; }
conn=$(psql_ -c '\echo :HOST :PORT :USER :DBNAME' 2>&1) || {
    not_ok "connect to the test PostgreSQL: $conn"; exit 1; }
PSQL_OK=1
set -- $conn
pg_host=$1 pg_port=$2 pg_user=$3 pg_db=$4
export PGOPTIONS='-c client_min_messages=warning'

# --- 1. make install PREFIX=... ---------------------------------------------
prefix=$tmp/prefix
# Start from the objects of the build under test (GAZETTE_BIN's folder) so
# that only what PREFIX changes is compiled again; a build of its own
# otherwise. The build folder of the checkout is left alone.
mkdir -p "$tmp/build"
bdir=$(dirname "${GAZETTE_BIN:-$here/build/gazette}")
[ -d "$bdir/src" ] && cp -a "$bdir/src" "$tmp/build/" 2>/dev/null
[ -d "$bdir/gen" ] && cp -a "$bdir/gen" "$tmp/build/" 2>/dev/null
# the stamps of the flags and the prefix (whichever exist): same flags, no
# rebuild; another prefix, stage.o again
for f in "$bdir"/*.stamp; do [ -f "$f" ] && cp -a "$f" "$tmp/build/"; done
# As root, the install runs as nobody (when nobody can read the checkout),
# to show that a PREFIX of one's own needs no root.
as=; who="as $(id -un)"
if [ "$(id -u)" = 0 ] && command -v runuser >/dev/null 2>&1 \
    && runuser -u nobody -- test -r "$here/Makefile" -a -x "$here/src" 2>/dev/null; then
    as="runuser -u nobody --"; who="as nobody"; chmod 711 "$tmp"
    mkdir -p "$prefix"; chown -R nobody "$tmp/build" "$prefix"
fi
install_ok() {
    $as env HOME="$tmp" make -C "$here" install PREFIX="$prefix" BUILD="$tmp/build" \
        >"$tmp/install.log" 2>&1
}
if ! install_ok; then
    rm -rf "$tmp/build"; mkdir -p "$tmp/build"; [ -n "$as" ] && chown nobody "$tmp/build"
    install_ok
fi
if [ $? -eq 0 ] && [ -x "$prefix/bin/gazette" ]; then
    ok "make install PREFIX=$prefix, $who"
else
    not_ok "make install PREFIX=$prefix, $who"; show "$tmp/install.log"; exit 1
fi
for f in share/man/man1/gazette.1 share/gazette/models/ner-en.bin share/gazette/sql/001_core.sql \
         share/gazette/fixtures/gazetteers/countries.csv share/gazette/fixtures/gazetteers/aliases.csv; do
    check "make install put $f under PREFIX" test -s "$prefix/$f"
done

# --- 2. HOME, pipeline, inputs ----------------------------------------------
home=$tmp/home
mkdir -p "$home" "$tmp/etc" "$tmp/log" "$tmp/srv/news/incoming/2024/02"
cat >"$home/.pg_service.conf" <<EOF
[gazette]
host=$pg_host
port=$pg_port
dbname=$pg_db
user=$pg_user
EOF
# The throwaway server trusts its socket; a server of GAZETTE_TEST_DSN may
# want the password of the caller's own ~/.pgpass.
pgpass=${PGPASSFILE:-${HOME:-/nonexistent}/.pgpass}
if [ -r "$pgpass" ]; then cp "$pgpass" "$home/.pgpass"
else echo "$pg_host:$pg_port:$pg_db:$pg_user:not-needed-by-a-trust-server" >"$home/.pgpass"; fi
chmod 600 "$home/.pgpass"

# pipelines/daily.yaml as shipped, reading the temporary incoming tree and
# loading into a schema of its own.
sed -e "s|/srv/news/incoming|$tmp/srv/news/incoming|g" \
    -e "s|^\(  postgres:\)\$|\1\n    schema: $schema|" pipelines/daily.yaml >"$tmp/etc/daily.yaml"
grep -q "schema: $schema" "$tmp/etc/daily.yaml" || { not_ok "pipeline file for the test"; exit 1; }
cp fixtures/articles/*.txt fixtures/articles/*.txt.gz "$tmp/srv/news/incoming/2024/02/"

# --- 3. the crontab, as cron runs it ------------------------------------------
crontab=contrib/cron/gazette.crontab
paths() {
    sed -e "s|/usr/local/|$prefix/|g" -e "s|/etc/gazette/|$tmp/etc/|g" \
        -e "s|/var/log/gazette/|$tmp/log/|g"
}
# Variable lines (NAME=VALUE, blanks around = allowed, value may be quoted)
# become arguments of env; cron does no expansion in them.
vars=$(grep -E '^[[:space:]]*[A-Za-z_][A-Za-z0-9_]*[[:space:]]*=' "$crontab" \
       | sed -E 's/^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=[[:space:]]*/\1=/;
                 s/[[:space:]]+$//; s/^([A-Za-z_0-9]*)="(.*)"$/\1=\2/; s/^([A-Za-z_0-9]*)='"'"'(.*)'"'"'$/\1=\2/')
jobs=$(grep -E '^[[:space:]]*[0-9*@]' "$crontab")
check "$crontab holds exactly one job line" test "$(printf '%s\n' "$jobs" | grep -c .)" -eq 1
check "$crontab sets GAZETTE_DSN (cron has none)" \
    sh -c 'printf "%s\n" "$1" | grep -q "^GAZETTE_DSN=."' - "$vars"
case $jobs in
@*) cmd=$(printf '%s\n' "$jobs" | sed -E 's/^[[:space:]]*[^[:space:]]+[[:space:]]+//') ;;
*)  cmd=$(printf '%s\n' "$jobs" | sed -E 's/^[[:space:]]*([^[:space:]]+[[:space:]]+){5}//') ;;
esac
# cron ends the command at the first % not written \% (the rest is stdin)
if printf '%s\n' "$cmd" | grep -qE '(^|[^\\])%'; then
    not_ok "the job line has an unescaped % (cron would cut it there)"
else
    ok "the job line has no unescaped %"
fi
cmd=$(printf '%s\n' "$cmd" | sed 's/\\%/%/g' | paths)
case $cmd in
/*) ok "the job line starts with an absolute path (cron's PATH is /usr/bin:/bin)" ;;
*)  not_ok "the job line starts with an absolute path: $cmd" ;;
esac

# cron(8) runs /bin/sh -c LINE in the user's home directory; from / here,
# so that nothing can depend on the current directory.
cron_run() {    # cron_run OUT [VAR=VALUE...]: sets rc, OUT gets what cron mails
    out=$1; shift
    ( cd / && set -f && IFS='
' && env -i PATH=/usr/bin:/bin HOME="$home" SHELL=/bin/sh LOGNAME="$(id -un)" \
        $(printf '%s\n' "$vars" | paths) "$@" /bin/sh -c "$cmd" ) >"$out" 2>&1
    rc=$?
}
count() { psql_ -c "SELECT count(*) FROM $schema.$1" 2>/dev/null || echo -1; }
log=$tmp/log/daily.log

cron_run "$tmp/mail1"
if [ $rc -eq 0 ]; then ok "first run: exit 0"
else not_ok "first run: exit $rc"; echo "# job: $cmd"; show "$tmp/mail1"; fi
check "first run: nothing for cron to mail" test ! -s "$tmp/mail1"
loaded=$(count articles)
check "first run: articles loaded ($loaded)" test "$loaded" -gt 0
check "first run: the log file holds run_done" grep -q 'event=run_done.*status=ok' "$log"

cron_run "$tmp/mail2"
check "second run: exit 0 ($rc)" test $rc -eq 0
check "second run: nothing for cron to mail" test ! -s "$tmp/mail2"
check "second run: no new articles" test "$(count articles)" -eq "$loaded"
check "second run: run_done with loaded=0 appended to the log" \
    sh -c '[ $(grep -c "event=run_done" "$1") -eq 2 ] && grep "event=run_done" "$1" | tail -1 | grep -q " loaded=0 "' - "$log"

# The DSN reaches gazette through the crontab only: without its variables
# the same line fails.
( cd / && env -i PATH=/usr/bin:/bin HOME="$home" SHELL=/bin/sh /bin/sh -c "$cmd" ) \
    >"$tmp/mail3" 2>&1
rc3=$?
check "without the crontab's variables the line fails ($rc3)" test $rc3 -ne 0

# A failure: the incoming tree is gone (a missing mount). The job must exit
# non-zero and print the failure line, which cron mails.
mv "$tmp/srv/news/incoming" "$tmp/srv/news/incoming.gone"
cron_run "$tmp/mail4"
check "missing input tree: exit 66 ($rc)" test $rc -eq 66
if grep -q 'failed with exit status 66' "$tmp/mail4" && grep -q 'pattern matches nothing' "$tmp/mail4"
then ok "missing input tree: the failure line and the log's end are printed for cron to mail"
else not_ok "missing input tree: what cron would mail"; show "$tmp/mail4"; fi
check "missing input tree: the log file still gets the logs" grep -q 'pattern matches nothing' "$log"
mv "$tmp/srv/news/incoming.gone" "$tmp/srv/news/incoming"

# Another run holds the lock (here: a session holding gazette's advisory
# lock for this schema and pipeline, src/sinks/pg.c): the job exits 75 at
# once, no flock needed; the crontab mails it, the variant of
# docs/OPERATIONS.md that leaves 75 alone does not.
holder_app="gazette-ops-$$"
PGAPPNAME=$holder_app psql_ \
    -c "SELECT pg_advisory_lock(hashtext('gazette:$schema:daily')); SELECT pg_sleep(120)" \
    >/dev/null 2>&1 &
holder=$!
release() {     # the backend goes on sleeping when psql dies: end it
    psql_ -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
               WHERE application_name = '$holder_app'" >/dev/null 2>&1
    wait "$holder" 2>/dev/null
}
i=0
until [ "$(psql_ -c "SELECT count(*) FROM pg_locks JOIN pg_stat_activity USING (pid)
                      WHERE locktype = 'advisory' AND granted
                        AND application_name = '$holder_app'" 2>/dev/null)" = 1 ] \
    || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
cron_run "$tmp/mail6"
check "lock held by another session: exit 75 ($rc)" test $rc -eq 75
check "lock held: the failure line names 75" grep -q 'failed with exit status 75' "$tmp/mail6"
variant=$(grep -E '^15 .*-eq 75' docs/OPERATIONS.md | sed -E 's/^[[:space:]]*([^[:space:]]+[[:space:]]+){5}//' | paths)
if [ -n "$variant" ]; then
    ( cd / && env -i PATH=/usr/bin:/bin HOME="$home" SHELL=/bin/sh GAZETTE_DSN=service=gazette \
        /bin/sh -c "$variant" ) >"$tmp/mail7" 2>&1
    check "lock held: the OPERATIONS.md variant mails nothing for 75" test ! -s "$tmp/mail7"
    mv "$tmp/srv/news/incoming" "$tmp/srv/news/incoming.gone"
    release
    ( cd / && env -i PATH=/usr/bin:/bin HOME="$home" SHELL=/bin/sh GAZETTE_DSN=service=gazette \
        /bin/sh -c "$variant" ) >"$tmp/mail8" 2>&1
    check "the OPERATIONS.md variant mails exit 66" grep -q 'failed with exit status 66' "$tmp/mail8"
    mv "$tmp/srv/news/incoming.gone" "$tmp/srv/news/incoming"
else
    not_ok "docs/OPERATIONS.md has the crontab variant that leaves 75 alone"
fi
release

# docs/OPERATIONS.md shows the files of contrib/ as they are: every line
# that is not a comment is in it.
for f in contrib/cron/gazette.crontab contrib/systemd/gazette-daily.service \
         contrib/systemd/gazette-daily.timer contrib/logrotate/gazette; do
    missing=$(grep -vE '^[[:space:]]*(#|$)' "$f" | while IFS= read -r l; do
        grep -qxF -- "$l" docs/OPERATIONS.md || echo "$l"; done)
    if [ -z "$missing" ]; then ok "docs/OPERATIONS.md shows $f as it is"
    else not_ok "docs/OPERATIONS.md differs from $f in:"; echo "$missing" | sed 's/^/#   /'; fi
done

# README.md and the man page show the same job and DSN lines
sed 's/\\-/-/g' docs/gazette.1 >"$tmp/gazette.1.txt"    # roff's \- is a plain -
for f in README.md docs/gazette.1; do
    g=$f; [ "$f" = docs/gazette.1 ] && g=$tmp/gazette.1.txt
    if grep -qxF -- "$jobs" "$g" && grep -qx 'GAZETTE_DSN=service=gazette' "$g"; then
        ok "$f shows the crontab's job line and GAZETTE_DSN line"
    else not_ok "$f shows the crontab's job line and GAZETTE_DSN line"; fi
done

# gazette status, as the person reading the mail would run it
if env -i PATH=/usr/bin:/bin HOME="$home" "$prefix/bin/gazette" status --dsn service=gazette \
    --schema "$schema" >"$tmp/status" 2>&1 && grep -q daily "$tmp/status"; then
    ok "gazette status --dsn service=gazette shows the runs"
else not_ok "gazette status --dsn service=gazette"; show "$tmp/status"; fi

# --- 4. systemd and logrotate -------------------------------------------------
if command -v systemd-analyze >/dev/null 2>&1; then
    mkdir -p "$tmp/units"
    for f in contrib/systemd/*; do paths <"$f" >"$tmp/units/$(basename "$f")"; done
    # Documentation=man:gazette(1) is checked with man(1): the installed page
    manopt=; what="with man:gazette(1) from PREFIX"
    if ! command -v man >/dev/null 2>&1; then
        manopt=--man=no; what="(man is not installed: Documentation= not checked)"
    fi
    if MANPATH="$prefix/share/man" SYSTEMD_LOG_LEVEL=notice \
        systemd-analyze verify $manopt "$tmp"/units/* >"$tmp/verify" 2>&1 && ! [ -s "$tmp/verify" ]; then
        ok "systemd-analyze verify contrib/systemd/* $what"
    else not_ok "systemd-analyze verify contrib/systemd/* $what"; show "$tmp/verify"; fi
    # the crontab's command up to its redirection
    croncmd=$(printf '%s\n' "$jobs" | sed -E 's/^[[:space:]]*([^[:space:]]+[[:space:]]+){5}//; s/[[:space:]]*>>.*//')
    if grep -qxF "ExecStart=$croncmd" contrib/systemd/gazette-daily.service; then
        ok "the service runs the same command as the crontab ($croncmd)"
    else not_ok "the service runs the same command as the crontab ($croncmd)"; fi
else
    skip "systemd-analyze verify: systemd-analyze is not installed"
fi
if command -v logrotate >/dev/null 2>&1; then
    paths <contrib/logrotate/gazette | sed "s|^\( *su \).*|\1$(id -un) $(id -gn)|" >"$tmp/logrotate.conf"
    if logrotate -f -s "$tmp/logrotate.state" "$tmp/logrotate.conf" >"$tmp/rotate" 2>&1 \
        && grep -q event=run_done "$log.1" && [ -f "$log" ] && ! [ -s "$log" ]; then
        ok "logrotate contrib/logrotate/gazette: daily.log moved to daily.log.1, a new one created"
        cron_run "$tmp/mail5"
        check "after logrotate the next run appends to the new log" grep -q event=run_done "$log"
    else not_ok "logrotate contrib/logrotate/gazette"; show "$tmp/rotate"; ls -l "$tmp/log" | show; fi
else
    skip "logrotate contrib/logrotate/gazette: logrotate is not installed"
fi

echo "1..$n"
[ $fails -eq 0 ]
