/*
 * test_tokenize.c - the tokenizer and sentence splitter besides their golden
 * cases (those are the lines of tests/data/tokenize/, run by
 * test_golden.c): offsets in code points, empty text, long runs, and
 * invariants over random text.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "core/mem.h"
#include "text/sentence.h"
#include "text/tokenize.h"

Test(tokenize, offsets_are_code_points)
{
    const char *s = "Jos\xc3\xa9 met \xe5\x8c\x97\xe4\xba\xac";   /* José met 北京 */
    struct gz_token *t;
    size_t n = gz_tokenize(s, strlen(s), &t);

    cr_assert_eq(n, 3);
    cr_assert_eq(t[0].cend, 4);
    cr_assert_eq(t[0].end, 5);
    cr_assert_eq(t[2].cstart, 9);
    cr_assert_eq(t[2].cend, 11);
    cr_assert_eq(t[2].start, 10);
    gz_free(t);
}

Test(tokenize, empty_and_blank_text_have_no_tokens)
{
    struct gz_token *t = NULL;

    cr_assert_eq(gz_tokenize("", 0, &t), 0);
    gz_free(t);
    cr_assert_eq(gz_tokenize(" \n\t ", 4, &t), 0);
    gz_free(t);
}

Test(sentence, long_runs_are_cut)
{
    char text[4096];
    struct gz_token *t;
    size_t i, n;

    for (i = 0; i < 1000; i++)
        memcpy(text + 2 * i, "a ", 2);
    n = gz_tokenize(text, 2000, &t);
    cr_assert_eq(n, 1000);
    cr_assert_eq(gz_sentence_split(text, t, n), 5);
    cr_assert_eq(t[GZ_SENTENCE_MAX].sentence, 1);
    gz_free(t);
}

/* Random text from pieces (fixed seed); with valid set, only whole UTF-8
 * sequences are used. Returns the length written to text. */
static size_t random_text(uint64_t *rng, int valid, char *text, size_t cap)
{
    static const char *const pieces[] = {
        "a", "Z", "9", " ", ".", ",", "'", "-", "$", "%", "\n", "\"", "(", ")", "&", "/",
        ":", "\xc3\xa9", "\xe2\x80\x99", "\xe5\x8c\x97", "\xff", "\x80",
    };
    size_t npieces = sizeof pieces / sizeof pieces[0] - (valid ? 2 : 0), len = 0, want;

    *rng = *rng * 6364136223846793005ULL + 1442695040888963407ULL;
    want = (size_t)(*rng >> 33) % (cap - 4);
    while (len < want) {
        const char *p;
        *rng = *rng * 6364136223846793005ULL + 1442695040888963407ULL;
        p = pieces[(*rng >> 33) % npieces];
        memcpy(text + len, p, strlen(p));
        len += strlen(p);
    }
    return len;
}

/* Tokens stay in order, inside the text, never empty, never on blank
 * space; for valid UTF-8, code point offsets advance with byte ones. */
static void check_invariants(const char *text, size_t len, int valid)
{
    struct gz_token *t;
    size_t n = gz_tokenize(text, len, &t), i;

    gz_sentence_split(text, t, n);
    for (i = 0; i < n; i++) {
        cr_assert_lt(t[i].start, t[i].end);
        cr_assert_leq(t[i].end, len);
        cr_assert_neq(text[t[i].start], ' ');
        cr_assert(valid ? t[i].cstart < t[i].cend : t[i].cstart <= t[i].cend);
        if (i > 0) {
            cr_assert_leq(t[i - 1].end, t[i].start);
            cr_assert_leq(t[i - 1].cend, t[i].cstart);
            cr_assert_leq(t[i - 1].sentence, t[i].sentence);
        }
    }
    gz_free(t);
}

Test(tokenize, random_input_keeps_invariants)
{
    uint64_t rng = 42;
    char text[260];
    int round;

    for (round = 0; round < 5000; round++) {
        size_t len = random_text(&rng, round % 2, text, sizeof text);
        check_invariants(text, len, round % 2);
    }
}
