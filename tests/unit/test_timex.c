/*
 * test_timex.c - what the temporal tagger does besides its golden cases
 * (those are the lines of tests/data/timex/, run by test_golden.c): no
 * reference, the normalise_dates stage around it, and random text.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "stages/stage.h"
#include "dates/timex.h"

static void count(const struct gz_timex *t, void *arg)
{
    (void)t;
    (*(int *)arg)++;
}

Test(timex, no_reference_no_expressions)
{
    struct gz_ymd ref = {0, 0, 0};
    int n = 0;

    cr_assert_eq(gz_timex_find("yesterday", 9, ref, count, &n), 0);
    cr_assert_eq(n, 0);
}

/* ---- the normalise_dates stage ---------------------------------------- */

extern const struct gz_stage_ops gz_stage_normalise_dates;

static struct gz_article *article(const char *body, struct gz_ymd published)
{
    struct gz_article *a = gz_article_new();

    a->body = gz_arena_strdup(a->arena, body);
    a->body_len = strlen(body);
    a->published = published;
    return a;
}

Test(normalise_dates, stores_code_point_offsets_and_ranges)
{
    struct gz_stage st = {&gz_stage_normalise_dates, NULL, ".", NULL};
    struct gz_error err;
    struct gz_article *a = article("Déjà vu: a Liberal prime minister since 2010, he met them "
                                   "last week.", (struct gz_ymd){2024, 2, 22});

    cr_assert_eq(st.ops->init(&st, &err), 0);
    cr_assert_eq(st.ops->process(&st, a, &err), 0);
    cr_assert_eq(a->n_dates, 2);
    cr_assert_str_eq(a->dates[0].surface, "2010");
    cr_assert_eq(a->dates[0].start_char, 40);       /* "é" and "à" count once each */
    cr_assert_eq(a->dates[0].end_char, 44);
    cr_assert_str_eq(a->dates[0].value, "2010");
    cr_assert_eq(a->dates[0].range_start.year, 2010);
    cr_assert_eq(a->dates[0].range_end.year, 2011);
    cr_assert_str_eq(a->dates[1].timex_type, "DATE");
    cr_assert_str_eq(a->dates[1].value, "2024-W07");
    cr_assert_eq(a->dates[1].range_start.day, 12);
    gz_article_free(a);
    st.ops->fini(&st);
}

Test(normalise_dates, rejects_an_article_without_a_date)
{
    struct gz_stage st = {&gz_stage_normalise_dates, NULL, ".", NULL};
    struct gz_error err;
    struct gz_article *a = article("It happened yesterday.", (struct gz_ymd){0, 0, 0});

    cr_assert_eq(st.ops->init(&st, &err), 0);
    cr_assert_eq(st.ops->process(&st, a, &err), -1);
    cr_assert_str_eq(err.msg, "no publication date to resolve dates against");
    gz_article_free(a);
    st.ops->fini(&st);
}

Test(normalise_dates, a_fixed_reference_overrides_the_article_date)
{
    static const char yaml[] = "reference: 1989-10-27\n";
    struct gz_error err;
    struct gz_cfg_node *opts = gz_cfg_parse_string("test", yaml, strlen(yaml), &err);
    struct gz_stage st = {&gz_stage_normalise_dates, NULL, ".", NULL};
    struct gz_article *a = article("It happened yesterday.", (struct gz_ymd){2024, 2, 22});

    cr_assert_not_null(opts, "%s", err.msg);
    st.opts = opts;
    cr_assert_eq(st.ops->init(&st, &err), 0, "%s", err.msg);
    cr_assert_eq(st.ops->process(&st, a, &err), 0);
    cr_assert_eq(a->n_dates, 1);
    cr_assert_str_eq(a->dates[0].value, "1989-10-26");
    gz_article_free(a);
    st.ops->fini(&st);
    gz_cfg_free(opts);
}

Test(normalise_dates, a_bad_reference_is_a_config_error)
{
    static const char yaml[] = "reference: tomorrow\n";
    struct gz_error err;
    struct gz_cfg_node *opts = gz_cfg_parse_string("test", yaml, strlen(yaml), &err);
    struct gz_stage st = {&gz_stage_normalise_dates, NULL, ".", NULL};

    cr_assert_not_null(opts);
    st.opts = opts;
    cr_assert_eq(st.ops->init(&st, &err), -1);
    cr_assert_eq(err.code, EX_CONFIG);
    cr_assert(strstr(err.msg, "reference \"tomorrow\"") != NULL, "%s", err.msg);
    st.ops->fini(&st);
    gz_cfg_free(opts);
}

/* ---- robustness: random text in exactly-sized buffers (no NUL), so that
 * an over-read shows under `make SANITIZE=address,undefined` ------------ */

static void ignore(const struct gz_timex *t, void *arg)
{
    size_t *n = arg;

    cr_assert(t->start < t->end);
    (*n)++;
}

Test(timex, survives_random_text)
{
    static const char *const pieces[] = {
        "May", "Feb", ".", " ", "-", "/", ":", ",", "'", "\xe2\x80\x99", "\xc3", "1", "22",
        "2024", "10:30", "a.m", "the", "last", "week", "years", "old", "nineteen", "ninety",
        "s", "Q3", "W08", "\n\n", "Christmas", "ago", "%", "twenty", "quarter", "of", "Monday",
    };
    unsigned seed = 12345;
    int round;

    for (round = 0; round < 3000; round++) {
        size_t n = 0, found = 0, k, parts;
        char tmp[512];
        char *buf;

        seed = seed * 1103515245u + 12345u;
        parts = seed % 24;
        for (k = 0; k < parts; k++) {
            const char *p;

            seed = seed * 1103515245u + 12345u;
            p = pieces[(seed >> 8) % (sizeof(pieces) / sizeof(pieces[0]))];
            memcpy(tmp + n, p, strlen(p));
            n += strlen(p);
        }
        buf = malloc(n ? n : 1);
        memcpy(buf, tmp, n);
        gz_timex_find(buf, n, (struct gz_ymd){2024, 2, 22}, ignore, &found);
        free(buf);
    }
}
