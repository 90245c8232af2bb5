/*
 * Input integrity and limits against a real PostgreSQL (docs/RELIABILITY.md,
 * "Inputs: integrity and limits"): a cut .gz loads nothing and is read
 * again once complete; limits.max_rejects and max_reject_ratio stop a
 * broken feed with exit 65; `check` prints the limits it accepts again;
 * SIGTERM inside a 24 MB article stops the run within seconds.
 */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "gztest.h"

TestSuite(limits, .init = gzt_suite_init, .fini = gzt_suite_fini);

static void make_dir(const char *dir, const char *name)
{
    char path[600];

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    cr_assert_eq(mkdir(path, 0755), 0, "mkdir %s", path);
}

static long query(const char *fmt, const char *schema)
{
    char sql[600];

    snprintf(sql, sizeof(sql), fmt, schema, schema);
    return gzt_long(gzt_suite_db, sql);
}

/* gzip text into path, keeping keep bytes of it (0: all). */
static void write_gz(const char *path, const char *text, size_t keep)
{
    gzFile z = gzopen(path, "wb");

    cr_assert_not_null(z);
    cr_assert_eq(gzwrite(z, text, (unsigned)strlen(text)), (int)strlen(text));
    gzclose(z);
    if (keep > 0)
        cr_assert_eq(truncate(path, (off_t)keep), 0);
}

static char *long_article(const char *title, size_t bytes)
{
    char *s = malloc(bytes + 256);
    size_t n = (size_t)snprintf(s, 256, "date 2024-01-01 %s\n\n", title);
    int i;

    for (i = 0; n < bytes; i++)
        n += (size_t)snprintf(s + n, 256, "Paragraph %d of the story, %08x.\n\n", i,
                              i * 2654435761u);
    return s;
}

static char *csv_rows(int good, int bad)
{
    size_t cap = (size_t)(good + bad) * 80 + 64, n = 0;
    char *s = malloc(cap);
    int i;

    n += (size_t)snprintf(s, cap, "id,published,title,body\n");
    for (i = 0; i < good + bad; i++)
        n += (size_t)snprintf(s + n, cap - n, "r%d,%s,Title %d,\"Body %d, %08x\"\n", i,
                              i < good ? "2024-01-01" : "not a date", i, i, i * 2654435761u);
    return s;
}

Test(limits, a_cut_gzip_file_loads_nothing_and_is_read_again_once_complete)
{
    const char *dir = gzt_tmpdir();
    char art[400], csv[400], files[900];
    char *text = long_article("Cut short", 200000), *rows = csv_rows(3000, 0), *p;
    struct gzt_proc r;

    snprintf(art, sizeof(art), "%s/cut/a.txt.gz", dir);
    snprintf(csv, sizeof(csv), "%s/cut/b.csv.gz", dir);
    snprintf(files, sizeof(files), "[\"%s/cut/*.txt.gz\"]", dir);
    make_dir(dir, "cut");
    write_gz(art, text, 5000);
    write_gz(csv, rows, 20000);

    p = gzt_pipeline("cut", "t_lim_cut", files, "article", "");
    gzt_drop_schema(gzt_suite_db, "t_lim_cut");
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 65, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.err, "reason=\"truncated gzip stream\"") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(query("SELECT count(*) FROM %s.articles", "t_lim_cut"), 0);
    cr_assert_eq(query("SELECT count(*) FROM %s.rejects WHERE reason = 'truncated gzip stream'"
                       " AND line = 0", "t_lim_cut"), 1);
    cr_assert_eq(query("SELECT count(*) FROM %s.sources", "t_lim_cut"), 0, "not marked done");
    free(p);

    snprintf(files, sizeof(files), "[\"%s/cut/*.csv.gz\"]", dir);
    p = gzt_pipeline("cutcsv", "t_lim_cutcsv", files, "csv", "");
    gzt_drop_schema(gzt_suite_db, "t_lim_cutcsv");
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 65, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.err, "reason=\"truncated gzip stream\"") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "unterminated") == NULL, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(query("SELECT count(*) FROM %s.articles", "t_lim_cutcsv"), 0, "no row of it");
    cr_assert_eq(query("SELECT count(*) FROM %s.rejects", "t_lim_cutcsv"), 1);
    cr_assert_eq(query("SELECT count(*) FROM %s.sources", "t_lim_cutcsv"), 0);

    /* the copy completes: the next run loads it all */
    write_gz(csv, rows, 0);
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    gzt_proc_free(&r);
    cr_assert_eq(query("SELECT count(*) FROM %s.articles", "t_lim_cutcsv"), 3000);
    cr_assert_eq(query("SELECT count(*) FROM %s.sources WHERE status = 'loaded'", "t_lim_cutcsv"),
                 1);
    free(p), free(text), free(rows);
}

Test(limits, a_corrupt_gzip_file_is_a_reject_naming_zlibs_reason)
{
    const char *dir = gzt_tmpdir();
    char path[400], files[500];
    char *text = long_article("Damaged", 50000), *p;
    struct gzt_proc r;
    FILE *f;

    snprintf(path, sizeof(path), "%s/damaged.txt.gz", dir);
    write_gz(path, text, 0);
    f = fopen(path, "r+b");                     /* the trailer's CRC-32, 8 bytes from the end */
    cr_assert_not_null(f);
    fseek(f, -8, SEEK_END);
    {
        int b = fgetc(f);

        fseek(f, -8, SEEK_END);
        fputc(b ^ 0xff, f);
    }
    fclose(f);
    snprintf(files, sizeof(files), "[\"%s\"]", path);
    p = gzt_pipeline("crc", "t_lim_crc", files, "article", "");
    gzt_drop_schema(gzt_suite_db, "t_lim_crc");
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 65, "exit %d: %s", r.status, r.err);
    gzt_proc_free(&r);
    cr_assert_eq(query("SELECT count(*) FROM %s.articles", "t_lim_crc"), 0);
    cr_assert_eq(query("SELECT count(*) FROM %s.rejects WHERE reason ="
                       " 'corrupt gzip stream: incorrect data check'", "t_lim_crc"), 1);
    free(p), free(text);
}

Test(limits, an_article_over_max_article_bytes_is_a_reject_and_the_rest_loads)
{
    const char *dir = gzt_tmpdir();
    char files[500];
    char *big = long_article("Too big", 70000), *small = long_article("Small", 1000), *p;
    struct gzt_proc r;

    make_dir(dir, "max");
    free(gzt_write(dir, "max/a-big.txt", big));
    free(gzt_write(dir, "max/b-small.txt", small));
    snprintf(files, sizeof(files), "[\"%s/max\"]", dir);
    p = gzt_pipeline("max", "t_lim_max", files, "article", "limits: {max_article_bytes: 64KiB}\n");
    gzt_drop_schema(gzt_suite_db, "t_lim_max");
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 65, "exit %d: %s", r.status, r.err);
    gzt_proc_free(&r);
    cr_assert_eq(query("SELECT count(*) FROM %s.articles", "t_lim_max"), 1);
    cr_assert_eq(query("SELECT count(*) FROM %s.rejects WHERE reason ="
                       " 'article larger than max_article_bytes (65536)'", "t_lim_max"), 1);
    free(p), free(big), free(small);
}

Test(limits, max_rejects_stops_a_broken_feed_with_exit_65_and_keeps_what_loaded)
{
    const char *dir = gzt_tmpdir();
    char files[500], name[64];
    char *p, *msg;
    struct gzt_proc r;
    int i;

    make_dir(dir, "feed");
    free(gzt_write(dir, "feed/a1.txt", "date 2024-01-01 One\n\nBody one.\n"));
    free(gzt_write(dir, "feed/a2.txt", "date 2024-01-02 Two\n\nBody two.\n"));
    for (i = 0; i < 6; i++) {
        snprintf(name, sizeof(name), "feed/b%d.txt", i);
        free(gzt_write(dir, name, "no header here\n"));
    }
    free(gzt_write(dir, "feed/c1.txt", "date 2024-01-03 Three\n\nBody three.\n"));
    snprintf(files, sizeof(files), "[\"%s/feed\"]", dir);
    p = gzt_pipeline("maxrej", "t_lim_rej", files, "article", "limits: {max_rejects: 3}\n");
    gzt_drop_schema(gzt_suite_db, "t_lim_rej");
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 65, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.err, "limits.max_rejects (3)") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(query("SELECT count(*) FROM %s.articles", "t_lim_rej"), 2, "what loaded stays");
    cr_assert_eq(query("SELECT count(*) FROM %s.rejects", "t_lim_rej"), 4);
    msg = gzt_text(gzt_suite_db, "SELECT status || ': ' || message FROM t_lim_rej.runs");
    cr_assert_str_eq(msg, "failed: stopped after 4 rejects: over limits.max_rejects (3)");
    /* the file it stopped in is not marked done; the ones before are */
    cr_assert_eq(query("SELECT count(*) FROM %s.sources WHERE uri LIKE '%%/b3.txt'", "t_lim_rej"),
                 0);
    cr_assert_eq(query("SELECT count(*) FROM %s.sources", "t_lim_rej"), 5);
    free(msg), free(p);
}

Test(limits, max_reject_ratio_stops_a_feed_gone_bad_once_100_inputs_are_read)
{
    const char *dir = gzt_tmpdir();
    char files[500];
    char *rows = csv_rows(100, 400), *p, *msg, *csv;
    struct gzt_proc r;

    csv = gzt_write(dir, "ratio.csv", rows);
    snprintf(files, sizeof(files), "[\"%s\"]", csv);
    p = gzt_pipeline("ratio", "t_lim_ratio", files, "csv", "limits: {max_reject_ratio: 0.5}\n");
    gzt_drop_schema(gzt_suite_db, "t_lim_ratio");
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 65, "exit %d: %s", r.status, r.err);
    gzt_proc_free(&r);
    cr_assert_eq(query("SELECT count(*) FROM %s.articles", "t_lim_ratio"), 100);
    /* 100 good rows, then bad ones: 101 rejects of 201 read is over half */
    msg = gzt_text(gzt_suite_db, "SELECT status || ': ' || message FROM t_lim_ratio.runs");
    cr_assert_str_eq(msg, "failed: stopped after 101 rejects of 201 inputs read: over"
                     " limits.max_reject_ratio (0.5)");
    cr_assert_eq(query("SELECT count(*) FROM %s.sources", "t_lim_ratio"), 0);
    free(msg), free(p), free(rows), free(csv);

    /* a few rejects among the first inputs are not a broken feed */
    rows = malloc(200);
    snprintf(rows, 200, "id,published,title,body\nr1,bad,T,B\nr2,2024-01-01,T2,B2\n");
    csv = gzt_write(dir, "ratio-small.csv", rows);
    snprintf(files, sizeof(files), "[\"%s\"]", csv);
    p = gzt_pipeline("ratio2", "t_lim_ratio2", files, "csv", "limits: {max_reject_ratio: 0.1}\n");
    gzt_drop_schema(gzt_suite_db, "t_lim_ratio2");
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 65, "exit %d: %s", r.status, r.err);
    gzt_proc_free(&r);
    msg = gzt_text(gzt_suite_db, "SELECT status FROM t_lim_ratio2.runs");
    cr_assert_str_eq(msg, "rejected");
    free(msg), free(p), free(rows), free(csv);
}

Test(limits, check_prints_the_limits_as_yaml_that_check_accepts_again)
{
    const char *dir = gzt_tmpdir();
    char *p = gzt_write(dir, "limits.yaml",
                        "pipeline: lim\nsource: {files: [\"in\"]}\n"
                        "limits: {max_article_bytes: 2MB, max_rejects: 50, max_reject_ratio: 0.2}\n");
    char *again;
    struct gzt_proc r1, r2;

    r1 = gzt_run(NULL, NULL, "check", p, NULL);
    cr_assert_eq(r1.status, 0, "exit %d: %s", r1.status, r1.err);
    cr_assert(strstr(r1.out, "  max_article_bytes: 2097152    # 2 MB") != NULL, "%s", r1.out);
    cr_assert(strstr(r1.out, "  max_rejects: 50") != NULL, "%s", r1.out);
    cr_assert(strstr(r1.out, "  max_reject_ratio: 0.2") != NULL, "%s", r1.out);
    again = gzt_write(dir, "limits-again.yaml", r1.out);
    r2 = gzt_run(NULL, NULL, "check", again, NULL);
    cr_assert_eq(r2.status, 0, "exit %d: %s", r2.status, r2.err);
    cr_assert_str_eq(r2.out, r1.out);
    gzt_proc_free(&r1), gzt_proc_free(&r2);
    free(p), free(again);

    p = gzt_write(dir, "limits-bad.yaml", "pipeline: lim\nsource: {files: [\"in\"]}\n"
                  "limits: {max_article_bytes: 16 parsecs}\n");
    r1 = gzt_run(NULL, NULL, "check", p, NULL);
    cr_assert_eq(r1.status, 78, "exit %d: %s", r1.status, r1.err);
    cr_assert(strstr(r1.err, "limits.max_article_bytes must be a byte count") != NULL, "%s",
              r1.err);
    gzt_proc_free(&r1);
    free(p);
}

static double now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* A 24 MB article through all four stages takes 10 s and more of CPU; a
 * SIGTERM once the run is in the stages ends it within a second or two
 * (5 s allowed for a loaded machine), exit 143, the article neither loaded
 * nor rejected and its file not marked done. */
Test(limits, sigterm_inside_a_24_mb_article_stops_the_run_promptly, .timeout = 120)
{
    static const char *const para[] = {
        "Mark Rutte met Olaf Scholz in The Hague on Monday, the Dutch government said. ",
        "Shell Oil Co said it paid $3 billion, or 12 percent more than in 1986, for 5,000 tonnes. ",
        "The Bank of England said on March 4 that sterling rose 0.5 pct against the dollar. ",
        "NATO and the United Nations met in Brussels last week, officials from Belgium said.\n\n",
    };
    const char *dir = gzt_tmpdir();
    char *model = gzt_repo_path("models/ner-en.bin"), *text, *path, *p, yaml[2000];
    size_t n = 0, cap = (size_t)24 << 20, i = 0;
    struct gzt_child *c;
    struct gzt_proc r;
    double t0, t1, waited;

    text = malloc(cap + 256);
    n += (size_t)snprintf(text, 256, "date 1987-03-01 A very long article\n\n");
    while (n < cap) {
        size_t k = strlen(para[i % 4]);

        memcpy(text + n, para[i++ % 4], k);
        n += k;
    }
    text[n] = '\0';
    make_dir(dir, "huge");
    path = gzt_write(dir, "huge/huge.txt", text);
    free(text);
    snprintf(yaml, sizeof(yaml),
             "pipeline: huge\n"
             "source: {files: [\"%s/huge\"]}\n"
             "stages:\n  - clean_text\n  - normalise_dates\n"
             "  - extract_entities: {model: \"%s\"}\n  - normalise_names\n"
             "sink: {postgres: {schema: t_lim_huge}}\n"
             "limits: {max_article_bytes: 32MB}\n", dir, model);
    p = gzt_write(dir, "huge.yaml", yaml);
    gzt_drop_schema(gzt_suite_db, "t_lim_huge");
    t0 = now();
    c = gzt_start(NULL, NULL, "run", p, NULL);
    /* wait for the run to start (its row), then for the stages to be under way */
    for (waited = 0; waited < 60; waited += 0.1) {
        if (gzt_long(gzt_suite_db, "SELECT count(*) FROM pg_tables WHERE schemaname = 't_lim_huge'"
                     " AND tablename = 'runs'") == 1
            && gzt_long(gzt_suite_db, "SELECT count(*) FROM t_lim_huge.runs") == 1)
            break;
        usleep(100000);
    }
    usleep(1500000);
    t1 = now();
    gzt_signal(c, SIGTERM);
    r = gzt_wait(c);
    t1 = now() - t1;
    cr_assert_eq(r.status, 143, "exit %d after %.1f s: %s", r.status, now() - t0, r.err);
    cr_assert(t1 < 5.0, "%.2f s from SIGTERM to exit", t1);
    cr_assert(strstr(r.err, "event=reject") == NULL, "given up, not rejected: %s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(query("SELECT count(*) FROM %s.articles", "t_lim_huge"), 0);
    cr_assert_eq(query("SELECT count(*) FROM %s.rejects", "t_lim_huge"), 0);
    cr_assert_eq(query("SELECT count(*) FROM %s.sources", "t_lim_huge"), 0, "read again next run");
    {
        char *status = gzt_text(gzt_suite_db, "SELECT status FROM t_lim_huge.runs");

        cr_assert_str_eq(status, "aborted");
        free(status);
    }
    free(model), free(path), free(p);
}
