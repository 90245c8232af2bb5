/* The CSV source: header mapping, multi-line fields, rejects with lines. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "core/mem.h"
#include "sources/source.h"

struct collected {
    int  articles, rejects;
    char ids[16][32];
    char titles[16][128];
    char reasons[16][256];
    long reject_lines[16];
    char first_body[256];
    int  transient;
};

static int on_article(void *ctx, struct gz_article *a, struct gz_error *err)
{
    struct collected *c = ctx;

    (void)err;
    if (c->articles == 0)
        snprintf(c->first_body, sizeof(c->first_body), "%s", a->body);
    if (c->articles < 16) {              /* the first ones are kept; all are counted */
        snprintf(c->ids[c->articles], 32, "%s", a->ext_id ? a->ext_id : "");
        snprintf(c->titles[c->articles], 128, "%s", a->title);
    }
    c->articles++;
    gz_article_free(a);
    return 0;
}

static int on_reject(void *ctx, const struct gz_reject *r, struct gz_error *err)
{
    struct collected *c = ctx;

    (void)err;
    if (c->rejects < 16) {
        snprintf(c->reasons[c->rejects], 256, "%s", r->reason);
        c->reject_lines[c->rejects] = r->line;
    }
    c->transient |= r->transient;
    c->rejects++;
    return 0;
}

static struct gz_source_opts default_opts(void)
{
    struct gz_source_opts o = {GZ_FORMAT_CSV, "id", "published", "title", "body", {-1}, NULL, 0};

    return o;
}

static void read_csv(const char *text, const struct gz_source_opts *o, struct collected *c)
{
    char path[] = "/tmp/gz-csv-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    struct gz_source_out out = {on_article, on_reject, c, NULL};

    fputs(text, f);
    fclose(f);
    memset(c, 0, sizeof(*c));
    cr_assert_eq(gz_csv_read(path, o, &out, NULL), 0);
    unlink(path);
}

Test(csv, fixture_rows_and_rejects)
{
    struct gz_source_opts o = default_opts();
    struct gz_source_out out;
    struct collected c = {0};

    out = (struct gz_source_out){on_article, on_reject, &c, NULL};
    cr_assert_eq(gz_csv_read("fixtures/csv/articles.csv", &o, &out, NULL), 0);
    cr_assert_eq(c.articles, 3);
    cr_assert_str_eq(c.ids[0], "r1");
    cr_assert_str_eq(c.titles[0], "Oil prices rise, Brent tops $90");
    cr_assert_str_eq(c.first_body, "Brent crude rose 2% on Monday.\n\nTraders cited supply cuts by OPEC+.");
    cr_assert_str_eq(c.titles[2], "Dollar slips");
    cr_assert_eq(c.rejects, 4);
    cr_assert_str_eq(c.reasons[0], "impossible date \"2024-02-30\"");
    cr_assert_eq(c.reject_lines[0], 7, "multi-line field counted: line %ld", c.reject_lines[0]);
    cr_assert_str_eq(c.reasons[1], "empty title");
    cr_assert_str_eq(c.reasons[2], "row has 4 fields, the header has 5");
    cr_assert_str_eq(c.reasons[3], "unterminated quoted field");
    cr_assert_eq(c.reject_lines[3], 10);
}

Test(csv, columns_are_remapped_by_name)
{
    struct gz_source_opts o = {GZ_FORMAT_CSV, "guid", "date", "headline", "text", {-1}, NULL, 0};
    struct gz_source_out out;
    struct collected c = {0};

    out = (struct gz_source_out){on_article, on_reject, &c, NULL};
    cr_assert_eq(gz_csv_read("fixtures/csv/mapped.csv", &o, &out, NULL), 0);
    cr_assert_eq(c.articles, 1);
    cr_assert_str_eq(c.ids[0], "g1");
    cr_assert_str_eq(c.titles[0], "Mapped columns work");
}

Test(csv, missing_required_column_rejects_the_file)
{
    struct gz_source_opts o = default_opts();
    struct collected c;

    read_csv("id,published,headline,body\n1,2024-01-01,T,B\n", &o, &c);
    cr_assert_eq(c.articles, 0);
    cr_assert_eq(c.rejects, 1);
    cr_assert_str_eq(c.reasons[0], "missing required column \"title\" in the header");
}

Test(csv, title_only_row_is_an_article_and_crlf_bom_repaired)
{
    struct gz_source_opts o = default_opts();
    struct collected c;

    read_csv("\xEF\xBB\xBFid,published,title,body\r\n1,2024-01-01,Brief,\r\n"
             "2,2024-01-02,Caf\xe9,\"a\r\nb\"\r\n", &o, &c);
    cr_assert_eq(c.rejects, 0, "%s", c.reasons[0]);
    cr_assert_eq(c.articles, 2);
    cr_assert_str_eq(c.titles[0], "Brief");
    cr_assert_str_eq(c.titles[1], "Caf\xc3\xa9");
}

Test(csv, empty_and_binary_files)
{
    struct gz_source_opts o = default_opts();
    struct collected c;

    read_csv("", &o, &c);
    cr_assert_eq(c.rejects, 1);
    cr_assert_str_eq(c.reasons[0], "empty file");
    read_csv("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", &o, &c);
    cr_assert_eq(c.rejects, 1);
    cr_assert_str_eq(c.reasons[0], "binary file");
}

Test(csv, a_file_that_cannot_be_opened_is_a_transient_reject)
{
    struct gz_source_opts o = default_opts();
    struct collected c = {0};
    struct gz_source_out out = {on_article, on_reject, &c, NULL};
    struct gz_source_opts art = default_opts();

    cr_assert_eq(gz_csv_read("/nonexistent/feed.csv", &o, &out, NULL), 0);
    cr_assert_eq(c.rejects, 1);
    cr_assert_str_eq(c.reasons[0], "cannot open: No such file or directory");
    cr_assert_eq(c.transient, 1, "a later run tries it again");
    memset(&c, 0, sizeof(c));
    art.format = GZ_FORMAT_ARTICLE;
    cr_assert_eq(gz_source_read("/nonexistent/a.txt", &art, &out, NULL), 0);
    cr_assert_str_eq(c.reasons[0], "cannot open: No such file or directory");
    cr_assert_eq(c.transient, 1);
}

/* A gzip file of a CSV header and rows rows; cut to keep bytes when keep > 0. */
static void write_gz_csv(const char *path, int rows, long keep)
{
    gzFile z = gzopen(path, "wb");
    int i;

    cr_assert_not_null(z);
    gzputs(z, "id,published,title,body\n");
    for (i = 0; i < rows; i++)
        gzprintf(z, "r%d,2024-01-01,Title %d,\"Body %d: %08x\"\n", i, i, i, i * 2654435761u);
    gzclose(z);
    if (keep > 0)
        cr_assert_eq(truncate(path, keep), 0);
}

static void read_path(const char *path, enum gz_format format, struct collected *c, char *sha)
{
    struct gz_source_opts o = default_opts();
    struct gz_source_out out = {on_article, on_reject, c, sha};

    o.format = format;
    memset(c, 0, sizeof(*c));
    cr_assert_eq(gz_source_read(path, &o, &out, NULL), 0);
}

/* A gzip file is only whole once its trailer has been read: a cut one
 * loads nothing, in either format (rows of a CSV used to load up to the
 * cut), and is tried again next run (transient), when it may be complete. */
Test(csv, a_cut_gzip_file_is_one_transient_reject_and_no_row_in_both_formats)
{
    char path[] = "/tmp/gz-csv-cut-XXXXXX";
    struct collected c;
    char sha[65];

    close(mkstemp(path));
    write_gz_csv(path, 2000, 20000);
    read_path(path, GZ_FORMAT_CSV, &c, sha);
    cr_assert_eq(c.articles, 0, "no row of a cut file: %d", c.articles);
    cr_assert_eq(c.rejects, 1);
    cr_assert_str_eq(c.reasons[0], "truncated gzip stream");
    cr_assert_eq(c.reject_lines[0], 0);
    cr_assert_eq(c.transient, 1, "tried again next run, when it may be complete");
    cr_assert_str_eq(sha, "");
    read_path(path, GZ_FORMAT_ARTICLE, &c, sha);
    cr_assert_eq(c.articles, 0);
    cr_assert_str_eq(c.reasons[0], "truncated gzip stream");
    cr_assert_eq(c.transient, 1);
    unlink(path);
}

Test(csv, an_io_error_part_way_is_a_transient_reject_in_both_formats)
{
    char path[] = "/tmp/gz-csv-eio-XXXXXX";
    struct collected c;
    char sha[65];

    close(mkstemp(path));
    write_gz_csv(path, 20000, 0);       /* about 300 kB compressed: several reads */
    setenv("GAZETTE_FAULT", "read_error:2", 1);
    read_path(path, GZ_FORMAT_CSV, &c, sha);
    /* the gzip stream is read to its end before any row: the error is met there */
    cr_assert_eq(c.articles, 0, "no row before the whole stream is read: %d", c.articles);
    cr_assert_eq(c.rejects, 1, "%s", c.reasons[0]);
    cr_assert_str_eq(c.reasons[0], "cannot read: Input/output error");
    cr_assert_eq(c.transient, 1, "a later run tries it again");
    cr_assert_str_eq(sha, "");
    read_path(path, GZ_FORMAT_ARTICLE, &c, sha);
    cr_assert_str_eq(c.reasons[0], "cannot read: Input/output error");
    cr_assert_eq(c.transient, 1);
    unsetenv("GAZETTE_FAULT");
    read_path(path, GZ_FORMAT_CSV, &c, sha);
    cr_assert_eq(c.articles, 20000);
    cr_assert_eq(c.rejects, 0);
    cr_assert_eq(strlen(sha), 64);
    unlink(path);
}
