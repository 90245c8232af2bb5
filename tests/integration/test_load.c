/*
 * Loading into a real PostgreSQL: fixtures, reruns, duplicates, rejects,
 * the pipeline lock, and a kill -9 in the middle of a run.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gztest.h"


TestSuite(load, .init = gzt_suite_init, .fini = gzt_suite_fini);

static struct gzt_proc run_pipeline(const char *pipeline, const char *env)
{
    return gzt_run(env, NULL, "run", pipeline, NULL);
}

/* Run the pipeline and check its exit status (stderr shown on failure). */
static void run_expect(const char *pipeline, int status)
{
    struct gzt_proc r = run_pipeline(pipeline, NULL);

    cr_assert_eq(r.status, status, "%s", r.err);
    gzt_proc_free(&r);
}

Test(load, fixtures_load_and_rerun_loads_nothing_new)
{
    const char *schema = "t_fixtures";
    char *files = gzt_fixture_list("fixtures/articles");
    char *p = gzt_pipeline("fix", schema, files, "article", "");
    struct gzt_proc r;

    gzt_drop_schema(gzt_suite_db, schema);
    r = run_pipeline(p, NULL);
    cr_assert_eq(r.status, 0, "first run: %d\n%s", r.status, r.err);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_schema_long(schema, "SELECT count(*) FROM @S.articles"), 9);
    cr_assert_eq(gzt_schema_long(schema, "SELECT count(*) FROM @S.sources"), 10);
    cr_assert_eq(gzt_schema_long(schema, "SELECT duplicates FROM @S.runs WHERE run_id = 1"), 1);

    r = run_pipeline(p, NULL);
    cr_assert_eq(r.status, 0, "rerun: %s", r.err);
    cr_assert(strstr(r.err, "skipped=10") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_schema_long(schema, "SELECT count(*) FROM @S.articles"), 9);
    cr_assert_eq(gzt_schema_long(schema, "SELECT articles_loaded FROM @S.runs WHERE run_id = 2"), 0);
    cr_assert_eq(gzt_schema_long(schema, "SELECT files_skipped FROM @S.runs WHERE run_id = 2"), 10);
    free(files);
    free(p);
}

Test(load, repairs_are_recorded_and_text_is_verbatim)
{
    const char *schema = "t_repairs";
    char *files = gzt_fixture_list("fixtures/articles");
    char *p = gzt_pipeline("rep", schema, files, "article", "");
    char *v;

    gzt_drop_schema(gzt_suite_db, schema);
    run_expect(p, 0);
    v = gzt_text(gzt_suite_db, "SELECT title FROM t_repairs.articles WHERE source_uri LIKE '%quoting.txt'");
    cr_assert_str_eq(v, "Robert'); DROP TABLE articles;-- and a backslash \\. on its own");
    free(v);
    v = gzt_text(gzt_suite_db, "SELECT body FROM t_repairs.articles WHERE source_uri LIKE '%quoting.txt'");
    cr_assert(strstr(v, "\n\\.\n") != NULL, "body: %s", v);
    free(v);
    v = gzt_text(gzt_suite_db, "SELECT repairs::text FROM t_repairs.articles WHERE source_uri LIKE '%latin1.txt'");
    cr_assert_str_eq(v, "{cp1252}");
    free(v);
    v = gzt_text(gzt_suite_db, "SELECT title FROM t_repairs.articles WHERE source_uri LIKE '%latin1.txt'");
    cr_assert_str_eq(v, "Caf\xc3\xa9 chain Pr\xc3\xaat \xc3\xa0 Manger to open 50 stores in France");
    free(v);
    v = gzt_text(gzt_suite_db, "SELECT repairs::text FROM t_repairs.articles WHERE source_uri LIKE '%leading-space.txt'");
    cr_assert_str_eq(v, "{leading_space,no_final_newline}");
    free(v);
    v = gzt_text(gzt_suite_db, "SELECT title FROM t_repairs.articles WHERE source_uri LIKE '%toyota-html.txt'");
    cr_assert_str_eq(v, "Toyota recalls 280,000 vehicles in the United States");
    free(v);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_repairs.articles WHERE source_uri LIKE '%.gz'"), 1);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_repairs.articles WHERE body = ''"), 1,
                 "the title-only brief loads with an empty body");
    free(files);
    free(p);
}

Test(load, same_text_under_another_name_loads_once)
{
    const char *schema = "t_dupes";
    const char *dir = gzt_tmpdir();
    char *a = gzt_write(dir, "a.txt", "date 2024-01-01 Same\n\nSame body.\n");
    char *b = gzt_write(dir, "b.txt", "date 2024-01-01 Same\r\n\r\nSame body.");
    char files[600];
    char *p;

    snprintf(files, sizeof(files), "[\"%s\", \"%s\"]", a, b);
    p = gzt_pipeline("dup", schema, files, "article", "");
    gzt_drop_schema(gzt_suite_db, schema);
    run_expect(p, 0);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_dupes.articles"), 1);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT duplicates FROM t_dupes.runs"), 1);
    free(a), free(b), free(p);
}

/* One text in three batches of one article: the batch forgets the hashes
 * it saw, the articles table remembers them; counted the same either way. */
Test(load, same_text_in_later_batches_loads_once)
{
    const char *schema = "t_dupes_batches";
    const char *dir = gzt_tmpdir();
    char *a = gzt_write(dir, "c1.txt", "date 2024-01-02 Again\n\nThe same words.\n");
    char *b = gzt_write(dir, "c2.txt", "date 2024-01-02 Other\n\nOther words.\n");
    char *c = gzt_write(dir, "c3.txt", "date 2024-01-02 Again\n\nThe same words.\n");
    char files[900];
    char *p;
    struct gzt_proc r;

    snprintf(files, sizeof(files), "[\"%s\", \"%s\", \"%s\"]", a, b, c);
    p = gzt_pipeline("dupb", schema, files, "article", "");
    gzt_drop_schema(gzt_suite_db, schema);
    r = gzt_run(NULL, NULL, "run", p, "--batch", "1", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_schema_long(schema, "SELECT count(*) FROM @S.articles"), 2);
    cr_assert_eq(gzt_schema_long(schema, "SELECT duplicates FROM @S.runs"), 1);
    cr_assert_eq(gzt_schema_long(schema, "SELECT articles_loaded FROM @S.runs"), 2);
    free(a), free(b), free(c), free(p);
}

Test(load, rejects_get_rows_with_reasons_once)
{
    const char *schema = "t_rejects";
    char *files = gzt_fixture_list("fixtures/rejects");
    char *p = gzt_pipeline("rej", schema, files, "article", "");
    struct gzt_proc r;
    char *v;

    gzt_drop_schema(gzt_suite_db, schema);
    r = run_pipeline(p, NULL);
    cr_assert_eq(r.status, 65, "exit %d\n%s", r.status, r.err);
    cr_assert(strstr(r.err, "event=reject") != NULL);
    cr_assert(strstr(r.err, "reason=\"impossible date \\\"2024-02-30\\\"\"") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_rejects.rejects"), 6);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_rejects.articles"), 0);
    v = gzt_text(gzt_suite_db, "SELECT reason FROM t_rejects.rejects WHERE uri LIKE '%empty.txt'");
    cr_assert_str_eq(v, "empty file");
    free(v);
    v = gzt_text(gzt_suite_db, "SELECT reason FROM t_rejects.rejects WHERE uri LIKE '%no-date.txt'");
    cr_assert_str_eq(v, "no \"date\" header line");
    free(v);
    v = gzt_text(gzt_suite_db, "SELECT reason FROM t_rejects.rejects WHERE uri LIKE '%image.png.txt'");
    cr_assert_str_eq(v, "binary file");
    free(v);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT rejected FROM t_rejects.runs WHERE run_id = 1"), 6);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_rejects.runs WHERE status = 'rejected'"), 1);

    run_expect(p, 0);                       /* unchanged files: no new reject rows */
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_rejects.rejects"), 6);
    free(files);
    free(p);
}

Test(load, csv_rows_load_and_bad_rows_are_rejected_with_line)
{
    const char *schema = "t_csv";
    char *files = gzt_fixture_list("fixtures/csv/articles.csv");
    char *p = gzt_pipeline("csv", schema, files, "csv", "");
    char *v;

    gzt_drop_schema(gzt_suite_db, schema);
    run_expect(p, 65);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_csv.articles"), 3);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_csv.rejects"), 4);
    v = gzt_text(gzt_suite_db, "SELECT line || ' ' || reason FROM t_csv.rejects ORDER BY line LIMIT 1");
    cr_assert_str_eq(v, "7 impossible date \"2024-02-30\"");
    free(v);
    v = gzt_text(gzt_suite_db, "SELECT body FROM t_csv.articles WHERE external_id = 'r1'");
    cr_assert_str_eq(v, "Brent crude rose 2% on Monday.\n\nTraders cited supply cuts by OPEC+.");
    free(v);
    v = gzt_text(gzt_suite_db, "SELECT reason FROM t_csv.rejects WHERE reason LIKE 'unterminated%'");
    cr_assert_str_eq(v, "unterminated quoted field");
    free(v);
    free(files);
    free(p);
}

Test(load, stdin_dash_reads_one_article)
{
    const char *schema = "t_stdin";
    char *p = gzt_pipeline("stdin", schema, "[\"-\"]", "article", "");
    struct gzt_proc r;

    gzt_drop_schema(gzt_suite_db, schema);
    r = gzt_run(NULL, "date 2024-09-09 From a pipe\n\nPiped body.\n", "run", p, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_stdin.articles WHERE source_uri = '-'"), 1);
    free(p);
}

Test(load, second_concurrent_run_exits_75)
{
    const char *schema = "t_lock";
    char *files = gzt_fixture_list("fixtures/articles");
    char *p = gzt_pipeline("locked", schema, files, "article", "");
    PGconn *holder = gzt_db();
    struct gzt_proc r;

    gzt_drop_schema(gzt_suite_db, schema);
    cr_assert_eq(gzt_long(holder, "SELECT pg_try_advisory_lock(hashtext('gazette:t_lock:locked'))::int"), 1);
    r = run_pipeline(p, NULL);
    cr_assert_eq(r.status, 75, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.err, "locked by another run") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    PQfinish(holder);                       /* lock released with the session */
    run_expect(p, 0);
    free(files);
    free(p);
}

/* Sorted content hashes, joined: what a run leaves behind. */
static char *fingerprint(const char *schema)
{
    char sql[512];

    snprintf(sql, sizeof(sql),
             "SELECT count(*) || ':' || md5(string_agg(content_sha256 || source_uri, ',' "
             "ORDER BY content_sha256)) FROM %s.articles", schema);
    return gzt_text(gzt_suite_db, sql);
}

Test(load, kill_9_mid_run_then_rerun_equals_clean_run)
{
    char *files = gzt_fixture_list("fixtures/articles");
    char *clean = gzt_pipeline("kill", "t_clean", files, "article", "");
    char *crash = gzt_pipeline("kill", "t_crash", files, "article", "");
    struct gzt_proc r;
    char *want, *got;
    PGconn *waiter;
    long n;

    gzt_drop_schema(gzt_suite_db, "t_clean");
    gzt_drop_schema(gzt_suite_db, "t_crash");
    r = gzt_run(NULL, NULL, "run", clean, "--batch", "2", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);

    /* killed (SIGKILL) just before the third batch commits */
    r = gzt_run("GAZETTE_FAULT=kill_before_commit:3", NULL, "run", crash, "--batch", "2", NULL);
    cr_assert_eq(r.status, 128 + 9, "expected SIGKILL, got %d: %s", r.status, r.err);
    gzt_proc_free(&r);
    n = gzt_long(gzt_suite_db, "SELECT count(*) FROM t_crash.articles");
    cr_assert(n > 0 && n < 9, "batches before the kill stay committed, the rest is lost: %ld", n);
    /* The killed run's backend holds the pipeline lock until the server
     * has noticed the client is gone; a cron rerun comes minutes later,
     * this one at once, so it waits for the lock (blocking, not polling). */
    waiter = gzt_db();
    cr_assert_eq(gzt_long(waiter, "SET statement_timeout = '20s';"
                                  " SELECT 1 FROM pg_advisory_lock(hashtext('gazette:t_crash:kill'))"), 1);
    cr_assert_eq(gzt_long(waiter, "SELECT pg_advisory_unlock(hashtext('gazette:t_crash:kill'))::int"), 1);
    PQfinish(waiter);
    r = gzt_run(NULL, NULL, "run", crash, "--batch", "2", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);

    want = fingerprint("t_clean");
    got = fingerprint("t_crash");
    cr_assert_str_eq(got, want);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_crash.sources"), 10);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_crash.runs WHERE status = 'aborted'"), 1,
                 "the killed run is marked aborted by the next one");
    free(want), free(got), free(files), free(clean), free(crash);
}

Test(load, unreachable_database_exits_69)
{
    char *files = gzt_fixture_list("fixtures/articles");
    char *p = gzt_pipeline("down", "t_down", files, "article",
                           "retry: {attempts: 1, initial_wait: 0.1}\n");
    struct gzt_proc r = gzt_run(NULL, NULL, "run", p, "--dsn",
                                "host=/nonexistent-socket-dir port=1 connect_timeout=2", NULL);

    cr_assert_eq(r.status, 69, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.err, "gave up after 1 attempt: cannot connect to PostgreSQL") != NULL,
              "%s", r.err);
    gzt_proc_free(&r);
    free(files), free(p);
}

Test(load, migrate_is_idempotent)
{
    struct gzt_proc r;

    gzt_drop_schema(gzt_suite_db, "t_migrate");
    r = gzt_run(NULL, NULL, "migrate", "--schema", "t_migrate", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.err, "applied=8") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "migrate", "--schema", "t_migrate", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.err, "applied=0") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT max(version) FROM t_migrate.schema_migrations"), 8);
}

Test(load, on_error_fail_stops_at_the_first_reject_with_65)
{
    const char *schema = "t_fail";
    const char *dir = gzt_tmpdir();
    char *a = gzt_write(dir, "1-good.txt", "date 2024-01-01 Good\n\nFine.\n");
    char *b = gzt_write(dir, "2-bad.txt", "no header\n");
    char *c = gzt_write(dir, "3-never.txt", "date 2024-01-03 Never read\n\nB.\n");
    char files[900];
    char *p;

    snprintf(files, sizeof(files), "[\"%s\", \"%s\", \"%s\"]", a, b, c);
    p = gzt_pipeline("fail", schema, files, "article", "on_error: fail\n");
    gzt_drop_schema(gzt_suite_db, schema);
    run_expect(p, 65);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_fail.articles"), 1);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_fail.rejects"), 1);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_fail.runs WHERE status = 'failed'"), 1);
    free(a), free(b), free(c), free(p);
}

Test(load, a_row_the_server_refuses_becomes_a_reject_and_the_rest_loads)
{
    const char *schema = "t_isolate";
    char *files = gzt_fixture_list("fixtures/articles");
    char *p = gzt_pipeline("iso", schema, files, "article", "");
    struct gzt_proc r;
    char *v;

    gzt_drop_schema(gzt_suite_db, schema);
    r = gzt_run("GAZETTE_FAULT=bad_row:Toyota", NULL, "run", p, NULL);
    cr_assert_eq(r.status, 65, "%s", r.err);
    cr_assert(strstr(r.err, "event=isolating articles=9") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_isolate.articles"), 8);
    v = gzt_text(gzt_suite_db, "SELECT reason FROM t_isolate.rejects WHERE uri LIKE '%toyota-html.txt'");
    cr_assert_not_null(v);
    cr_assert(strstr(v, "(SQLSTATE 22008)") != NULL, "%s", v);
    free(v);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_isolate.sources"), 10);
    free(files), free(p);
}

Test(load, an_unreadable_file_is_rejected_and_tried_again_next_run)
{
    const char *schema = "t_unreadable";
    const char *dir = gzt_tmpdir();
    char *a = gzt_write(dir, "locked.txt", "date 2024-01-01 Locked away\n\nBody.\n");
    char files[600];
    char *p;
    struct gzt_proc r;

    snprintf(files, sizeof(files), "[\"%s\"]", a);
    p = gzt_pipeline("unread", schema, files, "article", "");
    gzt_drop_schema(gzt_suite_db, schema);
    chmod(a, 0);
    r = gzt_run_unprivileged(NULL, NULL, "run", p, NULL);   /* also as root, as in CI */
    cr_assert_eq(r.status, 65, "%s", r.err);
    cr_assert(strstr(r.err, "Permission denied") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_unreadable.sources"), 0);
    chmod(a, 0644);
    run_expect(p, 0);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_unreadable.articles"), 1);
    free(a), free(p);
}

Test(load, an_unreadable_directory_is_rejected_the_rest_loaded_and_it_is_retried)
{
    const char *schema = "t_unreadable_dir";
    const char *dir = gzt_tmpdir();
    char top[300], sub[300], files[400];
    char *a, *b, *p, *v;
    struct gzt_proc r;

    snprintf(top, sizeof(top), "%s/news", dir);
    snprintf(sub, sizeof(sub), "%s/news/locked", dir);
    mkdir(top, 0755);
    mkdir(sub, 0755);
    a = gzt_write(top, "a.txt", "date 2024-01-01 Readable\n\nBody.\n");
    b = gzt_write(sub, "b.txt", "date 2024-01-02 Behind a locked door\n\nBody.\n");
    snprintf(files, sizeof(files), "[\"%s\"]", top);
    p = gzt_pipeline("unread_dir", schema, files, "article", "");
    gzt_drop_schema(gzt_suite_db, schema);
    chmod(sub, 0);
    r = gzt_run_unprivileged(NULL, NULL, "run", p, NULL);
    chmod(sub, 0755);
    cr_assert_eq(r.status, 66, "exit %d: %s", r.status, r.err);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_unreadable_dir.articles"), 1,
                 "what can be read is loaded");
    v = gzt_text(gzt_suite_db, "SELECT uri || ': ' || reason FROM t_unreadable_dir.rejects"
                 " WHERE line = 0");
    cr_assert(v != NULL && strcmp(v, sub) > 0 && strncmp(v, sub, strlen(sub)) == 0
              && strstr(v, ": cannot read directory: Permission denied") != NULL, "%s", v);
    free(v);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_unreadable_dir.sources"), 1,
                 "nothing marks the locked directory done");
    v = gzt_text(gzt_suite_db, "SELECT status FROM t_unreadable_dir.runs");
    cr_assert(v != NULL && strcmp(v, "rejected") == 0, "%s", v);
    free(v);
    run_expect(p, 0);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_unreadable_dir.articles"), 2);
    free(a), free(b), free(p);
}

/* A file of about 400 kB, so that zlib (128 kB buffer) goes back to the
 * descriptor several times: a read that fails does so part-way. */
static char *write_big(const char *dir, const char *name, int csv)
{
    size_t cap = 1024 * 1024, n = 0;
    char *text = malloc(cap), *path;
    int i;

    n += (size_t)sprintf(text, csv ? "id,published,title,body\n" : "date 2024-03-01 A long one\n\n");
    for (i = 0; i < 3000; i++)
        n += (size_t)snprintf(text + n, cap - n, csv ? "r%d,2024-03-01,Row %d,\"Body of row %d,"
                              " long enough to fill the file: %0100d.\"\n"
                              : "Paragraph %d of %d, long enough to fill the file: %0100d.\n\n",
                              i, i, i, 0);
    path = gzt_write(dir, name, text);
    free(text);
    return path;
}

/* GAZETTE_FAULT=read_error:2: read(2) fails with EIO under zlib from the
 * file's second read on. The file must be read again by the next run, not
 * marked done (before, the I/O error was reported as "cannot decompress"
 * and the file recorded as rejected for good). */
static void io_error_then_retry(const char *schema, const char *format, const char *fault,
                                long first_loaded /* -1: some */, long all)
{
    const char *dir = gzt_tmpdir();
    char name[64], files[400], sql[300];
    char *big, *p;
    struct gzt_proc r;
    long n;

    snprintf(name, sizeof(name), "%s.%s", schema, format);
    big = write_big(dir, name, strcmp(format, "csv") == 0);
    snprintf(files, sizeof(files), "[\"%s\"]", big);
    p = gzt_pipeline("ioerr", schema, files, format, "");
    gzt_drop_schema(gzt_suite_db, schema);
    r = gzt_run(fault, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 65, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.err, "reason=\"cannot read: Input/output error\"") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s.articles", schema);
    n = gzt_long(gzt_suite_db, sql);
    if (first_loaded >= 0)
        cr_assert_eq(n, first_loaded, "what was read before the error: %ld", n);
    else
        cr_assert(n > 0 && n < all, "the rows before the error load: %ld", n);
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s.sources", schema);
    cr_assert_eq(gzt_long(gzt_suite_db, sql), 0, "the file is not marked done");

    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 0, "second run: exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.err, "skipped=0") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s.articles", schema);
    cr_assert_eq(gzt_long(gzt_suite_db, sql), all);
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s.sources WHERE status = 'loaded'"
             " AND file_sha256 <> ''", schema);
    cr_assert_eq(gzt_long(gzt_suite_db, sql), 1);
    free(big), free(p);
}

Test(load, an_io_error_part_way_through_an_article_file_is_retried_next_run)
{
    io_error_then_retry("t_ioerr_article", "article", "GAZETTE_FAULT=read_error:2", 0, 1);
}

Test(load, an_io_error_part_way_through_a_csv_file_is_retried_next_run)
{
    /* the rows zlib read before the error load; the rest waits for the next run */
    io_error_then_retry("t_ioerr_csv", "csv", "GAZETTE_FAULT=read_error:2", -1, 3000);
}

Test(load, a_lost_connection_is_retried_and_the_run_completes)
{
    char *files = gzt_fixture_list("fixtures/articles");
    char *clean = gzt_pipeline("drop", "t_drop_clean", files, "article", "");
    char *dropped = gzt_pipeline("drop", "t_dropped", files, "article", "");
    struct gzt_proc r;
    char *want, *got;

    gzt_drop_schema(gzt_suite_db, "t_drop_clean");
    gzt_drop_schema(gzt_suite_db, "t_dropped");
    r = gzt_run(NULL, NULL, "run", clean, "--batch", "2", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    /* the server ends gazette's session just before its second batch */
    r = gzt_run("GAZETTE_FAULT=drop_connection:2", NULL, "run", dropped, "--batch", "2", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.err, "event=reconnecting attempt=1") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "event=reconnected attempt=1") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    want = fingerprint("t_drop_clean");
    got = fingerprint("t_dropped");
    cr_assert_str_eq(got, want);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_dropped.runs WHERE status = 'ok'"), 1);
    free(want), free(got), free(files), free(clean), free(dropped);
}

Test(load, status_lists_runs_and_explains_a_missing_schema)
{
    char *files = gzt_fixture_list("fixtures/articles");
    char *p = gzt_pipeline("st", "t_status", files, "article", "");
    struct gzt_proc r;

    gzt_drop_schema(gzt_suite_db, "t_status");
    r = gzt_run(NULL, NULL, "status", "--schema", "t_status", NULL);
    cr_assert_eq(r.status, 69);
    cr_assert(strstr(r.err, "schema t_status has no gazette tables yet") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    r = run_pipeline(p, NULL);
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "status", "--schema", "t_status", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, " st ") != NULL && strstr(r.out, " ok ") != NULL, "%s", r.out);
    gzt_proc_free(&r);
    free(files), free(p);
}

Test(load, touched_files_are_skipped_and_changed_files_read_again)
{
    const char *schema = "t_touch";
    const char *dir = gzt_tmpdir();
    char *a = gzt_write(dir, "a.txt", "date 2024-01-01 First\n\nOne.\n");
    char *b = gzt_write(dir, "b.csv.gz", "");
    char files[600], cmd[700];
    char *p;
    struct gzt_proc r;
    struct timespec later[2] = {{.tv_sec = 2000000000}, {.tv_sec = 2000000000}};

    snprintf(cmd, sizeof(cmd), "printf 'date 2024-01-02 Second\\n\\nTwo.\\n' | gzip > %s", b);
    cr_assert_eq(system(cmd), 0);
    snprintf(files, sizeof(files), "[\"%s\", \"%s\"]", a, b);
    p = gzt_pipeline("touch", schema, files, "article", "");
    gzt_drop_schema(gzt_suite_db, schema);
    run_expect(p, 0);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_touch.articles"), 2);

    utimensat(AT_FDCWD, a, later, 0);               /* same bytes, new mtime */
    utimensat(AT_FDCWD, b, later, 0);
    r = run_pipeline(p, NULL);
    cr_assert(strstr(r.err, "skipped=2") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_touch.sources"
                                        " WHERE mtime = to_timestamp(2000000000)"), 2,
                 "the new mtimes are remembered");

    free(gzt_write(dir, "a.txt", "date 2024-01-01 First, corrected\n\nOne.\n"));
    r = run_pipeline(p, NULL);
    cr_assert(strstr(r.err, "skipped=1") != NULL && strstr(r.err, "loaded=1") != NULL,
              "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_touch.articles"), 3);
    free(a), free(b), free(p);
}

Test(load, sigterm_stops_cleanly_and_the_next_run_carries_on)
{
    char *files = gzt_fixture_list("fixtures/articles");
    char *clean = gzt_pipeline("sig", "t_sig_clean", files, "article", "");
    char *stopped = gzt_pipeline("sig", "t_sig", files, "article", "");
    struct gzt_proc r;
    char *want, *got;
    long n;

    gzt_drop_schema(gzt_suite_db, "t_sig_clean");
    gzt_drop_schema(gzt_suite_db, "t_sig");
    r = gzt_run(NULL, NULL, "run", clean, "--batch", "2", NULL);
    gzt_proc_free(&r);
    /* SIGTERM arrives once the second batch is handed to the loader */
    r = gzt_run("GAZETTE_FAULT=sigterm_after_batch:2", NULL, "run", stopped, "--batch", "2", NULL);
    cr_assert_eq(r.status, 128 + 15, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.err, "event=stopping") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_sig.runs WHERE status = 'aborted'"
                                        " AND finished_at IS NOT NULL"), 1);
    n = gzt_long(gzt_suite_db, "SELECT count(*) FROM t_sig.articles");
    cr_assert(n > 0 && n < 9, "what was read before the signal is loaded: %ld", n);
    r = gzt_run(NULL, NULL, "run", stopped, "--batch", "2", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    want = fingerprint("t_sig_clean");
    got = fingerprint("t_sig");
    cr_assert_str_eq(got, want);
    free(want), free(got), free(files), free(clean), free(stopped);
}
