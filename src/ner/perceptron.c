/*
 * perceptron.c - averaged perceptron training (see perceptron.h).
 */
#include "ner/perceptron.h"

#include <limits.h>
#include <math.h>
#include <string.h>

#include "core/mem.h"
#include "ner/ner_eval.h"
#include "ner/nerdoc.h"
#include "ner/tagger.h"

#define NT GZ_NER_NTAGS
#define NONE UINT32_MAX
#define COPY_SALT 0x5bd1e9955bd1e995ull  /* copies of extra features */

/* Feature hash -> dense id, open addressing. */
struct fmap {
    uint64_t *keys;
    uint32_t *ids;
    size_t    cap, n;
};

static void fmap_init(struct fmap *m, size_t cap)
{
    m->cap = cap;
    m->n = 0;
    m->keys = gz_xcalloc(cap, sizeof *m->keys);
    m->ids = gz_xmalloc(cap * sizeof *m->ids);
}

/* Keys are stored as h | 1 (0 marks an empty slot), and the probe starts
 * from the stored form, so that fmap_grow, which has only the stored keys,
 * puts each where later look-ups of h search. */
static size_t fmap_slot(const struct fmap *m, uint64_t h)
{
    size_t i;

    h |= 1;
    i = (size_t)(h ^ (h >> 29)) & (m->cap - 1);
    while (m->keys[i] != 0 && m->keys[i] != h)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static uint32_t fmap_get(const struct fmap *m, uint64_t h)
{
    size_t i = fmap_slot(m, h);

    return m->keys[i] != 0 ? m->ids[i] : NONE;
}

static void fmap_grow(struct fmap *m)
{
    struct fmap bigger;
    size_t i;

    fmap_init(&bigger, m->cap * 2);
    for (i = 0; i < m->cap; i++)
        if (m->keys[i] != 0) {
            size_t s = fmap_slot(&bigger, m->keys[i]);
            bigger.keys[s] = m->keys[i];
            bigger.ids[s] = m->ids[i];
        }
    bigger.n = m->n;
    gz_free(m->keys);
    gz_free(m->ids);
    *m = bigger;
}

/* Id of h, added when new; its original hash goes to (*hashes)[id]. */
static uint32_t fmap_add(struct fmap *m, uint64_t h, uint64_t **hashes, size_t *cap_hashes)
{
    size_t i;

    if (2 * (m->n + 1) > m->cap)
        fmap_grow(m);
    i = fmap_slot(m, h);
    if (m->keys[i] != 0)
        return m->ids[i];
    m->keys[i] = h | 1;
    m->ids[i] = (uint32_t)m->n;
    if (m->n == *cap_hashes) {
        *cap_hashes = *cap_hashes ? 2 * *cap_hashes : 65536;
        *hashes = gz_xrealloc(*hashes, *cap_hashes * sizeof **hashes);
    }
    (*hashes)[m->n] = h;
    return (uint32_t)m->n++;
}

/* The feature ids of every token of a corpus, CSR style. */
struct featset {
    size_t   *off;              /* ntoks + 1 */
    uint32_t *ids;
};

/* The feature ids of the tokens of one document piece: sentences
 * starts[0..k) of c, prepared and document-marked together as the tagger
 * does (gz_ner_tag_doc). */
static void extract_piece(const struct gz_conll *c, const struct gz_nerlex *lex,
                          const size_t *starts, size_t k, struct gz_nerfeat_word *w,
                          struct fmap *m, int add, uint64_t **hashes, size_t *cap_hashes,
                          struct featset *fs, size_t *len, size_t *cap)
{
    uint64_t feats[GZ_NERFEAT_MAX];
    size_t first = starts[0], s, i, f, nf;

    for (s = 0; s < k; s++)
        gz_nerfeat_prepare(c->toks + starts[s], starts[s + 1] - starts[s], lex,
                           w + (starts[s] - first));
    gz_nerdoc_mark(c->toks + first, w, starts, k);
    for (s = 0; s < k; s++) {
        const struct gz_ner_tok *t = c->toks + starts[s];
        size_t n = starts[s + 1] - starts[s];
        for (i = 0; i < n; i++) {
            fs->off[starts[s] + i] = *len;
            nf = gz_nerfeat_extract(t, w + (starts[s] - first), n, i, feats);
            if (*len + nf > *cap) {
                *cap *= 2;
                fs->ids = gz_xrealloc(fs->ids, *cap * sizeof *fs->ids);
            }
            for (f = 0; f < nf; f++) {
                uint32_t id = add ? fmap_add(m, feats[f], hashes, cap_hashes)
                                  : fmap_get(m, feats[f]);
                if (id != NONE)
                    fs->ids[(*len)++] = id;
            }
        }
    }
}

static void extract_corpus(const struct gz_conll *c, const struct gz_nerlex *lex,
                           struct fmap *m, int add,
                           uint64_t **hashes, size_t *cap_hashes, struct featset *fs)
{
    struct gz_nerfeat_word *w = NULL;
    size_t d, s, k, cap = (size_t)c->ntoks * 32 + 1, len = 0, wcap = 0;

    fs->off = gz_xmalloc((c->ntoks + 1) * sizeof *fs->off);
    fs->ids = gz_xmalloc(cap * sizeof *fs->ids);
    for (d = 0; d < c->ndocs; d++)
        for (s = c->docs[d]; s < c->docs[d + 1]; s += k) {
            const size_t *starts = c->starts + s;
            k = gz_nerdoc_piece(starts, c->docs[d + 1] - s);
            if (starts[k] - starts[0] > wcap) {
                wcap = starts[k] - starts[0];
                w = gz_xrealloc(w, wcap * sizeof *w);
            }
            extract_piece(c, lex, starts, k, w, m, add, hashes, cap_hashes, fs, &len, &cap);
        }
    fs->off[c->ntoks] = len;
    gz_free(w);
}

/* Each feature of fs also fires as a copy of its own (hash ^ salt), added
 * to m after every other feature: ids from the m->n of before on. */
static void add_copies(struct featset *fs, size_t ntoks, struct fmap *m, uint64_t salt,
                       uint64_t **hashes, size_t *cap_hashes)
{
    size_t i, k, len = 0;
    size_t *off = gz_xmalloc((ntoks + 1) * sizeof *off);
    uint32_t *ids = gz_xmalloc(2 * fs->off[ntoks] * sizeof *ids + 1);

    for (i = 0; i < ntoks; i++) {
        off[i] = len;
        for (k = fs->off[i]; k < fs->off[i + 1]; k++) {
            ids[len++] = fs->ids[k];
            ids[len++] = fmap_add(m, (*hashes)[fs->ids[k]] ^ salt, hashes, cap_hashes);
        }
    }
    off[ntoks] = len;
    gz_free(fs->off);
    gz_free(fs->ids);
    fs->off = off;
    fs->ids = ids;
}

struct weights {
    size_t   nfeat;
    int32_t *w;                 /* nfeat * NT */
    int64_t *u;                 /* sum of step * update, for averaging */
    int32_t  tw[GZ_NER_NTRANS];
    int64_t  tu[GZ_NER_NTRANS];
    int64_t  step;
    int      d, dcopy;          /* update sizes: shared weights, copies */
    size_t   ngeneral;          /* ids from here on are copies (add_copies) */
};

static void emissions_int(const struct weights *W, const struct featset *fs, size_t first,
                          size_t n, float *emit)
{
    size_t i, k;
    int t;

    for (i = 0; i < n; i++) {
        int32_t sum[NT] = { 0 };
        for (k = fs->off[first + i]; k < fs->off[first + i + 1]; k++) {
            const int32_t *row = W->w + (size_t)fs->ids[k] * NT;
            for (t = 0; t < NT; t++)
                sum[t] += row[t];
        }
        for (t = 0; t < NT; t++)
            emit[i * NT + t] = (float)sum[t];
    }
}

static void bump(int32_t *w, int64_t *u, size_t at, int d, int64_t step)
{
    w[at] += d;
    u[at] += (int64_t)d * step;
}

static void update(struct weights *W, const struct featset *fs, size_t first, size_t n,
                   const uint8_t *gold, const uint8_t *pred)
{
    size_t i, k;

    for (i = 0; i < n; i++) {
        int gp = i ? gold[i - 1] : NT, pp = i ? pred[i - 1] : NT;
        if (gold[i] != pred[i])
            for (k = fs->off[first + i]; k < fs->off[first + i + 1]; k++) {
                size_t row = (size_t)fs->ids[k] * NT;
                int d = fs->ids[k] < W->ngeneral ? W->d : W->dcopy;
                bump(W->w, W->u, row + gold[i], +d, W->step);
                bump(W->w, W->u, row + pred[i], -d, W->step);
            }
        if (gold[i] != pred[i] || gp != pp) {
            bump(W->tw, W->tu, (size_t)gp * NT + gold[i], +W->d, W->step);
            bump(W->tw, W->tu, (size_t)pp * NT + pred[i], -W->d, W->step);
        }
    }
}

/* gold into out, with each predicted MISC span that covers only gold O
 * tokens taken as right: for extra data that has no MISC class for such
 * names. */
static void open_misc(const uint8_t *gold, const uint8_t *pred, size_t n, uint8_t *out)
{
    size_t i = 0, j, k;

    memcpy(out, gold, n);
    while (i < n) {
        if (pred[i] != GZ_TAG_B(GZ_NER_MISC)) {
            i++;
            continue;
        }
        for (j = i + 1; j < n && pred[j] == GZ_TAG_I(GZ_NER_MISC); j++)
            ;
        for (k = i; k < j && gold[k] == GZ_TAG_O; k++)
            ;
        if (k == j)
            memcpy(out + i, pred + i, j - i);
        i = j;
    }
}

static void train_sentence(struct weights *W, const struct gz_conll *c, const struct featset *fs,
                           size_t s, float *emit, uint8_t *pred, uint8_t *scratch)
{
    const struct gz_conll_sent *st = &c->sents[s];
    const uint8_t *gold = c->gold + st->first;
    float trans[GZ_NER_NTRANS];
    size_t k;

    for (k = 0; k < GZ_NER_NTRANS; k++)
        trans[k] = (float)W->tw[k];
    emissions_int(W, fs, st->first, st->n, emit);
    gz_ner_viterbi(emit, st->n, trans, pred);
    if (scratch != NULL) {
        open_misc(gold, pred, st->n, scratch);
        gold = scratch;
    }
    if (memcmp(pred, gold, st->n) != 0)
        update(W, fs, st->first, st->n, gold, pred);
    W->step++;
}

/* Averaged weights: w - u / step. */
static void average(const struct weights *W, float *avg, float *tavg)
{
    size_t k;

    for (k = 0; k < W->nfeat * NT; k++)
        avg[k] = (float)((double)W->w[k] - (double)W->u[k] / (double)W->step);
    for (k = 0; k < GZ_NER_NTRANS; k++)
        tavg[k] = (float)((double)W->tw[k] - (double)W->tu[k] / (double)W->step);
}

/* Emission scores of sentence st from float weights. */
static void emissions_float(const struct featset *fs, const struct gz_conll_sent *st,
                            const float *avg, float *emit)
{
    size_t i, k;
    int t;

    for (i = 0; i < st->n; i++) {
        float *e = emit + i * NT;
        for (t = 0; t < NT; t++) e[t] = 0;
        for (k = fs->off[st->first + i]; k < fs->off[st->first + i + 1]; k++)
            for (t = 0; t < NT; t++)
                e[t] += avg[(size_t)fs->ids[k] * NT + t];
    }
}

/* The temperature that gives the gold tags of c the highest likelihood
 * under the marginals, so that confidences mean something. */
static float fit_temperature(const struct gz_conll *c, const struct featset *fs,
                             const float *avg, const float *tavg, float *emit, float *conf)
{
    static const float grid[] = { 0.5f, 1, 1.5f, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64 };
    double best_nll = 0;
    float best = 1;
    size_t g, s, i;

    for (g = 0; g < sizeof grid / sizeof grid[0]; g++) {
        double nll = 0;
        for (s = 0; s < c->nsents; s++) {
            emissions_float(fs, &c->sents[s], avg, emit);
            gz_ner_marginals(emit, c->sents[s].n, tavg, grid[g], c->gold + c->sents[s].first,
                             conf);
            for (i = 0; i < c->sents[s].n; i++)
                nll -= log(conf[i] > 1e-9f ? conf[i] : 1e-9);
        }
        if (g == 0 || nll < best_nll) {
            best_nll = nll;
            best = grid[g];
        }
    }
    return best;
}

static double dev_f1(const struct gz_conll *dev, const struct featset *fs, const float *avg,
                     const float *tavg, float *emit, uint8_t *pred)
{
    struct gz_ner_score sc;
    double p, r, f1;
    size_t s;

    memset(&sc, 0, sizeof sc);
    for (s = 0; s < dev->nsents; s++) {
        const struct gz_conll_sent *st = &dev->sents[s];
        emissions_float(fs, st, avg, emit);
        gz_ner_viterbi(emit, st->n, tavg, pred);
        gz_ner_score_add(&sc, dev->gold + st->first, pred, st->n);
    }
    gz_ner_score_prf(&sc, -1, &p, &r, &f1);
    return f1;
}

static void shuffle(size_t *order, size_t n, uint64_t *rng)
{
    size_t i;

    for (i = n; i > 1; i--) {
        size_t j;
        *rng ^= *rng << 13; *rng ^= *rng >> 7; *rng ^= *rng << 17;
        j = (size_t)(*rng % i);
        size_t tmp = order[i - 1]; order[i - 1] = order[j]; order[j] = tmp;
    }
}

void gz_ner_train_defaults(struct gz_ner_train_opts *o)
{
    o->epochs = 25;
    o->seed = 20261128u;
    o->prune = 0.5f;
    o->temperature = 0;
    o->log = NULL;
    o->lex = NULL;
    o->extra = NULL;
    o->extra_share = 1;
    o->extra_epochs = INT_MAX;
    o->extra_open_misc = 0;
    o->extra_copies = 0;
    o->extra_down = 1;
    o->extra_lex = NULL;
}

static size_t max_sentence(const struct gz_conll *c)
{
    size_t s, m = 1;

    for (s = 0; s < c->nsents; s++)
        if (c->sents[s].n > m) m = c->sents[s].n;
    return m;
}

/* Everything one training run holds. */
struct trainer {
    const struct gz_conll *train, *dev, *extra;
    const struct gz_ner_train_opts *o;
    struct fmap    map;
    struct featset tfs, dfs, efs;
    uint64_t      *hashes;      /* feature id -> hash */
    size_t         cap_hashes;
    struct weights W;
    float         *avg, *best, tavg[GZ_NER_NTRANS], tbest[GZ_NER_NTRANS];
    float         *emit, *conf; /* scratch, longest sentence */
    uint8_t       *pred, *gold; /* gold: scratch for open_misc */
    size_t        *order;       /* shuffled sentence order */
    size_t        *eorder;      /* shuffled extra sentences */
};

static void trainer_init(struct trainer *T)
{
    size_t s, longest = max_sentence(T->train);

    fmap_init(&T->map, 1u << 20);
    extract_corpus(T->train, T->o->lex, &T->map, 1, &T->hashes, &T->cap_hashes, &T->tfs);
    if (T->extra != NULL) {
        extract_corpus(T->extra, T->o->extra_lex ? T->o->extra_lex : T->o->lex, &T->map, 1,
                       &T->hashes, &T->cap_hashes, &T->efs);
        T->W.ngeneral = T->map.n;
        if (T->o->extra_copies)
            add_copies(&T->efs, T->extra->ntoks, &T->map, COPY_SALT, &T->hashes,
                       &T->cap_hashes);
        if (max_sentence(T->extra) > longest)
            longest = max_sentence(T->extra);
    }
    if (T->dev != NULL) {
        extract_corpus(T->dev, T->o->lex, &T->map, 0, NULL, NULL, &T->dfs);
        if (max_sentence(T->dev) > longest)
            longest = max_sentence(T->dev);
    }
    T->W.nfeat = T->map.n;
    T->W.w = gz_xcalloc(T->W.nfeat * NT, sizeof *T->W.w);
    T->W.u = gz_xcalloc(T->W.nfeat * NT, sizeof *T->W.u);
    T->W.step = 1;
    T->W.d = T->W.dcopy = 1;
    if (T->extra == NULL)
        T->W.ngeneral = T->W.nfeat;
    T->avg = gz_xmalloc(T->W.nfeat * NT * sizeof *T->avg);
    T->best = gz_xmalloc(T->W.nfeat * NT * sizeof *T->best);
    T->emit = gz_xmalloc(longest * NT * sizeof *T->emit);
    T->conf = gz_xmalloc(longest * sizeof *T->conf);
    T->pred = gz_xmalloc(longest);
    T->gold = gz_xmalloc(longest);
    T->order = gz_xmalloc((T->train->nsents + (T->extra ? T->extra->nsents : 0))
                          * sizeof *T->order);
    for (s = 0; s < T->train->nsents; s++)
        T->order[s] = s;
    if (T->extra != NULL) {
        T->eorder = gz_xmalloc(T->extra->nsents * sizeof *T->eorder);
        for (s = 0; s < T->extra->nsents; s++)
            T->eorder[s] = s;
    }
}

static void trainer_free(struct trainer *T)
{
    gz_free(T->eorder); gz_free(T->efs.off); gz_free(T->efs.ids); gz_free(T->gold);
    gz_free(T->order); gz_free(T->pred); gz_free(T->conf); gz_free(T->emit);
    gz_free(T->best); gz_free(T->avg); gz_free(T->W.w); gz_free(T->W.u);
    gz_free(T->tfs.off); gz_free(T->tfs.ids); gz_free(T->dfs.off); gz_free(T->dfs.ids);
    gz_free(T->map.keys); gz_free(T->map.ids); gz_free(T->hashes);
}

/* One epoch over the train sentences and a fresh share of the extra ones,
 * shuffled together: order[] ids from train->nsents on are extra. */
static void train_mixed(struct trainer *T, int epoch, uint64_t *rng)
{
    size_t nt = T->train->nsents, s, n;
    size_t k = (size_t)((double)T->o->extra_share * (double)T->extra->nsents + 0.5);

    if (epoch > T->o->extra_epochs)
        k = 0;
    if (k > T->extra->nsents)
        k = T->extra->nsents;
    shuffle(T->eorder, T->extra->nsents, rng);
    for (s = 0; s < nt; s++)
        T->order[s] = s;
    for (s = 0; s < k; s++)
        T->order[nt + s] = nt + T->eorder[s];
    n = nt + k;
    shuffle(T->order, n, rng);
    for (s = 0; s < n; s++) {
        T->W.d = T->order[s] < nt ? T->o->extra_down : 1;
        T->W.dcopy = T->o->extra_down;
        if (T->order[s] < nt)
            train_sentence(&T->W, T->train, &T->tfs, T->order[s], T->emit, T->pred, NULL);
        else
            train_sentence(&T->W, T->extra, &T->efs, T->order[s] - nt, T->emit, T->pred,
                           T->o->extra_open_misc ? T->gold : NULL);
    }
}

/* Run the epochs, keeping in best/tbest the averaged weights of the epoch
 * with the best dev F1 (the last one without dev data). */
static void run_epochs(struct trainer *T, int *best_epoch, double *best_f1)
{
    uint64_t rng = T->o->seed ? T->o->seed : 1;
    size_t s;
    int epoch;

    *best_f1 = -1;
    for (epoch = 1; epoch <= T->o->epochs; epoch++) {
        double f1 = 0;
        if (T->extra != NULL)
            train_mixed(T, epoch, &rng);
        else {
            shuffle(T->order, T->train->nsents, &rng);
            for (s = 0; s < T->train->nsents; s++)
                train_sentence(&T->W, T->train, &T->tfs, T->order[s], T->emit, T->pred, NULL);
        }
        average(&T->W, T->avg, T->tavg);
        if (T->dev != NULL)
            f1 = dev_f1(T->dev, &T->dfs, T->avg, T->tavg, T->emit, T->pred);
        if (T->o->log)
            fprintf(T->o->log, "epoch=%d dev_f1=%.4f\n", epoch, f1);
        if (T->dev == NULL || f1 > *best_f1) {
            *best_f1 = f1;
            *best_epoch = epoch;
            memcpy(T->best, T->avg, T->W.nfeat * NT * sizeof *T->best);
            memcpy(T->tbest, T->tavg, sizeof T->tbest);
        }
    }
}

int gz_ner_train(const struct gz_conll *train, const struct gz_conll *dev,
                 const struct gz_ner_train_opts *o, struct gz_ner_model **out,
                 struct gz_error *err)
{
    struct trainer T;
    double best_f1;
    int best_epoch = 0;
    float temp;

    if (train->nsents == 0)
        return gz_fail(err, EX_DATAERR, "no training sentences");
    memset(&T, 0, sizeof T);
    T.train = train;
    T.dev = dev;
    T.extra = o->extra;
    T.o = o;
    trainer_init(&T);
    if (o->log)
        fprintf(o->log, "features=%zu tokens=%zu sentences=%zu documents=%zu\n", T.W.nfeat,
                train->ntoks, train->nsents, train->ndocs);
    if (o->log && o->extra)
        fprintf(o->log, "extra tokens=%zu sentences=%zu epochs=%d share=%g open_misc=%d copies=%d\n",
                o->extra->ntoks, o->extra->nsents,
                o->extra_epochs < o->epochs ? o->extra_epochs : o->epochs,
                (double)o->extra_share, o->extra_open_misc,
                o->extra_copies);
    run_epochs(&T, &best_epoch, &best_f1);
    if (T.extra != NULL)        /* the copies are for the extra data alone */
        memset(T.best + T.W.ngeneral * NT, 0,
               (T.W.nfeat - T.W.ngeneral) * NT * sizeof *T.best);
    *out = gz_ner_model_build(T.hashes, T.best, T.W.nfeat, T.tbest,
                              o->prune * (float)(T.extra ? o->extra_down : 1), o->lex);
    temp = o->temperature > 0 ? o->temperature
         : dev ? fit_temperature(dev, &T.dfs, T.best, T.tbest, T.emit, T.conf)
         : fit_temperature(train, &T.tfs, T.best, T.tbest, T.emit, T.conf);
    gz_ner_model_set_temperature(*out, temp);
    if (o->log)
        fprintf(o->log, "best_epoch=%d dev_f1=%.4f kept=%zu bytes=%zu temperature=%g\n",
                best_epoch, best_f1, gz_ner_model_features(*out), gz_ner_model_bytes(*out),
                (double)temp);
    trainer_free(&T);
    return 0;
}
