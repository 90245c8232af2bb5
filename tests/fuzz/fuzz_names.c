/*
 * fuzz_names.c - libFuzzer harness for entity names: the input, repaired to
 * UTF-8, is an article body whose lines are its mentions (the type chosen
 * by the line's length). Each goes through the display name and the
 * matching key; then the normalise_names stage (shipped gazetteers, default
 * stoplist) links them: coreference, aliases, countries and the roles
 * written before a name. Its second half is also read as a name and the
 * first as the words before it. A mention must end up pointing at no
 * entity or at one of the article's, and the entities must have names.
 *
 *   make fuzz FUZZ_SECONDS=60      (seeds in tests/fuzz/corpus/names;
 *                                   run from the top of the checkout)
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/article.h"
#include "core/mem.h"
#include "names/canonical.h"
#include "names/countries.h"
#include "names/role.h"
#include "stages/stage.h"
#include "text/utf8.h"

#define MAX_MENTIONS 64

extern const struct gz_stage_ops gz_stage_normalise_names;

static const char *const types[] = { "PERSON", "ORG", "LOC", "MISC", "MONEY", "PERCENT" };

static struct gz_stage stage = { &gz_stage_normalise_names, NULL, ".", NULL };
static struct gz_countries *countries;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct gz_error err = {0};

    (void)argc, (void)argv;
    if (stage.ops->init(&stage, &err) < 0
        || gz_countries_load("fixtures/gazetteers/countries.csv", &countries, &err) < 0) {
        fprintf(stderr, "fuzz_names: %s\n", err.msg);
        exit(1);
    }
    return 0;
}

/* One mention per line of the body, at its code point offsets. */
static void add_mentions(struct gz_article *a)
{
    const char *p = a->body, *end = a->body + a->body_len;
    char buf[GZ_NAME_BUF], key[GZ_NAME_BUF];
    struct gz_name nm;
    int64_t cp = 0;

    while (p < end && a->n_mentions < MAX_MENTIONS) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = (size_t)((nl ? nl : end) - p);
        int64_t n_cp = gz_utf8_count(p, len);
        struct gz_mention *m = gz_article_add_mention(a);
        const char *type = types[len % 6];

        m->start_char = cp;
        m->end_char = cp + n_cp;
        m->surface = gz_arena_strndup(a->arena, p, len);
        m->type = type;
        m->entity = -1;
        if (gz_name_canonical(p, len, type, countries, buf, sizeof(buf), &nm) == 0)
            gz_name_key(nm.name, nm.name_len, type, key, sizeof(key));
        cp += n_cp + 1;
        p = nl ? nl + 1 : end;
    }
}

static void check_links(const struct gz_article *a)
{
    size_t i;

    for (i = 0; i < a->n_mentions; i++)
        if (a->mentions[i].entity < -1 || a->mentions[i].entity >= (int)a->n_entities
            || a->mentions[i].type == NULL)
            abort();
    for (i = 0; i < a->n_entities; i++)
        if (a->entities[i].canonical == NULL || a->entities[i].key == NULL
            || a->entities[i].kind == NULL)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gz_article *a = gz_article_new();
    struct gz_error err = {0};
    char buf[GZ_NAME_BUF];
    unsigned repairs = 0;
    size_t len;
    char *text = gz_utf8_repair((const char *)data, size, &len, &repairs);

    a->body = gz_arena_strndup(a->arena, text, len);
    a->body_len = len;
    a->title = gz_arena_strndup(a->arena, "", 0);
    gz_free(text);
    add_mentions(a);
    if (stage.ops->process(&stage, a, &err) < 0)
        abort();
    check_links(a);
    if (len > 1)
        gz_name_role_before(a->body, len / 2, len - len / 2, countries, buf, sizeof(buf));
    gz_article_free(a);
    return 0;
}
