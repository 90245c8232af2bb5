/*
 * normalise_names.c - the normalise_names stage: the entity mentions of an
 * article (extract_entities) become the entities it names, each with a
 * display name, a matching key and, for a country, its ISO 3166-1 code.
 *
 *   - normalise_names:
 *       aliases: [/etc/gazette/our-aliases.csv]  # after the shipped ones
 *       stoplist: [Reuters, AP]                  # never entities (default)
 *
 *   "Mark Rutte ... Mr Rutte ... Rutte"  -> one PERSON "Mark Rutte" (role "Mr")
 *   "UK ... British ... United Kingdom"  -> one LOC "United Kingdom", GB
 *   "Atlantic Alliance ... NATO"         -> one ORG "NATO"
 *
 * The linking is src/names/coref.c; this file loads what it reads (the
 * countries gazetteer, alias files) once in init, and in process() copies
 * the result onto the article: a mention's type may be corrected to its
 * entity's (not a nationality's MISC: "Dutch" stays MISC, its entity is the
 * LOC Netherlands), it gains the index of its entity and its role: split
 * off the surface ("Mr Rutte"), or for a person whose span left it out,
 * read from the words before the name (names/role.h). Amounts, names
 * on the stoplist and short names that fit several entities of the article
 * point at no entity; their mentions stay. process() only reads what init
 * built, so it may run on several threads at once.
 */
#include <string.h>

#include "core/mem.h"
#include "names/aliases.h"
#include "names/canonical.h"
#include "names/coref.h"
#include "names/countries.h"
#include "names/role.h"
#include "stages/stage.h"

#define SHIPPED_ALIASES   "fixtures/gazetteers/aliases.csv"
#define SHIPPED_COUNTRIES "fixtures/gazetteers/countries.csv"

/* Wire bylines: an agency names itself in every story it sends. */
static const char *const default_stoplist[] = { "Reuters", "AP", "AFP", "UPI", NULL };

struct nn {
    struct gz_countries *countries;
    struct gz_aliases   *aliases;
    struct gz_names      names;
    char               **stop_keys;     /* keys of the stoplist, NULL-terminated */
};

static const struct gz_option options[] = {
    { "countries", GZ_OPT_PATH, SHIPPED_COUNTRIES, 0,
      "gazetteer of country short forms, demonyms and former names (kind,alias,code)" },
    { "shipped_aliases", GZ_OPT_BOOL, "true", 0,
      "load " SHIPPED_ALIASES " (NATO, UN, EU, IMF, ...) before the files of aliases" },
    { "aliases", GZ_OPT_LIST, NULL, 0,
      "alias files (CSV kind,alias,canonical), later ones overriding earlier ones" },
    { "stoplist", GZ_OPT_LIST, NULL, 0,
      "names that are never entities, their mentions kept (default: Reuters, AP, AFP, UPI)" },
    { NULL, 0, NULL, 0, NULL },
};

static int load_aliases(struct gz_stage *st, struct nn *nn, struct gz_error *err)
{
    const struct gz_cfg_node *list = gz_stage_opt(st, "aliases"), *n;
    char *path;
    int rc = 0;

    nn->aliases = gz_aliases_new();
    if (gz_stage_bool(st, "shipped_aliases")) {
        path = gz_stage_resolve(st, SHIPPED_ALIASES);
        rc = gz_aliases_load(nn->aliases, path, err);
        gz_free(path);
    }
    for (n = list ? list->child : NULL; rc == 0 && n != NULL; n = n->next) {
        if (n->kind != GZ_CFG_SCALAR)
            return gz_cfg_fail(err, n, "an alias file is a path");
        path = gz_stage_resolve(st, n->value);
        rc = gz_aliases_load(nn->aliases, path, err);
        gz_free(path);
    }
    return rc;
}

static char *stop_key(const char *name)
{
    char buf[GZ_NAME_BUF];
    int n = gz_name_key(name, strlen(name), NULL, buf, sizeof(buf));

    return gz_xstrdup(n > 0 ? buf : "");
}

static int load_stoplist(struct gz_stage *st, struct nn *nn, struct gz_error *err)
{
    const struct gz_cfg_node *list = gz_stage_opt(st, "stoplist"), *n;
    size_t count = 0, i = 0;

    if (list == NULL) {
        for (count = 0; default_stoplist[count] != NULL; count++)
            ;
        nn->stop_keys = gz_xcalloc(count + 1, sizeof(char *));
        for (i = 0; i < count; i++)
            nn->stop_keys[i] = stop_key(default_stoplist[i]);
        return 0;
    }
    for (n = list->child; n != NULL; n = n->next)
        count++;
    nn->stop_keys = gz_xcalloc(count + 1, sizeof(char *));
    for (n = list->child; n != NULL; n = n->next) {
        if (n->kind != GZ_CFG_SCALAR)
            return gz_cfg_fail(err, n, "a stoplist entry is a name");
        nn->stop_keys[i++] = stop_key(n->value);
    }
    return 0;
}

static void nn_free(struct nn *nn)
{
    size_t i;

    if (nn == NULL)
        return;
    gz_countries_free(nn->countries);
    gz_aliases_free(nn->aliases);
    for (i = 0; nn->stop_keys != NULL && nn->stop_keys[i] != NULL; i++)
        gz_free(nn->stop_keys[i]);
    gz_free(nn->stop_keys);
    gz_free(nn);
}

static int nn_init(struct gz_stage *st, struct gz_error *err)
{
    struct nn *nn = gz_xcalloc(1, sizeof(*nn));
    char *path = gz_stage_path(st, "countries");
    int rc = gz_countries_load(path, &nn->countries, err);

    gz_free(path);
    if (rc == 0)
        rc = load_aliases(st, nn, err);
    if (rc == 0)
        rc = load_stoplist(st, nn, err);
    if (rc < 0) {
        nn_free(nn);
        return -1;
    }
    nn->names.countries = nn->countries;
    nn->names.aliases = nn->aliases;
    st->priv = nn;
    return 0;
}

static int stopped(const struct nn *nn, const char *key)
{
    size_t i;

    for (i = 0; nn->stop_keys[i] != NULL; i++)
        if (strcmp(nn->stop_keys[i], key) == 0)
            return 1;
    return 0;
}

/* Keep the entities a mention may point at (not ambiguous, not on the
 * stoplist), in their order; keep[e] is the new index or -1. */
static size_t keep_entities(const struct nn *nn, struct gz_article *a,
                            const struct gz_doc_entities *de, int *keep)
{
    size_t e, n = 0;

    a->entities = gz_arena_alloc(a->arena, (de->n_entities ? de->n_entities : 1) *
                                 sizeof(*a->entities));
    for (e = 0; e < de->n_entities; e++) {
        keep[e] = -1;
        if (de->entities[e].ambiguous || stopped(nn, de->entities[e].key))
            continue;
        a->entities[n] = de->entities[e];
        keep[e] = (int)n++;
    }
    return n;
}

/* "Dutch", "British": a MISC mention (as CoNLL tags nationalities) of a
 * country entity keeps its type; the entity is the LOC. */
static int demonym(const struct gz_mention *m, const struct gz_mention_link *l,
                   const struct gz_entity *entities)
{
    return l->entity >= 0 && entities[l->entity].country != NULL && strcmp(m->type, "MISC") == 0;
}

/* Byte offset of code point offset cp in text[0..len), walking on from the
 * last call's place (*byte, *at_cp) when cp is not before it. */
static size_t byte_of(const char *text, size_t len, int64_t cp, size_t *byte, int64_t *at_cp)
{
    if (cp < *at_cp)
        *byte = 0, *at_cp = 0;
    while (*at_cp < cp && *byte < len) {
        (*byte)++;
        while (*byte < len && ((unsigned char)text[*byte] & 0xC0) == 0x80)
            (*byte)++;
        (*at_cp)++;
    }
    return *byte;
}

/* Persons whose span left their title out ("former US President" before
 * "Donald Trump") take the role written before them. */
static void roles_before(const struct nn *nn, struct gz_article *a)
{
    char buf[GZ_NAME_BUF];
    size_t i, byte = 0, at, len;
    int64_t at_cp = 0;

    for (i = 0; i < a->n_mentions; i++) {
        struct gz_mention *m = &a->mentions[i];

        if (m->role != NULL || m->entity < 0 || strcmp(m->type, "PERSON") != 0)
            continue;
        at = byte_of(a->body, a->body_len, m->start_char, &byte, &at_cp);
        len = strlen(m->surface);
        if (at + len > a->body_len || memcmp(a->body + at, m->surface, len) != 0)
            continue;
        if (gz_name_role_before(a->body, at, len, nn->countries, buf, sizeof(buf)) > 0)
            m->role = gz_arena_strdup(a->arena, buf);
    }
}

static int nn_process(struct gz_stage *st, struct gz_article *a, struct gz_error *err)
{
    const struct nn *nn = st->priv;
    struct gz_doc_entities de;
    int *keep;
    size_t i;

    (void)err;
    if (a->n_mentions == 0)
        return 0;
    gz_coref_article(a->mentions, a->n_mentions, &nn->names, a->arena, &de);
    keep = gz_arena_alloc(a->arena, (de.n_entities ? de.n_entities : 1) * sizeof(int));
    a->n_entities = keep_entities(nn, a, &de, keep);
    for (i = 0; i < a->n_mentions; i++) {
        const struct gz_mention_link *l = &de.links[i];
        struct gz_mention *m = &a->mentions[i];

        if (!demonym(m, l, de.entities))
            m->type = l->type;
        m->role = l->role != NULL && l->role[0] != '\0' ? l->role : NULL;
        m->entity = l->entity >= 0 ? keep[l->entity] : -1;
    }
    roles_before(nn, a);
    return 0;
}

static void nn_fini(struct gz_stage *st)
{
    nn_free(st->priv);
    st->priv = NULL;
}

const struct gz_stage_ops gz_stage_normalise_names = {
    .name = "normalise_names",
    .doc = "link entity mentions into entities: display names, keys, countries, aliases",
    .options = options,
    .init = nn_init,
    .process = nn_process,
    .fini = nn_fini,
};
