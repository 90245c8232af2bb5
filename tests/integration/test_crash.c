/*
 * Crash trials: exactly once through kill -9. A load with every stage is
 * killed (SIGKILL) at each step of each batch's transaction, and at
 * seeded random moments; each time a rerun must finish it and leave the
 * same rows as a clean run: articles, entity and date mentions, entities,
 * alias and pair counts, sources. Each trial has a fresh schema, but for
 * those of a --reprocess, which must leave what one whole --reprocess
 * leaves. The loads: the fixture articles, and generated wire stories as
 * files or as one CSV. docs/RELIABILITY.md has the counts.
 *
 * The step points are GAZETTE_FAULT=KIND:N (src/core/fault.h); N runs
 * from 1 until a run is not killed, so every passage through each point
 * is tried. GAZETTE_CRASH_SEED sets the seed of the random moments.
 */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "gztest.h"

TestSuite(crash, .init = gzt_suite_init, .fini = gzt_suite_fini);

/* Two articles a transaction: the ten fixture files (nine texts) load in
 * seven batches. */
#define BATCH "2"

/* A pipeline with every stage loading files (a path, in format) into
 * schema. */
static char *crash_pipeline(const char *schema, const char *files, const char *format)
{
    char *model = gzt_repo_path("models/ner-en.bin");
    char text[2048], name[64];
    char *p;

    snprintf(text, sizeof(text),
             "pipeline: crash\n"
             "source: {files: [\"%s\"], format: %s}\n"
             "stages:\n"
             "  - clean_text\n"
             "  - normalise_dates\n"
             "  - extract_entities: {model: \"%s\"}\n"
             "  - normalise_names\n"
             "sink: {postgres: {schema: %s}}\n", files, format, model, schema);
    snprintf(name, sizeof(name), "%s.yaml", schema);
    p = gzt_write(gzt_tmpdir(), name, text);
    free(model);
    return p;
}

#define WIRE_ARTICLES 32

/* Story i of the wire corpus: its date (YYYY-MM-DD), title and body. The
 * stories name the same few people, companies and places, so alias and
 * pair counts grow batch after batch, and have dates to resolve. */
static void wire_story(int i, char *date, char *title, char *body)
{
    static const char *const who[] = {"Angela Merkel", "Emmanuel Macron", "Olaf Scholz",
                                      "Christine Lagarde"};
    static const char *const what[] = {"Siemens", "Airbus", "Volkswagen", "Deutsche Bank"};
    static const char *const where[] = {"Berlin", "Paris", "Frankfurt", "Brussels"};
    const char *person = who[i % 4], *company = what[i / 4 % 4], *city = where[i / 16 % 4];

    sprintf(date, "2024-03-%02d", i % 28 + 1);
    sprintf(title, "%s meets %s in %s (%d)", person, company, city, i + 1);
    sprintf(body, "%s met the chief executive of %s in %s on Monday, %d March, and said"
            " talks would resume next week. %s shares rose 2%% in %s after the meeting."
            " A spokesman for %s said a decision was expected by the end of April.",
            person, company, city, i % 28 + 1, company, where[(i + 1) % 4], who[(i + 2) % 4]);
}

/* A corpus whose load outlasts the start of a run (connecting, reading
 * the model): WIRE_ARTICLES stories as files wire-N.txt in a directory,
 * or (csv set) as the rows of one file wire.csv. Returns its path. */
static char *wire_corpus(int csv)
{
    char path[512], date[16], title[128], body[512], text[1024];
    FILE *f = NULL;
    int i;

    snprintf(path, sizeof(path), csv ? "%s/wire.csv" : "%s/wire", gzt_tmpdir());
    if (csv) {
        f = fopen(path, "w");
        cr_assert_not_null(f);
        fprintf(f, "id,published,title,body\n");
    } else {
        mkdir(path, 0755);
    }
    for (i = 0; i < WIRE_ARTICLES; i++) {
        wire_story(i, date, title, body);
        if (csv) {
            fprintf(f, "wire-%d,%s,\"%s\",\"%s\"\n", i + 1, date, title, body);
            continue;
        }
        snprintf(text, sizeof(text), "date %s %s\n\n%s\n", date, title, body);
        snprintf(title, sizeof(title), "wire-%d.txt", i + 1);
        free(gzt_write(path, title, text));
    }
    if (f != NULL)
        fclose(f);
    return strdup(path);
}

/* What a load leaves, without the ids, run ids and times that differ from
 * one run to another: counts, then an md5 over every row. */
static const char checksum_sql[] =
    "WITH r(x) AS ("
    " SELECT 'a|' || concat_ws('|', content_sha256, published, published_raw, title, body,"
    "  word_count, repairs::text, source_uri, source_line, external_id) FROM @S.articles"
    " UNION ALL"
    " SELECT 'm|' || concat_ws('|', a.content_sha256, m.start_char, m.end_char, m.surface,"
    "  m.ner_type, m.sentence, m.confidence, m.role, e.kind, e.key, e.canonical_name,"
    "  e.country_code) FROM @S.mentions m JOIN @S.articles a USING (article_id)"
    "  LEFT JOIN @S.entities e USING (entity_id)"
    " UNION ALL"
    " SELECT 'd|' || concat_ws('|', a.content_sha256, d.in_title, d.start_char, d.end_char,"
    "  d.surface, d.timex_type, d.value, d.range_start, d.range_end)"
    "  FROM @S.date_mentions d JOIN @S.articles a USING (article_id)"
    " UNION ALL"
    " SELECT 'e|' || concat_ws('|', e.kind, e.key, e.canonical_name, e.country_code, l.alias,"
    "  l.mentions) FROM @S.entities e LEFT JOIN @S.entity_aliases l USING (entity_id)"
    " UNION ALL"
    " SELECT 'p|' || concat_ws('|', least(x.kind || x.key, y.kind || y.key),"
    "  greatest(x.kind || x.key, y.kind || y.key), p.articles, p.first_seen, p.last_seen)"
    "  FROM @S.co_mention_pairs p JOIN @S.entities x ON x.entity_id = p.entity_id_a"
    "  JOIN @S.entities y ON y.entity_id = p.entity_id_b"
    " UNION ALL"
    " SELECT 's|' || concat_ws('|', uri, size_bytes, file_sha256, status, articles, rejects)"
    "  FROM @S.sources)"
    " SELECT (SELECT count(*) FROM @S.articles) || ' articles, '"
    "  || (SELECT count(*) FROM @S.mentions) || ' mentions, '"
    "  || (SELECT count(*) FROM @S.date_mentions) || ' date mentions, '"
    "  || (SELECT count(*) FROM @S.sources) || ' sources, md5 '"
    "  || md5(string_agg(x, E'\\n' ORDER BY x)) FROM r";

static char *checksum(const char *schema)
{
    char *sql = gzt_in_schema(checksum_sql, schema);
    char *v = gzt_text(gzt_suite_db, sql);

    free(sql);
    cr_assert_not_null(v, "checksum query failed on %s", schema);
    return v;
}

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A fresh schema, with the tables when migrated is set. */
static void fresh_schema(const char *schema, int migrated)
{
    struct gzt_proc r;

    gzt_drop_schema(gzt_suite_db, schema);
    if (!migrated)
        return;
    r = gzt_run(NULL, NULL, "migrate", "--schema", schema, NULL);
    cr_assert_eq(r.status, 0, "migrate %s: %s", schema, r.err);
    gzt_proc_free(&r);
}

/* A clean load into a fresh schema: its checksum; *secs its wall time. */
static char *clean_run(const char *schema, const char *files, const char *format, int migrated,
                       double *secs)
{
    char *p = crash_pipeline(schema, files, format);
    struct gzt_proc r;
    double t0;
    char *sum;

    fresh_schema(schema, migrated);
    t0 = now_s();
    r = gzt_run(NULL, NULL, "run", p, "--batch", BATCH, NULL);
    cr_assert_eq(r.status, 0, "clean run: %d\n%s", r.status, r.err);
    gzt_proc_free(&r);
    if (secs != NULL)
        *secs = now_s() - t0;
    sum = checksum(schema);
    free(p);
    return sum;
}

/* Wait until nobody holds the pipeline's lock (the killed run's backend
 * until the server notices its client is gone), blocking, not polling. */
static void wait_for_lock(const char *schema)
{
    PGconn *waiter = gzt_db();
    char sql[256];

    snprintf(sql, sizeof(sql), "SET statement_timeout = '20s';"
             " SELECT 1 FROM pg_advisory_lock(hashtext('gazette:%s:crash'))", schema);
    cr_assert_eq(gzt_long(waiter, sql), 1, "the killed run's lock was never released");
    PQfinish(waiter);                   /* and with the session, the lock */
}

/* After the kill: the rerun finishes the load (75 while the killed run's
 * session still holds the lock: wait for it, then again); option is NULL
 * or one more option of the run. Returns 1 when it had to wait. */
static int rerun(const char *pipeline, const char *schema, const char *what, const char *option)
{
    struct gzt_proc r;
    int attempt;

    for (attempt = 1;; attempt++) {
        r = gzt_run(NULL, NULL, "run", pipeline, "--batch", BATCH, option, NULL);
        if (r.status != 75 || attempt == 3)
            break;
        gzt_proc_free(&r);
        wait_for_lock(schema);
    }
    cr_assert_eq(r.status, 0, "rerun after %s: exit %d\n%s", what, r.status, r.err);
    gzt_proc_free(&r);
    return attempt > 1;
}

/* The rerun after a kill left what the clean run did, and no run is left
 * "running". */
static void expect_clean(const char *schema, const char *want, const char *what)
{
    char *got = checksum(schema);
    char sql[128];

    cr_assert_str_eq(got, want, "after %s", what);
    free(got);
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s.runs WHERE status = 'running'", schema);
    cr_assert_eq(gzt_long(gzt_suite_db, sql), 0, "after %s a run is left running", what);
}

/* Load files (format, named tag in the schema names) and kill at
 * kind:first, kind:first + step, ... until a run is not killed (the point
 * is passed fewer times than that); each kill is rerun and compared with a
 * clean run. Returns the number of kills. */
static int kill_at_passages(const char *files, const char *format, const char *tag,
                            const char *kind, int first, int step)
{
    char clean[64], schema[64], env[96], what[96];
    char *want, *p;
    int n, kills = 0, waited = 0;

    snprintf(clean, sizeof(clean), "t_crash_%s_%s_%d_clean", tag, kind, first);
    snprintf(schema, sizeof(schema), "t_crash_%s_%s_%d", tag, kind, first);
    want = clean_run(clean, files, format, 0, NULL);
    p = crash_pipeline(schema, files, format);
    for (n = first;; n += step) {
        struct gzt_proc r;

        snprintf(env, sizeof(env), "GAZETTE_FAULT=%s:%d", kind, n);
        snprintf(what, sizeof(what), "%s:%d", kind, n);
        gzt_drop_schema(gzt_suite_db, schema);
        r = gzt_run(env, NULL, "run", p, "--batch", BATCH, NULL);
        if (r.status == 0) {
            gzt_proc_free(&r);
            break;                      /* fewer than n passages */
        }
        cr_assert_eq(r.status, 128 + SIGKILL, "%s: exit %d\n%s", what, r.status, r.err);
        gzt_proc_free(&r);
        kills++;
        waited += rerun(p, schema, what, NULL);
        expect_clean(schema, want, what);
    }
    cr_log_info("crash: %s, %s:%d+%dk: killed at %d points, each rerun equal to the clean run"
                " (%d waited for the killed run's lock)", tag, kind, first, step, kills, waited);
    free(want);
    free(p);
    return kills;
}

/* The fixture articles: ten files, nine texts, one gzipped. */
static int kill_fixtures_at(const char *kind, int first, int step)
{
    char *dir = gzt_repo_path("fixtures/articles");
    int kills = kill_at_passages(dir, "article", "fix", kind, first, step);

    free(dir);
    return kills;
}

Test(crash, kill_after_begin_of_every_batch)
{
    cr_assert_geq(kill_fixtures_at("kill_before_copy", 1, 1), 5);
}

/* Six COPYs a batch: the odd ones and the even ones in two tests that
 * run side by side. */
Test(crash, kill_inside_every_odd_copy)
{
    cr_assert_geq(kill_fixtures_at("kill_in_copy", 1, 2), 15);
}

Test(crash, kill_inside_every_even_copy)
{
    cr_assert_geq(kill_fixtures_at("kill_in_copy", 2, 2), 15);
}

Test(crash, kill_before_every_commit)
{
    cr_assert_geq(kill_fixtures_at("kill_before_commit", 1, 1), 5);
}

Test(crash, kill_after_every_commit)
{
    cr_assert_geq(kill_fixtures_at("kill_after_commit", 1, 1), 5);
}

/* --reprocess replaces the mentions of articles already loaded and moves
 * the alias and pair counts by the difference. Killed after each of its
 * commits, then run again, it leaves what one whole --reprocess leaves.
 * One schema for all: a finished --reprocess always leaves the same. */
Test(crash, kill_after_every_commit_of_a_reprocess)
{
    char *dir = gzt_repo_path("fixtures/articles");
    char *p = crash_pipeline("t_crash_reprocess", dir, "article");
    char env[64], what[96];
    char *want;
    int n, kills = 0, waited = 0;
    struct gzt_proc r;

    fresh_schema("t_crash_reprocess", 0);
    r = gzt_run(NULL, NULL, "run", p, "--batch", BATCH, NULL);
    cr_assert_eq(r.status, 0, "first load: %s", r.err);
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "run", p, "--batch", BATCH, "--reprocess", NULL);
    cr_assert_eq(r.status, 0, "clean --reprocess: %s", r.err);
    gzt_proc_free(&r);
    want = checksum("t_crash_reprocess");
    for (n = 1;; n++) {
        snprintf(env, sizeof(env), "GAZETTE_FAULT=kill_after_commit:%d", n);
        snprintf(what, sizeof(what), "--reprocess killed at kill_after_commit:%d", n);
        r = gzt_run(env, NULL, "run", p, "--batch", BATCH, "--reprocess", NULL);
        if (r.status == 0) {
            gzt_proc_free(&r);
            break;
        }
        cr_assert_eq(r.status, 128 + SIGKILL, "%s: exit %d\n%s", what, r.status, r.err);
        gzt_proc_free(&r);
        kills++;
        waited += rerun(p, "t_crash_reprocess", what, "--reprocess");
        expect_clean("t_crash_reprocess", want, what);
    }
    cr_log_info("crash: --reprocess killed after %d commits, each rerun equal to a whole"
                " --reprocess (%d waited for the killed run's lock)", kills, waited);
    cr_assert_geq(kills, 5);
    free(want), free(p), free(dir);
}

/* One CSV file over 16 batches: it is marked done only with its last row,
 * so a kill after any commit before that reads it all again, the rows
 * already loaded merging away. Every third commit. */
Test(crash, kill_after_commits_of_one_csv_file)
{
    char *csv = wire_corpus(1);

    cr_assert_geq(kill_at_passages(csv, "csv", "csv", "kill_after_commit", 1, 3), 5);
    free(csv);
}

/* xorshift64*: the same moments on every machine for one seed. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

#define RANDOM_TRIALS 15

/* 1 when the killed run had committed some articles but not all. */
static int loaded_some(const char *schema)
{
    char sql[128];
    long n;

    snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s.articles", schema);
    n = gzt_long(gzt_suite_db, sql);
    return n > 0 && n < WIRE_ARTICLES;
}

Test(crash, kill_at_random_moments)
{
    const char *seed_env = getenv("GAZETTE_CRASH_SEED");
    uint64_t seed = seed_env != NULL ? strtoull(seed_env, NULL, 10) : 20261129;
    uint64_t state = seed | 1;
    const char *schema = "t_crash_random";
    char *dir = wire_corpus(0);
    char *want, *p, what[96];
    double secs, aim;
    int trial, kills = 0, midway = 0, waited = 0;

    want = clean_run("t_crash_random_clean", dir, "article", 1, &secs);
    p = crash_pipeline(schema, dir, "article");
    aim = secs;
    for (trial = 1; trial <= RANDOM_TRIALS; trial++) {
        /* anywhere in the first 80 % of the time a clean run took, or
         * of the delay a run last outlasted (the machine's load varies) */
        long us = (long)(next_random(&state) % (uint64_t)(aim * 0.8e6 + 1));
        struct timespec pause = {us / 1000000, (us % 1000000) * 1000};
        struct gzt_child *c;
        struct gzt_proc r;

        snprintf(what, sizeof(what), "a kill after %ld us (seed %llu, trial %d)", us,
                 (unsigned long long)seed, trial);
        fresh_schema(schema, 1);
        c = gzt_start(NULL, NULL, "run", p, "--batch", BATCH, NULL);
        nanosleep(&pause, NULL);
        gzt_signal(c, SIGKILL);
        r = gzt_wait(c);
        cr_assert(r.status == 128 + SIGKILL || r.status == 0, "%s: exit %d\n%s", what,
                  r.status, r.err);
        kills += r.status == 128 + SIGKILL;
        if (r.status == 0)              /* this run was faster: aim earlier */
            aim = us / 1e6;
        midway += r.status == 128 + SIGKILL && loaded_some(schema);
        gzt_proc_free(&r);
        waited += rerun(p, schema, what, NULL);
        expect_clean(schema, want, what);
    }
    cr_log_info("crash: %d of %d random moments killed a run, %d of them with part of the"
                " load committed (seed %llu, clean run %.2f s), each rerun equal to the clean"
                " run (%d waited for the killed run's lock)", kills, RANDOM_TRIALS, midway,
                (unsigned long long)seed, secs, waited);
    cr_assert_geq(kills, RANDOM_TRIALS / 3, "too few moments fell inside the run");
    free(want);
    free(p);
    free(dir);
}
