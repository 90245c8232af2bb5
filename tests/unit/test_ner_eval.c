/*
 * test_ner_eval.c - the CoNLL span scorer on hand-made tag sequences.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "ner/conll.h"
#include "ner/ner_eval.h"

#define O 0
#define BP GZ_TAG_B(GZ_NER_PER)
#define IP GZ_TAG_I(GZ_NER_PER)
#define BL GZ_TAG_B(GZ_NER_LOC)
#define IL GZ_TAG_I(GZ_NER_LOC)
#define BO GZ_TAG_B(GZ_NER_ORG)
#define IO GZ_TAG_I(GZ_NER_ORG)
#define BM GZ_TAG_B(GZ_NER_MISC)

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

Test(ner_types, parses_comma_separated_names)
{
    unsigned m = 0;

    cr_assert_eq(gz_ner_types_parse("PER,ORG,LOC", &m), 0);
    cr_assert_eq(m, (1u << GZ_NER_PER) | (1u << GZ_NER_ORG) | (1u << GZ_NER_LOC));
    cr_assert_eq(gz_ner_types_parse("MISC", &m), 0);
    cr_assert_eq(m, 1u << GZ_NER_MISC);
    cr_assert_eq(gz_ner_types_parse("LOC,LOC", &m), 0);
    cr_assert_eq(m, 1u << GZ_NER_LOC);
    cr_assert_eq(gz_ner_types_parse("", &m), -1);
    cr_assert_eq(gz_ner_types_parse("PER,", &m), -1);
    cr_assert_eq(gz_ner_types_parse(",PER", &m), -1);
    cr_assert_eq(gz_ner_types_parse("PER,per", &m), -1);
    cr_assert_eq(gz_ner_types_parse("PERSON", &m), -1);
    cr_assert_eq(gz_ner_types_parse("PE", &m), -1);
}

/* The gold of a CoNLL text against a hand-made prediction: the MISC
 * entities (one missed, one false) pull the score down until --types
 * leaves them out, and an entity predicted MISC where the gold has LOC
 * then counts as a LOC missed, not as a false MISC. */
Test(ner_types, scoring_per_org_loc_drops_misc_on_both_sides)
{
    static const char text[] =
        "-DOCSTART- O\n\n"
        "Iraqi B-MISC\nofficials O\nmet O\nMs. O\nAnna B-PER\nLindqvist I-PER\n. O\n\n"
        "Oxford B-ORG\nUniversity I-ORG\nis O\nin O\nOxford B-LOC\n. O\n";
    uint8_t pred[] = { O, O, O, O, BP, IP, O,
                       BO, IO, O, O, BM, O };
    uint8_t gold[sizeof pred], p2[sizeof pred];
    struct gz_conll c;
    struct gz_error err = {0};
    struct gz_ner_score all, some;
    double p, r, f;
    size_t s;
    unsigned mask;

    cr_assert_eq(gz_conll_parse(text, sizeof text - 1, "types", &c, &err), 0, "%s", err.msg);
    cr_assert_eq(c.ntoks, sizeof pred);
    cr_assert_eq(gz_ner_types_parse("PER,ORG,LOC", &mask), 0);
    memset(&all, 0, sizeof all);
    memset(&some, 0, sizeof some);
    for (s = 0; s < c.nsents; s++) {
        size_t first = c.sents[s].first, n = c.sents[s].n;
        gz_ner_score_add(&all, c.gold + first, pred + first, n);
        memcpy(gold, c.gold + first, n);
        memcpy(p2, pred + first, n);
        gz_ner_tags_keep(gold, n, mask);
        gz_ner_tags_keep(p2, n, mask);
        gz_ner_score_add(&some, gold, p2, n);
    }
    /* all types: gold MISC PER ORG LOC, pred PER ORG MISC: 2 right */
    gz_ner_score_prf(&all, -1, &p, &r, &f);
    cr_assert_float_eq(p, 2.0 / 3, 1e-9);
    cr_assert_float_eq(r, 2.0 / 4, 1e-9);
    cr_assert_eq(all.fn[GZ_NER_MISC], 1);
    cr_assert_eq(all.fp[GZ_NER_MISC], 1);
    /* PER,ORG,LOC: gold PER ORG LOC, pred PER ORG: precision 1 */
    gz_ner_score_prf(&some, -1, &p, &r, &f);
    cr_assert_float_eq(p, 1.0, 1e-9);
    cr_assert_float_eq(r, 2.0 / 3, 1e-9);
    cr_assert_float_eq(f, 0.8, 1e-9);
    cr_assert_eq(some.fn[GZ_NER_MISC] + some.fp[GZ_NER_MISC] + some.tp[GZ_NER_MISC], 0);
    cr_assert_eq(some.fn[GZ_NER_LOC], 1);
    gz_conll_free(&c);
}
