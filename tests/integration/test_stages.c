/*
 * The default stages end to end: what normalise_dates and extract_entities
 * find lands in PostgreSQL with spans that point at the right text.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gztest.h"


TestSuite(stages, .init = gzt_suite_init, .fini = gzt_suite_fini);

static char *full_pipeline(const char *schema)
{
    char *abs = gzt_repo_path("fixtures/articles");
    char *model = gzt_repo_path("models/ner-en.bin");
    char text[2048], name[64];
    char *p;

    snprintf(text, sizeof(text),
             "pipeline: full\n"
             "source: {files: [\"%s\"]}\n"
             "stages:\n"
             "  - clean_text\n"
             "  - normalise_dates\n"
             "  - extract_entities: {model: \"%s\"}\n"
             "sink: {postgres: {schema: %s}}\n", abs, model, schema);
    snprintf(name, sizeof(name), "%s.yaml", schema);
    p = gzt_write(gzt_tmpdir(), name, text);
    free(abs);
    free(model);
    return p;
}

Test(stages, mentions_and_dates_land_with_spans_into_the_body)
{
    const char *schema = "t_stages";
    char *p = full_pipeline(schema);
    struct gzt_proc r;

    gzt_drop_schema(gzt_suite_db, schema);
    r = gzt_run(NULL, NULL, "run", p, "--jobs", "2", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_gt(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_stages.mentions"), 20);
    cr_assert_gt(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_stages.date_mentions"), 5);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_stages.mentions m"
                              " JOIN t_stages.articles a USING (article_id)"
                              " WHERE substr(a.body, m.start_char + 1, m.end_char - m.start_char)"
                              " <> m.surface"), 0, "every entity span points at its surface");
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_stages.date_mentions m"
                              " JOIN t_stages.articles a USING (article_id)"
                              " WHERE substr(CASE WHEN m.in_title THEN a.title ELSE a.body END,"
                              " m.start_char + 1, m.end_char - m.start_char) <> m.surface"), 0,
                 "every date span points at its surface");
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_stages.date_mentions d"
                              " JOIN t_stages.articles a USING (article_id)"
                              " WHERE d.in_title AND a.published = '2024-03-11'"
                              " AND d.surface = 'first quarter' AND d.value = '2024-Q1'"), 1,
                 "dates in titles are found too");
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_stages.mentions m"
                              " JOIN t_stages.articles a USING (article_id)"
                              " WHERE a.published = '2024-02-22' AND m.ner_type = 'PERSON'"
                              " AND m.surface = 'Mark Rutte'"), 1);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_stages.date_mentions d"
                              " JOIN t_stages.articles a USING (article_id)"
                              " WHERE a.published = '2024-02-22' AND d.surface = 'Thursday'"
                              " AND d.value = '2024-02-22' AND d.range_start = '2024-02-22'"
                              " AND d.range_end = '2024-02-23'"), 1);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_stages.date_mentions d"
                              " JOIN t_stages.articles a USING (article_id)"
                              " WHERE a.published = '2024-02-22' AND d.surface = '1949'"
                              " AND d.range_start = '1949-01-01' AND d.range_end = '1950-01-01'"), 1,
                 "a date before 1970 lands with its range");
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_stages.mentions WHERE ner_type = 'PERCENT'"
                              " AND surface IN ('12%', '13%', '2%')") >= 2, 1);
    free(p);
}

Test(stages, one_thread_and_two_threads_load_the_same_rows)
{
    char *one = full_pipeline("t_jobs1");
    char *two = full_pipeline("t_jobs2");
    struct gzt_proc r;
    char *a, *b;
    const char *sql = "SELECT count(*) || ':' || md5(string_agg(a.content_sha256 || m.surface ||"
                      " m.start_char || m.ner_type, ',' ORDER BY a.content_sha256, m.start_char))"
                      " FROM %s.mentions m JOIN %s.articles a USING (article_id)";
    char q[512];

    gzt_drop_schema(gzt_suite_db, "t_jobs1");
    gzt_drop_schema(gzt_suite_db, "t_jobs2");
    r = gzt_run(NULL, NULL, "run", one, "--jobs", "1", "--batch", "3", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "run", two, "--jobs", "2", "--batch", "3", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    snprintf(q, sizeof(q), sql, "t_jobs1", "t_jobs1");
    a = gzt_text(gzt_suite_db, q);
    snprintf(q, sizeof(q), sql, "t_jobs2", "t_jobs2");
    b = gzt_text(gzt_suite_db, q);
    cr_assert_str_eq(a, b);
    free(a), free(b), free(one), free(two);
}

Test(stages, reprocess_replaces_derived_rows_without_duplicating_articles)
{
    const char *schema = "t_reprocess";
    char *p = full_pipeline(schema);
    struct gzt_proc r;
    long mentions;

    gzt_drop_schema(gzt_suite_db, schema);
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    mentions = gzt_long(gzt_suite_db, "SELECT count(*) FROM t_reprocess.mentions");
    /* a stale row a previous model left behind */
    PQclear(PQexec(gzt_suite_db, "INSERT INTO t_reprocess.mentions SELECT article_id, 'Stale', 0, 1,"
                       " 'ORG', 0, 0.5 FROM t_reprocess.articles LIMIT 1"));
    r = gzt_run(NULL, NULL, "run", p, NULL);          /* plain rerun: skips everything */
    cr_assert(strstr(r.err, "skipped=10") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_reprocess.mentions"), mentions + 1);

    r = gzt_run(NULL, NULL, "run", p, "--reprocess", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.err, "loaded=0 reprocessed=9") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_reprocess.articles"), 9);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_reprocess.mentions"), mentions);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_reprocess.mentions WHERE surface = 'Stale'"), 0);
    free(p);
}

Test(stages, a_window_loads_only_its_dates_and_marks_no_file_done)
{
    const char *schema = "t_window";
    char *p = full_pipeline(schema);
    struct gzt_proc r;
    char *v;

    gzt_drop_schema(gzt_suite_db, schema);
    r = gzt_run(NULL, NULL, "run", p, "--since", "2024-03-01", "--until", "2024-04-30", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.err, "outside_window=5") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_window.articles"), 5);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_window.articles WHERE published"
                                        " NOT BETWEEN '2024-03-01' AND '2024-04-30'"), 0);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_window.sources"), 0);
    v = gzt_text(gzt_suite_db, "SELECT message FROM t_window.runs");
    cr_assert_str_eq(v, "window 2024-03-01..2024-04-30: 5 articles outside it");
    free(v);
    r = gzt_run(NULL, NULL, "run", p, NULL);          /* a plain run loads the rest */
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_window.articles"), 9);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_window.sources"), 10);
    free(p);
}
