/*
 * test_conll.c - the CoNLL reader's sentences and documents: "-DOCSTART-"
 * lines, and Reuters stories found from their datelines when there are
 * none.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "ner/conll.h"

/* Parse text; one token per line, so "Peter O\nBlackburn O\n\n...". */
static void parse(const char *text, struct gz_conll *c)
{
    struct gz_error err = {0};

    cr_assert_eq(gz_conll_parse(text, strlen(text), "test", c, &err), 0, "%s", err.msg);
}

static void expect_docs(const struct gz_conll *c, const size_t *want, size_t n)
{
    size_t d;

    cr_assert_eq(c->ndocs, n, "%zu documents, want %zu", c->ndocs, n);
    for (d = 0; d < n; d++)
        cr_expect_eq(c->docs[d], want[d], "document %zu starts at sentence %zu, want %zu", d,
                     c->docs[d], want[d]);
    cr_expect_eq(c->docs[n], c->nsents);
}

Test(conll, docstart_lines_start_documents)
{
    static const size_t want[] = { 0, 1, 3 };
    struct gz_conll c;

    parse("Before O\n\n"
          "-DOCSTART- -X- O O\n\nA B-PER\nb O\n\nC O\n\n"
          "-DOCSTART- -X- O O\n-DOCSTART- -X- O O\n\nD O\n\n"
          "-DOCSTART- -X- O O\n", &c);
    cr_assert_eq(c.nsents, 4);
    expect_docs(&c, want, 3);
    cr_expect_eq(c.starts[1], 1);
    cr_expect_eq(c.starts[2], 3);
    cr_expect_eq(c.starts[4], c.ntoks);
    gz_conll_free(&c);
}

/* Stories of eng.train as they come: headline, an optional byline or
 * correction note, the dateline (the date sometimes a sentence of its
 * own), then the text. */
static const char reuters[] =
    "EU O\nrejects O\nlamb O\n. O\n\n"                          /* 0 headline */
    "Peter B-PER\nBlackburn I-PER\n\n"                          /* 1 byline */
    "BRUSSELS B-LOC\n1996-08-22 O\n\n"                          /* 2 dateline */
    "The O\nCommission B-ORG\nsaid O\non O\n1996-08-22 O\n\n"   /* 3 not a dateline */
    "Rare O\nHendrix B-PER\nsong O\n. O\n\n"                    /* 4 headline */
    "LONDON B-LOC\n1996-08-22 O\n\n"                            /* 5 */
    "A O\nsong O\nsold O\n. O\n\n"                              /* 6 */
    "Kindercare B-ORG\nsays O\n. O\n\n"                         /* 7 headline */
    "MONTGOMERY B-LOC\n, O\nAla B-LOC\n. O\n\n"                 /* 8 place */
    "1996-08-22 O\n\n"                                          /* 9 date */
    "Profit O\nrose O\n. O\n\n"                                 /* 10 */
    "Boskalis B-ORG\nupgrades O\noutlook O\n. O\n\n"            /* 11 headline */
    "[ O\nCORRECTED O\n13:12 O\nGMT O\n] O\n\n"                 /* 12 note */
    "PAPENDRECHT B-LOC\n, O\nNetherlands B-LOC\n1996-08-23 O\n\n" /* 13 */
    "It O\ndid O\n. O\n";

Test(conll, reuters_stories_start_at_their_headline)
{
    static const size_t want[] = { 0, 4, 7, 11 };
    struct gz_conll c;

    parse(reuters, &c);
    cr_assert_eq(c.nsents, 15);
    expect_docs(&c, want, 4);
    gz_conll_free(&c);
}

Test(conll, find_docs_is_what_the_reader_uses_without_docstart)
{
    struct gz_conll c;
    size_t docs[16], n;

    parse(reuters, &c);
    n = gz_conll_find_docs(&c, docs);
    cr_assert_eq(n, c.ndocs);
    cr_assert_eq(memcmp(docs, c.docs, n * sizeof *docs), 0);
    gz_conll_free(&c);
}

Test(conll, a_long_unfinished_sentence_before_the_dateline_is_the_headline)
{
    static const size_t want[] = { 0, 1 };
    struct gz_conll c;

    /* the headline has no full stop but is too long for a byline */
    parse("Old O\ntext O\n. O\n\n"
          "Nothing O\nto O\nsee O\nhere O\nat O\nall O\ntoday O\n\n"
          "PARIS B-LOC\n1996-08-22 O\n\n"
          "More O\n. O\n", &c);
    expect_docs(&c, want, 2);
    gz_conll_free(&c);
}

Test(conll, a_file_without_stories_is_one_document)
{
    static const size_t want[] = { 0 };
    struct gz_conll c;

    parse("Peter B-PER\nleft O\n\nhe O\ncame O\non O\n1996-08-22 O\n", &c);
    expect_docs(&c, want, 1);
    gz_conll_free(&c);
}

Test(conll, an_empty_file_has_no_documents)
{
    struct gz_conll c;

    parse("\n\n-DOCSTART- -X- O O\n\n", &c);
    cr_expect_eq(c.nsents, 0);
    cr_expect_eq(c.ndocs, 0);
    cr_expect_eq(c.docs[0], 0);
    gz_conll_free(&c);
}
