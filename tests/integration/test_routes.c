/*
 * One corpus by two routes: the same articles as text files in a directory
 * and as rows of a CSV load the same rows. Where a text is there twice
 * under two dates, the copy met first is loaded and its date anchors the
 * relative dates ("today"); files are met in version order of their names
 * (wire-9 before wire-10), as the CSV numbers its rows, so both routes
 * keep the same copy.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gztest.h"

TestSuite(routes, .init = gzt_suite_init, .fini = gzt_suite_fini);

/* id, published, title, body: wire-10 is wire-9 sent again a month later. */
static const char *const articles[][4] = {
    {"wire-2", "1987-02-26", "COCOA REVIEW",
     "Arrivals for the week ended February 22 were 155,221 bags. The season ends in April."},
    {"wire-9", "1987-03-05", "BUNDESBANK LEAVES CREDIT POLICIES UNCHANGED",
     "The Bundesbank left credit policies unchanged today after its regular meeting."},
    {"wire-10", "1987-04-02", "BUNDESBANK LEAVES CREDIT POLICIES UNCHANGED",
     "The Bundesbank left credit policies unchanged today after its regular meeting."},
};
#define N_ARTICLES (sizeof(articles) / sizeof(articles[0]))

static char *pipeline(const char *schema, const char *path, const char *format)
{
    char text[1024], name[64];

    snprintf(text, sizeof(text),
             "pipeline: routes\n"
             "source: {files: [\"%s\"], format: %s}\n"
             "stages: [clean_text, normalise_dates]\n"
             "sink: {postgres: {schema: %s}}\n", path, format, schema);
    snprintf(name, sizeof(name), "%s.yaml", schema);
    return gzt_write(gzt_tmpdir(), name, text);
}

/* The articles as files NAME.txt in a directory of their own. */
static char *as_files(void)
{
    char dir[512];
    size_t i;

    snprintf(dir, sizeof(dir), "%s/files", gzt_tmpdir());
    mkdir(dir, 0755);
    for (i = 0; i < N_ARTICLES; i++) {
        char name[64], text[512];

        snprintf(name, sizeof(name), "%s.txt", articles[i][0]);
        snprintf(text, sizeof(text), "date %s %s\n\n%s\n", articles[i][1], articles[i][2],
                 articles[i][3]);
        free(gzt_write(dir, name, text));
    }
    return strdup(dir);
}

/* The articles as rows of one CSV, in the order of their ids. */
static char *as_csv(void)
{
    char text[2048];
    size_t i, n;

    n = (size_t)snprintf(text, sizeof(text), "id,published,title,body\n");
    for (i = 0; i < N_ARTICLES; i++)
        n += (size_t)snprintf(text + n, sizeof(text) - n, "%s,%s,\"%s\",\"%s\"\n",
                              articles[i][0], articles[i][1], articles[i][2], articles[i][3]);
    return gzt_write(gzt_tmpdir(), "wire.csv", text);
}

/* The date mentions with their article's text hash and date, one line each. */
static char *date_rows(const char *schema)
{
    char sql[1024];

    snprintf(sql, sizeof(sql),
             "SELECT string_agg(concat_ws(' ', a.content_sha256, a.published, d.in_title,"
             " d.start_char, d.end_char, d.surface, d.timex_type, d.value, d.range_start,"
             " d.range_end), E'\\n' ORDER BY a.content_sha256, d.in_title, d.start_char)"
             " FROM %s.date_mentions d JOIN %s.articles a USING (article_id)", schema, schema);
    return gzt_text(gzt_suite_db, sql);
}

static void load(const char *schema, const char *path, const char *format)
{
    char *p = pipeline(schema, path, format);
    struct gzt_proc r;

    gzt_drop_schema(gzt_suite_db, schema);
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 0, "%s: %s", format, r.err);
    gzt_proc_free(&r);
    free(p);
}

Test(routes, text_files_and_csv_give_the_same_date_mentions)
{
    char *dir = as_files(), *csv = as_csv();
    char *from_files, *from_csv, *v;

    load("t_routes_files", dir, "article");
    load("t_routes_csv", csv, "csv");
    from_files = date_rows("t_routes_files");
    from_csv = date_rows("t_routes_csv");
    cr_assert_not_null(from_files);
    cr_assert_not_null(from_csv);
    cr_assert_str_eq(from_files, from_csv);
    v = gzt_text(gzt_suite_db, "SELECT d.value FROM t_routes_files.date_mentions d"
                               " WHERE d.surface = 'today'");
    cr_assert_str_eq(v, "1987-03-05", "the first copy (wire-9) anchors \"today\"");
    free(v);
    v = gzt_text(gzt_suite_db, "SELECT source_uri FROM t_routes_files.articles"
                               " WHERE published = '1987-03-05'");
    cr_assert(v != NULL && strstr(v, "/wire-9.txt") != NULL, "%s", v ? v : "no such row");
    free(v);
    free(from_files), free(from_csv), free(dir), free(csv);
}
