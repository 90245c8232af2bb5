/*
 * test_normalise_names.c - the stage over mentions given by hand: entity
 * indexes, roles, corrected types, the stoplist, ambiguous short names,
 * alias files and their errors.
 */
#include <criterion/criterion.h>
#include <stdio.h>
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
    r->st.ops = gz_stage_find("normalise_names");
    cr_assert_not_null(r->st.ops, "normalise_names is registered");
    r->st.opts = r->cfg;
    r->st.base_dir = ".";
    if (gz_stage_check_opts(&r->st, err) != 0)
        return -1;
    return r->st.ops->init(&r->st, err);
}

/* Mentions as "TYPE surface" strings, in order. */
static void run_on(struct run *r, const char *const *mentions)
{
    struct gz_error err = {0};
    size_t i;

    r->a = gz_article_new();
    r->a->body = gz_arena_strdup(r->a->arena, "");
    for (i = 0; mentions[i] != NULL; i++) {
        struct gz_mention *m = gz_article_add_mention(r->a);
        const char *sp = strchr(mentions[i], ' ');

        m->type = gz_arena_strndup(r->a->arena, mentions[i], (size_t)(sp - mentions[i]));
        m->surface = gz_arena_strdup(r->a->arena, sp + 1);
    }
    cr_assert_eq(r->st.ops->process(&r->st, r->a, &err), 0, "%s", err.msg);
}

static void finish(struct run *r)
{
    if (r->st.ops && r->st.ops->fini && r->st.priv)
        r->st.ops->fini(&r->st);
    gz_article_free(r->a);
    gz_cfg_free(r->cfg);
}

static const struct gz_entity *entity_of(const struct run *r, size_t i)
{
    int e = r->a->mentions[i].entity;

    return e >= 0 ? &r->a->entities[e] : NULL;
}

static void expect(const struct run *r, size_t i, const char *name, const char *country)
{
    const struct gz_entity *e = entity_of(r, i);

    cr_assert_not_null(e, "mention %zu (%s) has an entity", i, r->a->mentions[i].surface);
    cr_expect_str_eq(e->canonical, name, "mention %zu (%s)", i, r->a->mentions[i].surface);
    if (country == NULL)
        cr_expect_null(e->country, "%s has no country", name);
    else
        cr_expect_str_eq(e->country ? e->country : "(null)", country, "%s", name);
}

Test(normalise_names, links_the_seed_articles_names)
{
    static const char *const m[] = {
        "PERSON Mark Rutte", "LOC United Kingdom", "ORG NATO", "MISC Dutch",
        "PERSON Mr Rutte", "ORG Atlantic Alliance", "MISC British", "LOC Netherlands",
        "LOC US", "PERSON Rutte", NULL,
    };
    struct run r;
    struct gz_error err = {0};

    cr_assert_eq(start(&r, "{}", &err), 0, "%s", err.msg);
    run_on(&r, m);
    expect(&r, 0, "Mark Rutte", NULL);
    expect(&r, 4, "Mark Rutte", NULL);
    expect(&r, 9, "Mark Rutte", NULL);
    cr_expect_eq(r.a->mentions[4].entity, r.a->mentions[0].entity);
    cr_expect_str_eq(r.a->mentions[4].role ? r.a->mentions[4].role : "", "Mr");
    cr_expect_null(r.a->mentions[0].role);
    expect(&r, 2, "NATO", NULL);
    cr_expect_eq(r.a->mentions[5].entity, r.a->mentions[2].entity, "Atlantic Alliance is NATO");
    expect(&r, 1, "United Kingdom", "GB");
    cr_expect_eq(r.a->mentions[6].entity, r.a->mentions[1].entity, "British is GB");
    expect(&r, 3, "Netherlands", "NL");
    cr_expect_eq(r.a->mentions[7].entity, r.a->mentions[3].entity);
    cr_expect_str_eq(r.a->mentions[3].type, "MISC", "a nationality keeps its type");
    expect(&r, 8, "United States", "US");
    cr_expect_eq(r.a->n_entities, 5);
    finish(&r);
}

Test(normalise_names, amounts_and_the_stoplist_point_at_no_entity)
{
    static const char *const m[] = {
        "ORG Reuters", "MONEY 100 mln dlrs", "PERCENT 5 pct", "ORG Texaco Inc", NULL,
    };
    struct run r;
    struct gz_error err = {0};

    cr_assert_eq(start(&r, "{}", &err), 0, "%s", err.msg);
    run_on(&r, m);
    cr_expect_eq(r.a->mentions[0].entity, -1, "Reuters is on the default stoplist");
    cr_expect_eq(r.a->mentions[1].entity, -1);
    cr_expect_eq(r.a->mentions[2].entity, -1);
    expect(&r, 3, "Texaco Inc", NULL);
    cr_expect_eq(r.a->n_entities, 1);
    cr_expect_eq(r.a->n_mentions, 4, "the mentions stay");
    finish(&r);
}

Test(normalise_names, a_stoplist_given_replaces_the_default)
{
    static const char *const m[] = { "ORG Reuters", "ORG Acme Corp", NULL };
    struct run r;
    struct gz_error err = {0};

    cr_assert_eq(start(&r, "{stoplist: [ACME Corporation]}", &err), 0, "%s", err.msg);
    run_on(&r, m);
    expect(&r, 0, "Reuters", NULL);
    cr_expect_eq(r.a->mentions[1].entity, -1, "matched by key: Corp = Corporation");
    finish(&r);
}

Test(normalise_names, a_surname_of_two_people_links_to_neither)
{
    static const char *const m[] = {
        "PERSON Boris Johnson", "PERSON Lyndon Johnson", "PERSON Johnson", NULL,
    };
    struct run r;
    struct gz_error err = {0};

    cr_assert_eq(start(&r, "{}", &err), 0, "%s", err.msg);
    run_on(&r, m);
    expect(&r, 0, "Boris Johnson", NULL);
    expect(&r, 1, "Lyndon Johnson", NULL);
    cr_expect_eq(r.a->mentions[2].entity, -1);
    cr_expect_eq(r.a->n_entities, 2);
    finish(&r);
}

Test(normalise_names, the_type_most_mentions_carry_wins)
{
    static const char *const m[] = {
        "PERSON Ronald Reagan", "PERSON Reagan", "ORG Reagan", "PERSON Reagan", NULL,
    };
    struct run r;
    struct gz_error err = {0};

    cr_assert_eq(start(&r, "{}", &err), 0, "%s", err.msg);
    run_on(&r, m);
    cr_expect_str_eq(r.a->mentions[2].type, "PERSON");
    expect(&r, 2, "Ronald Reagan", NULL);
    cr_expect_eq(r.a->n_entities, 1);
    finish(&r);
}

static char *write_tmp(const char *text)
{
    static char path[64];
    FILE *f;

    snprintf(path, sizeof(path), "/tmp/gz-aliases-XXXXXX");
    cr_assert_neq(mkstemp(path), -1);
    f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

Test(normalise_names, an_alias_file_of_the_user_is_read_after_the_shipped_one)
{
    static const char *const m[] = { "ORG Big Blue", "ORG IBM", "ORG Atlantic Alliance", NULL };
    struct run r;
    struct gz_error err = {0};
    char yaml[256], *path = write_tmp("kind,alias,canonical\nORG,Big Blue,IBM\n");

    snprintf(yaml, sizeof(yaml), "{aliases: [%s]}", path);
    cr_assert_eq(start(&r, yaml, &err), 0, "%s", err.msg);
    run_on(&r, m);
    expect(&r, 0, "IBM", NULL);
    cr_expect_eq(r.a->mentions[0].entity, r.a->mentions[1].entity);
    expect(&r, 2, "NATO", NULL);
    finish(&r);
    remove(path);
}

Test(normalise_names, without_the_shipped_aliases_an_alliance_is_its_own_name)
{
    static const char *const m[] = { "ORG Atlantic Alliance", NULL };
    struct run r;
    struct gz_error err = {0};

    cr_assert_eq(start(&r, "{shipped_aliases: false}", &err), 0, "%s", err.msg);
    run_on(&r, m);
    expect(&r, 0, "Atlantic Alliance", NULL);
    finish(&r);
}

Test(normalise_names, a_bad_alias_file_fails_init_naming_its_line)
{
    struct run r;
    struct gz_error err = {0};
    char yaml[256], *path = write_tmp("ORG,Big Blue,IBM\nBANK,Fed,Federal Reserve\n");

    snprintf(yaml, sizeof(yaml), "{aliases: [%s]}", path);
    cr_assert_eq(start(&r, yaml, &err), -1);
    cr_expect(strstr(err.msg, path) != NULL && strstr(err.msg, ":2:") != NULL,
              "the error names the file and line: %s", err.msg);
    finish(&r);
    remove(path);
}

Test(normalise_names, a_missing_alias_file_fails_init_naming_it)
{
    struct run r;
    struct gz_error err = {0};

    cr_assert_eq(start(&r, "{aliases: [/nonexistent/aliases.csv]}", &err), -1);
    cr_expect(strstr(err.msg, "/nonexistent/aliases.csv") != NULL, "%s", err.msg);
    finish(&r);
}

Test(normalise_names, an_article_without_mentions_has_no_entities)
{
    static const char *const m[] = { NULL };
    struct run r;
    struct gz_error err = {0};

    cr_assert_eq(start(&r, "{}", &err), 0, "%s", err.msg);
    run_on(&r, m);
    cr_expect_eq(r.a->n_entities, 0);
    finish(&r);
}

Test(normalise_names, a_person_takes_the_role_written_before_the_span)
{
    static const char body[] = "Caf\xc3\xa9 talk: former US President Donald Trump said Trump";
    struct run r;
    struct gz_error err = {0};
    struct gz_mention *m;

    cr_assert_eq(start(&r, "{}", &err), 0, "%s", err.msg);
    r.a = gz_article_new();
    r.a->body = gz_arena_strdup(r.a->arena, body);
    r.a->body_len = strlen(body);
    m = gz_article_add_mention(r.a);
    m->type = "PERSON";
    m->surface = "Donald Trump";
    m->start_char = 31;             /* code points: "Café" is 4 of them, 5 bytes */
    m->end_char = 43;
    m = gz_article_add_mention(r.a);
    m->type = "PERSON";
    m->surface = "Trump";
    m->start_char = 49;
    m->end_char = 54;
    cr_assert_eq(r.st.ops->process(&r.st, r.a, &err), 0, "%s", err.msg);
    cr_expect_str_eq(r.a->mentions[0].role ? r.a->mentions[0].role : "(none)",
                     "former US President");
    cr_expect_null(r.a->mentions[1].role, "'said Trump' has no role");
    cr_expect_eq(r.a->mentions[1].entity, r.a->mentions[0].entity);
    finish(&r);
}
