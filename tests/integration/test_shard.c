/*
 * --shard K/N against a real PostgreSQL: three shards started at once
 * into one schema load the same rows as one run, for article files and
 * for CSV rows; a shard reruns on its own and skips what it loaded.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gztest.h"

TestSuite(shard, .init = gzt_suite_init, .fini = gzt_suite_fini);

static const char *const people[] = {"Angela Merkel", "Joe Biden", "Mark Rutte", "Olaf Scholz",
                                     "Christine Lagarde", "Jens Stoltenberg"};
static const char *const places[] = {"Paris", "Berlin", "the United States", "Japan", "Kenya",
                                     "Brussels"};
static const char *const orgs[] = {"NATO", "the European Central Bank", "Toyota", "Airbus",
                                   "the Bundesbank", "Reuters"};

/* The text of article i; articles 7 and 8 share theirs (and their date),
 * so two shards may meet the same text and must load it once. Which copy's
 * file name and line the articles row keeps depends on which shard commits
 * first, so the checksum leaves them out. */
static int day_of(int i)
{
    return (i == 8 ? 7 : i) % 28 + 1;
}

static void article_text(int i, char *title, size_t tsize, char *body, size_t bsize)
{
    int j = i == 8 ? 7 : i;

    snprintf(title, tsize, "Talks number %d in %s", j, places[j % 6]);
    snprintf(body, bsize,
             "%s met %s in %s on Monday, March %d, to discuss %s. "
             "A spokesman for %s said on Tuesday that talks would resume in %d. "
             "Shares of %s rose %d percent to $%d.%02d million.",
             people[j % 6], people[(j + 1) % 6], places[(j + 2) % 6], j % 28 + 1, orgs[j % 6],
             orgs[(j + 3) % 6], 2020 + j % 5, orgs[(j + 2) % 6], j % 9 + 1, j * 3 + 10, j % 100);
}

static char *article_files(int n)
{
    static int made;
    char dir[256], name[64], title[200], body[800], text[1200];
    char *list = malloc(sizeof(dir) + 16);

    snprintf(dir, sizeof(dir), "%s/articles%d", gzt_tmpdir(), made++);
    cr_assert_eq(mkdir(dir, 0755), 0, "%s", dir);

    for (int i = 0; i < n; i++) {
        article_text(i, title, sizeof(title), body, sizeof(body));
        snprintf(name, sizeof(name), "a%03d.txt", i);
        snprintf(text, sizeof(text), "date 2024-03-%02d %s\n\n%s\n", day_of(i), title, body);
        free(gzt_write(dir, name, text));
    }
    sprintf(list, "[\"%s\"]", dir);
    return list;
}

static char *csv_file(int n)
{
    size_t size = (size_t)n * 1100 + 64, used;
    char *csv = malloc(size), title[200], body[800], *path, *list;

    used = (size_t)snprintf(csv, size, "id,published,title,body\n");
    for (int i = 0; i < n; i++) {
        article_text(i, title, sizeof(title), body, sizeof(body));
        used += (size_t)snprintf(csv + used, size - used, "r%d,2024-03-%02d,\"%s\",\"%s\"\n", i,
                                 day_of(i), title, body);
    }
    used += (size_t)snprintf(csv + used, size - used, "bad,2024-02-30,Bad date,Text.\n");
    path = gzt_write(gzt_tmpdir(), "all.csv", csv);
    list = malloc(strlen(path) + 8);
    sprintf(list, "[\"%s\"]", path);
    free(path);
    free(csv);
    return list;
}

static char *pipeline(const char *schema, const char *files, const char *format)
{
    char text[2048], name[128];

    snprintf(text, sizeof(text),
             "pipeline: sh\nsource:\n  files: %s\n  format: %s\n"
             "stages: [clean_text, normalise_dates, extract_entities, normalise_names]\n"
             "sink:\n  postgres:\n    schema: %s\n    batch: 4\n", files, format, schema);
    snprintf(name, sizeof(name), "%s.yaml", schema);
    return gzt_write(gzt_tmpdir(), name, text);
}

/* What a schema holds, independent of ids and load order. */
static char *checksum(const char *schema)
{
    char sql[2048];

    snprintf(sql, sizeof(sql),
             "SELECT (SELECT count(*) || ':' || md5(string_agg(content_sha256 || title || published"
             "   || body, ',' ORDER BY content_sha256)) FROM %1$s.articles)"
             " || ' ' || (SELECT count(*) || ':' || md5(string_agg(a.content_sha256 || m.start_char"
             "   || '-' || m.end_char || m.surface || m.ner_type || coalesce(e.key, ''), ','"
             "   ORDER BY a.content_sha256, m.start_char, m.end_char, m.surface))"
             "   FROM %1$s.mentions m JOIN %1$s.articles a USING (article_id)"
             "   LEFT JOIN %1$s.entities e USING (entity_id))"
             " || ' ' || (SELECT count(*) || ':' || md5(string_agg(a.content_sha256 || d.start_char"
             "   || '-' || d.end_char || d.surface || coalesce(d.value, ''), ','"
             "   ORDER BY a.content_sha256, d.in_title, d.start_char, d.end_char))"
             "   FROM %1$s.date_mentions d JOIN %1$s.articles a USING (article_id))"
             " || ' ' || (SELECT count(*) FROM %1$s.entities)"
             " || ' ' || (SELECT count(*) FROM %1$s.rejects)",
             schema);
    return gzt_text(gzt_suite_db, sql);
}

static void run_one(const char *pipeline_file)
{
    struct gzt_proc r = gzt_run(NULL, NULL, "run", pipeline_file, "--jobs", "1", NULL);

    cr_assert(r.status == 0 || r.status == 65, "exit %d: %s", r.status, r.err);
    gzt_proc_free(&r);
}

/* Three shards at once into one schema; each exits as a run would. */
static void run_three_shards(const char *pipeline_file)
{
    static const char *const shards[] = {"1/3", "2/3", "3/3"};
    struct gzt_child *c[3];

    for (int k = 0; k < 3; k++)
        c[k] = gzt_start(NULL, NULL, "run", pipeline_file, "--shard", shards[k], NULL);
    for (int k = 0; k < 3; k++) {
        struct gzt_proc r = gzt_wait(c[k]);

        cr_assert(r.status == 0 || r.status == 65, "shard %s: exit %d: %s", shards[k], r.status,
                  r.err);
        gzt_proc_free(&r);
    }
}

/* Each input read by exactly one of the shards: their runs read n in all. */
static void expect_split(const char *schema, long n)
{
    char sql[256];

    snprintf(sql, sizeof(sql), "SELECT sum(articles_read) FROM %s.runs WHERE pipeline ~ "
             "'^sh:[123]/3$' AND status IN ('ok', 'rejected')", schema);
    cr_assert_eq(gzt_long(gzt_suite_db, sql), n, "%s: the shards read %ld inputs, not %ld",
                 schema, gzt_long(gzt_suite_db, sql), n);
}

static void expect_same_rows(const char *files, const char *format, const char *one,
                             const char *three)
{
    char *sum_one, *sum_three;

    gzt_drop_schema(gzt_suite_db, one);
    gzt_drop_schema(gzt_suite_db, three);
    run_one(pipeline(one, files, format));
    run_three_shards(pipeline(three, files, format));
    sum_one = checksum(one);
    sum_three = checksum(three);
    cr_assert(sum_one != NULL && sum_three != NULL);
    cr_assert_str_eq(sum_three, sum_one, "three shards: %s, one run: %s", sum_three, sum_one);
    free(sum_one);
    free(sum_three);
}

Test(shard, three_shards_of_article_files_load_what_one_run_loads, .timeout = 120)
{
    expect_same_rows(article_files(30), "article", "t_shard_files_one", "t_shard_files_three");
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(DISTINCT pipeline) FROM"
                          " t_shard_files_three.runs WHERE pipeline ~ '^sh:[123]/3$'"), 3);
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_shard_files_three.sources"), 30);
    expect_split("t_shard_files_three", 30);
}

Test(shard, three_shards_of_one_csv_file_load_what_one_run_loads, .timeout = 120)
{
    expect_same_rows(csv_file(40), "csv", "t_shard_csv_one", "t_shard_csv_three");
    /* each shard keeps its own sources row for the file it read in part */
    cr_assert_eq(gzt_long(gzt_suite_db, "SELECT count(*) FROM t_shard_csv_three.sources"
                          " WHERE uri ~ '#shard=[123]/3$'"), 3);
    expect_split("t_shard_csv_three", 41);      /* 40 rows and a bad one */
}

Test(shard, a_shard_rerun_skips_what_it_loaded, .timeout = 120)
{
    const char *schema = "t_shard_rerun";
    char *p;
    struct gzt_proc r;

    gzt_drop_schema(gzt_suite_db, schema);
    p = pipeline(schema, csv_file(12), "csv");
    r = gzt_run(NULL, NULL, "run", p, "--shard", "2/3", NULL);
    cr_assert(r.status == 0 || r.status == 65, "%s", r.err);
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "run", p, "--shard", "2/3", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.err, "skipped=1") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    /* the whole file, unsharded, is still to read: its own sources row */
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert(strstr(r.err, "skipped=0") != NULL, "%s", r.err);
    gzt_proc_free(&r);
}

Test(shard, the_same_shard_twice_at_once_is_refused)
{
    const char *schema = "t_shard_lock";
    char *p = pipeline(schema, article_files(3), "article");
    PGconn *holder = gzt_db();
    PGresult *res;
    struct gzt_proc r;

    gzt_drop_schema(gzt_suite_db, schema);
    res = PQexec(holder, "SELECT pg_advisory_lock(hashtext('gazette:t_shard_lock:sh:2/3'))");
    cr_assert_eq(PQresultStatus(res), PGRES_TUPLES_OK);
    PQclear(res);
    r = gzt_run(NULL, NULL, "run", p, "--shard", "2/3", NULL);
    cr_assert_eq(r.status, 75, "%s", r.err);
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "run", p, "--shard", "1/3", NULL);
    cr_assert_eq(r.status, 0, "another shard runs: %s", r.err);
    gzt_proc_free(&r);
    PQfinish(holder);
}

/* The stages run on --jobs threads; the rows must not depend on how many. */
Test(shard, jobs_1_and_jobs_2_load_the_same_rows, .timeout = 120)
{
    char *files = article_files(30), *one_sum, *two_sum;
    struct gzt_proc r;

    gzt_drop_schema(gzt_suite_db, "t_jobs_one");
    gzt_drop_schema(gzt_suite_db, "t_jobs_two");
    r = gzt_run(NULL, NULL, "run", pipeline("t_jobs_one", files, "article"), "--jobs", "1", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "run", pipeline("t_jobs_two", files, "article"), "--jobs", "2", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    one_sum = checksum("t_jobs_one");
    two_sum = checksum("t_jobs_two");
    cr_assert(one_sum != NULL && two_sum != NULL);
    cr_assert_str_eq(two_sum, one_sum);
    free(one_sum);
    free(two_sum);
}
