/*
 * The database going away under a run, for real: a throwaway cluster of
 * the test's own (scripts/pg-tmp start/down/up/stop) is stopped with
 * pg_ctl stop -m fast mid-load and started again; a run killed by SIGKILL
 * is rerun at once while its backend may still hold the pipeline lock;
 * a role over its connection limit (SQLSTATE 53300).
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "gztest.h"

#define ARTICLES 30

TestSuite(outage, .init = gzt_suite_init, .fini = gzt_suite_fini);

/* ---- a cluster of the test's own ---------------------------------- */

static char pgdir[64];

static void pg_tmp(const char *cmd)
{
    char line[256];

    snprintf(line, sizeof(line), "scripts/pg-tmp %s %s >/dev/null", cmd, pgdir);
    cr_assert_eq(system(line), 0, "%s", line);
}

static void own_cluster_start(void)
{
    snprintf(pgdir, sizeof(pgdir), "/tmp/gz-outage.XXXXXX");
    cr_assert_not_null(mkdtemp(pgdir));
    chmod(pgdir, 0755);                 /* as root the server runs as postgres */
    pg_tmp("start");
}

static void own_cluster_stop(void)
{
    if (pgdir[0] != '\0')
        pg_tmp("stop");
    gzt_cleanup();
}

static char *own_dsn(void)
{
    char *dsn = malloc(128);

    snprintf(dsn, 128, "host=%s port=5432 user=postgres dbname=postgres", pgdir);
    return dsn;
}

static PGconn *own_db(void)
{
    char *dsn = own_dsn();
    PGconn *c = PQconnectdb(dsn);

    free(dsn);
    cr_assert_eq(PQstatus(c), CONNECTION_OK, "%s", PQerrorMessage(c));
    PQclear(PQexec(c, "SET client_min_messages = warning"));
    return c;
}

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_s(double s)
{
    struct timespec ts = {(time_t)s, (long)((s - (time_t)s) * 1e9)};

    nanosleep(&ts, NULL);
}

/* ARTICLES one-article files in a directory of their own; returns the
 * YAML list naming it. */
static char *corpus(void)
{
    char dir[300], name[64], text[256], *list;
    int i;

    snprintf(dir, sizeof(dir), "%s/corpus", gzt_tmpdir());
    mkdir(dir, 0755);
    for (i = 0; i < ARTICLES; i++) {
        snprintf(name, sizeof(name), "a%02d.txt", i);
        snprintf(text, sizeof(text), "date 2024-01-%02d Outage test article %d\n\n"
                 "Article %d of the outage test was written in Lisbon on day %d.\n",
                 i % 28 + 1, i, i, i);
        free(gzt_write(dir, name, text));
    }
    list = malloc(strlen(dir) + 8);
    sprintf(list, "[\"%s\"]", dir);
    return list;
}

/* Wait until the own cluster holds at least n articles in schema. */
static void wait_for_articles(const char *schema, long n)
{
    PGconn *db = own_db();
    char sql[128], exists[128];
    double until = now_s() + 30;
    long have = -1;

    snprintf(exists, sizeof(exists), "SELECT (to_regclass('%s.articles') IS NOT NULL)::int",
             schema);
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s.articles", schema);
    while (now_s() < until) {
        if (gzt_long(db, exists) == 1 && (have = gzt_long(db, sql)) >= n)
            break;
        sleep_s(0.1);
    }
    PQfinish(db);
    cr_assert(have >= n, "only %ld articles loaded before the outage", have);
}

/* Every article once, every file done. */
static void assert_all_loaded_once(const char *schema)
{
    PGconn *db = own_db();
    char sql[256];

    snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s.articles", schema);
    cr_assert_eq(gzt_long(db, sql), ARTICLES);
    snprintf(sql, sizeof(sql), "SELECT count(DISTINCT title) FROM %s.articles", schema);
    cr_assert_eq(gzt_long(db, sql), ARTICLES);
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s.sources", schema);
    cr_assert_eq(gzt_long(db, sql), ARTICLES);
    PQfinish(db);
}

/* The server stops (pg_ctl stop -m fast ends gazette's session) for 10 s
 * in the middle of a load and starts again: the default retry policy
 * (at least 60 s of waits) rides it out and the run completes. */
Test(outage, a_ten_second_restart_mid_load_costs_nothing, .timeout = 150,
     .init = own_cluster_start, .fini = own_cluster_stop)
{
    char *files = corpus(), *dsn = own_dsn();
    char *p = gzt_pipeline("outage", "t_outage", files, "article", "");
    struct gzt_child *c = gzt_start("GAZETTE_FAULT=pace_ms:250", NULL, "run", p, "--batch", "1",
                                    "--dsn", dsn, NULL);
    struct gzt_proc r;
    PGconn *db;
    double down;

    wait_for_articles("t_outage", 3);
    pg_tmp("down");
    down = now_s();
    sleep_s(10);
    pg_tmp("up");
    r = gzt_wait(c);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(now_s() - down >= 10);
    cr_assert(strstr(r.err, "event=reconnecting attempt=1 of=12") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "event=reconnected") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    assert_all_loaded_once("t_outage");
    db = own_db();
    cr_assert_eq(gzt_long(db, "SELECT count(*) FROM t_outage.runs WHERE status = 'ok'"), 1);
    cr_assert_eq(gzt_long(db, "SELECT count(*) FROM t_outage.runs"), 1);
    PQfinish(db);
    free(files), free(dsn), free(p);
}

/* A server that stays down: with retry {attempts: 2, initial_wait: 0.2,
 * max_wait: 0.2} the run gives up within a second or two with 69; the
 * batch being loaded was rolled back and the next run carries on. */
Test(outage, a_server_that_stays_down_exits_69_quickly_and_a_rerun_completes, .timeout = 120,
     .init = own_cluster_start, .fini = own_cluster_stop)
{
    char *files = corpus(), *dsn = own_dsn();
    char *p = gzt_pipeline("down", "t_stays_down", files, "article",
                           "retry: {attempts: 2, initial_wait: 0.2, max_wait: 0.2}\n");
    struct gzt_child *c = gzt_start("GAZETTE_FAULT=pace_ms:250", NULL, "run", p, "--batch", "1",
                                    "--dsn", dsn, NULL);
    struct gzt_proc r;
    PGconn *db;
    double down;

    wait_for_articles("t_stays_down", 2);
    pg_tmp("down");
    down = now_s();
    r = gzt_wait(c);
    cr_assert_eq(r.status, 69, "%s", r.err);
    cr_assert(now_s() - down < 5, "gave up %.1f s after the server stopped", now_s() - down);
    cr_assert(strstr(r.err, "event=reconnecting attempt=2 of=2") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "gave up after 2 attempts") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    /* not even the start of a run gets through */
    r = gzt_run(NULL, NULL, "run", p, "--dsn", dsn, NULL);
    cr_assert_eq(r.status, 69, "%s", r.err);
    cr_assert(strstr(r.err, "gave up after 2 attempts: cannot connect to PostgreSQL") != NULL,
              "%s", r.err);
    gzt_proc_free(&r);
    pg_tmp("up");
    r = gzt_run(NULL, NULL, "run", p, "--dsn", dsn, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    assert_all_loaded_once("t_stays_down");
    db = own_db();
    cr_assert_eq(gzt_long(db, "SELECT count(*) FROM t_stays_down.runs WHERE status = 'ok'"), 1);
    cr_assert_eq(gzt_long(db, "SELECT count(*) FROM t_stays_down.runs WHERE status = 'aborted'"),
                 1, "the run that gave up is marked aborted by the next one");
    PQfinish(db);
    free(files), free(dsn), free(p);
}

/* The pid of this test's child process (the gazette it started), or 0. */
static pid_t child_pid(void)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    pid_t found = 0;

    while (d != NULL && found == 0 && (e = readdir(d)) != NULL) {
        char path[300], line[512], *close;
        FILE *f;
        int ppid;

        if (e->d_name[0] < '1' || e->d_name[0] > '9')
            continue;
        snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
        if ((f = fopen(path, "r")) == NULL)
            continue;
        /* pid (comm) state ppid ... */
        if (fgets(line, sizeof(line), f) != NULL && (close = strrchr(line, ')')) != NULL
            && sscanf(close + 1, " %*c %d", &ppid) == 1 && ppid == getpid()
            && strstr(line, "(gazette)") != NULL)
            found = (pid_t)atoi(e->d_name);
        fclose(f);
    }
    if (d != NULL)
        closedir(d);
    return found;
}

/* SIGTERM while the run waits for a server that is away: the waits end at
 * once (not after the minute and more of the default policy), exit 69,
 * and the next run carries on. */
Test(outage, sigterm_ends_the_waits_at_once, .timeout = 120,
     .init = own_cluster_start, .fini = own_cluster_stop)
{
    char *files = corpus(), *dsn = own_dsn();
    char *p = gzt_pipeline("term", "t_term", files, "article", "");
    struct gzt_child *c = gzt_start("GAZETTE_FAULT=pace_ms:250", NULL, "run", p, "--batch", "1",
                                    "--dsn", dsn, NULL);
    struct gzt_proc r;
    pid_t pid;
    double t0;

    wait_for_articles("t_term", 2);
    pid = child_pid();
    cr_assert(pid > 0, "the run's pid");
    pg_tmp("down");
    sleep_s(2);                         /* in its waits by now */
    t0 = now_s();
    kill(pid, SIGTERM);
    r = gzt_wait(c);
    cr_assert(now_s() - t0 < 3, "took %.1f s after SIGTERM", now_s() - t0);
    cr_assert_eq(r.status, 69, "%s", r.err);
    cr_assert(strstr(r.err, "event=reconnecting attempt=1") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "stopped by a signal while waiting to try again") != NULL, "%s",
              r.err);
    gzt_proc_free(&r);
    pg_tmp("up");
    r = gzt_run(NULL, NULL, "run", p, "--dsn", dsn, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    assert_all_loaded_once("t_term");
    free(files), free(dsn), free(p);
}

/* ---- on the suite's cluster ----------------------------------------- */

/* Right after a kill -9 the dead run's backend may still hold the
 * pipeline lock for a moment; the next run waits for it (up to 5 s)
 * rather than exiting 75. */
Test(outage, a_rerun_right_after_kill_9_never_exits_75, .timeout = 150)
{
    char *files = gzt_fixture_list("fixtures/articles");
    char *p = gzt_pipeline("killed", "t_kill_rerun", files, "article", "");
    int i;

    gzt_drop_schema(gzt_suite_db, "t_kill_rerun");
    for (i = 0; i < 10; i++) {
        struct gzt_proc r = gzt_run("GAZETTE_FAULT=kill_before_commit:1", NULL, "run", p,
                                    "--batch", "2", "--reprocess", NULL);

        cr_assert_eq(r.status, 128 + 9, "round %d: expected SIGKILL, got %d: %s", i, r.status,
                     r.err);
        gzt_proc_free(&r);
        r = gzt_run(NULL, NULL, "run", p, "--batch", "2", NULL);
        cr_assert_eq(r.status, 0, "round %d: %s", i, r.err);
        gzt_proc_free(&r);
    }
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_kill_rerun.sources"), 10);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_kill_rerun.runs"
                                        " WHERE status = 'aborted'"), 10);
    gzt_drop_schema(gzt_suite_db, "t_kill_rerun");
    free(files), free(p);
}

static void limited_role(const char *limit)
{
    char sql[256];
    PGresult *res;

    snprintf(sql, sizeof(sql), "ALTER ROLE gz_limited CONNECTION LIMIT %s", limit);
    res = PQexec(gzt_suite_db, sql);
    cr_assert_eq(PQresultStatus(res), PGRES_COMMAND_OK, "%s", PQerrorMessage(gzt_suite_db));
    PQclear(res);
}

static void *raise_limit_later(void *arg)
{
    PGconn *db = gzt_db();

    (void)arg;
    sleep_s(1.5);
    PQclear(PQexec(db, "ALTER ROLE gz_limited CONNECTION LIMIT -1"));
    PQfinish(db);
    return NULL;
}

/* SQLSTATE 53300 (too many connections) at connect, for real: a role
 * whose CONNECTION LIMIT is 0. It is "unavailable": retried, then 69; and
 * a run whose limit is raised while it waits gets through. */
Test(outage, too_many_connections_is_retried_then_69, .timeout = 90)
{
    char *files = gzt_fixture_list("fixtures/articles");
    char *quick = gzt_pipeline("limited", "t_limited", files, "article",
                               "retry: {attempts: 2, initial_wait: 0.2, max_wait: 0.2}\n");
    char *patient = gzt_pipeline("limited2", "t_limited", files, "article",
                                 "retry: {attempts: 10, initial_wait: 0.5, max_wait: 1}\n");
    struct gzt_proc r;
    pthread_t th;

    PQclear(PQexec(gzt_suite_db, "DROP SCHEMA IF EXISTS t_limited CASCADE"));
    PQclear(PQexec(gzt_suite_db, "DROP OWNED BY gz_limited"));
    PQclear(PQexec(gzt_suite_db, "DROP ROLE IF EXISTS gz_limited"));
    PQclear(PQexec(gzt_suite_db, "CREATE ROLE gz_limited LOGIN"));
    PQclear(PQexec(gzt_suite_db, "GRANT CREATE ON DATABASE postgres TO gz_limited"));
    limited_role("0");
    r = gzt_run(NULL, NULL, "run", quick, "--dsn", "user=gz_limited", NULL);
    cr_assert_eq(r.status, 69, "%s", r.err);
    cr_assert(strstr(r.err, "too many connections for role") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "event=reconnecting attempt=2 of=2") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(pthread_create(&th, NULL, raise_limit_later, NULL), 0);
    r = gzt_run(NULL, NULL, "run", patient, "--dsn", "user=gz_limited", NULL);
    pthread_join(th, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.err, "event=reconnected") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_limited.sources"), 10);
    PQclear(PQexec(gzt_suite_db, "DROP SCHEMA IF EXISTS t_limited CASCADE"));
    PQclear(PQexec(gzt_suite_db, "DROP OWNED BY gz_limited"));
    PQclear(PQexec(gzt_suite_db, "DROP ROLE IF EXISTS gz_limited"));
    free(files), free(quick), free(patient);
}

/* ---- a disk that fills up ------------------------------------------- */

/* n articles of about 40 kB of words each, hard to compress. */
static char *big_corpus(int n)
{
    char dir[300], name[64], *text, *list;
    unsigned long seed = 12345;
    int i;

    snprintf(dir, sizeof(dir), "%s/big", gzt_tmpdir());
    mkdir(dir, 0755);
    text = malloc(48 * 1024);
    for (i = 0; i < n; i++) {
        size_t len = (size_t)sprintf(text, "date 2024-02-%02d Disk test article %d\n\n", i % 28 + 1,
                                     i);

        while (len < 40 * 1024) {
            int w = 3 + (int)((seed >> 33) % 6);

            while (w-- > 0) {
                seed = seed * 6364136223846793005UL + 1442695040888963407UL;
                text[len++] = (char)('a' + (seed >> 35) % 26);
            }
            text[len++] = (seed >> 40) % 12 == 0 ? '.' : ' ';
        }
        text[len++] = '\n';
        text[len] = '\0';
        snprintf(name, sizeof(name), "b%02d.txt", i);
        free(gzt_write(dir, name, text));
    }
    free(text);
    list = malloc(strlen(dir) + 8);
    sprintf(list, "[\"%s\"]", dir);
    return list;
}

static char tiny[128];

static void tiny_unmount(void)
{
    char cmd[300];

    if (tiny[0] != '\0') {
        pg_tmp("down");
        snprintf(cmd, sizeof(cmd), "umount %s", tiny);
        if (system(cmd) != 0)
            fprintf(stderr, "could not unmount %s\n", tiny);
    }
    own_cluster_stop();
}

/* SQLSTATE 53100 for real: the tables live in a tablespace on a 1 MB
 * tmpfs (root only: the test skips itself otherwise). The run exits 74
 * with its own message, the batch is rolled back; once there is room
 * again the rerun loads everything, once. */
Test(outage, a_full_disk_exits_74_and_a_rerun_after_freeing_space_completes, .timeout = 120,
     .init = own_cluster_start, .fini = tiny_unmount)
{
    char *files = big_corpus(40), *dsn = own_dsn(), cmd[400];
    char *p = gzt_pipeline("disk", "t_disk", files, "article", "retry: {attempts: 0}\n");
    struct gzt_proc r;
    PGconn *db;
    PGresult *res;

    snprintf(tiny, sizeof(tiny), "%s/tiny", pgdir);
    mkdir(tiny, 0700);
    snprintf(cmd, sizeof(cmd), "mount -t tmpfs -o size=1m tmpfs %s 2>/dev/null && "
             "{ [ \"$(id -u)\" != 0 ] || chown postgres %s; }", tiny, tiny);
    if (system(cmd) != 0) {
        tiny[0] = '\0';
        cr_skip_test("cannot mount a tmpfs (not root?)");
    }
    db = own_db();
    snprintf(cmd, sizeof(cmd), "CREATE TABLESPACE gz_tiny LOCATION '%s'", tiny);
    res = PQexec(db, cmd);
    cr_assert_eq(PQresultStatus(res), PGRES_COMMAND_OK, "%s", PQerrorMessage(db));
    PQclear(res);
    r = gzt_run("PGOPTIONS=-c default_tablespace=gz_tiny", NULL, "run", p, "--batch", "5",
                "--dsn", dsn, NULL);
    cr_assert_eq(r.status, 74, "%s", r.err);
    cr_assert(strstr(r.err, "53100") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "disk is full") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "event=reconnecting") == NULL, "a full disk is not retried: %s",
              r.err);
    gzt_proc_free(&r);
    cr_assert(gzt_long(db, "SELECT count(*) FROM t_disk.articles") < 40);
    cr_assert_eq(gzt_long(db, "SELECT count(*) FROM t_disk.runs WHERE status = 'failed'"
                              " AND message LIKE '%53100%'"), 1);
    /* room again */
    snprintf(cmd, sizeof(cmd), "mount -o remount,size=64m %s", tiny);
    cr_assert_eq(system(cmd), 0);
    r = gzt_run("PGOPTIONS=-c default_tablespace=gz_tiny", NULL, "run", p, "--batch", "5",
                "--dsn", dsn, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_long(db, "SELECT count(*) FROM t_disk.articles"), 40);
    cr_assert_eq(gzt_long(db, "SELECT count(DISTINCT title) FROM t_disk.articles"), 40);
    cr_assert_eq(gzt_long(db, "SELECT count(*) FROM t_disk.sources"), 40);
    /* the tablespace goes with its tables, before the tmpfs is unmounted */
    PQclear(PQexec(db, "DROP SCHEMA t_disk CASCADE"));
    PQclear(PQexec(db, "DROP TABLESPACE gz_tiny"));
    PQfinish(db);
    free(files), free(dsn), free(p);
}
