/*
 * extract_entities.c - the extract_entities stage: people, organisations,
 * places and other names (statistical tagger), plus money, percentages
 * and quantities (rules), as mentions on the article.
 *
 *   - extract_entities:
 *       model: models/ner-en.bin
 *       types: [PERSON, ORG, LOC]       # default: all seven
 *       min_confidence: 0.5
 *
 *   "Peter Blackburn said the EU paid $3 billion."
 *     -> PERSON "Peter Blackburn" [0,15) sentence 0 confidence 0.98
 *        ORG "EU" [25,27) ..., MONEY "$3 billion" [33,43) confidence 1
 *
 * The confidence of a tagged name is the smallest of its tokens' marginal
 * probabilities (forward-backward, temperature fitted on dev data when the
 * model was trained); rule-based amounts have confidence 1. An amount that
 * overlaps a tagged name is dropped. Sentence numbers are 0-based.
 *
 * The whole article is one document for the tagger: a name is read with
 * the other occurrences of its words in the article (nerdoc.h), in
 * pieces of at most GZ_NERDOC_MAX_TOKENS tokens for a huge article.
 *
 * The model is mapped once in init and only read afterwards, so process()
 * may run on several threads at once.
 */
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/stop.h"
#include "stages/stage.h"
#include "ner/amounts.h"
#include "ner/ner_eval.h"
#include "ner/ner_model.h"
#include "ner/nerdoc.h"
#include "text/sentence.h"
#include "ner/tagger.h"
#include "text/tokenize.h"

/* Database names of the tagger's types, then the rule types. */
static const char *const type_names[] = {
    "PERSON", "ORG", "LOC", "MISC", "MONEY", "PERCENT", "QUANTITY", NULL,
};
#define N_TYPES 7

struct ee {
    struct gz_ner_model *model;
    int                  want[N_TYPES];
    double               min_confidence;
};

static const struct gz_option options[] = {
    { "model", GZ_OPT_PATH, "models/ner-en.bin", 0, "entity model built by `gazette train ner`" },
    { "types", GZ_OPT_LIST, NULL, 0,
      "types to keep: PERSON ORG LOC MISC MONEY PERCENT QUANTITY (default: all)" },
    { "min_confidence", GZ_OPT_DOUBLE, "0", 0, "drop mentions scored below this (0..1)" },
    { NULL, 0, NULL, 0, NULL },
};

static int type_index(const char *name)
{
    int i;

    for (i = 0; type_names[i] != NULL; i++)
        if (strcmp(type_names[i], name) == 0)
            return i;
    return -1;
}

static int read_types(struct gz_stage *st, struct ee *e, struct gz_error *err)
{
    const struct gz_cfg_node *list = gz_stage_opt(st, "types"), *n;
    int i;

    for (i = 0; i < N_TYPES; i++)
        e->want[i] = list == NULL;
    if (list == NULL)
        return 0;
    for (n = list->child; n != NULL; n = n->next) {
        i = n->kind == GZ_CFG_SCALAR ? type_index(n->value) : -1;
        if (i < 0)
            return gz_cfg_fail(err, n, "unknown entity type \"%s\" (expected one of PERSON, "
                               "ORG, LOC, MISC, MONEY, PERCENT, QUANTITY)",
                               n->value ? n->value : "");
        e->want[i] = 1;
    }
    return 0;
}

static int init(struct gz_stage *st, struct gz_error *err)
{
    struct ee *e = gz_xcalloc(1, sizeof *e);
    char *path = gz_stage_path(st, "model");

    st->priv = e;
    e->min_confidence = gz_stage_double(st, "min_confidence");
    if (read_types(st, e, err) != 0 || gz_ner_model_load(path, &e->model, err) != 0) {
        gz_free(path);
        return -1;
    }
    gz_free(path);
    return 0;
}

static void fini(struct gz_stage *st)
{
    struct ee *e = st->priv;

    if (e == NULL)
        return;
    gz_ner_model_free(e->model);
    gz_free(e);
    st->priv = NULL;
}

/* The mentions the tagger finds in one article, gathered here and put in
 * the article's arena once, at their final size: grown there they would
 * leave every smaller copy behind in the arena until the article is
 * loaded (8 + 16 + 32 mentions of 64 bytes for 20 mentions). */
struct found {
    struct gz_mention *m;
    size_t             n, cap;
};

static void add(struct gz_article *a, struct found *f, const struct gz_token *t, size_t first,
                size_t last, int type, double conf)
{
    struct gz_mention *m;

    if (f->n == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 64;
        f->m = gz_xrealloc(f->m, f->cap * sizeof(*f->m));
    }
    m = &f->m[f->n++];
    *m = (struct gz_mention){.entity = -1};

    m->start_char = t[first].cstart;
    m->end_char = t[last].cend;
    m->surface = gz_arena_strndup(a->arena, a->body + t[first].start,
                                  t[last].end - t[first].start);
    m->type = type_names[type];
    m->sentence = t[first].sentence;
    m->confidence = conf;
}

/* The tagger's entities in tokens t[0..n) of one sentence, tagged with
 * tags and conf. */
static void add_names(const struct ee *e, struct gz_article *a, struct found *f,
                      const struct gz_token *t, size_t n, const uint8_t *tags, const float *conf,
                      struct gz_ner_span *spans)
{
    size_t i, k, ns = gz_ner_spans(tags, n, spans);

    for (k = 0; k < ns; k++) {
        double c = 1.0;
        for (i = spans[k].start; i < spans[k].end; i++)
            if (conf[i] < c) c = conf[i];
        if (e->want[spans[k].type] && c >= e->min_confidence)
            add(a, f, t, spans[k].start, spans[k].end - 1, spans[k].type, c);
    }
}

/* The amounts of one sentence, tokens t[0..n), whose tagged names are
 * mentions [names, f->n): an amount that overlaps a name, or an
 * amount kept before it, is dropped. Names are in text order and do not
 * overlap, and amounts come in text order, so one index moving forward
 * over the names finds the only one that can overlap: linear in the
 * sentence (it was a scan of every mention of the article per amount,
 * quadratic in a long article). */
static void find_amounts(const struct ee *e, struct gz_article *a, struct found *f,
                         const struct gz_token *t, size_t n, size_t names, struct gz_amount *am)
{
    size_t k, na = gz_amounts_find(a->body, t, n, am), names_end = f->n, next = names;
    int64_t kept_end = -1;              /* end of the last amount kept */

    for (k = 0; k < na; k++) {
        int type = 4 + (int)am[k].type;
        int64_t s = t[am[k].start].cstart, end = t[am[k].end - 1].cend;

        if (!e->want[type] || 1.0 < e->min_confidence)
            continue;
        while (next < names_end && f->m[next].end_char <= s)
            next++;
        if (next < names_end && f->m[next].start_char < end)
            continue;                   /* overlaps a name */
        if (kept_end > s)
            continue;                   /* overlaps the amount before */
        add(a, f, t, am[k].start, am[k].end - 1, type, 1.0);
        kept_end = end;
    }
}

static int by_start(const void *x, const void *y)
{
    const struct gz_mention *a = x, *b = y;

    return (a->start_char > b->start_char) - (a->start_char < b->start_char);
}

/* Where each sentence of t[0..n) starts, then n; returns the count. */
static size_t sentence_starts(const struct gz_token *t, size_t n, size_t *starts)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++)
        if (i == 0 || t[i].sentence != t[i - 1].sentence)
            starts[k++] = i;
    starts[k] = n;
    return k;
}

/* Room for the tagger's view of one piece, grown as pieces need: a piece
 * holds at most GZ_NERDOC_MAX_TOKENS tokens or one longer sentence, so a
 * huge article costs no more than its longest piece here. */
struct piece {
    struct gz_ner_tok *nt;
    uint8_t           *tags;
    float             *conf;
    size_t            *starts;  /* sentence starts within the piece */
    size_t             cap, cap_sents;
    struct found       found;   /* the article's mentions so far */
};

static void piece_room(struct piece *p, size_t n, size_t k)
{
    if (n > p->cap) {
        p->cap = n;
        p->nt = gz_xrealloc(p->nt, n * sizeof *p->nt);
        p->tags = gz_xrealloc(p->tags, n);
        p->conf = gz_xrealloc(p->conf, n * sizeof *p->conf);
    }
    if (k + 1 > p->cap_sents) {
        p->cap_sents = k + 1;
        p->starts = gz_xrealloc(p->starts, (k + 1) * sizeof *p->starts);
    }
}

/* Tag the sentences starts[0..k) of the article as one document piece,
 * then take their names and amounts sentence by sentence. */
static void tag_piece(const struct ee *e, struct gz_article *a, const struct gz_token *t,
                      const size_t *starts, size_t k, struct piece *p,
                      struct gz_ner_span *spans, struct gz_amount *am)
{
    size_t first = starts[0], n = starts[k] - first, i;

    piece_room(p, n, k);
    for (i = 0; i < n; i++) {
        p->nt[i].s = a->body + t[first + i].start;
        p->nt[i].n = t[first + i].end - t[first + i].start;
    }
    for (i = 0; i <= k; i++)
        p->starts[i] = starts[i] - first;
    gz_ner_tag_doc(e->model, p->nt, p->starts, k, p->tags, p->conf);
    for (i = 0; i < k; i++) {
        size_t names = p->found.n, b = p->starts[i], len = p->starts[i + 1] - b;
        add_names(e, a, &p->found, t + first + b, len, p->tags + b, p->conf + b, spans);
        find_amounts(e, a, &p->found, t + first + b, len, names, am);
    }
}

/* The mentions found, in text order, after the article's own. */
static void keep_mentions(struct gz_article *a, struct found *f)
{
    size_t n = a->n_mentions + f->n;
    struct gz_mention *all = gz_arena_alloc(a->arena, n * sizeof(*all));

    qsort(f->m, f->n, sizeof(*f->m), by_start);
    if (a->n_mentions > 0)
        memcpy(all, a->mentions, a->n_mentions * sizeof(*all));
    memcpy(all + a->n_mentions, f->m, f->n * sizeof(*all));
    a->mentions = all;
    a->n_mentions = a->cap_mentions = n;
}

/* The whole article is one document for the tagger, read a piece
 * (nerdoc.h) at a time. */
static int process(struct gz_stage *st, struct gz_article *a, struct gz_error *err)
{
    const struct ee *e = st->priv;
    struct gz_token *t = NULL;
    size_t n = gz_tokenize(a->body, a->body_len, &t), s, k, nsents;
    struct gz_ner_span *spans = gz_xmalloc((n + 1) * sizeof *spans);
    struct gz_amount *am = gz_xmalloc((n + 1) * sizeof *am);
    struct piece p = {0};
    size_t *starts;
    int rc = 0;

    gz_sentence_split(a->body, t, n);
    /* sentences are numbered from 0 in order (text/tokenize.h) */
    starts = gz_xmalloc((n > 0 ? (size_t)t[n - 1].sentence + 2 : 1) * sizeof *starts);
    nsents = sentence_starts(t, n, starts);
    for (s = 0; s < nsents; s += k) {
        /* a signal: give up on the article (a piece is at most 8192 tokens) */
        if (gz_stop_requested()) {
            rc = gz_stop_fail(err);
            break;
        }
        k = gz_nerdoc_piece(starts + s, nsents - s);
        tag_piece(e, a, t, starts + s, k, &p, spans, am);
    }
    if (rc == 0 && p.found.n > 0)
        keep_mentions(a, &p.found);
    gz_free(p.found.m);
    gz_free(p.nt); gz_free(p.tags); gz_free(p.conf); gz_free(p.starts);
    gz_free(starts); gz_free(am); gz_free(spans); gz_free(t);
    return rc;
}

const struct gz_stage_ops gz_stage_extract_entities = {
    .name = "extract_entities",
    .doc = "people, organisations, places, money, percentages and quantities",
    .options = options,
    .init = init,
    .process = process,
    .fini = fini,
};
