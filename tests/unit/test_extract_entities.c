/*
 * test_extract_entities.c - the stage with the shipped model: options,
 * mention types, code point offsets, sentence numbers, confidence.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <string.h>

#include "core/article.h"
#include "core/config.h"
#include "core/mem.h"
#include "stages/stage.h"

struct run {
    struct gz_cfg_node *cfg;
    struct gz_stage     st;
    struct gz_article  *a;
};

static int start(struct run *r, const char *yaml, struct gz_error *err)
{
    memset(r, 0, sizeof *r);
    r->cfg = gz_cfg_parse_string("test.yaml", yaml, strlen(yaml), err);
    cr_assert_not_null(r->cfg, "%s", err->msg);
    r->st.ops = gz_stage_find("extract_entities");
    r->st.opts = r->cfg;
    r->st.base_dir = ".";
    if (gz_stage_check_opts(&r->st, err) != 0)
        return -1;
    return r->st.ops->init(&r->st, err);
}

static void run_on(struct run *r, const char *body)
{
    struct gz_error err = {0};

    r->a = gz_article_new();
    r->a->body = gz_arena_strdup(r->a->arena, body);
    r->a->body_len = strlen(body);
    cr_assert_eq(r->st.ops->process(&r->st, r->a, &err), 0, "%s", err.msg);
}

static void finish(struct run *r)
{
    if (r->st.ops && r->st.ops->fini)
        r->st.ops->fini(&r->st);
    gz_article_free(r->a);
    gz_cfg_free(r->cfg);
}

static const struct gz_mention *find(const struct gz_article *a, const char *surface)
{
    size_t i;

    for (i = 0; i < a->n_mentions; i++)
        if (strcmp(a->mentions[i].surface, surface) == 0)
            return &a->mentions[i];
    return NULL;
}

static const char body[] =
    "Peter Blackburn, the chief executive of Citro\xc3\xabn, said in London on "
    "Friday that profit rose 8.75 pct.\n\nHe said Ford would pay $3 billion for "
    "537,609 shares of Jaguar.";

Test(extract_entities, finds_names_and_amounts_with_offsets)
{
    struct gz_error err = {0};
    const struct gz_mention *m;
    struct run r;

    cr_assert_eq(start(&r, "model: models/ner-en.bin\n", &err), 0, "%s", err.msg);
    run_on(&r, body);
    m = find(r.a, "Peter Blackburn");
    cr_assert_not_null(m);
    cr_assert_str_eq(m->type, "PERSON");
    cr_assert_eq(m->start_char, 0);
    cr_assert_eq(m->end_char, 15);
    cr_assert(m->confidence > 0.5 && m->confidence <= 1.0001, "%f", m->confidence);
    m = find(r.a, "London");
    cr_assert_not_null(m);
    cr_assert_str_eq(m->type, "LOC");
    cr_assert_eq(m->start_char, 57);                     /* ë before it is one code point */
    cr_assert_eq(m->end_char, 63);
    cr_assert_eq(m->sentence, 0);
    m = find(r.a, "8.75 pct");
    cr_assert(m != NULL && strcmp(m->type, "PERCENT") == 0);
    m = find(r.a, "$3 billion");
    cr_assert(m != NULL && strcmp(m->type, "MONEY") == 0);
    cr_assert_eq(m->sentence, 1);
    m = find(r.a, "537,609 shares");
    cr_assert(m != NULL && strcmp(m->type, "QUANTITY") == 0);
    for (size_t i = 1; i < r.a->n_mentions; i++)
        cr_assert_leq(r.a->mentions[i - 1].start_char, r.a->mentions[i].start_char);
    finish(&r);
}

Test(extract_entities, types_option_filters)
{
    struct gz_error err = {0};
    struct run r;
    size_t i;

    cr_assert_eq(start(&r, "types: [MONEY, LOC]\nmin_confidence: 0.2\n", &err), 0, "%s", err.msg);
    run_on(&r, body);
    cr_assert_gt(r.a->n_mentions, 1);
    for (i = 0; i < r.a->n_mentions; i++)
        cr_assert(strcmp(r.a->mentions[i].type, "MONEY") == 0
                  || strcmp(r.a->mentions[i].type, "LOC") == 0, "%s", r.a->mentions[i].type);
    finish(&r);
}

Test(extract_entities, unknown_type_and_missing_model_are_errors)
{
    struct gz_error err = {0};
    struct run r;

    cr_assert_eq(start(&r, "types: [PERSON, PLACE]\n", &err), -1);
    cr_assert(strstr(err.msg, "test.yaml:1:17: unknown entity type \"PLACE\"") != NULL, "%s",
              err.msg);
    finish(&r);
    cr_assert_eq(start(&r, "model: nowhere/ner.bin\n", &err), -1);
    cr_assert(strstr(err.msg, "nowhere/ner.bin") != NULL, "%s", err.msg);
    finish(&r);
}

Test(extract_entities, empty_body_has_no_mentions)
{
    struct gz_error err = {0};
    struct run r;

    cr_assert_eq(start(&r, "min_confidence: 0\n", &err), 0, "%s", err.msg);
    run_on(&r, "");
    cr_assert_eq(r.a->n_mentions, 0);
    finish(&r);
}

/* Several threads share one stage (and its mapped model) and must find
 * exactly what one thread finds. */
struct worker {
    struct gz_stage *st;
    size_t           n_mentions;
    int64_t          sum_starts;
    int              rc;
};

static void *work(void *arg)
{
    struct worker *w = arg;
    struct gz_error err = {0};
    int round;

    for (round = 0; round < 50; round++) {
        struct gz_article *a = gz_article_new();
        size_t i;
        a->body = gz_arena_strdup(a->arena, body);
        a->body_len = strlen(body);
        w->rc |= w->st->ops->process(w->st, a, &err);
        w->n_mentions = a->n_mentions;
        w->sum_starts = 0;
        for (i = 0; i < a->n_mentions; i++)
            w->sum_starts += a->mentions[i].start_char;
        gz_article_free(a);
    }
    return NULL;
}

Test(extract_entities, process_is_safe_from_several_threads)
{
    struct gz_error err = {0};
    struct worker w[4];
    pthread_t th[4];
    struct run r;
    int i;

    cr_assert_eq(start(&r, "min_confidence: 0\n", &err), 0, "%s", err.msg);
    run_on(&r, body);
    for (i = 0; i < 4; i++) {
        w[i].st = &r.st;
        w[i].rc = 0;
        cr_assert_eq(pthread_create(&th[i], NULL, work, &w[i]), 0);
    }
    for (i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        cr_assert_eq(w[i].rc, 0);
        cr_assert_eq(w[i].n_mentions, r.a->n_mentions);
    }
    for (i = 1; i < 4; i++)
        cr_assert_eq(w[i].sum_starts, w[0].sum_starts);
    finish(&r);
}

/* Random bodies of name-like and number-like words: mentions stay inside
 * the body, in order, with a confidence in [0, 1]. */
Test(extract_entities, random_bodies_give_sane_mentions)
{
    static const char *const words[] = {
        "Paris", "said", "the", "$", "3", "billion", "pct", "U.S.", "Mr.", "Smith", ".",
        "\n\n", "537,609", "shares", "of", "Ford", "Motor", "Co", ",", "\xc3\xa9t\xc3\xa9",
        "NATO", "%", "dlrs", "\"", "-",
    };
    struct gz_error err = {0};
    uint64_t rng = 7;
    struct run r;
    int round;

    cr_assert_eq(start(&r, "min_confidence: 0\n", &err), 0, "%s", err.msg);
    for (round = 0; round < 300; round++) {
        char text[2048];
        size_t len = 0, i, k, nw;
        int64_t ncp;
        rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
        nw = (size_t)(rng >> 33) % 120;
        for (k = 0; k < nw; k++) {
            const char *w;
            rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
            w = words[(rng >> 33) % (sizeof words / sizeof words[0])];
            memcpy(text + len, w, strlen(w));
            len += strlen(w);
            text[len++] = ' ';
        }
        text[len] = '\0';
        run_on(&r, text);
        ncp = 0;
        for (i = 0; i < len; i++)
            ncp += ((unsigned char)text[i] & 0xC0) != 0x80;
        for (i = 0; i < r.a->n_mentions; i++) {
            const struct gz_mention *m = &r.a->mentions[i];
            cr_assert(m->start_char >= 0 && m->start_char < m->end_char && m->end_char <= ncp);
            cr_assert(m->confidence >= 0 && m->confidence <= 1.0001);
            cr_assert(i == 0 || r.a->mentions[i - 1].start_char <= m->start_char);
        }
        gz_article_free(r.a);
        r.a = NULL;
    }
    finish(&r);
}
