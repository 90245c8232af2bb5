/*
 * `gazette status` (runs with their counts, dead runs, totals, rejects by
 * reason, --json) and `gazette run --dry-run` (what a run would load,
 * with nothing written), against a real PostgreSQL.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gztest.h"

TestSuite(status, .init = gzt_suite_init, .fini = gzt_suite_fini);

/* The fixtures' articles and rejects, in one pipeline. */
static char *fixtures_pipeline(const char *name, const char *schema)
{
    char *a = gzt_repo_path("fixtures/articles"), *b = gzt_repo_path("fixtures/rejects");
    char files[1200];

    snprintf(files, sizeof(files), "[\"%s\", \"%s\"]", a, b);
    free(a), free(b);
    return gzt_pipeline(name, schema, files, "article", "");
}

/* Parse doc with PostgreSQL's JSON parser (jsonb refuses anything that is
 * not valid JSON) and return the text of path (a jsonb #>> path such as
 * '{runs,0,status}'), or NULL when it is absent or null. */
static char *json_get(const char *doc, const char *path)
{
    const char *params[] = {doc, path};
    PGresult *res = PQexecParams(gzt_suite_db, "SELECT $1::jsonb #>> $2::text[]", 2, NULL,
                                 params, NULL, NULL, 0);
    char *v = NULL;

    cr_assert_eq(PQresultStatus(res), PGRES_TUPLES_OK, "not valid JSON: %s\n%s",
                 PQresultErrorMessage(res), doc);
    if (!PQgetisnull(res, 0, 0))
        v = strdup(PQgetvalue(res, 0, 0));
    PQclear(res);
    return v;
}

static void expect_json(const char *doc, const char *path, const char *want)
{
    char *v = json_get(doc, path);

    if (want == NULL)
        cr_expect_null(v, "%s: %s\n%s", path, v, doc);
    else
        cr_expect(v != NULL && strcmp(v, want) == 0, "%s: got %s, want %s\n%s", path,
                  v ? v : "(null)", want, doc);
    free(v);
}

static struct gzt_proc status_json(const char *schema)
{
    struct gzt_proc r = gzt_run(NULL, NULL, "status", "--schema", schema, "--json", NULL);

    cr_assert_eq(r.status, 0, "%s", r.err);
    return r;
}

/* The number after "key=" in a log line of text, or -1. */
static long logged(const char *text, const char *event, const char *key)
{
    char k[64];
    const char *line = strstr(text, event), *p, *eol;

    if (line == NULL)
        return -1;
    eol = strchr(line, '\n');
    snprintf(k, sizeof(k), " %s=", key);
    p = strstr(line, k);
    if (p == NULL || (eol != NULL && p > eol))
        return -1;
    return atol(p + strlen(k));
}

Test(status, json_parses_and_holds_runs_totals_and_rejects_by_reason)
{
    const char *s = "t_st_json";
    char *p = fixtures_pipeline("js", s);
    struct gzt_proc r;

    gzt_drop_schema(gzt_suite_db, s);
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 65, "%s", r.err);
    gzt_proc_free(&r);

    r = status_json(s);
    expect_json(r.out, "{schema}", s);
    expect_json(r.out, "{schema_version}", "8");
    expect_json(r.out, "{runs,0,run_id}", "1");
    expect_json(r.out, "{runs,0,pipeline}", "js");
    expect_json(r.out, "{runs,0,status}", "rejected");
    expect_json(r.out, "{runs,0,status_stored}", "rejected");
    expect_json(r.out, "{runs,0,files_seen}", "16");
    expect_json(r.out, "{runs,0,articles_loaded}", "9");
    expect_json(r.out, "{runs,0,duplicates}", "1");
    expect_json(r.out, "{runs,0,rejected}", "6");
    expect_json(r.out, "{runs,0,reprocessed}", "0");
    expect_json(r.out, "{runs,0,outside_window}", "0");
    expect_json(r.out, "{runs,0,message}", NULL);
    expect_json(r.out, "{runs,1}", NULL);
    cr_expect(json_get(r.out, "{runs,0,config_sha256}") != NULL, "every column: %s", r.out);
    cr_expect(json_get(r.out, "{runs,0,finished_at}") != NULL, "%s", r.out);
    cr_expect(json_get(r.out, "{runs,0,seconds}") != NULL, "%s", r.out);
    expect_json(r.out, "{totals,counted}", "exact");
    expect_json(r.out, "{totals,articles}", "9");
    expect_json(r.out, "{totals,mentions}", "0");        /* clean_text only */
    expect_json(r.out, "{totals,date_mentions}", "0");
    expect_json(r.out, "{totals,entities}", "0");
    expect_json(r.out, "{totals,sources_loaded}", "10");
    expect_json(r.out, "{totals,sources_rejected}", "6");
    expect_json(r.out, "{totals,rejects}", "6");
    expect_json(r.out, "{last_run_rejects,run_id}", "1");
    expect_json(r.out, "{last_run_rejects,rows}", "6");
    expect_json(r.out, "{last_run_rejects,by_reason,0,reason}", "empty file");
    expect_json(r.out, "{last_run_rejects,by_reason,0,count}", "2");
    expect_json(r.out, "{last_run_rejects,by_reason,1,reason}", "binary file");
    expect_json(r.out, "{last_run_rejects,by_reason,2,reason}", "impossible date \"2024-02-30\"");
    expect_json(r.out, "{last_run_rejects,by_reason,5}", NULL);
    expect_json(r.out, "{last_run_rejects,others,reasons}", "0");
    gzt_proc_free(&r);

    /* a rerun skips everything: the newest run has no rejects rows */
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    r = status_json(s);
    expect_json(r.out, "{runs,0,run_id}", "2");
    expect_json(r.out, "{runs,0,files_skipped}", "16");
    expect_json(r.out, "{runs,1,run_id}", "1");
    expect_json(r.out, "{last_run_rejects,run_id}", "2");
    expect_json(r.out, "{last_run_rejects,rows}", "0");
    expect_json(r.out, "{last_run_rejects,by_reason,0}", NULL);
    gzt_proc_free(&r);

    r = gzt_run(NULL, NULL, "status", "--schema", s, "--json", "--limit", "1", NULL);
    expect_json(r.out, "{runs,1}", NULL);
    gzt_proc_free(&r);
    free(p);
}

Test(status, text_shows_totals_and_rejects_by_reason_top_10_then_others)
{
    static const char *const dates[] = {
        "2024-02-30", "2024-02-31", "2024-04-31", "2024-06-31", "2024-09-31", "2024-11-31",
        "2023-02-29", "2025-02-29", "2026-02-29", "2027-02-29", "2021-02-29", "2022-02-29"};
    const char *s = "t_st_top";
    const char *dir = gzt_tmpdir();
    char name[64], text[128], files[200];
    struct gzt_proc r;
    char *p, *v;
    size_t i;

    for (i = 0; i < 12; i++) {          /* 12 reasons, the first one 4 times */
        int copies = i == 0 ? 4 : 1;

        for (int c = 0; c < copies; c++) {
            snprintf(name, sizeof(name), "top/%02zu-%d.txt", i, c);
            snprintf(text, sizeof(text), "date %s Title %zu %d\n\nBody.\n", dates[i], i, c);
            if (i == 0 && c == 0) {
                char sub[300];

                snprintf(sub, sizeof(sub), "mkdir -p %s/top", dir);
                cr_assert_eq(system(sub), 0);
            }
            free(gzt_write(dir, name, text));
        }
    }
    free(gzt_write(dir, "top/ok.txt", "date 2024-05-05 Fine\n\nBody.\n"));
    snprintf(files, sizeof(files), "[\"%s/top\"]", dir);
    p = gzt_pipeline("top", s, files, "article", "");
    gzt_drop_schema(gzt_suite_db, s);
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 65, "%s", r.err);
    gzt_proc_free(&r);

    r = gzt_run(NULL, NULL, "status", "--schema", s, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, " reproc ") != NULL && strstr(r.out, " outside ") != NULL,
              "%s", r.out);
    cr_expect(strstr(r.out, "totals (exact row counts):\n  articles                    1\n")
              != NULL, "%s", r.out);
    cr_expect(strstr(r.out, "  rejects                    15\n") != NULL, "%s", r.out);
    cr_expect(strstr(r.out, "rejects of run 1 by reason: 15 row(s)\n"
                            "         4  impossible date \"2024-02-30\"\n") != NULL, "%s", r.out);
    cr_expect(strstr(r.out, "         2  (2 other reasons)\n") != NULL, "%s", r.out);
    gzt_proc_free(&r);

    r = status_json(s);
    expect_json(r.out, "{last_run_rejects,by_reason,0,count}", "4");
    expect_json(r.out, "{last_run_rejects,by_reason,9,count}", "1");
    expect_json(r.out, "{last_run_rejects,by_reason,10}", NULL);
    expect_json(r.out, "{last_run_rejects,others,reasons}", "2");
    expect_json(r.out, "{last_run_rejects,others,count}", "2");
    expect_json(r.out, "{last_run_rejects,rows}", "15");
    v = json_get(r.out, "{last_run_rejects,by_reason,1,reason}");
    cr_expect(v != NULL && strcmp(v, "impossible date \"2021-02-29\"") == 0,
              "ties by reason: %s", v);
    free(v);
    gzt_proc_free(&r);
    free(p);
}

Test(status, reprocessed_and_outside_window_are_stored_and_shown)
{
    const char *s = "t_st_cols";
    char *files = gzt_fixture_list("fixtures/articles");
    char *p = gzt_pipeline("cols", s, files, "article", "");
    struct gzt_proc r;
    char want[80];
    long outside, loaded, dupes;

    gzt_drop_schema(gzt_suite_db, s);
    r = gzt_run(NULL, NULL, "run", p, "--since", "2024-03-01", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    outside = logged(r.err, "event=run_done", "outside_window");
    loaded = logged(r.err, "event=run_done", "loaded");
    dupes = logged(r.err, "event=run_done", "duplicates");
    cr_assert_gt(outside, 0, "%s", r.err);
    cr_expect_eq(gzt_schema_long(s, "SELECT outside_window FROM @S.runs WHERE run_id = 1"), outside);
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "run", p, NULL);
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "run", p, "--reprocess", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    cr_expect_eq(gzt_schema_long(s, "SELECT reprocessed FROM @S.runs WHERE run_id = 3"), 9);
    cr_expect_eq(gzt_schema_long(s, "SELECT outside_window FROM @S.runs WHERE run_id = 3"), 0);

    r = status_json(s);
    expect_json(r.out, "{runs,0,reprocessed}", "9");
    snprintf(want, sizeof(want), "%ld", outside);
    expect_json(r.out, "{runs,2,outside_window}", want);
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "status", "--schema", s, NULL);
    snprintf(want, sizeof(want), "%7ld %7d %7ld %7d %7ld ", loaded, 0, dupes, 0, outside);
    cr_expect(strstr(r.out, want) != NULL, "run 1: loaded, reproc, dupes, reject, outside\n%s",
              r.out);
    gzt_proc_free(&r);
    free(files), free(p);
}

/* A run killed with SIGKILL leaves its row 'running'; status tells it from
 * a run in progress by the pipeline lock, which only a live session holds. */
Test(status, a_killed_run_is_dead_and_one_holding_the_lock_is_running)
{
    const char *s = "t_st_dead";
    char *files = gzt_fixture_list("fixtures/articles");
    char *p = gzt_pipeline("gone", s, files, "article", "");
    struct gzt_proc r;
    PGconn *holder;

    gzt_drop_schema(gzt_suite_db, s);
    r = gzt_run("GAZETTE_FAULT=kill_before_commit:1", NULL, "run", p, NULL);
    cr_assert_eq(r.status, 128 + 9, "expected SIGKILL, got %d: %s", r.status, r.err);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.runs WHERE status = 'running'"), 1);

    /* wait until the server has noticed the client is gone (its backend
     * then drops the lock): take the lock, blocking, and give it back */
    holder = gzt_db();
    cr_assert_eq(gzt_long(holder, "SET statement_timeout = '20s';"
                                  " SELECT 1 FROM pg_advisory_lock(hashtext('gazette:t_st_dead:gone'))"), 1);
    r = gzt_run(NULL, NULL, "status", "--schema", s, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, " running ") != NULL && strstr(r.out, " dead ") == NULL,
              "the lock is held (as by a run in progress): running\n%s", r.out);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_long(holder, "SELECT pg_advisory_unlock(hashtext('gazette:t_st_dead:gone'))::int"), 1);

    r = gzt_run(NULL, NULL, "status", "--schema", s, NULL);
    cr_expect(strstr(r.out, " dead ") != NULL && strstr(r.out, " running ") == NULL,
              "nobody holds the lock: dead\n%s", r.out);
    gzt_proc_free(&r);
    r = status_json(s);
    expect_json(r.out, "{runs,0,status}", "dead");
    expect_json(r.out, "{runs,0,status_stored}", "running");
    expect_json(r.out, "{runs,0,seconds}", NULL);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.runs WHERE status = 'running'"), 1,
                 "status changes nothing");

    /* a lock on another pipeline's key, or another schema's, is not this run's */
    cr_assert_eq(gzt_long(holder, "SELECT pg_try_advisory_lock(hashtext('gazette:t_st_dead:other'))::int"), 1);
    cr_assert_eq(gzt_long(holder, "SELECT pg_try_advisory_lock(hashtext('gazette:other:dead'))::int"), 1);
    r = gzt_run(NULL, NULL, "status", "--schema", s, NULL);
    cr_expect(strstr(r.out, " dead ") != NULL, "%s", r.out);
    gzt_proc_free(&r);
    PQfinish(holder);

    r = gzt_run(NULL, NULL, "run", p, NULL);     /* the next run marks it aborted */
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    r = status_json(s);
    expect_json(r.out, "{runs,1,status}", "aborted");
    expect_json(r.out, "{runs,0,status}", "ok");
    gzt_proc_free(&r);
    free(files), free(p);
}

/* A real run in progress: it waits to insert its first batch while the
 * test holds a SHARE lock on articles (reads still go through). */
Test(status, a_run_in_progress_is_running_with_its_counters_so_far)
{
    const char *s = "t_st_live";
    char *files = gzt_fixture_list("fixtures/articles");
    char *p = gzt_pipeline("live", s, files, "article", "");
    PGconn *blocker = gzt_db();
    struct gzt_child *child;
    struct gzt_proc r;
    int i;

    gzt_drop_schema(gzt_suite_db, s);
    r = gzt_run(NULL, NULL, "migrate", "--schema", s, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_long(blocker, "BEGIN; LOCK TABLE t_st_live.articles IN SHARE MODE; SELECT 1"), 1);
    child = gzt_start(NULL, NULL, "run", p, "--batch", "2", NULL);
    for (i = 0; i < 200 && gzt_schema_long(s, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type"
                                  " = 'Lock' AND query LIKE '%t_st_live\".articles%'") < 1; i++)
        usleep(50 * 1000);
    cr_assert_lt(i, 200, "the run never reached its first batch");

    r = gzt_run(NULL, NULL, "status", "--schema", s, NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, " running ") != NULL && strstr(r.out, " dead ") == NULL, "%s", r.out);
    gzt_proc_free(&r);
    r = status_json(s);
    expect_json(r.out, "{runs,0,status}", "running");
    expect_json(r.out, "{runs,0,finished_at}", NULL);
    gzt_proc_free(&r);

    PQclear(PQexec(blocker, "COMMIT"));
    r = gzt_wait(child);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    PQfinish(blocker);
    r = status_json(s);
    expect_json(r.out, "{runs,0,status}", "ok");
    expect_json(r.out, "{runs,0,articles_loaded}", "9");
    gzt_proc_free(&r);
    free(files), free(p);
}

/* Rows in every table of the schema but schema_migrations. */
static long rows_in_schema(const char *schema)
{
    return gzt_schema_long(schema,
               "SELECT coalesce(sum((xpath('/row/n/text()', query_to_xml(format("
               "'SELECT count(*) AS n FROM %I.%I', table_schema, table_name), false, true,"
               " '')))[1]::text::bigint), 0) FROM information_schema.tables"
               " WHERE table_schema = '@S' AND table_type = 'BASE TABLE'"
               " AND table_name <> 'schema_migrations'");
}

Test(status, dry_run_on_a_new_schema_creates_nothing_and_predicts_the_real_run)
{
    const char *s = "t_dry_new";
    char *p = fixtures_pipeline("dry", s);
    struct gzt_proc r;
    long loaded;

    gzt_drop_schema(gzt_suite_db, s);
    r = gzt_run(NULL, NULL, "run", p, "--dry-run", NULL);
    cr_assert_eq(r.status, 65, "as the real run: rejects; %d\n%s", r.status, r.err);
    cr_expect(strstr(r.err, "event=run_done pipeline=dry dry_run=1 ") != NULL, "%s", r.err);
    loaded = logged(r.err, "event=run_done", "loaded");
    cr_expect_eq(loaded, 9, "%s", r.err);
    cr_expect(strstr(r.out, "dry run of pipeline dry: nothing was written\n") != NULL, "%s", r.out);
    cr_expect(strstr(r.out, "schema t_dry_new: none yet (a run would create it)\n") != NULL,
              "%s", r.out);
    cr_expect(strstr(r.out, "pipeline lock") == NULL, "%s", r.out);
    cr_expect(strstr(r.out, "  would load            9   new articles\n") != NULL, "%s", r.out);
    cr_expect(strstr(r.out, "  duplicates            1") != NULL, "%s", r.out);
    cr_expect(strstr(r.out, "  rejected              6\n") != NULL, "%s", r.out);
    cr_expect(strstr(r.out, "rejects by reason:\n         2  empty file\n") != NULL, "%s", r.out);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM pg_namespace"
                                        " WHERE nspname = 't_dry_new'"), 0, "no schema made");

    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 65, "%s", r.err);
    cr_expect_eq(logged(r.err, "event=run_done", "loaded"), loaded, "%s", r.err);
    cr_expect_eq(logged(r.err, "event=run_done", "duplicates"), 1, "%s", r.err);
    cr_expect_eq(logged(r.err, "event=run_done", "rejected"), 6, "%s", r.err);
    gzt_proc_free(&r);
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.articles"), loaded);
    free(p);
}

Test(status, dry_run_on_a_migrated_schema_writes_no_row_and_applies_no_migration)
{
    const char *s = "t_dry_old";
    char dir[300];
    char *files = gzt_fixture_list("fixtures/articles");
    char *p = gzt_pipeline("dry", s, files, "article", "");
    PGconn *holder = gzt_db();
    struct gzt_proc r;
    char *again, list[1200], *abs;

    snprintf(dir, sizeof(dir), "%s/dry-inputs", gzt_tmpdir());
    snprintf(list, sizeof(list), "mkdir -p %s", dir);
    cr_assert_eq(system(list), 0);
    gzt_drop_schema(gzt_suite_db, s);
    r = gzt_run(NULL, NULL, "migrate", "--schema", s, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    /* back to version 6, as a schema made by the gazette before this one */
    cr_assert_eq(gzt_schema_long(s, "DELETE FROM @S.schema_migrations WHERE version >= 7;"
                        " ALTER TABLE @S.runs DROP COLUMN reprocessed, DROP COLUMN outside_window;"
                        " SELECT 1"), 1);

    /* the pipeline lock held by someone else does not stop a dry run */
    cr_assert_eq(gzt_long(holder, "SELECT pg_try_advisory_lock(hashtext('gazette:t_dry_old:dry'))::int"), 1);
    r = gzt_run(NULL, NULL, "run", p, "--dry-run", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, "schema t_dry_old: version 6 (a run would apply 2 migration(s) first)\n"
                            "pipeline lock: held by a run in progress") != NULL, "%s", r.out);
    cr_expect_eq(logged(r.err, "event=run_done", "loaded"), 9, "%s", r.err);
    gzt_proc_free(&r);
    PQfinish(holder);
    cr_expect_eq(rows_in_schema(s), 0, "no row in any table");
    cr_expect_eq(gzt_schema_long(s, "SELECT max(version) FROM @S.schema_migrations"), 6, "no migration");

    /* status reads a schema of version 6: no reprocessed or outside column */
    r = gzt_run(NULL, NULL, "status", "--schema", s, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, "(no runs yet in schema t_dry_old)") != NULL, "%s", r.out);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_schema_long(s, "INSERT INTO @S.runs (pipeline, config_sha256, version, status,"
                        " articles_loaded, finished_at) VALUES ('old', '', '0.0', 'ok', 3, now())"
                        " RETURNING run_id"), 1);
    r = gzt_run(NULL, NULL, "status", "--schema", s, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    snprintf(list, sizeof(list), " %-8s %7d %7d %7d %7d %7s %7d %7d %7s ", "ok", 0, 0, 0, 3, "-",
             0, 0, "-");
    cr_expect(strstr(r.out, list) != NULL, "reproc and outside are '-'\n%s", r.out);
    gzt_proc_free(&r);
    r = status_json(s);
    expect_json(r.out, "{schema_version}", "6");
    expect_json(r.out, "{runs,0,articles_loaded}", "3");
    expect_json(r.out, "{runs,0,reprocessed}", NULL);
    gzt_proc_free(&r);

    r = gzt_run(NULL, NULL, "run", p, NULL);    /* migrates and loads */
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect_eq(logged(r.err, "event=run_done", "loaded"), 9, "%s", r.err);
    gzt_proc_free(&r);

    /* a dry rerun: every file unchanged; the same text under a new name is
     * a duplicate, a new text would load, a bad file is a reject */
    abs = gzt_repo_path("fixtures/articles");
    snprintf(list, sizeof(list), "cp %s/2024-03-04-odesa-crlf.txt %s/copy.txt", abs, dir);
    cr_assert_eq(system(list), 0);
    free(gzt_write(dir, "new.txt", "date 2024-06-01 Brand new\n\nNever seen.\n"));
    free(gzt_write(dir, "bad.txt", "no header\n"));
    snprintf(list, sizeof(list), "[\"%s\", \"%s\"]", abs, dir);
    free(abs);
    again = gzt_pipeline("dry", s, list, "article", "");
    r = gzt_run(NULL, NULL, "run", again, "--dry-run", NULL);
    cr_assert_eq(r.status, 65, "%s", r.err);
    cr_expect_eq(logged(r.err, "event=run_done", "skipped"), 10, "%s", r.err);
    cr_expect_eq(logged(r.err, "event=run_done", "loaded"), 1, "%s", r.err);
    cr_expect_eq(logged(r.err, "event=run_done", "duplicates"), 1, "%s", r.err);
    cr_expect_eq(logged(r.err, "event=run_done", "rejected"), 1, "%s", r.err);
    cr_expect(strstr(r.out, "schema t_dry_old: version 8, up to date\n") != NULL, "%s", r.out);
    cr_expect(strstr(r.out, "         1  no \"date\" header line\n") != NULL, "%s", r.out);
    gzt_proc_free(&r);
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.runs"), 2, "the hand-made one and the real run");
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.rejects"), 0);
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.sources"), 10);
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.articles"), 9);

    r = gzt_run(NULL, NULL, "run", again, NULL);
    cr_assert_eq(r.status, 65, "%s", r.err);
    cr_expect_eq(logged(r.err, "event=run_done", "loaded"), 1, "%s", r.err);
    cr_expect_eq(logged(r.err, "event=run_done", "duplicates"), 1, "%s", r.err);
    gzt_proc_free(&r);
    free(files), free(p), free(again);
}

Test(status, dry_run_without_a_database_fails_like_a_run)
{
    char *files = gzt_fixture_list("fixtures/articles");
    char *p = gzt_pipeline("down", "t_dry_down", files, "article", "");
    struct gzt_proc r = gzt_run(NULL, NULL, "run", p, "--dry-run", "--dsn",
                                "host=/nonexistent-socket-dir port=1 connect_timeout=2", NULL);

    cr_assert_eq(r.status, 69, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.err, "cannot connect to PostgreSQL") != NULL, "%s", r.err);
    cr_assert_str_empty(r.out);
    gzt_proc_free(&r);
    free(files), free(p);
}
