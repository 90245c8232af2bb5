/*
 * wordcode.c - distributional word codes (see wordcode.h).
 */
#include "ner/wordcode.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

#define NCTX 256                /* 255 frequent context words + "other" */
#define DIM (2 * NCTX)          /* left and right neighbours */
#define BITS 16
#define ITERATIONS 60

struct vocab {
    uint64_t *keys;             /* 0 = empty */
    uint32_t *ids;
    size_t    cap, n;
    uint64_t *words;            /* id -> hash */
    uint32_t *count;            /* id -> occurrences */
};

static size_t vslot(const struct vocab *v, uint64_t h)
{
    size_t i = (size_t)(h ^ (h >> 31)) & (v->cap - 1);

    while (v->keys[i] != 0 && v->keys[i] != h)
        i = (i + 1) & (v->cap - 1);
    return i;
}

static void count_words(struct vocab *v, const uint64_t *s, size_t n)
{
    size_t i, k;

    v->cap = 1u << 20;
    while (v->cap < 2 * n) v->cap *= 2;        /* never fuller than half */
    v->keys = gz_xcalloc(v->cap, sizeof *v->keys);
    v->ids = gz_xmalloc(v->cap * sizeof *v->ids);
    v->words = gz_xmalloc(n * sizeof *v->words);
    v->count = gz_xmalloc(n * sizeof *v->count);
    v->n = 0;
    for (i = 0; i < n; i++) {
        if (s[i] == 0)
            continue;
        k = vslot(v, s[i]);
        if (v->keys[k] == 0) {
            v->keys[k] = s[i];
            v->ids[k] = (uint32_t)v->n;
            v->words[v->n] = s[i];
            v->count[v->n++] = 0;
        }
        v->count[v->ids[k]]++;
    }
}

static uint32_t id_of(const struct vocab *v, uint64_t h)
{
    size_t k = vslot(v, h);

    return v->keys[k] ? v->ids[k] : UINT32_MAX;
}

static const uint32_t *sort_count_desc_base;

static int by_count_desc(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    const uint32_t *c = sort_count_desc_base;

    if (c[x] != c[y]) return c[x] < c[y] ? 1 : -1;
    return (x > y) - (x < y);                   /* first seen first */
}

/* ctx[id] = 0..254 for the 255 most frequent words, 255 for the rest. */
static uint8_t *context_index(const struct vocab *v)
{
    uint32_t *order = gz_xmalloc(v->n * sizeof *order);
    uint8_t *ctx = gz_xmalloc(v->n);
    size_t i;

    for (i = 0; i < v->n; i++) {
        order[i] = (uint32_t)i;
        ctx[i] = NCTX - 1;
    }
    sort_count_desc_base = v->count;
    qsort(order, v->n, sizeof *order, by_count_desc);
    for (i = 0; i < v->n && i < NCTX - 1; i++)
        ctx[order[i]] = (uint8_t)i;
    gz_free(order);
    return ctx;
}

/* Row r of x: neighbour counts of word r, log-scaled and unit length. */
static void fill_rows(const struct vocab *v, const uint64_t *s, size_t n, const uint8_t *ctx,
                      const int32_t *row, float *x)
{
    size_t i, nrows = 0, j;

    for (i = 0; i < n; i++) {
        int32_t r = s[i] ? row[id_of(v, s[i])] : -1;
        if (r < 0)
            continue;
        if (i > 0 && s[i - 1] != 0)
            x[(size_t)r * DIM + ctx[id_of(v, s[i - 1])]] += 1;
        if (i + 1 < n && s[i + 1] != 0)
            x[(size_t)r * DIM + NCTX + ctx[id_of(v, s[i + 1])]] += 1;
    }
    for (i = 0; i < v->n; i++)
        nrows += row[i] >= 0;
    for (i = 0; i < nrows; i++) {
        double norm = 0;
        for (j = 0; j < DIM; j++) {
            x[i * DIM + j] = log1pf(x[i * DIM + j]);
            norm += (double)x[i * DIM + j] * x[i * DIM + j];
        }
        norm = norm > 0 ? sqrt(norm) : 1;
        for (j = 0; j < DIM; j++)
            x[i * DIM + j] = (float)(x[i * DIM + j] / norm);
    }
}

static void column_mean(const float *x, size_t rows, double *mean)
{
    size_t i, j;

    for (j = 0; j < DIM; j++)
        mean[j] = 0;
    for (i = 0; i < rows; i++)
        for (j = 0; j < DIM; j++)
            mean[j] += x[i * DIM + j];
    for (j = 0; j < DIM; j++)
        mean[j] /= (double)rows;
}

/* Covariance of the centred rows, computed on the sparse uncentred ones:
 * x'x - rows * mean mean'. */
static double *covariance(const float *x, size_t rows, const double *mean)
{
    double *cov = gz_xcalloc((size_t)DIM * DIM, sizeof *cov);
    size_t i, a, b, nz;
    uint16_t idx[DIM];

    for (i = 0; i < rows; i++) {
        const float *r = x + i * DIM;
        for (a = 0, nz = 0; a < DIM; a++)
            if (r[a] != 0) idx[nz++] = (uint16_t)a;
        for (a = 0; a < nz; a++)
            for (b = a; b < nz; b++)
                cov[idx[a] * DIM + idx[b]] += (double)r[idx[a]] * r[idx[b]];
    }
    for (a = 0; a < DIM; a++)
        for (b = a; b < DIM; b++) {
            cov[a * DIM + b] -= (double)rows * mean[a] * mean[b];
            cov[b * DIM + a] = cov[a * DIM + b];
        }
    return cov;
}

/* The top BITS eigenvectors of cov by power iteration with deflation. */
static void main_axes(double *cov, double axes[BITS][DIM])
{
    double next[DIM];
    size_t a, b;
    int k, it;

    for (k = 0; k < BITS; k++) {
        double lambda = 0;
        for (a = 0; a < DIM; a++)
            axes[k][a] = 1.0 + (double)((a * 7919 + (size_t)k * 104729) % 97) / 97.0;
        for (it = 0; it < ITERATIONS; it++) {
            double norm = 0;
            for (a = 0; a < DIM; a++) {
                double s = 0;
                for (b = 0; b < DIM; b++)
                    s += cov[a * DIM + b] * axes[k][b];
                next[a] = s;
                norm += s * s;
            }
            norm = sqrt(norm);
            if (norm == 0) break;
            for (a = 0; a < DIM; a++)
                axes[k][a] = next[a] / norm;
            lambda = norm;
        }
        for (a = 0; a < DIM; a++)           /* deflate: cov -= lambda v v' */
            for (b = 0; b < DIM; b++)
                cov[a * DIM + b] -= lambda * axes[k][a] * axes[k][b];
    }
}

static uint16_t code_of(const float *r, const double *mean, double axes[BITS][DIM])
{
    uint16_t code = 0;
    size_t a;
    int k;

    for (k = 0; k < BITS; k++) {
        double s = 0;
        for (a = 0; a < DIM; a++)
            s += (r[a] - mean[a]) * axes[k][a];
        if (s > 0)
            code |= (uint16_t)(1u << (BITS - 1 - k));
    }
    return code;
}

size_t gz_wordcode_compute(const uint64_t *stream, size_t n, unsigned min_count,
                           struct gz_wordcode **out)
{
    struct vocab v;
    uint8_t *ctx;
    int32_t *row;
    float *x;
    double *cov, (*axes)[DIM], mean[DIM];
    size_t i, rows = 0;

    *out = NULL;
    count_words(&v, stream, n);
    ctx = context_index(&v);
    row = gz_xmalloc((v.n + 1) * sizeof *row);
    for (i = 0; i < v.n; i++)
        row[i] = v.count[i] >= min_count ? (int32_t)rows++ : -1;
    if (rows > 0) {
        x = gz_xcalloc(rows * DIM, sizeof *x);
        fill_rows(&v, stream, n, ctx, row, x);
        column_mean(x, rows, mean);
        cov = covariance(x, rows, mean);
        axes = gz_xmalloc(BITS * sizeof *axes);
        main_axes(cov, axes);
        *out = gz_xmalloc(rows * sizeof **out);
        for (i = 0; i < v.n; i++)
            if (row[i] >= 0) {
                (*out)[row[i]].hash = v.words[i];
                (*out)[row[i]].code = code_of(x + (size_t)row[i] * DIM, mean, axes);
            }
        gz_free(axes);
        gz_free(cov);
        gz_free(x);
    }
    gz_free(row); gz_free(ctx);
    gz_free(v.keys); gz_free(v.ids); gz_free(v.words); gz_free(v.count);
    return rows;
}
