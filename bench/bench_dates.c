/*
 * bench_dates.c - the normalise_dates stage alone over the bodies of the
 * Reuters-21578 CSV export, on one core.
 *
 *   build/bench/bench_dates [../shared/data/news/reuters21578.csv.gz] [rounds]
 *
 * Reads the gzip file (zlib) and its rows (libcsv) into memory first, then
 * times only the stage's process() over every article, `rounds` times (3
 * by default), and prints the best round: MB/s of body text, articles/s and
 * the number of expressions found.
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "core/article.h"
#include "core/mem.h"
#include "stages/stage.h"
#include "dates/pubdate.h"

extern const struct gz_stage_ops gz_stage_normalise_dates;

struct rows {
    struct gz_article **v;
    size_t n, cap;
    int field;                  /* column of the current row */
    struct gz_article *cur;
    long line;
};

static char *read_gz(const char *path, size_t *len)
{
    gzFile f = gzopen(path, "rb");
    size_t cap = 1 << 24, n = 0;
    char *buf;
    int got;

    if (f == NULL)
        return NULL;
    buf = gz_xmalloc(cap);
    while ((got = gzread(f, buf + n, (unsigned)(cap - n))) > 0) {
        n += (size_t)got;
        if (n == cap)
            buf = gz_xrealloc(buf, cap *= 2);
    }
    gzclose(f);
    *len = n;
    return buf;
}

static void on_field(void *s, size_t len, void *data)
{
    struct rows *r = data;
    struct gz_article *a;
    size_t used;
    const char *why;

    if (r->cur == NULL)
        r->cur = gz_article_new();
    a = r->cur;
    if (r->field == 1)
        gz_pubdate_parse(s, len, NULL, &a->published, &used, &why);
    else if (r->field == 3) {
        a->body = gz_arena_strndup(a->arena, s, len);
        a->body_len = len;
    }
    r->field++;
}

static void on_row(int c, void *data)
{
    struct rows *r = data;

    (void)c;
    if (r->line++ > 0 && r->cur != NULL && r->cur->published.year != 0) {
        if (r->n == r->cap) {
            r->cap = r->cap ? r->cap * 2 : 1024;
            r->v = gz_xrealloc(r->v, r->cap * sizeof(*r->v));
        }
        r->v[r->n++] = r->cur;
    } else {
        gz_article_free(r->cur);
    }
    r->cur = NULL;
    r->field = 0;
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One round over every article; returns seconds, counts expressions. */
static double round_once(struct gz_stage *st, struct rows *r, size_t *found)
{
    struct gz_error err;
    double t0 = now();
    size_t i;

    *found = 0;
    for (i = 0; i < r->n; i++) {
        r->v[i]->n_dates = 0;
        if (st->ops->process(st, r->v[i], &err) == 0)
            *found += r->v[i]->n_dates;
    }
    return now() - t0;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "../shared/data/news/reuters21578.csv.gz";
    int rounds = argc > 2 ? atoi(argv[2]) : 3, k;
    struct rows r = {0};
    struct csv_parser p;
    struct gz_stage st = {&gz_stage_normalise_dates, NULL, ".", NULL};
    struct gz_error err;
    size_t len, i, bytes = 0, found = 0;
    char *buf = read_gz(path, &len);
    double best = 1e30;

    if (buf == NULL || csv_init(&p, 0) != 0) {
        fprintf(stderr, "bench_dates: cannot read %s\n", path);
        return 1;
    }
    csv_parse(&p, buf, len, on_field, on_row, &r);
    csv_fini(&p, on_field, on_row, &r);
    csv_free(&p);
    gz_free(buf);
    if (st.ops->init(&st, &err) < 0) {
        fprintf(stderr, "bench_dates: %s\n", err.msg);
        return 1;
    }
    for (i = 0; i < r.n; i++)
        bytes += r.v[i]->body_len;
    for (k = 0; k < rounds; k++) {
        double t = round_once(&st, &r, &found);

        best = t < best ? t : best;
    }
    printf("date stage: %zu articles, %.1f MB of body text, %zu expressions\n", r.n, bytes / 1e6,
           found);
    printf("best of %d rounds: %.3f s, %.1f MB/s, %.0f articles/s (one core)\n", rounds, best,
           bytes / 1e6 / best, r.n / best);
    st.ops->fini(&st);
    for (i = 0; i < r.n; i++)
        gz_article_free(r.v[i]);
    gz_free(r.v);
    return 0;
}
