/*
 * Input integrity and limits (docs/RELIABILITY.md, "Inputs: integrity and
 * limits"): corrupt gzip files load nothing, articles over
 * max_article_bytes are rejects found while reading, the stages give an
 * article up when a stop is asked for, and a long article costs the
 * stages time in proportion to its length.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "core/article.h"
#include "core/mem.h"
#include "core/stop.h"
#include "names/coref.h"
#include "run/pipeline.h"
#include "sources/source.h"

struct collected {
    int  articles, rejects;
    char titles[16][128];
    size_t body_len[16];
    char reasons[16][256];
    long reject_lines[16];
    size_t excerpt_len[16];
    int  transient;
};

static int on_article(void *ctx, struct gz_article *a, struct gz_error *err)
{
    struct collected *c = ctx;

    (void)err;
    if (c->articles < 16) {
        snprintf(c->titles[c->articles], 128, "%s", a->title);
        c->body_len[c->articles] = a->body_len;
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
        c->excerpt_len[c->rejects] = r->excerpt_len;
    }
    c->transient |= r->transient;
    c->rejects++;
    return 0;
}

static struct gz_source_opts opts(enum gz_format format, size_t max)
{
    struct gz_source_opts o = {format, "id", "published", "title", "body", {-1}, NULL, max};

    return o;
}

static void read_file(const char *path, const struct gz_source_opts *o, struct collected *c)
{
    struct gz_source_out out = {on_article, on_reject, c, NULL};

    memset(c, 0, sizeof(*c));
    cr_assert_eq(gz_source_read(path, o, &out, NULL), 0);
}

static char *temp_path(const char *suffix)
{
    char *path = malloc(64);

    snprintf(path, 64, "/tmp/gz-limits-XXXXXX%s", suffix);
    close(mkstemps(path, (int)strlen(suffix)));
    return path;
}

static void write_bytes(const char *path, const char *buf, size_t n)
{
    FILE *f = fopen(path, "wb");

    cr_assert_not_null(f);
    cr_assert_eq(fwrite(buf, 1, n, f), n);
    fclose(f);
}

/* The gzip bytes of text (zlib's gzip wrapper: header, deflate, CRC-32, length). */
static unsigned char *gzip_bytes(const char *text, size_t n, size_t *out_len)
{
    z_stream z = {0};
    size_t cap = compressBound((uLong)n) + 64;
    unsigned char *out = malloc(cap);

    cr_assert_eq(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = (unsigned char *)text;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    cr_assert_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
    *out_len = z.total_out;
    deflateEnd(&z);
    return out;
}

/* A CSV of rows rows of varied text (so the gzip stream is long). */
static char *csv_text(int rows, size_t *len)
{
    size_t cap = (size_t)rows * 128 + 64, n = 0;
    char *s = malloc(cap);
    int i;

    n += (size_t)snprintf(s + n, cap - n, "id,published,title,body\n");
    for (i = 0; i < rows; i++)
        n += (size_t)snprintf(s + n, cap - n, "r%d,2024-01-01,Title %d,\"Body %d: %08x\"\n",
                              i, i, i, i * 2654435761u);
    *len = n;
    return s;
}

/* Write text gzipped to path, damaged by how: 'c' cut half-way, 'd' a byte
 * of the deflate data flipped, 'r' the trailer's CRC-32 wrong, 'l' its
 * length wrong, 't' the trailer cut off, 0 whole. */
static void write_gz(const char *path, const char *text, size_t n, int how)
{
    size_t len;
    unsigned char *gz = gzip_bytes(text, n, &len);

    if (how == 'd')
        gz[len / 2] ^= 0x55;
    else if (how == 'r')
        gz[len - 8] ^= 0x01;
    else if (how == 'l')
        gz[len - 4] ^= 0x01;
    write_bytes(path, (const char *)gz, how == 'c' ? len / 2 : how == 't' ? len - 8 : len);
    free(gz);
}

Test(integrity, a_damaged_gzip_file_loads_no_article_and_no_row)
{
    static const struct { int how; const char *reason; int transient; } cases[] = {
        {'c', "truncated gzip stream", 1},
        {'t', "truncated gzip stream", 1},
        {'d', "corrupt gzip stream: ", 0},
        {'r', "corrupt gzip stream: incorrect data check", 0},
        {'l', "corrupt gzip stream: incorrect length check", 0},
    };
    char *path = temp_path(".gz");
    size_t n, i;
    char *csv = csv_text(5000, &n);
    struct gz_source_opts o_csv = opts(GZ_FORMAT_CSV, 0), o_art = opts(GZ_FORMAT_ARTICLE, 0);
    struct collected c;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        write_gz(path, csv, n, cases[i].how);
        read_file(path, &o_csv, &c);
        cr_assert_eq(c.articles, 0, "%c: no row of a damaged file, got %d", cases[i].how,
                     c.articles);
        cr_assert_eq(c.rejects, 1, "%c: one reject, got %d (%s)", cases[i].how, c.rejects,
                     c.reasons[0]);
        cr_assert(strncmp(c.reasons[0], cases[i].reason, strlen(cases[i].reason)) == 0,
                  "%c: %s", cases[i].how, c.reasons[0]);
        cr_assert_eq(c.reject_lines[0], 0);
        cr_assert_eq(c.transient, cases[i].transient, "%c", cases[i].how);

        /* the same bytes as one article file (the CSV text is its body) */
        read_file(path, &o_art, &c);
        cr_assert_eq(c.articles, 0, "%c: article file", cases[i].how);
        cr_assert_eq(c.rejects, 1);
        cr_assert(strncmp(c.reasons[0], cases[i].reason, strlen(cases[i].reason)) == 0,
                  "%c: %s", cases[i].how, c.reasons[0]);
        cr_assert_eq(c.transient, cases[i].transient);
    }
    write_gz(path, csv, n, 0);
    read_file(path, &o_csv, &c);
    cr_assert_eq(c.articles, 5000);
    cr_assert_eq(c.rejects, 0);
    unlink(path);
    free(path), free(csv);
}

Test(integrity, a_cut_gzip_article_file_never_loads_its_first_part)
{
    char *path = temp_path(".txt.gz");
    size_t n = 0, cap = 400000;
    char *text = malloc(cap);
    struct gz_source_opts o = opts(GZ_FORMAT_ARTICLE, 0);
    struct collected c;
    int i;

    n += (size_t)snprintf(text, cap, "date 2024-01-01 A long article\n\n");
    for (i = 0; n + 200 < cap; i++)
        n += (size_t)snprintf(text + n, cap - n, "Paragraph %d says %08x.\n\n", i,
                              i * 2654435761u);
    for (size_t keep = 100; keep < 300000; keep *= 3) {
        size_t len;
        unsigned char *gz = gzip_bytes(text, n, &len);

        write_bytes(path, (const char *)gz, keep < len ? keep : len - 1);
        free(gz);
        read_file(path, &o, &c);
        cr_assert_eq(c.articles, 0, "cut at %zu bytes: loaded", keep);
        cr_assert_str_eq(c.reasons[0], "truncated gzip stream");
    }
    unlink(path);
    free(path), free(text);
}

/* ---- max_article_bytes ------------------------------------------------ */

static char *article_of(size_t body, size_t *len)
{
    static const char head[] = "date 2024-01-01 Big\n\n";
    char *s = malloc(sizeof(head) + body + 2);
    size_t i;

    memcpy(s, head, sizeof(head) - 1);
    for (i = 0; i < body; i++)
        s[sizeof(head) - 1 + i] = i % 60 == 59 ? '\n' : 'a' + (char)(i % 26);
    *len = sizeof(head) - 1 + body;
    s[*len] = '\0';
    return s;
}

Test(limits, an_article_file_over_max_article_bytes_is_a_reject)
{
    char *path = temp_path(".txt"), *gzpath = temp_path(".txt.gz");
    struct gz_source_opts o = opts(GZ_FORMAT_ARTICLE, 4096);
    struct collected c;
    size_t len;
    char *text = article_of(4096 - 21, &len);  /* exactly 4096 bytes */

    cr_assert_eq(len, 4096);
    write_bytes(path, text, len);
    read_file(path, &o, &c);
    cr_assert_eq(c.articles, 1, "at the limit: %s", c.reasons[0]);
    free(text);
    text = article_of(4096 - 20, &len);
    write_bytes(path, text, len);
    read_file(path, &o, &c);
    cr_assert_eq(c.articles, 0);
    cr_assert_str_eq(c.reasons[0], "article larger than max_article_bytes (4096)");
    cr_assert_eq(c.transient, 0);
    write_gz(gzpath, text, len, 0);
    read_file(gzpath, &o, &c);
    cr_assert_str_eq(c.reasons[0], "article larger than max_article_bytes (4096)");
    free(text);
    /* the default: 16 MB */
    o = opts(GZ_FORMAT_ARTICLE, 0);
    text = article_of((16u << 20) + 1, &len);
    write_bytes(path, text, len);
    read_file(path, &o, &c);
    cr_assert_str_eq(c.reasons[0], "article larger than max_article_bytes (16777216)");
    free(text);
    unlink(path), unlink(gzpath);
    free(path), free(gzpath);
}

static void read_csv_text(const char *text, size_t max, struct collected *c)
{
    char *path = temp_path(".csv");
    struct gz_source_opts o = opts(GZ_FORMAT_CSV, max);

    write_bytes(path, text, strlen(text));
    read_file(path, &o, c);
    unlink(path);
    free(path);
}

/* "id,published,title,body" then rows; big fields of n bytes made by fill. */
static char *big_field(char c, size_t n, int quote_every)
{
    char *s = malloc(n + 1);
    size_t i;

    for (i = 0; i < n; i++)
        s[i] = quote_every && i % (size_t)quote_every == 0 ? '\n' : c;
    s[n] = '\0';
    return s;
}

Test(limits, a_csv_field_over_max_article_bytes_rejects_its_row_and_reading_goes_on)
{
    size_t max = 65536, cap = 16 * max;
    char *text = malloc(cap), *quoted = big_field('q', 3 * max, 50), *bare = big_field('b', 2 * max, 0);
    char *exact = big_field('e', max, 0);
    struct collected c;
    int n = 0;

    n += snprintf(text + n, cap - (size_t)n, "id,published,title,body\n");
    n += snprintf(text + n, cap - (size_t)n, "a,2024-01-01,Small,ok\n");                  /* line 2 */
    n += snprintf(text + n, cap - (size_t)n, "b,2024-01-01,Big quoted,\"%s \"\"x\"\", y\"\n",
                  quoted);                                                             /* line 3 */
    n += snprintf(text + n, cap - (size_t)n, "c,2024-01-01,After,fine\n");
    n += snprintf(text + n, cap - (size_t)n, "d,2024-01-01,%s,body\n", bare);      /* big title */
    n += snprintf(text + n, cap - (size_t)n, "e,2024-01-01,Exact,%s\n", exact);
    n += snprintf(text + n, cap - (size_t)n, "f,2024-01-01,Last,\"%s", quoted);   /* ends inside */
    cr_assert((size_t)n < cap);
    read_csv_text(text, max, &c);
    cr_assert_eq(c.articles, 3, "%d: %s / %s", c.articles, c.reasons[0], c.reasons[1]);
    cr_assert_str_eq(c.titles[0], "Small");
    cr_assert_str_eq(c.titles[1], "After");
    cr_assert_str_eq(c.titles[2], "Exact");
    cr_assert_eq(c.body_len[2], max, "a field of exactly max bytes loads whole");
    cr_assert_eq(c.rejects, 3);
    cr_assert_str_eq(c.reasons[0], "article larger than max_article_bytes (65536)");
    cr_assert_eq(c.reject_lines[0], 3);
    cr_assert(c.excerpt_len[0] > 0 && c.excerpt_len[0] <= 200);
    /* the quoted field's newlines are counted though it was not kept */
    {
        long nl = 0;

        for (const char *q = quoted; *q; q++)
            nl += *q == '\n';
        cr_assert_eq(c.reject_lines[1], 5 + nl, "%ld, not %ld", c.reject_lines[1], 5 + nl);
    }
    cr_assert_str_eq(c.reasons[1], "article larger than max_article_bytes (65536)");
    cr_assert_str_eq(c.reasons[2], "unterminated quoted field");
    free(text), free(quoted), free(bare), free(exact);
}

Test(limits, a_csv_header_over_max_article_bytes_rejects_the_file)
{
    char *name = big_field('h', 5000, 0), *text = malloc(6000);
    struct collected c;

    snprintf(text, 6000, "id,published,title,body,%s\nr,2024-01-01,T,B\n", name);
    read_csv_text(text, 4096, &c);
    cr_assert_eq(c.articles, 0);
    cr_assert_eq(c.rejects, 1);
    cr_assert_str_eq(c.reasons[0], "article larger than max_article_bytes (4096)");
    free(name), free(text);
}

/* ---- stop --------------------------------------------------------------- */

static char *reuters_like(size_t bytes)
{
    static const char *const para[] = {
        "Mark Rutte met Olaf Scholz in The Hague on Monday, the Dutch government said. ",
        "Shell Oil Co said it paid $3 billion, or 12 percent more than in 1986, for 5,000 tonnes. ",
        "The Bank of England said on March 4 that sterling rose 0.5 pct against the dollar. ",
        "NATO and the United Nations met in Brussels last week, officials from Belgium said.\n\n",
    };
    char *s = malloc(bytes + 128);
    size_t n = 0, i = 0;

    n += (size_t)snprintf(s, 128, "date 1987-03-01 A very long article\n\n");
    while (n < bytes) {
        size_t k = strlen(para[i % 4]);

        memcpy(s + n, para[i++ % 4], k);
        n += k;
    }
    s[n] = '\0';
    return s;
}

static struct gz_pipeline *all_stages(struct gz_error *err)
{
    struct gz_pipeline *p = gz_pipeline_default(err);

    cr_assert_not_null(p, "%s", err->msg);
    cr_assert_eq(gz_pipeline_init_stages(p, err), 0, "%s", err->msg);
    return p;
}

static double seconds_of(struct gz_pipeline *p, const char *text, struct gz_error *err)
{
    struct gz_reject rej;
    struct gz_pubdate_opts dates = {-1};
    struct gz_article *a = gz_article_parse("x", text, strlen(text), &dates, &rej);
    struct timespec t0, t1;
    int rc;

    cr_assert_not_null(a, "%s", rej.reason);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    rc = gz_pipeline_process(p, a, err);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
    cr_assert_eq(rc, 0, "%s", err->msg);
    gz_article_free(a);
    return (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
}

/* 4 MB costs about 4 times 1 MB, not 16 (it cost 15 times in the names
 * stage and more in the amounts of extract_entities before); the bound is
 * loose (8) for a loaded machine, and CPU time is measured, not wall. */
Test(limits, the_stages_take_time_in_proportion_to_the_article, .timeout = 120)
{
    struct gz_error err = {0};
    struct gz_pipeline *p = all_stages(&err);
    char *one = reuters_like(1 << 20), *four = reuters_like(4 << 20);
    double t1 = seconds_of(p, one, &err), t4 = seconds_of(p, four, &err);

    cr_assert(t4 < 8 * t1, "1 MB %.2f s, 4 MB %.2f s: more than linear", t1, t4);
    gz_pipeline_fini_stages(p);
    gz_pipeline_free(p);
    free(one), free(four);
}

Test(limits, a_stop_gives_the_article_up_in_the_stages)
{
    struct gz_error err = {0};
    struct gz_pipeline *p = all_stages(&err);
    char *text = reuters_like(1 << 20);
    struct gz_reject rej;
    struct gz_pubdate_opts dates = {-1};
    struct gz_article *a = gz_article_parse("x", text, strlen(text), &dates, &rej);

    gz_stop_request(15);
    cr_assert_eq(gz_pipeline_process(p, a, &err), -1);
    cr_assert(gz_stop_is(&err), "%d %s", err.code, err.msg);
    cr_assert_str_eq(err.msg, "stopped by a signal");
    gz_stop_clear();
    gz_article_free(a);
    gz_pipeline_fini_stages(p);
    gz_pipeline_free(p);
    free(text);
}

/* Standard input cannot be read twice: a compressed CSV on "-" is
 * decompressed into a temporary file first, so a cut stream there loads
 * no row either. */
Test(integrity, a_cut_gzip_csv_on_standard_input_loads_no_row)
{
    const char *bin = getenv("GAZETTE_BIN") ? getenv("GAZETTE_BIN") : "build/gazette";
    char *path = temp_path(".csv.gz"), *out = temp_path(".out"), cmd[1024];
    size_t n, len;
    char *csv = csv_text(3000, &n);
    unsigned char *gz = gzip_bytes(csv, n, &len);
    FILE *f;
    long size;

    write_bytes(path, (const char *)gz, len / 2);
    snprintf(cmd, sizeof(cmd), "cat %s | %s extract --format csv --no-text - >%s 2>%s.err",
             path, bin, out, out);
    cr_assert_eq(WEXITSTATUS(system(cmd)), 65);
    f = fopen(out, "r");
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fclose(f);
    cr_assert_eq(size, 0, "no row printed");
    snprintf(cmd, sizeof(cmd), "grep -q 'reason=\"truncated gzip stream\"' %s.err", out);
    cr_assert_eq(system(cmd), 0);
    write_bytes(path, (const char *)gz, len);
    snprintf(cmd, sizeof(cmd), "cat %s | %s extract --format csv --no-text - | wc -l | grep -qx 3000",
             path, bin);
    cr_assert_eq(system(cmd), 0, "the whole stream loads");
    snprintf(cmd, sizeof(cmd), "rm -f %s %s %s.err", path, out, out);
    cr_assert_eq(system(cmd), 0);
    free(gz), free(csv), free(path), free(out);
}
