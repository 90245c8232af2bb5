/*
 * bench_long_article.c - the cost per MB of one very long article against
 * the cost per MB of ordinary ones, through the default stages
 * (clean_text, normalise_dates, extract_entities, normalise_names), on one
 * core, CPU time.
 *
 *   build/bench/bench_long_article [../shared/data/news/reuters21578.csv.gz]
 *
 * Reads the Reuters-21578 CSV export through the CSV source, runs every
 * article through the stages (the per-MB average), then articles of 1, 4
 * and 16 MB made of the same bodies one after another, and prints seconds
 * per MB of each and its ratio to the average. A stage whose work grows
 * faster than the text shows as a ratio growing with the size
 * (docs/BENCHMARKS.md, "One long article"; the goal is within 2x).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "core/article.h"
#include "core/mem.h"
#include "run/pipeline.h"
#include "sources/source.h"

struct corpus {
    struct gz_article **a;
    size_t              n, cap, bytes;
};

static int keep(void *ctx, struct gz_article *a, struct gz_error *err)
{
    struct corpus *c = ctx;

    (void)err;
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 4096;
        c->a = gz_xrealloc(c->a, c->cap * sizeof(*c->a));
    }
    c->a[c->n++] = a;
    c->bytes += a->body_len + a->title_len;
    return 0;
}

static int skip(void *ctx, const struct gz_reject *r, struct gz_error *err)
{
    (void)ctx, (void)r, (void)err;
    return 0;
}

static double cpu_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One article of about mb MB: the bodies one after another. */
static char *long_text(const struct corpus *c, size_t mb, size_t *len)
{
    size_t cap = (mb << 20) + 65536, n = 0, i = 0;
    char *s = gz_xmalloc(cap);

    n += (size_t)snprintf(s, cap, "date 1987-03-01 One article of %zu MB\n\n", mb);
    while (n < (mb << 20)) {
        const struct gz_article *a = c->a[i++ % c->n];

        if (n + a->body_len + 2 >= cap)
            break;
        memcpy(s + n, a->body, a->body_len);
        n += a->body_len;
        memcpy(s + n, "\n\n", 2);
        n += 2;
    }
    s[n] = '\0';
    *len = n;
    return s;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "../shared/data/news/reuters21578.csv.gz";
    struct gz_source_opts opts = {GZ_FORMAT_CSV, "id", "published", "title", "body", {-1}, NULL,
                                  (size_t)64 << 20};
    struct corpus c = {0};
    struct gz_source_out out = {keep, skip, &c, NULL};
    struct gz_error err = {0};
    struct gz_pipeline *p = gz_pipeline_default(&err);
    static const size_t sizes[] = {1, 4, 16};
    double t0, per_mb, avg;
    size_t i, mentions = 0;

    if (p == NULL || gz_pipeline_init_stages(p, &err) < 0) {
        fprintf(stderr, "bench_long_article: %s\n", err.msg);
        return 1;
    }
    if (gz_csv_read(path, &opts, &out, &err) < 0 || c.n == 0) {
        fprintf(stderr, "bench_long_article: cannot read %s\n", path);
        return 1;
    }
    printf("one long article vs the Reuters average, default stages, one core (CPU s):\n");
    t0 = cpu_now();
    for (i = 0; i < c.n; i++) {
        struct gz_error e = {0};

        if (gz_pipeline_process(p, c.a[i], &e) == 0)
            mentions += c.a[i]->n_mentions;
    }
    avg = (cpu_now() - t0) / ((double)c.bytes / (1 << 20));
    printf("  reuters: %zu articles, %.1f MB, %.3f s/MB (%zu mentions)\n", c.n,
           (double)c.bytes / (1 << 20), avg, mentions);
    for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        size_t len;
        char *text = long_text(&c, sizes[i], &len);
        struct gz_reject rej;
        struct gz_article *a = gz_article_parse("long", text, len, &opts.dates, &rej);
        struct gz_error e = {0};
        int rc;

        if (a == NULL) {
            fprintf(stderr, "bench_long_article: %s\n", rej.reason);
            return 1;
        }
        t0 = cpu_now();
        rc = gz_pipeline_process(p, a, &e);
        per_mb = (cpu_now() - t0) / ((double)len / (1 << 20));
        printf("  one article of %2zu MB: %.3f s/MB, x%.2f the average%s (%zu mentions,"
               " %zu dates)\n", sizes[i], per_mb, per_mb / avg, rc < 0 ? " FAILED" : "",
               a->n_mentions, a->n_dates);
        gz_article_free(a);
        gz_free(text);
    }
    {
        struct rusage ru;

        getrusage(RUSAGE_SELF, &ru);
        printf("  peak RSS %ld MB (the corpus held in memory included)\n", ru.ru_maxrss >> 10);
    }
    for (i = 0; i < c.n; i++)
        gz_article_free(c.a[i]);
    gz_free(c.a);
    gz_pipeline_fini_stages(p);
    gz_pipeline_free(p);
    return 0;
}
