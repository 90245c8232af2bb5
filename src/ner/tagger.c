/*
 * tagger.c - tag names, Viterbi and forward-backward over BIO tags.
 */
#include "ner/tagger.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "core/mem.h"
#include "ner/ner_model.h"
#include "ner/nerdoc.h"

static const char *const tag_names[GZ_NER_NTAGS] = {
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
};
static const char *const type_names[GZ_NER_NTYPES] = { "PER", "ORG", "LOC", "MISC" };

const char *gz_ner_tag_name(int tag)
{
    return tag >= 0 && tag < GZ_NER_NTAGS ? tag_names[tag] : "?";
}

const char *gz_ner_type_name(int type)
{
    return type >= 0 && type < GZ_NER_NTYPES ? type_names[type] : "?";
}

int gz_ner_tag_parse(const char *s, size_t n)
{
    int t;

    for (t = 0; t < GZ_NER_NTAGS; t++)
        if (strlen(tag_names[t]) == n && memcmp(tag_names[t], s, n) == 0)
            return t;
    return -1;
}

int gz_ner_tag_allowed(int prev, int tag)
{
    if (!GZ_TAG_IS_I(tag))
        return 1;
    if (prev == GZ_NER_NTAGS || prev == GZ_TAG_O)
        return 0;
    return GZ_TAG_TYPE(prev) == GZ_TAG_TYPE(tag);
}

#define NT GZ_NER_NTAGS
#define START GZ_NER_NTAGS

void gz_ner_viterbi(const float *emit, size_t n, const float *trans, uint8_t *tags)
{
    float prev[NT], cur[NT];
    uint8_t *back;
    size_t i;
    int t, p, best;

    if (n == 0)
        return;
    back = gz_xmalloc(n * NT);
    for (t = 0; t < NT; t++)
        prev[t] = gz_ner_tag_allowed(START, t) ? trans[START * NT + t] + emit[t] : -FLT_MAX;
    for (i = 1; i < n; i++) {
        for (t = 0; t < NT; t++) {
            float bs = -FLT_MAX;
            int bp = 0;
            for (p = 0; p < NT; p++) {
                float s;
                if (prev[p] == -FLT_MAX || !gz_ner_tag_allowed(p, t))
                    continue;
                s = prev[p] + trans[p * NT + t];
                if (s > bs) { bs = s; bp = p; }
            }
            cur[t] = bs == -FLT_MAX ? bs : bs + emit[i * NT + t];
            back[i * NT + t] = (uint8_t)bp;
        }
        memcpy(prev, cur, sizeof prev);
    }
    best = 0;
    for (t = 1; t < NT; t++)
        if (prev[t] > prev[best])
            best = t;
    for (i = n; i-- > 0;) {
        tags[i] = (uint8_t)best;
        if (i > 0)
            best = back[i * NT + best];
    }
    gz_free(back);
}

/* exp((x - max) / temp) of n scores into out. */
static void exp_scaled(const float *x, size_t n, double temp, double *out)
{
    float mx = x[0];
    size_t i;

    for (i = 1; i < n; i++)
        if (x[i] > mx) mx = x[i];
    for (i = 0; i < n; i++)
        out[i] = exp((double)(x[i] - mx) / temp);
}

static void normalise(double *v)
{
    double z = 0;
    int t;

    for (t = 0; t < NT; t++) z += v[t];
    for (t = 0; t < NT; t++) v[t] = z > 0 ? v[t] / z : 0;
}

/* Scaled forward-backward (Rabiner): alpha and beta normalised per token,
 * potentials exp(score / temp), disallowed transitions weigh 0. */
void gz_ner_marginals(const float *emit, size_t n, const float *trans, float temp,
                      const uint8_t *tags, float *conf)
{
    double psi[(NT + 1) * NT], *e, *alpha, *beta;
    size_t i;
    int t, p;

    if (n == 0)
        return;
    e = gz_xmalloc(3 * n * NT * sizeof *e);
    alpha = e + n * NT;
    beta = alpha + n * NT;
    exp_scaled(trans, GZ_NER_NTRANS, temp, psi);
    for (p = 0; p <= NT; p++)
        for (t = 0; t < NT; t++)
            if (!gz_ner_tag_allowed(p, t)) psi[p * NT + t] = 0;
    for (i = 0; i < n; i++)
        exp_scaled(emit + i * NT, NT, temp, e + i * NT);
    for (t = 0; t < NT; t++)
        alpha[t] = psi[START * NT + t] * e[t];
    normalise(alpha);
    for (i = 1; i < n; i++) {
        for (t = 0; t < NT; t++) {
            double s = 0;
            for (p = 0; p < NT; p++)
                s += alpha[(i - 1) * NT + p] * psi[p * NT + t];
            alpha[i * NT + t] = s * e[i * NT + t];
        }
        normalise(alpha + i * NT);
    }
    for (t = 0; t < NT; t++)
        beta[(n - 1) * NT + t] = 1;
    for (i = n - 1; i-- > 0;) {
        for (p = 0; p < NT; p++) {
            double s = 0;
            for (t = 0; t < NT; t++)
                s += psi[p * NT + t] * e[(i + 1) * NT + t] * beta[(i + 1) * NT + t];
            beta[i * NT + p] = s;
        }
        normalise(beta + i * NT);
    }
    for (i = 0; i < n; i++) {
        double z = 0;
        for (t = 0; t < NT; t++)
            z += alpha[i * NT + t] * beta[i * NT + t];
        conf[i] = z > 0 ? (float)(alpha[i * NT + tags[i]] * beta[i * NT + tags[i]] / z) : 0;
    }
    gz_free(e);
}

void gz_ner_drop_titles(const struct gz_nerfeat_word *w, size_t n, uint8_t *tags)
{
    size_t i;

    for (i = 0; i + 1 < n; i++)
        if (tags[i] == GZ_TAG_B(GZ_NER_PER) && tags[i + 1] == GZ_TAG_I(GZ_NER_PER)
            && (w[i].list & GZ_LIST_TITLE) && w[i].list_pos == 1) {
            tags[i] = GZ_TAG_O;
            tags[i + 1] = GZ_TAG_B(GZ_NER_PER);
        }
}

void gz_ner_tag(const struct gz_ner_model *m, const struct gz_ner_tok *t, size_t n,
                uint8_t *tags, float *conf)
{
    size_t starts[2] = { 0, n };

    gz_ner_tag_doc(m, t, starts, 1, tags, conf);
}

/* Decode one sentence of prepared words; emit has room for its tokens. */
static void tag_prepared(const struct gz_ner_model *m, const struct gz_ner_tok *t,
                         const struct gz_nerfeat_word *w, size_t n, float *emit,
                         uint8_t *tags, float *conf)
{
    if (n == 0)
        return;
    gz_ner_model_score(m, t, w, n, emit);
    gz_ner_viterbi(emit, n, gz_ner_model_trans(m), tags);
    gz_ner_drop_titles(w, n, tags);
    if (conf != NULL)
        gz_ner_marginals(emit, n, gz_ner_model_trans(m), gz_ner_model_temperature(m), tags,
                         conf);
}

/* One piece of a document: sentences starts[0..k), all in memory at once. */
static void tag_piece(const struct gz_ner_model *m, const struct gz_ner_tok *t,
                      const size_t *starts, size_t k, uint8_t *tags, float *conf)
{
    size_t first = starts[0], n = starts[k] - first, longest = 1, s;
    struct gz_nerfeat_word *w;
    float *emit;

    if (n == 0)
        return;
    for (s = 0; s < k; s++)
        if (starts[s + 1] - starts[s] > longest)
            longest = starts[s + 1] - starts[s];
    w = gz_xmalloc(n * sizeof *w);              /* w[i] is token first + i */
    emit = gz_xmalloc(longest * NT * sizeof *emit);
    for (s = 0; s < k; s++)
        gz_nerfeat_prepare(t + starts[s], starts[s + 1] - starts[s], gz_ner_model_lex(m),
                           w + (starts[s] - first));
    gz_nerdoc_mark(t + first, w, starts, k);
    for (s = 0; s < k; s++)
        tag_prepared(m, t + starts[s], w + (starts[s] - first), starts[s + 1] - starts[s],
                     emit, tags + starts[s], conf ? conf + starts[s] : NULL);
    gz_free(emit);
    gz_free(w);
}

void gz_ner_tag_doc(const struct gz_ner_model *m, const struct gz_ner_tok *t,
                    const size_t *starts, size_t nsents, uint8_t *tags, float *conf)
{
    size_t s, k;

    for (s = 0; s < nsents; s += k) {
        k = gz_nerdoc_piece(starts + s, nsents - s);
        tag_piece(m, t, starts + s, k, tags, conf);
    }
}
