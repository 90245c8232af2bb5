/*
 * brown.c - Brown word clusters over unlabelled text (see brown.h).
 *
 * Words are numbered by falling frequency; text becomes a stream of those
 * numbers (NONE between texts and sentences and for rare words) and then a
 * table of bigram counts. The clustering keeps at most K = clusters + 1
 * active clusters in dense K x K arrays: counts n(a,b), terms
 * q(a,b) = p(a,b) log p(a,b) / (pl(a) pr(b)) of the mutual information,
 * and L(a,b), the information lost by merging a and b, updated in O(K^2)
 * a step as Liang (2005, section 3.2) describes.
 */
#include "ner/brown.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/hash.h"
#include "core/mem.h"
#include "ner/csvbody.h"
#include "text/sentence.h"
#include "text/tokenize.h"

#define NONE UINT32_MAX
#define MAX_WORD 64             /* longer tokens are not clustered */
#define LOG_TABLE (1u << 20)    /* log(n) for small counts, looked up */

struct vword {
    uint32_t off, len;          /* bytes in chars */
    uint64_t count;
};

struct gz_brown {
    char         *chars;        /* word bytes, lower-cased */
    size_t        nchars, capchars;
    struct vword *w;
    size_t        nw, capw;
    uint32_t     *slots;        /* hash table of word ids, NONE = empty */
    size_t        nslots;
    uint32_t     *stream;       /* word ids in text order, NONE as a break */
    size_t        n, cap;
    int           keep_case;
};

void gz_brown_defaults(struct gz_brown_opts *o)
{
    o->clusters = 256;
    o->min_count = 5;
    o->max_words = 50000;
    o->log = NULL;
}

struct gz_brown *gz_brown_new(void)
{
    struct gz_brown *b = gz_xcalloc(1, sizeof *b);

    b->nslots = 1u << 16;
    b->slots = gz_xmalloc(b->nslots * sizeof *b->slots);
    memset(b->slots, 0xff, b->nslots * sizeof *b->slots);
    return b;
}

void gz_brown_keep_case(struct gz_brown *b)
{
    b->keep_case = 1;
}

void gz_brown_free(struct gz_brown *b)
{
    if (b == NULL)
        return;
    gz_free(b->chars);
    gz_free(b->w);
    gz_free(b->slots);
    gz_free(b->stream);
    gz_free(b);
}

static void push(struct gz_brown *b, uint32_t id)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 1u << 20;
        b->stream = gz_xrealloc(b->stream, b->cap * sizeof *b->stream);
    }
    b->stream[b->n++] = id;
}

static size_t find_slot(const struct gz_brown *b, const char *s, size_t n, uint64_t h)
{
    size_t i = (size_t)h & (b->nslots - 1);

    while (b->slots[i] != NONE) {
        const struct vword *v = &b->w[b->slots[i]];
        if (v->len == n && memcmp(b->chars + v->off, s, n) == 0)
            break;
        i = (i + 1) & (b->nslots - 1);
    }
    return i;
}

static void grow_slots(struct gz_brown *b)
{
    size_t i;

    gz_free(b->slots);
    b->nslots *= 2;
    b->slots = gz_xmalloc(b->nslots * sizeof *b->slots);
    memset(b->slots, 0xff, b->nslots * sizeof *b->slots);
    for (i = 0; i < b->nw; i++) {
        const char *s = b->chars + b->w[i].off;
        size_t len = b->w[i].len;
        b->slots[find_slot(b, s, len, gz_hash64(s, len))] = (uint32_t)i;
    }
}

/* Id of the word s[0..n) (lower-cased), added when new. */
static uint32_t word_id(struct gz_brown *b, const char *s, size_t n)
{
    size_t i = find_slot(b, s, n, gz_hash64(s, n));

    if (b->slots[i] != NONE)
        return b->slots[i];
    if (2 * (b->nw + 1) > b->nslots) {
        grow_slots(b);
        i = find_slot(b, s, n, gz_hash64(s, n));
    }
    if (b->nw == b->capw) {
        b->capw = b->capw ? 2 * b->capw : 1u << 16;
        b->w = gz_xrealloc(b->w, b->capw * sizeof *b->w);
    }
    while (b->nchars + n > b->capchars) {
        b->capchars = b->capchars ? 2 * b->capchars : 1u << 20;
        b->chars = gz_xrealloc(b->chars, b->capchars);
    }
    memcpy(b->chars + b->nchars, s, n);
    b->w[b->nw] = (struct vword){ (uint32_t)b->nchars, (uint32_t)n, 0 };
    b->nchars += n;
    b->slots[i] = (uint32_t)b->nw;
    return (uint32_t)b->nw++;
}

static void add_token(struct gz_brown *b, const char *s, size_t n)
{
    char lower[MAX_WORD];
    size_t i;
    uint32_t id;

    if (n == 0 || n > sizeof lower) {
        push(b, NONE);
        return;
    }
    for (i = 0; i < n; i++)
        lower[i] = (s[i] >= 'A' && s[i] <= 'Z' && !b->keep_case) ? (char)(s[i] + 32) : s[i];
    id = word_id(b, lower, n);
    b->w[id].count++;
    push(b, id);
}

void gz_brown_add_text(struct gz_brown *b, const char *text, size_t len)
{
    struct gz_token *t;
    size_t n = gz_tokenize(text, len, &t), i;

    gz_sentence_split(text, t, n);
    for (i = 0; i < n; i++) {
        if (i > 0 && t[i].sentence != t[i - 1].sentence)
            push(b, NONE);
        add_token(b, text + t[i].start, t[i].end - t[i].start);
    }
    push(b, NONE);
    gz_free(t);
}

int gz_brown_add_lines(struct gz_brown *b, const char *path, struct gz_error *err)
{
    gzFile f = gzopen(path, "rb");
    char *line = gz_xmalloc(1u << 20);

    if (f == NULL) {
        gz_free(line);
        return gz_fail(err, EX_NOINPUT, "could not open \"%s\": %s", path, strerror(errno));
    }
    while (gzgets(f, line, 1u << 20) != NULL)
        gz_brown_add_text(b, line, strlen(line));
    gzclose(f);
    gz_free(line);
    return 0;
}

int gz_brown_add_gmb(struct gz_brown *b, const char *path, struct gz_error *err)
{
    gzFile f = gzopen(path, "rb");
    char line[4096];

    if (f == NULL)
        return gz_fail(err, EX_NOINPUT, "could not open \"%s\": %s", path, strerror(errno));
    while (gzgets(f, line, sizeof line) != NULL) {
        char *tab = strchr(line, '\t');
        if (tab == NULL)
            push(b, NONE);
        else
            add_token(b, line, (size_t)(tab - line));
    }
    push(b, NONE);
    gzclose(f);
    return 0;
}

static void add_body(void *ctx, const char *s, size_t n)
{
    gz_brown_add_text(ctx, s, n);
}

int gz_brown_add_csv(struct gz_brown *b, const char *path, struct gz_error *err)
{
    return gz_csv_each_body(path, add_body, b, err);
}

/* ---- vocabulary and bigrams ---- */

static const struct gz_brown *sort_base;

/* Falling count, then bytes, so that the order does not depend on the
 * order of the input files. */
static int by_count(const void *x, const void *y)
{
    const struct vword *a = &sort_base->w[*(const uint32_t *)x];
    const struct vword *c = &sort_base->w[*(const uint32_t *)y];
    size_t n = a->len < c->len ? a->len : c->len;
    int d;

    if (a->count != c->count)
        return a->count < c->count ? 1 : -1;
    d = memcmp(sort_base->chars + a->off, sort_base->chars + c->off, n);
    return d ? d : (a->len > c->len) - (a->len < c->len);
}

static int by_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, c = *(const uint64_t *)y;

    return (a > c) - (a < c);
}

/* Bigram counts of words 0..nv (numbered by rank) as compressed rows:
 * row a holds (b, count) for each sorted pair a << 32 | b (right
 * neighbours; the left ones from the pairs swapped). */
struct rows {
    size_t   *start;            /* nv + 1 */
    uint32_t *other;
    uint64_t *count;
};

static void rows_from_pairs(const uint64_t *pairs, size_t n, size_t nv, struct rows *r)
{
    size_t i, k = 0;

    r->start = gz_xcalloc(nv + 1, sizeof *r->start);
    r->other = gz_xmalloc((n ? n : 1) * sizeof *r->other);
    r->count = gz_xmalloc((n ? n : 1) * sizeof *r->count);
    for (i = 0; i < n; ) {
        size_t j = i;
        uint64_t p = pairs[i];
        while (j < n && pairs[j] == p) j++;
        r->start[(p >> 32) + 1]++;
        r->other[k] = (uint32_t)p;
        r->count[k++] = j - i;
        i = j;
    }
    for (i = 0; i < nv; i++)
        r->start[i + 1] += r->start[i];
}

static void rows_free(struct rows *r)
{
    gz_free(r->start);
    gz_free(r->other);
    gz_free(r->count);
}

/* ---- the clustering state ---- */

struct state {
    size_t    k;                /* slots: clusters + 1 */
    size_t    dim;              /* k + 1: slot k is the rest, the words not yet in */
    size_t    nv;               /* words clustered */
    double    total, log_total;
    double   *lg;               /* log n for n < LOG_TABLE */
    uint64_t *n;                /* k x k counts */
    double   *q, *loss;         /* k x k; loss only for a < b */
    uint64_t *nl, *nr;          /* per slot: bigrams with it on the left/right */
    double   *lnl, *lnr;        /* their logs */
    uint32_t *members, *next;   /* per slot: first word; per word: next word */
    uint32_t *slot_of;          /* per word, NONE until it enters */
    int      *active;
    uint32_t *node;             /* per slot: tree node (final phase) */
};

static double lg(const struct state *s, uint64_t n)
{
    return n < LOG_TABLE ? s->lg[n] : log((double)n);
}

/* One term of the mutual information for count c with marginal logs la, lb. */
static double term(const struct state *s, uint64_t c, double la, double lb)
{
    return c == 0 ? 0.0 : (double)c * (lg(s, c) + s->log_total - la - lb) / s->total;
}

#define N(a, b) s->n[(a) * s->dim + (b)]
#define Q(a, b) s->q[(a) * s->dim + (b)]
#define LOSS(a, b) s->loss[(a) * s->dim + (b)]
#define REST(s) ((s)->k)

static void set_q(struct state *s, size_t a)
{
    size_t x;

    for (x = 0; x < s->dim; x++) {
        if (!s->active[x])
            continue;
        Q(a, x) = term(s, N(a, x), s->lnl[a], s->lnr[x]);
        Q(x, a) = term(s, N(x, a), s->lnl[x], s->lnr[a]);
    }
}

/* What merging i and j changes in the terms with a third cluster x; lml
 * and lmr are the logs of the merged cluster's marginals. */
static double delta(const struct state *s, size_t i, size_t j, size_t x, double lml, double lmr)
{
    return Q(i, x) + Q(x, i) + Q(j, x) + Q(x, j)
           - term(s, N(i, x) + N(j, x), lml, s->lnr[x])
           - term(s, N(x, i) + N(x, j), s->lnl[x], lmr);
}

/* The information lost by merging i and j, from scratch. */
static double full_loss(const struct state *s, size_t i, size_t j)
{
    double lml = lg(s, s->nl[i] + s->nl[j]), lmr = lg(s, s->nr[i] + s->nr[j]);
    double sum = Q(i, i) + Q(i, j) + Q(j, i) + Q(j, j)
                 - term(s, N(i, i) + N(i, j) + N(j, i) + N(j, j), lml, lmr);
    size_t x;

    for (x = 0; x < s->dim; x++)
        if (s->active[x] && x != i && x != j)
            sum += delta(s, i, j, x, lml, lmr);
    return sum;
}

/* Add sign * delta(i, j, x) to the loss of every active pair without x
 * (or without x and y when y is a slot). */
static void shift_losses(struct state *s, size_t x, size_t y, double sign)
{
    size_t i, j;

    for (i = 0; i < s->k; i++) {
        if (!s->active[i] || i == x || i == y)
            continue;
        for (j = i + 1; j < s->k; j++) {
            double lml, lmr, d;
            if (!s->active[j] || j == x || j == y)
                continue;
            lml = lg(s, s->nl[i] + s->nl[j]);
            lmr = lg(s, s->nr[i] + s->nr[j]);
            d = delta(s, i, j, x, lml, lmr);
            if (y != NONE)
                d += delta(s, i, j, y, lml, lmr);
            LOSS(i, j) += sign * d;
        }
    }
}

static void fresh_losses(struct state *s, size_t a)
{
    size_t x;

    for (x = 0; x < s->k; x++)
        if (s->active[x] && x != a)
            LOSS(x < a ? x : a, x < a ? a : x) = full_loss(s, x, a);
}

static void set_marginals(struct state *s, size_t a, uint64_t nl, uint64_t nr)
{
    s->nl[a] = nl;
    s->nr[a] = nr;
    s->lnl[a] = lg(s, nl);
    s->lnr[a] = lg(s, nr);
}

/* Word w (rank) leaves the rest and enters as slot a. */
static void enter(struct state *s, const struct rows *right, const struct rows *left,
                  uint32_t w, size_t a)
{
    size_t x, e, r = REST(s);
    uint64_t nl = 0, nr = 0, inl = 0, inr = 0;

    shift_losses(s, r, NONE, -1.0);
    for (x = 0; x < s->dim; x++)
        N(a, x) = N(x, a) = 0;
    for (e = right->start[w]; e < right->start[w + 1]; e++) {
        uint32_t o = right->other[e];
        nl += right->count[e];
        if (o == w) N(a, a) += right->count[e];
        else if (s->slot_of[o] != NONE) N(a, s->slot_of[o]) += right->count[e];
    }
    for (e = left->start[w]; e < left->start[w + 1]; e++) {
        uint32_t o = left->other[e];
        nr += left->count[e];
        if (o != w && s->slot_of[o] != NONE) N(s->slot_of[o], a) += left->count[e];
    }
    for (x = 0; x < s->k; x++) {
        if (!s->active[x] && x != a)
            continue;
        inl += N(a, x);
        inr += N(x, a);
        if (x != a) {
            N(x, r) -= N(x, a);
            N(r, x) -= N(a, x);
        }
    }
    N(a, r) = nl - inl;
    N(r, a) = nr - inr;
    set_marginals(s, a, nl, nr);
    set_marginals(s, r, s->nl[r] - nl, s->nr[r] - nr);
    s->slot_of[w] = (uint32_t)a;
    s->members[a] = w;
    s->next[w] = NONE;
    s->active[a] = 1;
    set_q(s, r);
    set_q(s, a);
    shift_losses(s, r, a, 1.0);
    fresh_losses(s, a);
}

static void best_pair(const struct state *s, size_t *bi, size_t *bj)
{
    double best = INFINITY;
    size_t i, j;

    *bi = *bj = 0;
    for (i = 0; i < s->k; i++) {
        if (!s->active[i])
            continue;
        for (j = i + 1; j < s->k; j++)
            if (s->active[j] && LOSS(i, j) < best) {
                best = LOSS(i, j);
                *bi = i;
                *bj = j;
            }
    }
}

/* Merge slot b into slot a; b becomes free. */
static void merge(struct state *s, size_t a, size_t b)
{
    size_t x;
    uint32_t w, last = NONE;

    shift_losses(s, a, b, -1.0);
    for (x = 0; x < s->dim; x++) {
        if (!s->active[x] || x == a || x == b)
            continue;
        N(a, x) += N(b, x);
        N(x, a) += N(x, b);
    }
    N(a, a) += N(a, b) + N(b, a) + N(b, b);
    set_marginals(s, a, s->nl[a] + s->nl[b], s->nr[a] + s->nr[b]);
    s->active[b] = 0;
    set_q(s, a);
    shift_losses(s, a, NONE, 1.0);
    fresh_losses(s, a);
    for (w = s->members[b]; w != NONE; w = s->next[w]) {
        s->slot_of[w] = (uint32_t)a;
        last = w;
    }
    if (last != NONE) {
        s->next[last] = s->members[a];
        s->members[a] = s->members[b];
    }
}

static void state_init(struct state *s, size_t clusters, size_t nv, uint64_t total)
{
    size_t i;

    memset(s, 0, sizeof *s);
    s->k = clusters + 1;
    s->dim = s->k + 1;
    s->nv = nv;
    s->total = (double)total;
    s->log_total = log((double)total);
    s->lg = gz_xmalloc(LOG_TABLE * sizeof *s->lg);
    s->lg[0] = 0;
    for (i = 1; i < LOG_TABLE; i++)
        s->lg[i] = log((double)i);
    s->n = gz_xcalloc(s->dim * s->dim, sizeof *s->n);
    s->q = gz_xcalloc(s->dim * s->dim, sizeof *s->q);
    s->loss = gz_xcalloc(s->dim * s->dim, sizeof *s->loss);
    s->nl = gz_xcalloc(s->dim, sizeof *s->nl);
    s->nr = gz_xcalloc(s->dim, sizeof *s->nr);
    s->lnl = gz_xcalloc(s->dim, sizeof *s->lnl);
    s->lnr = gz_xcalloc(s->dim, sizeof *s->lnr);
    s->members = gz_xcalloc(s->k, sizeof *s->members);
    s->active = gz_xcalloc(s->dim, sizeof *s->active);
    s->node = gz_xcalloc(s->k, sizeof *s->node);
    s->next = gz_xmalloc(nv * sizeof *s->next);
    s->slot_of = gz_xmalloc(nv * sizeof *s->slot_of);
    memset(s->slot_of, 0xff, nv * sizeof *s->slot_of);
    N(s->k, s->k) = total;
    set_marginals(s, s->k, total, total);
    s->active[s->k] = 1;
}

static void state_free(struct state *s)
{
    gz_free(s->lg);
    gz_free(s->n);
    gz_free(s->q);
    gz_free(s->loss);
    gz_free(s->nl);
    gz_free(s->nr);
    gz_free(s->lnl);
    gz_free(s->lnr);
    gz_free(s->members);
    gz_free(s->active);
    gz_free(s->node);
    gz_free(s->next);
    gz_free(s->slot_of);
}

/* ---- the merge tree and the paths ---- */

struct tree {
    uint32_t *left, *right;     /* per internal node (id - leaves) */
    char    **path;             /* per leaf */
    size_t    leaves;
};

static void assign_paths(struct tree *t, uint32_t node, char *buf, size_t depth)
{
    if (node < t->leaves) {
        buf[depth] = '\0';
        t->path[node] = gz_xstrdup(depth ? buf : "0");
        return;
    }
    buf[depth] = '0';
    assign_paths(t, t->left[node - t->leaves], buf, depth + 1);
    buf[depth] = '1';
    assign_paths(t, t->right[node - t->leaves], buf, depth + 1);
}

/* Merge the active clusters down to one; leaves are numbered in slot
 * order. Fills t and leaf_of[word]. */
static void build_tree(struct state *s, struct tree *t, uint32_t *leaf_of, FILE *log_to)
{
    size_t a, w, nodes = 0;
    char *buf;

    for (a = 0; a < s->k; a++)
        if (s->active[a])
            s->node[a] = (uint32_t)nodes++;
    for (w = 0; w < s->nv; w++)
        leaf_of[w] = s->node[s->slot_of[w]];
    t->leaves = nodes;
    t->left = gz_xcalloc(nodes, sizeof *t->left);
    t->right = gz_xcalloc(nodes, sizeof *t->right);
    t->path = gz_xcalloc(nodes, sizeof *t->path);
    for (a = 1; a < t->leaves; a++) {
        size_t i, j;
        best_pair(s, &i, &j);
        t->left[nodes - t->leaves] = s->node[i];
        t->right[nodes - t->leaves] = s->node[j];
        s->node[i] = (uint32_t)nodes++;
        merge(s, i, j);
    }
    if (log_to)
        fprintf(log_to, "brown: tree of %zu leaves\n", t->leaves);
    buf = gz_xmalloc(t->leaves + 1);
    assign_paths(t, (uint32_t)(nodes - 1), buf, 0);
    gz_free(buf);
}

static void tree_free(struct tree *t)
{
    size_t i;

    for (i = 0; i < t->leaves; i++)
        gz_free(t->path[i]);
    gz_free(t->path);
    gz_free(t->left);
    gz_free(t->right);
}

/* ---- putting it together ---- */

/* Word ids in rank order (rank -> id), at most max words of min_count. */
static uint32_t *rank_words(const struct gz_brown *b, const struct gz_brown_opts *o, size_t *nv)
{
    uint32_t *order = gz_xmalloc((b->nw ? b->nw : 1) * sizeof *order);
    size_t i;

    for (i = 0; i < b->nw; i++)
        order[i] = (uint32_t)i;
    sort_base = b;
    qsort(order, b->nw, sizeof *order, by_count);
    for (i = 0; i < b->nw && i < o->max_words; i++)
        if (b->w[order[i]].count < o->min_count)
            break;
    *nv = i;
    return order;
}

/* Sorted bigrams (rank a << 32 | rank b) of the stream; returns how many. */
static size_t bigrams(const struct gz_brown *b, const uint32_t *rank, uint64_t **out)
{
    uint64_t *p = gz_xmalloc((b->n ? b->n : 1) * sizeof *p);
    size_t i, n = 0;

    for (i = 0; i + 1 < b->n; i++) {
        uint32_t x = b->stream[i], y = b->stream[i + 1];
        if (x == NONE || y == NONE || rank[x] == NONE || rank[y] == NONE)
            continue;
        p[n++] = (uint64_t)rank[x] << 32 | rank[y];
    }
    qsort(p, n, sizeof *p, by_u64);
    *out = p;
    return n;
}

static void cluster(struct state *s, const struct rows *right, const struct rows *left,
                    size_t clusters, FILE *log_to)
{
    size_t w, a, i, j;

    for (w = 0; w < s->nv; w++) {
        for (a = 0; a < s->k && s->active[a]; a++)
            ;
        enter(s, right, left, (uint32_t)w, a);
        if (w >= clusters) {
            best_pair(s, &i, &j);
            merge(s, i, j);
        }
        if (log_to && (w + 1) % 5000 == 0)
            fprintf(log_to, "brown: %zu of %zu words\n", w + 1, s->nv);
    }
}

struct out_line {
    const char *path;
    uint32_t    rank;
};

static int by_path(const void *x, const void *y)
{
    const struct out_line *a = x, *b = y;
    int d = strcmp(a->path, b->path);

    return d ? d : (a->rank > b->rank) - (a->rank < b->rank);
}

static int write_table(const struct gz_brown *b, const uint32_t *order, size_t nv,
                       const char *const *path_of, const char *path, struct gz_error *err)
{
    struct out_line *lines = gz_xmalloc((nv ? nv : 1) * sizeof *lines);
    gzFile f = gzopen(path, "wb9");
    size_t i;
    int rc = 0;

    if (f == NULL) {
        gz_free(lines);
        return gz_fail(err, EX_CANTCREAT, "could not create \"%s\": %s", path, strerror(errno));
    }
    for (i = 0; i < nv; i++)
        lines[i] = (struct out_line){ path_of[i], (uint32_t)i };
    qsort(lines, nv, sizeof *lines, by_path);
    for (i = 0; i < nv; i++) {
        const struct vword *v = &b->w[order[lines[i].rank]];
        if (gzprintf(f, "%.*s\t%s\t%llu\n", (int)v->len, b->chars + v->off, lines[i].path,
                     (unsigned long long)v->count) <= 0)
            rc = -1;
    }
    if (gzclose(f) != Z_OK || rc != 0)
        rc = gz_fail(err, EX_IOERR, "could not write \"%s\"", path);
    gz_free(lines);
    return rc;
}

int gz_brown_write(struct gz_brown *b, const struct gz_brown_opts *o, const char *path,
                   struct gz_error *err)
{
    size_t nv, npairs, w, clusters;
    uint32_t *order = rank_words(b, o, &nv), *rank, *leaf_of;
    uint64_t *pairs;
    struct rows right, left;
    struct state s;
    struct tree t;
    const char **path_of;
    int rc;

    if (o->clusters < 2)
        return gz_free(order), gz_fail(err, EX_USAGE, "clusters must be at least 2");
    if (nv < 2)
        return gz_free(order), gz_fail(err, EX_DATAERR, "too little text to cluster");
    rank = gz_xmalloc(b->nw * sizeof *rank);
    memset(rank, 0xff, b->nw * sizeof *rank);
    for (w = 0; w < nv; w++)
        rank[order[w]] = (uint32_t)w;
    npairs = bigrams(b, rank, &pairs);
    rows_from_pairs(pairs, npairs, nv, &right);
    for (w = 0; w < npairs; w++)
        pairs[w] = (pairs[w] << 32) | (pairs[w] >> 32);
    qsort(pairs, npairs, sizeof *pairs, by_u64);
    rows_from_pairs(pairs, npairs, nv, &left);
    gz_free(pairs);
    if (o->log)
        fprintf(o->log, "brown: %zu tokens, %zu words clustered, %zu bigrams\n", b->n, nv, npairs);
    clusters = o->clusters < nv ? o->clusters : nv;
    state_init(&s, clusters, nv, npairs ? npairs : 1);
    cluster(&s, &right, &left, clusters, o->log);
    leaf_of = gz_xmalloc(nv * sizeof *leaf_of);
    build_tree(&s, &t, leaf_of, o->log);
    path_of = gz_xmalloc(nv * sizeof *path_of);
    for (w = 0; w < nv; w++)
        path_of[w] = t.path[leaf_of[w]];
    rc = write_table(b, order, nv, path_of, path, err);
    gz_free(path_of);
    gz_free(leaf_of);
    tree_free(&t);
    state_free(&s);
    rows_free(&right);
    rows_free(&left);
    gz_free(rank);
    gz_free(order);
    return rc;
}
