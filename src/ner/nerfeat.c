/*
 * nerfeat.c - feature templates of the entity tagger (see nerfeat.h).
 */
#include "ner/nerfeat.h"

#include <utf8proc.h>

#include "ner/nerdoc.h"

#define SHAPE_MAX 24    /* bytes of the long shape kept */

/* Template ids: part of every feature hash, so "w=a" and "lw=a" differ. */
enum {
    T_BIAS = 1, T_WORD, T_LOWER, T_SHAPE, T_SSHAPE, T_PREFIX, T_SUFFIX,
    T_LOWER_M1, T_LOWER_P1, T_LOWER_M2, T_LOWER_P2,
    T_SS_M1, T_SS_P1, T_SS_M1_SS, T_SS_SS_P1, T_SS_TRI,
    T_LW_M1_LW, T_LW_LW_P1, T_LW_M1_SS, T_INITIAL_SS, T_CAPS_SS, T_CAPS_LW_M1,
    T_LONG_WORD, T_LW_P1_SS, T_GAZ, T_GAZ_M1, T_GAZ_P1, T_CAPS_CLASS, T_CAPS_CLASS_M1,
    T_CODE, T_CODE_M1, T_CODE_P1,
    T_DOC, T_DOC_CTX,
    T_LIST, T_LIST_M1, T_LIST_P1,
    T_PATH, T_PATH_M1, T_PATH_P1,
    T_SPORT_LIST, T_SPORT_CAPS, T_SPORT_GAZ, T_SPORT_DOC, T_SPORT_LW, T_SPORT_CODE,
    T_SPORT_SS_P1, T_SPORT_LW_M1, T_SPORT_LW_P1,
};

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

uint64_t gz_nerfeat_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return mix(h);
}

static uint64_t feat(unsigned tmpl, uint64_t v)
{
    return mix(v ^ ((uint64_t)tmpl * 0x9e3779b97f4a7c15ULL));
}

static uint64_t pair(unsigned tmpl, uint64_t a, uint64_t b)
{
    return feat(tmpl, a * 0x2545f4914f6cdd1dULL + b);
}

/* Shape class of one code point: X upper, x lower, d digit, else itself
 * (ASCII) or '*' (other scripts and symbols). */
static char shape_class(int32_t cp)
{
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') return 'X';
        if (cp >= 'a' && cp <= 'z') return 'x';
        if (cp >= '0' && cp <= '9') return 'd';
        return (char)cp;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: return 'X';
    case UTF8PROC_CATEGORY_LL: return 'x';
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_LM: return 'o';
    case UTF8PROC_CATEGORY_ND: return 'd';
    default: return '*';
    }
}

static void prepare_one(const struct gz_ner_tok *t, const struct gz_nerlex *lex,
                        int paths, struct gz_nerfeat_word *w)
{
    char lower[64], shape[SHAPE_MAX], sshape[SHAPE_MAX];
    size_t i = 0, nl = 0, ns = 0, nss = 0;
    int letters = 0, lowers = 0;
    uint32_t v;

    w->flags = 0;
    w->doc = 0;
    while (i < t->n) {
        int32_t cp;
        utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)t->s + i,
                                                (utf8proc_ssize_t)(t->n - i), &cp);
        char c;

        if (len <= 0) { cp = 0xFFFD; len = 1; }
        c = shape_class(cp);
        if (c == 'X' || c == 'x' || c == 'o') letters++;
        if (c == 'x') lowers++;
        if (c == 'd') w->flags |= GZ_NF_HAS_DIGIT;
        if (i == 0 && c == 'X') w->flags |= GZ_NF_UPPER_INITIAL;
        if (ns < SHAPE_MAX) shape[ns++] = c;
        if (nss == 0 || sshape[nss - 1] != c) {
            if (nss < SHAPE_MAX) sshape[nss++] = c;
        }
        if (nl + (size_t)len <= sizeof lower) {
            if (cp >= 'A' && cp <= 'Z') lower[nl++] = (char)(cp + 32);
            else { size_t k; for (k = 0; k < (size_t)len; k++) lower[nl++] = t->s[i + k]; }
        }
        i += (size_t)len;
    }
    if (letters > 0 && lowers == 0) w->flags |= GZ_NF_ALL_CAPS;
    w->word = gz_nerfeat_hash(t->s, t->n);
    w->lower = gz_nerfeat_hash(lower, nl);
    w->shape = gz_nerfeat_hash(shape, ns);
    w->shortshape = gz_nerfeat_hash(sshape, nss);
    w->gaz = gz_nerlex_get(lex, w->word) & 0xffu;
    v = gz_nerlex_get(lex, w->lower);
    w->caps = GZ_LEX_CAPS(v);
    w->code = (v & GZ_LEX_HAS_CODE) ? 0x10000u | GZ_LEX_CODE(v) : 0;
    w->path = paths ? gz_nerlex_get(lex, GZ_LEX_CLUSTER_KEY(w->word)) : 0;
    if (w->path == 0 && paths)
        w->path = gz_nerlex_get(lex, GZ_LEX_CLUSTER_KEY(w->lower));
    w->list = 0;
    w->list_pos = 0;
}

/* Mark the name-list phrases of a sentence: from each token not yet in
 * one, the longest list phrase that starts there (nerlex.h). */
static void match_lists(const struct gz_nerlex *lex, size_t n, struct gz_nerfeat_word *w)
{
    size_t i = 0, j;

    while (i < n) {
        uint64_t key = 0;
        uint32_t v, kinds = 0;
        size_t len = 0;
        for (j = i; j < n && j - i < GZ_LIST_MAX_TOKENS; j++) {
            key = gz_nerlex_phrase_key(key, w[j].lower);
            v = gz_nerlex_get(lex, key);
            if (v & ((1u << GZ_LIST_KINDS) - 1)) {
                kinds = v & ((1u << GZ_LIST_KINDS) - 1);
                len = j - i + 1;
            }
            if (!(v & GZ_LIST_MORE))
                break;
        }
        for (j = i; j < i + len; j++) {
            w[j].list = kinds;
            w[j].list_pos = len == 1 ? 1 : j == i ? 2 : 3;
        }
        i += len ? len : 1;
    }
}

void gz_nerfeat_prepare(const struct gz_ner_tok *t, size_t n, const struct gz_nerlex *lex,
                        struct gz_nerfeat_word *w)
{
    size_t i, lettered = 0, caps = 0;
    int paths = gz_nerlex_get(lex, GZ_LEX_HAS_CLUSTERS_KEY) != 0;

    for (i = 0; i < n; i++) {
        prepare_one(&t[i], lex, paths, &w[i]);
        if (w[i].flags & (GZ_NF_ALL_CAPS | GZ_NF_UPPER_INITIAL)) lettered++;
        if (w[i].flags & GZ_NF_ALL_CAPS) caps++;
    }
    if (caps >= 3 && caps * 10 >= lettered * 8)
        for (i = 0; i < n; i++)
            w[i].flags |= GZ_NF_CAPS_SENTENCE;
    if (lex != NULL && lex->nslots > 0)
        match_lists(lex, n, w);
}

/* Hash of the lower-cased first/last k bytes; affixes of ASCII words only
 * for the cases that matter, bytes otherwise (a split UTF-8 sequence is
 * still a consistent feature). */
static uint64_t affix(const char *s, size_t n, size_t k, int suffix)
{
    char buf[8];
    size_t i, from = suffix ? n - k : 0;

    for (i = 0; i < k; i++) {
        char c = s[from + i];
        buf[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    return gz_nerfeat_hash(buf, k);
}

/* Where a token stands, for the capitalisation class: sentence start,
 * sentence in capitals, capital initial, all capitals. */
static unsigned context(const struct gz_nerfeat_word *c, size_t i)
{
    return (i == 0) | ((c->flags & GZ_NF_CAPS_SENTENCE) ? 2u : 0u)
           | ((c->flags & GZ_NF_UPPER_INITIAL) ? 4u : 0u) | ((c->flags & GZ_NF_ALL_CAPS) ? 8u : 0u);
}

/* The first k bits of a word code, keeping the "has a code" flag. */
static uint64_t code_prefix(unsigned code, size_t k)
{
    return code & 0x10000u ? 0x10000u | ((code & 0xffffu) >> (16 - k)) : 0;
}

/* Each document bit (nerdoc.h) of a capitalised token on its own, and all
 * of them with where the token stands: a sentence-initial or headline word
 * leans on the rest of the story most. */
static size_t doc_features(const struct gz_nerfeat_word *c, size_t i, uint64_t *out)
{
    size_t k, f = 0;

    if (c->doc == 0)
        return 0;
    for (k = 0; k < GZ_DOC_NBITS; k++)
        if (c->doc & (1u << k))
            out[f++] = feat(T_DOC, k);
    out[f++] = pair(T_DOC_CTX, c->doc, context(c, i) & 3u);
    return f;
}

/* In a sports report a town is often a team (ORG: "Bolton 2 Chelsea 1",
 * "Hamburg beat ...") while a country stays LOC (a national side): the
 * word, its name-list kinds, capitalisation class, gazetteer, document
 * bits, word code, next shape and neighbour words again, weighed apart
 * from those of other stories. */
static size_t sport_features(const struct gz_nerfeat_word *c, const struct gz_nerfeat_word *m1,
                             const struct gz_nerfeat_word *p1, size_t i, uint64_t *out)
{
    size_t f = 0;

    out[f++] = feat(T_SPORT_LIST, c->list * 4 + c->list_pos);
    out[f++] = feat(T_SPORT_CAPS, c->caps * 16u + context(c, i));
    out[f++] = feat(T_SPORT_GAZ, c->gaz);
    out[f++] = feat(T_SPORT_DOC, c->doc);
    out[f++] = feat(T_SPORT_LW, c->lower);
    out[f++] = feat(T_SPORT_CODE, code_prefix(c->code, 8));
    out[f++] = pair(T_SPORT_SS_P1, c->shortshape, p1->shortshape);
    out[f++] = feat(T_SPORT_LW_M1, m1->lower);
    out[f++] = feat(T_SPORT_LW_P1, p1->lower);
    return f;
}

/* The first k bits of a cluster path (all of a shorter one), with its
 * length; 0 for a word without one. */
static uint64_t path_prefix(unsigned path, unsigned k)
{
    unsigned len = GZ_LEX_PATH_LEN(path);

    if (len > k)
        len = k;
    return len == 0 ? 0 : (uint64_t)len << 32 | (GZ_LEX_PATH_BITS(path) >> (GZ_LEX_PATH_MAX - len));
}

/* Prefix lengths of the cluster path features (Ratinov and Roth 2009). */
static const unsigned path_lengths[] = { 4, 6, 10, 20 };

static const struct gz_nerfeat_word boundary = {
    0x1111111111111111ULL, 0x2222222222222222ULL, 0x3333333333333333ULL,
    0x4444444444444444ULL, 0, 0, 0, 0, 0, 0, 0, 0,
};

size_t gz_nerfeat_extract(const struct gz_ner_tok *t, const struct gz_nerfeat_word *w,
                          size_t n, size_t i, uint64_t *out)
{
    const struct gz_nerfeat_word *c = &w[i];
    const struct gz_nerfeat_word *m1 = i >= 1 ? &w[i - 1] : &boundary;
    const struct gz_nerfeat_word *m2 = i >= 2 ? &w[i - 2] : &boundary;
    const struct gz_nerfeat_word *p1 = i + 1 < n ? &w[i + 1] : &boundary;
    const struct gz_nerfeat_word *p2 = i + 2 < n ? &w[i + 2] : &boundary;
    size_t k, f = 0;

    out[f++] = feat(T_BIAS, 0);
    out[f++] = feat(T_WORD, c->word);
    out[f++] = feat(T_LOWER, c->lower);
    out[f++] = feat(T_SHAPE, c->shape);
    out[f++] = feat(T_SSHAPE, c->shortshape);
    for (k = 1; k <= 4 && k <= t[i].n; k++) {
        out[f++] = pair(T_PREFIX, k, affix(t[i].s, t[i].n, k, 0));
        out[f++] = pair(T_SUFFIX, k, affix(t[i].s, t[i].n, k, 1));
    }
    out[f++] = feat(T_LOWER_M1, m1->lower);
    out[f++] = feat(T_LOWER_P1, p1->lower);
    out[f++] = feat(T_LOWER_M2, m2->lower);
    out[f++] = feat(T_LOWER_P2, p2->lower);
    out[f++] = feat(T_SS_M1, m1->shortshape);
    out[f++] = feat(T_SS_P1, p1->shortshape);
    out[f++] = pair(T_SS_M1_SS, m1->shortshape, c->shortshape);
    out[f++] = pair(T_SS_SS_P1, c->shortshape, p1->shortshape);
    out[f++] = pair(T_SS_TRI, pair(0, m1->shortshape, c->shortshape), p1->shortshape);
    out[f++] = pair(T_LW_M1_LW, m1->lower, c->lower);
    out[f++] = pair(T_LW_LW_P1, c->lower, p1->lower);
    out[f++] = pair(T_LW_M1_SS, m1->lower, c->shortshape);
    out[f++] = pair(T_LW_P1_SS, p1->lower, c->shortshape);
    if (i == 0)
        out[f++] = feat(T_INITIAL_SS, c->shortshape);
    if (c->flags & GZ_NF_CAPS_SENTENCE) {
        out[f++] = feat(T_CAPS_SS, c->shortshape);
        out[f++] = feat(T_CAPS_LW_M1, m1->lower);
    }
    if (t[i].n > 12)
        out[f++] = feat(T_LONG_WORD, 1);
    for (k = 0; k < GZ_LEX_GAZ_BITS; k++)
        if (c->gaz & (1u << k))
            out[f++] = feat(T_GAZ, k);
    out[f++] = feat(T_GAZ_M1, m1->gaz);
    out[f++] = feat(T_GAZ_P1, p1->gaz);
    out[f++] = feat(T_CAPS_CLASS, c->caps * 16u + context(c, i));
    out[f++] = feat(T_CAPS_CLASS_M1, m1->caps * 16u + c->caps);
    for (k = 4; k <= 16; k += 4)
        out[f++] = pair(T_CODE, k, code_prefix(c->code, k));
    out[f++] = feat(T_CODE_M1, code_prefix(m1->code, 8));
    out[f++] = feat(T_CODE_P1, code_prefix(p1->code, 8));
    for (k = 0; (c->path | m1->path | p1->path) && k < sizeof path_lengths / sizeof *path_lengths;
         k++) {
        out[f++] = pair(T_PATH, path_lengths[k], path_prefix(c->path, path_lengths[k]));
        out[f++] = pair(T_PATH_M1, path_lengths[k], path_prefix(m1->path, path_lengths[k]));
        out[f++] = pair(T_PATH_P1, path_lengths[k], path_prefix(p1->path, path_lengths[k]));
    }
    f += doc_features(c, i, out + f);
    if (c->flags & GZ_NF_SPORT)
        f += sport_features(c, m1, p1, i, out + f);
    for (k = 0; k < GZ_LIST_KINDS; k++)
        if (c->list & (1u << k))
            out[f++] = feat(T_LIST, k * 4 + c->list_pos);
    if (m1->list)
        out[f++] = feat(T_LIST_M1, m1->list * 4 + m1->list_pos);
    if (p1->list)
        out[f++] = feat(T_LIST_P1, p1->list * 4 + p1->list_pos);
    return f;
}
