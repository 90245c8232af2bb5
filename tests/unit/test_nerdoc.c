/*
 * test_nerdoc.c - document features: what the other occurrences of a
 * capitalised word in the document say, never its own occurrence.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "ner/nerdoc.h"

#define MAXTOK 64

struct doc {
    struct gz_ner_tok      t[MAXTOK];
    struct gz_nerfeat_word w[MAXTOK];
    size_t                 starts[MAXTOK + 1], n, nsents;
};

/* Sentences separated by " | ", tokens by spaces; prepared and marked. */
static void mark(struct doc *d, const char *text)
{
    const char *p = text;
    size_t s;

    memset(d, 0, sizeof *d);
    d->starts[0] = 0;
    while (*p != '\0') {
        size_t len = strcspn(p, " ");
        if (len == 1 && *p == '|')
            d->starts[++d->nsents] = d->n;
        else {
            cr_assert_lt(d->n, MAXTOK);
            d->t[d->n].s = p;
            d->t[d->n++].n = len;
        }
        p += len + (p[len] == ' ');
    }
    d->starts[++d->nsents] = d->n;
    for (s = 0; s < d->nsents; s++)
        gz_nerfeat_prepare(d->t + d->starts[s], d->starts[s + 1] - d->starts[s], NULL,
                           d->w + d->starts[s]);
    gz_nerdoc_mark(d->t, d->w, d->starts, d->nsents);
}

Test(nerdoc, a_short_mention_hears_of_the_full_name_and_the_title)
{
    struct doc d;

    /* 0 Peter 1 Blackburn 2 said 3 . | 4 Blackburn 5 left 6 . | 7 Mr 8 Blackburn 9 too */
    mark(&d, "Peter Blackburn said . | Blackburn left . | Mr Blackburn too");
    cr_expect_eq(d.w[4].doc, GZ_DOC_SEQ_LAST | GZ_DOC_CAP_MID | GZ_DOC_TITLE);
    /* its own run and title do not count; the other ones do */
    cr_expect_eq(d.w[1].doc, GZ_DOC_CAP_MID | GZ_DOC_TITLE | GZ_DOC_SEQ_LAST);
    cr_expect_eq(d.w[0].doc, 0);        /* "Peter" occurs once */
    cr_expect_eq(d.w[2].doc, 0);        /* lower case: no document bits */
}

Test(nerdoc, only_one_occurrence_means_no_bits)
{
    struct doc d;

    mark(&d, "Ronald Reagan met Mr Smith in Paris for Acme Inc .");
    for (size_t i = 0; i < d.n; i++)
        cr_expect_eq(d.w[i].doc, 0, "token %zu", i);
}

Test(nerdoc, headline_words_and_sentence_starts_read_the_story)
{
    struct doc d;

    /* 0 JAPAN 1 WIN 2 AT 3 ACME 4 . | 5 The 6 team 7 of 8 Japan 9 played 10 in 11 Japan
     * 12 . | 13 the 14 Acme 15 Corp 16 said */
    mark(&d, "JAPAN WIN AT ACME . | The team of Japan played in Japan . | the Acme Corp said");
    cr_expect_eq(d.w[0].doc, GZ_DOC_CAP_MID | GZ_DOC_LOCPREP);
    cr_expect_eq(d.w[3].doc, GZ_DOC_CAP_MID | GZ_DOC_CORP | GZ_DOC_SEQ_FIRST);
    cr_expect_eq(d.w[5].doc, GZ_DOC_LOWER);
    /* the headline's "AT" before "ACME" is no place word for "Japan" */
    cr_expect_eq(d.w[8].doc, GZ_DOC_CAP_MID | GZ_DOC_LOCPREP);
    cr_expect_eq(d.w[11].doc, GZ_DOC_CAP_MID);
}

Test(nerdoc, pieces_are_whole_sentences_up_to_the_limit)
{
    size_t starts[] = { 0, 10, 20, GZ_NERDOC_MAX_TOKENS, GZ_NERDOC_MAX_TOKENS + 5,
                        3 * GZ_NERDOC_MAX_TOKENS };

    cr_expect_eq(gz_nerdoc_piece(starts, 2), 2);
    cr_expect_eq(gz_nerdoc_piece(starts, 3), 3);        /* ends exactly at the limit */
    cr_expect_eq(gz_nerdoc_piece(starts, 4), 3);
    cr_expect_eq(gz_nerdoc_piece(starts + 3, 2), 1);    /* one huge sentence alone */
    cr_expect_eq(gz_nerdoc_piece(starts + 4, 1), 1);
}

/* Every token of d has the sports flag, or none has. */
static int all_sport(const struct doc *d, int want)
{
    size_t i;

    for (i = 0; i < d->n; i++)
        if (((d->w[i].flags & GZ_NF_SPORT) != 0) != want)
            return 0;
    return 1;
}

Test(nerdoc, a_headline_that_opens_with_a_sport_marks_a_sports_report)
{
    struct doc d;

    mark(&d, "SOCCER - JAPAN GET LUCKY WIN . | Bolton 2 Chelsea 1");
    cr_expect(all_sport(&d, 1));
    mark(&d, "MOTOR RACING - HILL WINS . | Hill won in Spa .");
    cr_expect(all_sport(&d, 1));
    mark(&d, "Tennis - Seles out .");
    cr_expect(all_sport(&d, 1));
    /* a second word that is no sport, a sport word later on */
    mark(&d, "MOTOR INDUSTRY - FORD CUTS JOBS . | Ford sponsors soccer .");
    cr_expect(all_sport(&d, 0));
    mark(&d, "Japan beat Bolton in soccer .");
    cr_expect(all_sport(&d, 0));
}
