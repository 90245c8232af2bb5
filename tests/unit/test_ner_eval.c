/*
 * test_ner_eval.c - the CoNLL span scorer on hand-made tag sequences.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "ner/ner_eval.h"

#define O 0
#define BP GZ_TAG_B(GZ_NER_PER)
#define IP GZ_TAG_I(GZ_NER_PER)
#define BL GZ_TAG_B(GZ_NER_LOC)
#define IL GZ_TAG_I(GZ_NER_LOC)
#define BO GZ_TAG_B(GZ_NER_ORG)
#define IO GZ_TAG_I(GZ_NER_ORG)

Test(ner_spans, iob2_chunks)
{
    uint8_t tags[] = { BP, IP, O, BL, BL, IL, O };
    struct gz_ner_span s[7];

    cr_assert_eq(gz_ner_spans(tags, 7, s), 3);
    cr_assert(s[0].start == 0 && s[0].end == 2 && s[0].type == GZ_NER_PER);
    cr_assert(s[1].start == 3 && s[1].end == 4 && s[1].type == GZ_NER_LOC);
    cr_assert(s[2].start == 4 && s[2].end == 6 && s[2].type == GZ_NER_LOC);
}

Test(ner_spans, stray_inside_tag_opens_an_entity_like_conlleval)
{
    uint8_t tags[] = { O, IP, IP, IL, O };
    struct gz_ner_span s[5];

    cr_assert_eq(gz_ner_spans(tags, 5, s), 2);
    cr_assert(s[0].start == 1 && s[0].end == 3 && s[0].type == GZ_NER_PER);
    cr_assert(s[1].start == 3 && s[1].end == 4 && s[1].type == GZ_NER_LOC);
}

Test(ner_score, exact_span_and_type_only)
{
    /* gold: PER[0,2) LOC[3,4) ORG[5,7); pred: PER[0,1) LOC[3,4) PER[5,7) */
    uint8_t gold[] = { BP, IP, O, BL, O, BO, IO };
    uint8_t pred[] = { BP, O, O, BL, O, BP, IP };
    struct gz_ner_score sc;
    double p, r, f;

    memset(&sc, 0, sizeof sc);
    gz_ner_score_add(&sc, gold, pred, 7);
    cr_assert_eq(sc.tp[GZ_NER_LOC], 1);
    cr_assert_eq(sc.fp[GZ_NER_PER], 2);
    cr_assert_eq(sc.fn[GZ_NER_PER], 1);
    cr_assert_eq(sc.fn[GZ_NER_ORG], 1);
    gz_ner_score_prf(&sc, -1, &p, &r, &f);
    cr_assert_float_eq(p, 1.0 / 3, 1e-9);
    cr_assert_float_eq(r, 1.0 / 3, 1e-9);
    cr_assert_float_eq(f, 1.0 / 3, 1e-9);
    gz_ner_score_prf(&sc, GZ_NER_LOC, &p, &r, &f);
    cr_assert_float_eq(f, 1.0, 1e-9);
}

Test(ner_score, sums_over_sentences_and_handles_empty)
{
    uint8_t g1[] = { BP, IP }, p1[] = { BP, IP };
    uint8_t g2[] = { O, BL }, p2[] = { O, O };
    struct gz_ner_score sc;
    double p, r, f;

    memset(&sc, 0, sizeof sc);
    gz_ner_score_prf(&sc, -1, &p, &r, &f);
    cr_assert(p == 0 && r == 0 && f == 0);
    gz_ner_score_add(&sc, g1, p1, 2);
    gz_ner_score_add(&sc, g2, p2, 2);
    gz_ner_score_prf(&sc, -1, &p, &r, &f);
    cr_assert_float_eq(p, 1.0, 1e-9);
    cr_assert_float_eq(r, 0.5, 1e-9);
    cr_assert_float_eq(f, 2.0 / 3, 1e-9);
}
