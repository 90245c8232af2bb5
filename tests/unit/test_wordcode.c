/*
 * test_wordcode.c - words used in the same contexts get the same code,
 * words used elsewhere a different one; rare words get none.
 */
#include <criterion/criterion.h>

#include "core/mem.h"
#include "ner/wordcode.h"

#define CITY_A 101
#define CITY_B 102
#define VERB   103

static uint16_t code_for(const struct gz_wordcode *wc, size_t n, uint64_t h, int *found)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (wc[i].hash == h) {
            *found = 1;
            return wc[i].code;
        }
    *found = 0;
    return 0;
}

/* "in CITY ." for two cities, "they VERB it" for a verb, many times, with
 * varied fillers so the context words have some spread. */
static size_t make_stream(uint64_t *s)
{
    size_t n = 0;
    int i;

    for (i = 0; i < 200; i++) {
        s[n++] = 1; s[n++] = 2 + (uint64_t)(i % 3);           /* filler */
        s[n++] = 10; s[n++] = i % 2 ? CITY_A : CITY_B; s[n++] = 11;
        s[n++] = 20; s[n++] = VERB; s[n++] = 21;
        s[n++] = 30 + (uint64_t)(i % 5); s[n++] = 0;
    }
    s[n++] = 999; s[n++] = 0;                                 /* seen once */
    return n;
}

Test(wordcode, same_contexts_same_code)
{
    static uint64_t s[4096];
    struct gz_wordcode *wc;
    size_t n = make_stream(s), m = gz_wordcode_compute(s, n, 5, &wc);
    int fa, fb, fv, fr;
    uint16_t a = code_for(wc, m, CITY_A, &fa), b = code_for(wc, m, CITY_B, &fb);
    uint16_t v = code_for(wc, m, VERB, &fv);

    code_for(wc, m, 999, &fr);
    cr_assert(fa && fb && fv);
    cr_assert_not(fr, "a word seen once must not get a code");
    cr_assert_eq(a, b, "cities: %04x vs %04x", a, b);
    cr_assert_neq(a, v, "city and verb share code %04x", a);
    gz_free(wc);
}

Test(wordcode, empty_stream)
{
    struct gz_wordcode *wc = NULL;
    uint64_t s[1] = { 0 };

    cr_assert_eq(gz_wordcode_compute(s, 1, 5, &wc), 0);
    gz_free(wc);
}
