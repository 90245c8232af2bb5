/*
 * gencorpus.c - a news corpus of any size for the scale benchmarks,
 * deterministic from a seed.
 *
 *   gencorpus --from reuters21578.csv.gz --scale 50 --seed 1 --out big.csv.gz
 *   gencorpus --from reuters21578.csv.gz --scale 2 --format article --out dir/
 *
 * Every generated article is new text: its sentences are drawn from the
 * whole source corpus (so the names, places, amounts and dates of one
 * article come from several), its length follows a long-tailed draw (most
 * a few sentences, some over a hundred), its publication date is anywhere
 * in 1987-2025, and about 1 in 100 is dirty the ways feeds are: an empty
 * body, an impossible date, HTML markup and entities, Latin-1 bytes, CRLF
 * line ends, a missing title, or an exact copy of an earlier article.
 * --scale S writes S times as many articles as the source has.
 *
 * CSV goes to one file (gzip when the name ends in .gz); article files go
 * to OUT/YYYY/MM/gen-NNNNNNNN.txt, one in 20 gzipped.
 */
#include <csv.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "core/mem.h"
#include "core/strlist.h"
#include "sources/source.h"

struct pool {
    struct gz_strlist titles, sentences;
};

struct out {
    gzFile  gz;             /* CSV output, or NULL for article files */
    const char *dir;        /* article files */
    int     csv;
};

static uint64_t rng_state;

static uint64_t next_random(void)       /* splitmix64 */
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static size_t below(size_t n)
{
    return n ? (size_t)(next_random() % n) : 0;
}

/* ---- the source: titles and sentences ------------------------------- */

/* Cut text into sentences at ". ", "? ", "! " (or a newline) followed by a
 * capital letter or a quote; keeps the ones of 20 to 600 bytes. */
static void add_sentences(struct pool *p, const char *s, size_t n)
{
    size_t start = 0, i;

    for (i = 0; i + 2 < n; i++) {
        int end = (s[i] == '.' || s[i] == '?' || s[i] == '!')
                  && (s[i + 1] == ' ' || s[i + 1] == '\n')
                  && ((s[i + 2] >= 'A' && s[i + 2] <= 'Z') || s[i + 2] == '"');

        if (!end)
            continue;
        while (start < i && (s[start] == ' ' || s[start] == '\n'))
            start++;
        if (i + 1 - start >= 20 && i + 1 - start <= 600) {
            char *one = gz_xstrndup(s + start, i + 1 - start);

            for (char *c = one; *c; c++)
                if (*c == '\n')
                    *c = ' ';
            gz_strlist_push(&p->sentences, one);
            gz_free(one);
        }
        start = i + 2;
    }
}

static int take_article(void *ctx, struct gz_article *a, struct gz_error *err)
{
    struct pool *p = ctx;

    (void)err;
    if (a->title_len > 0)
        gz_strlist_push(&p->titles, a->title);
    add_sentences(p, a->body, a->body_len);
    gz_article_free(a);
    return 0;
}

static int skip_reject(void *ctx, const struct gz_reject *r, struct gz_error *err)
{
    (void)ctx, (void)r, (void)err;
    return 0;
}

static int read_source(const char *path, struct pool *p)
{
    struct gz_source_opts opts = {.format = GZ_FORMAT_CSV, .col_id = "id",
                                  .col_published = "published", .col_title = "title",
                                  .col_body = "body"};
    struct gz_source_out out = {take_article, skip_reject, p, NULL};
    struct gz_error err = {0};

    gz_csv_read(path, &opts, &out, &err);
    if (p->titles.n == 0 || p->sentences.n == 0) {
        fprintf(stderr, "gencorpus: no articles in %s\n", path);
        return -1;
    }
    return 0;
}

/* ---- one generated article ------------------------------------------ */

struct text {
    char  *s;
    size_t n, cap;
};

static void put(struct text *t, const char *s, size_t n)
{
    if (t->n + n + 1 > t->cap) {
        t->cap = (t->n + n + 1) * 2;
        t->s = gz_xrealloc(t->s, t->cap);
    }
    memcpy(t->s + t->n, s, n);
    t->n += n;
    t->s[t->n] = '\0';
}

static void puts_text(struct text *t, const char *s)
{
    put(t, s, strlen(s));
}

/* Sentences: 1 + a geometric draw (mean about 4), one article in 200 long
 * (40 to 150 sentences); a paragraph break after one sentence in three. */
static void make_body(const struct pool *p, struct text *body)
{
    size_t n = 1, i;

    while (n < 400 && below(4) != 0)
        n++;
    if (below(200) == 0)
        n = 40 + below(111);
    for (i = 0; i < n; i++) {
        if (i > 0)
            puts_text(body, below(3) == 0 ? "\n\n" : " ");
        puts_text(body, p->sentences.items[below(p->sentences.n)]);
    }
}

enum dirt { CLEAN, EMPTY_BODY, BAD_DATE, HTML, LATIN1, CRLF, NO_TITLE, COPY, N_DIRT };

static enum dirt pick_dirt(void)
{
    return below(100) == 0 ? (enum dirt)(1 + below(N_DIRT - 1)) : CLEAN;
}

/* The dirt that changes the text itself. */
static void soil(enum dirt d, struct text *body)
{
    struct text t = {0};
    size_t i;

    if (d == HTML) {
        puts_text(&t, "<div class=\"story\"><p>");
        for (i = 0; i < body->n; i++) {
            if (body->s[i] == '&')
                puts_text(&t, "&amp;");
            else if (body->s[i] == '\n' && i + 1 < body->n && body->s[i + 1] == '\n')
                puts_text(&t, "</p>\n<p>"), i++;
            else
                put(&t, &body->s[i], 1);
        }
        puts_text(&t, "</p></div>");
    } else if (d == LATIN1 || d == CRLF) {
        for (i = 0; i < body->n; i++) {
            if (d == CRLF && body->s[i] == '\n')
                puts_text(&t, "\r\n");
            else if (d == LATIN1 && body->s[i] == 'e' && below(40) == 0)
                put(&t, "\xe9", 1);
            else
                put(&t, &body->s[i], 1);
        }
    } else if (d == EMPTY_BODY) {
        put(&t, "", 0);
    } else {
        return;
    }
    gz_free(body->s);
    *body = t;
    if (body->s == NULL)
        put(body, "", 0);
}

/* ---- output ------------------------------------------------------------ */

static void write_csv_field(gzFile gz, const char *s, size_t n, int last)
{
    size_t size = csv_write(NULL, 0, s, n);
    char *buf = gz_xmalloc(size);

    csv_write(buf, size, s, n);
    gzwrite(gz, buf, (unsigned)size);
    gzputc(gz, last ? '\n' : ',');
    gz_free(buf);
}

static int write_article_file(const struct out *o, unsigned long id, const char *date,
                              const char *title, const struct text *body)
{
    char path[4096], head[512];
    int compressed = below(20) == 0;
    gzFile f;

    snprintf(path, sizeof(path), "%s/%.4s", o->dir, date);
    mkdir(path, 0755);
    snprintf(path, sizeof(path), "%s/%.4s/%.2s", o->dir, date, date + 5);
    mkdir(path, 0755);
    snprintf(path, sizeof(path), "%s/%.4s/%.2s/gen-%08lu.txt%s", o->dir, date, date + 5, id,
             compressed ? ".gz" : "");
    if ((f = gzopen(path, compressed ? "wb6" : "wbT")) == NULL) {
        fprintf(stderr, "gencorpus: %s: %s\n", path, strerror(errno));
        return -1;
    }
    snprintf(head, sizeof(head), "date %s %s\n\n", date, title);
    gzputs(f, head);
    gzwrite(f, body->s, (unsigned)body->n);
    gzputc(f, '\n');
    return gzclose(f) == Z_OK ? 0 : -1;
}

static int write_one(const struct out *o, unsigned long id, const char *date, const char *title,
                     const struct text *body)
{
    char ident[32];

    if (!o->csv)
        return write_article_file(o, id, date, title, body);
    snprintf(ident, sizeof(ident), "g%lu", id);
    write_csv_field(o->gz, ident, strlen(ident), 0);
    write_csv_field(o->gz, date, strlen(date), 0);
    write_csv_field(o->gz, title, strlen(title), 0);
    write_csv_field(o->gz, body->s, body->n, 1);
    return 0;
}

/* Article id: a date, a title, a body, some of them dirty. A copy repeats
 * the previous article exactly (same date, title and text). */
static int generate(const struct pool *p, const struct out *o, unsigned long n)
{
    struct text body = {0};
    char date[16] = "1999-01-01", title[512] = "";
    unsigned long id;

    for (id = 1; id <= n; id++) {
        enum dirt d = pick_dirt();

        if (d != COPY || body.s == NULL) {
            gz_free(body.s);
            body = (struct text){0};
            make_body(p, &body);
            snprintf(date, sizeof(date), "%04d-%02d-%02d", 1987 + (int)below(39),
                     1 + (int)below(12), 1 + (int)below(28));
            snprintf(title, sizeof(title), "%s", p->titles.items[below(p->titles.n)]);
            if (d == BAD_DATE)
                memcpy(date + 5, "02-30", 5);
            if (d == NO_TITLE)
                title[0] = '\0';
            soil(d, &body);
        }
        if (write_one(o, id, date, title, &body) < 0)
            return -1;
    }
    gz_free(body.s);
    return 0;
}

static int usage(void)
{
    fputs("usage: gencorpus --from CSV[.gz] --out PATH [--scale S] [--seed N]"
          " [--format csv|article]\n", stderr);
    return 64;
}

int main(int argc, char **argv)
{
    const char *from = NULL, *path = NULL, *format = "csv";
    double scale = 1;
    struct pool pool = {0};
    struct out o = {0};
    int i, rc;

    rng_state = 1;
    for (i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--from") == 0) from = argv[i + 1];
        else if (strcmp(argv[i], "--out") == 0) path = argv[i + 1];
        else if (strcmp(argv[i], "--scale") == 0) scale = atof(argv[i + 1]);
        else if (strcmp(argv[i], "--seed") == 0) rng_state = strtoull(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--format") == 0) format = argv[i + 1];
        else return usage();
    }
    if (i != argc || from == NULL || path == NULL || scale <= 0
        || (strcmp(format, "csv") != 0 && strcmp(format, "article") != 0))
        return usage();
    if (read_source(from, &pool) < 0)
        return 66;
    o.csv = strcmp(format, "csv") == 0;
    o.dir = path;
    if (o.csv) {
        size_t len = strlen(path);
        int gz = len > 3 && strcmp(path + len - 3, ".gz") == 0;

        if ((o.gz = gzopen(path, gz ? "wb6" : "wbT")) == NULL) {
            fprintf(stderr, "gencorpus: %s: %s\n", path, strerror(errno));
            return 73;
        }
        gzputs(o.gz, "id,published,title,body\n");
    } else if (mkdir(path, 0755) < 0 && errno != EEXIST) {
        fprintf(stderr, "gencorpus: %s: %s\n", path, strerror(errno));
        return 73;
    }
    rc = generate(&pool, &o, (unsigned long)(scale * (double)pool.titles.n + 0.5));
    if (o.gz != NULL && gzclose(o.gz) != Z_OK)
        rc = -1;
    gz_strlist_free(&pool.titles);
    gz_strlist_free(&pool.sentences);
    return rc < 0 ? 74 : 0;
}
