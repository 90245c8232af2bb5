/*
 * test_tagger.c - the entity tagger end to end: a tiny model trained here
 * tags its own sentences back, and the shipped model is scored on the
 * CoNLL-2003 development split (fails below F1 0.85) and on the
 * out-of-domain check set tests/data/ner/ood/check.conll, PER/ORG/LOC only
 * (fails below OOD_F1_FLOOR).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
#include "ner/conll.h"
#include "ner/ner_eval.h"
#include "ner/perceptron.h"
#include "ner/tagger.h"

static const char tiny[] =
    "Peter B-PER\nBlackburn I-PER\nvisited O\nBrussels B-LOC\n. O\n\n"
    "The O\nEuropean B-ORG\nCommission I-ORG\nmet O\nin O\nParis B-LOC\n. O\n\n"
    "German B-MISC\nofficials O\ncalled O\nAngela B-PER\nMerkel I-PER\n. O\n\n"
    "Reuters B-ORG\nreported O\nfrom O\nNew B-LOC\nYork I-LOC\non O\nFriday O\n. O\n\n"
    "Blackburn B-PER\nleft O\nthe O\nCommission B-ORG\nin O\nBrussels B-LOC\n. O\n";

static struct gz_ner_model *train_tiny(struct gz_conll *c)
{
    struct gz_ner_train_opts o;
    struct gz_ner_model *m = NULL;
    struct gz_error err = {0};

    cr_assert_eq(gz_conll_parse(tiny, sizeof tiny - 1, "tiny", c, &err), 0, "%s", err.msg);
    gz_ner_train_defaults(&o);
    o.epochs = 10;
    o.prune = 0;
    cr_assert_eq(gz_ner_train(c, NULL, &o, &m, &err), 0, "%s", err.msg);
    return m;
}

Test(tagger, tiny_model_tags_its_training_sentences_back)
{
    struct gz_conll c;
    struct gz_ner_model *m = train_tiny(&c);
    uint8_t tags[64];
    float conf[64];
    size_t i;

    cr_assert_eq(c.nsents, 5);
    cr_assert_eq(c.ndocs, 1);
    cr_assert_leq(c.ntoks, 64);
    gz_ner_tag_doc(m, c.toks, c.starts, c.nsents, tags, conf);
    for (i = 0; i < c.ntoks; i++) {
        cr_expect_eq(tags[i], c.gold[i], "token %zu %.*s: %s, want %s", i, (int)c.toks[i].n,
                     c.toks[i].s, gz_ner_tag_name(tags[i]), gz_ner_tag_name(c.gold[i]));
        cr_expect(conf[i] > 0 && conf[i] <= 1.0001f);
    }
    gz_ner_model_free(m);
    gz_conll_free(&c);
}

/* Tag of token i of the first sentence of text, by a model trained on tiny
 * with the sentences of extra (open_misc as gz_ner_train_opts). */
static uint8_t tag_with_extra(const char *extra, int open_misc, const char *text, size_t i)
{
    struct gz_ner_train_opts o;
    struct gz_ner_model *m = NULL;
    struct gz_error err = {0};
    struct gz_conll c, x, t;
    uint8_t tags[16];

    cr_assert_eq(gz_conll_parse(tiny, sizeof tiny - 1, "tiny", &c, &err), 0, "%s", err.msg);
    cr_assert_eq(gz_conll_parse(extra, strlen(extra), "extra", &x, &err), 0, "%s", err.msg);
    cr_assert_eq(gz_conll_parse(text, strlen(text), "text", &t, &err), 0, "%s", err.msg);
    gz_ner_train_defaults(&o);
    o.epochs = 10;
    o.prune = 0;
    o.extra = &x;
    o.extra_open_misc = open_misc;
    cr_assert_eq(gz_ner_train(&c, NULL, &o, &m, &err), 0, "%s", err.msg);
    cr_assert_leq(t.sents[0].n, 16);
    gz_ner_tag(m, t.toks, t.sents[0].n, tags, NULL);
    gz_ner_model_free(m);
    gz_conll_free(&t);
    gz_conll_free(&x);
    gz_conll_free(&c);
    return tags[i];
}

Test(tagger, extra_sentences_are_trained_on)
{
    static const char extra[] = "Kowalczyk B-ORG\nsang O\n. O\n";

    cr_assert_eq(tag_with_extra(extra, 0, extra, 0), GZ_TAG_B(GZ_NER_ORG));
    cr_assert_neq(tag_with_extra("sang O\n", 0, extra, 0), GZ_TAG_B(GZ_NER_ORG));
}

Test(tagger, extra_open_misc_keeps_misc_the_extra_data_tags_o)
{
    static const char extra[] =
        "German O\nofficials O\nsang O\n. O\n\nGerman O\nofficials O\nsang O\n. O\n\n"
        "German O\nofficials O\nsang O\n. O\n";

    cr_assert_eq(tag_with_extra(extra, 1, extra, 0), GZ_TAG_B(GZ_NER_MISC));
    cr_assert_eq(tag_with_extra(extra, 0, extra, 0), GZ_TAG_O);
}

Test(tagger, viterbi_never_starts_an_entity_with_inside_tag)
{
    float emit[2 * GZ_NER_NTAGS] = { 0 }, trans[GZ_NER_NTRANS] = { 0 };
    uint8_t tags[2];

    emit[GZ_TAG_I(GZ_NER_PER)] = 10;          /* token 0 wants I-PER */
    emit[GZ_NER_NTAGS + GZ_TAG_I(GZ_NER_LOC)] = 10;
    gz_ner_viterbi(emit, 2, trans, tags);
    cr_assert_neq(tags[0], GZ_TAG_I(GZ_NER_PER));
    cr_assert(gz_ner_tag_allowed(tags[0], tags[1]));
}

Test(tagger, conll_reader_converts_iob1)
{
    static const char iob1[] = "-DOCSTART- -X- O O\n\nEU I-ORG\nrejects O\nGerman I-MISC\n";
    struct gz_conll c;
    struct gz_error err = {0};

    cr_assert_eq(gz_conll_parse(iob1, sizeof iob1 - 1, "iob1", &c, &err), 0);
    cr_assert_eq(c.nsents, 1);
    cr_assert_eq(c.ntoks, 3);
    cr_assert_eq(c.gold[0], GZ_TAG_B(GZ_NER_ORG));
    cr_assert_eq(c.gold[2], GZ_TAG_B(GZ_NER_MISC));
    gz_conll_free(&c);
    cr_assert_eq(gz_conll_parse("EU X-ORG\n", 9, "bad", &c, &err), -1);
    cr_assert(strstr(err.msg, "bad:1: unknown tag") != NULL, "%s", err.msg);
}

/* Out-of-domain floor: F1 (PER, ORG, LOC) of models/ner-en.bin on
 * tests/data/ner/ood/check.conll, measured 0.8143 on 2026-11-29 (the round 2
 * model), minus 0.03. The model with sports-report features (features
 * version 6) measured 0.7975 once; the floor was left where it was. Reset
 * it when the model is retrained. */
#define OOD_F1_FLOOR 0.784

/* Score the shipped model on a CoNLL file, the types of mask only. */
static void score_shipped(const char *path, unsigned mask, double *p, double *r, double *f1)
{
    struct gz_ner_model *m = NULL;
    struct gz_error err = {0};
    struct gz_ner_score sc;
    struct gz_conll c;
    uint8_t *pred, *gold;
    size_t d, s;

    cr_assert_eq(gz_ner_model_load("models/ner-en.bin", &m, &err), 0, "%s", err.msg);
    cr_assert_eq(gz_conll_read(path, &c, &err), 0, "%s", err.msg);
    memset(&sc, 0, sizeof sc);
    pred = gz_xmalloc(c.ntoks + 1);
    gold = gz_xmalloc(c.ntoks + 1);
    for (d = 0; d < c.ndocs; d++)           /* as `gazette eval ner` tags it */
        gz_ner_tag_doc(m, c.toks, c.starts + c.docs[d], c.docs[d + 1] - c.docs[d], pred, NULL);
    for (s = 0; s < c.nsents; s++) {
        size_t first = c.sents[s].first, n = c.sents[s].n;
        memcpy(gold, c.gold + first, n);
        gz_ner_tags_keep(gold, n, mask);
        gz_ner_tags_keep(pred + first, n, mask);
        gz_ner_score_add(&sc, gold, pred + first, n);
    }
    gz_ner_score_prf(&sc, -1, p, r, f1);
    gz_free(gold);
    gz_free(pred);
    gz_conll_free(&c);
    gz_ner_model_free(m);
}

Test(tagger, shipped_model_scores_at_least_085_on_eng_testa, .timeout = 120)
{
    double p, r, f1;
    const char *data = getenv("GAZETTE_SHARED_DATA");
    char testa[1024];

    snprintf(testa, sizeof testa, "%s/ner/conll2003/eng.testa", data ? data : "../shared/data");
    if (access(testa, R_OK) != 0)   /* the corpus is not ours to ship: say so, loudly */
        cr_skip_test("%s not found (set GAZETTE_SHARED_DATA to the shared data folder)", testa);
    score_shipped(testa, GZ_NER_ALL_TYPES, &p, &r, &f1);
    cr_log_info("eng.testa: P %.4f R %.4f F1 %.4f", p, r, f1);
    cr_assert_geq(f1, 0.85, "F1 %.4f on eng.testa is below 0.85", f1);
}

Test(tagger, shipped_model_out_of_domain_floor, .timeout = 60)
{
    unsigned mask = 0;
    double p, r, f1;

    cr_assert_eq(gz_ner_types_parse("PER,ORG,LOC", &mask), 0);
    score_shipped("tests/data/ner/ood/check.conll", mask, &p, &r, &f1);
    cr_log_info("tests/data/ner/ood/check.conll, PER/ORG/LOC: P %.4f R %.4f F1 %.4f", p, r, f1);
    cr_assert_geq(f1, OOD_F1_FLOOR, "F1 %.4f on the out-of-domain check set is below %.3f", f1,
                  OOD_F1_FLOOR);
}
