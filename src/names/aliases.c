/*
 * aliases.c - alias tables: one hash map from "KIND\x1fkey" to the alias,
 * filled from CSV files, read-only afterwards.
 */
#include "names/aliases.h"

#include <stdio.h>
#include <string.h>

#include "core/mem.h"
#include "core/strmap.h"
#include "names/canonical.h"
#include "names/csvfile.h"

#define MAX_HOPS 64

struct gz_aliases {
    struct gz_arena  *arena;
    struct gz_strmap *map;              /* "KIND\x1fkey" -> struct gz_alias */
};

struct load {
    struct gz_aliases *al;
    const char        *path;            /* arena copy */
    struct gz_strmap  *seen;            /* this file's map keys -> struct gz_alias */
    struct gz_alias  **added;           /* this file's aliases, for the cycle check */
    size_t             n_added, cap_added;
};

static const char *const kinds[] = {"PERSON", "ORG", "LOC", "MISC", NULL};

/* "ORG\x1fnato" into buf; 0 or -1 when it does not fit. */
static int map_key(const char *kind, const char *key, char *buf, size_t cap)
{
    int n = snprintf(buf, cap, "%s\x1f%s", kind, key);

    return n < 0 || (size_t)n >= cap ? -1 : 0;
}

static const struct gz_alias *get(const struct gz_aliases *al, const char *kind, const char *key)
{
    char mk[GZ_NAME_BUF + 16];

    if (map_key(kind, key, mk, sizeof mk) < 0)
        return NULL;
    return gz_strmap_get(al->map, mk);
}

static struct gz_alias *new_alias(struct load *l, const char *kind, const char *alias,
                                  const char *canonical, const char *key, long line)
{
    struct gz_alias *a = gz_arena_alloc(l->al->arena, sizeof(*a));

    a->alias = gz_arena_strdup(l->al->arena, alias);
    a->kind = kind;
    a->canonical = gz_arena_strdup(l->al->arena, canonical);
    a->key = gz_arena_strdup(l->al->arena, key);
    a->file = l->path;
    a->line = line;
    return a;
}

static int row(void *ctx, char **f, long line, struct gz_error *err)
{
    struct load *l = ctx;
    struct gz_alias *a, *prev;
    char akey[GZ_NAME_BUF], ckey[GZ_NAME_BUF], mk[GZ_NAME_BUF + 16];
    int i;

    for (i = 0; kinds[i] != NULL && strcmp(f[0], kinds[i]) != 0; i++)
        ;
    if (kinds[i] == NULL)
        return gz_fail(err, EX_DATAERR,
                       "unknown kind \"%s\" (expected PERSON, ORG, LOC or MISC)", f[0]);
    if (f[1][0] == '\0' || f[2][0] == '\0')
        return gz_fail(err, EX_DATAERR, "empty %s", f[1][0] == '\0' ? "alias" : "canonical name");
    if (gz_name_key(f[1], strlen(f[1]), kinds[i], akey, sizeof akey) <= 0)
        return gz_fail(err, EX_DATAERR, "alias \"%s\" has no letters or digits", f[1]);
    if (gz_name_key(f[2], strlen(f[2]), kinds[i], ckey, sizeof ckey) <= 0)
        return gz_fail(err, EX_DATAERR, "canonical name \"%s\" has no letters or digits", f[2]);
    if (map_key(kinds[i], akey, mk, sizeof mk) < 0)
        return gz_fail(err, EX_DATAERR, "alias too long");
    if ((prev = gz_strmap_get(l->seen, mk)) != NULL) {
        if (strcmp(prev->key, ckey) == 0)
            return 0;
        return gz_fail(err, EX_DATAERR, "alias \"%s\" already maps to \"%s\" (line %ld)", f[1],
                       prev->canonical, prev->line);
    }
    a = new_alias(l, kinds[i], f[1], f[2], ckey, line);
    gz_strmap_put(l->al->map, mk, a);
    gz_strmap_put(l->seen, mk, a);
    /* the canonical name is an alias of itself unless it says otherwise */
    if (map_key(kinds[i], ckey, mk, sizeof mk) == 0 && gz_strmap_get(l->al->map, mk) == NULL)
        gz_strmap_put(l->al->map, mk, new_alias(l, kinds[i], f[2], f[2], ckey, line));
    if (l->n_added == l->cap_added) {
        l->cap_added = l->cap_added ? 2 * l->cap_added : 64;
        l->added = gz_xrealloc(l->added, l->cap_added * sizeof(*l->added));
    }
    l->added[l->n_added++] = a;
    return 0;
}

/* Fails when following a's canonical name through the table comes back. */
static int check_cycle(const struct gz_aliases *al, const struct gz_alias *a, struct gz_error *err)
{
    const struct gz_alias *cur = a, *next;
    char path[256];
    size_t n;
    int hops;

    /* path: "A -> B -> C -> A" */

    n = (size_t)snprintf(path, sizeof path, "%s", a->alias);
    for (hops = 0; hops < MAX_HOPS; hops++) {
        next = get(al, a->kind, cur->key);
        if (next == NULL || next == cur)
            return 0;
        if (n < sizeof path)
            n += (size_t)snprintf(path + n, sizeof path - n, " -> %s", cur->canonical);
        if (next == a)
            break;
        cur = next;
    }
    return gz_fail(err, EX_DATAERR, "%s:%ld: alias \"%s\" goes round in a cycle: %s", a->file,
                   a->line, a->alias, path);
}

struct gz_aliases *gz_aliases_new(void)
{
    struct gz_aliases *al = gz_xcalloc(1, sizeof(*al));

    al->arena = gz_arena_new();
    al->map = gz_strmap_new();
    return al;
}

int gz_aliases_load(struct gz_aliases *al, const char *path, struct gz_error *err)
{
    struct load l = {.al = al, .path = gz_arena_strdup(al->arena, path)};
    size_t i;
    int rc = 0;

    l.seen = gz_strmap_new();
    if (gz_csvfile_read(path, "kind,alias,canonical", row, &l, err) < 0)
        rc = -1;
    for (i = 0; rc == 0 && i < l.n_added; i++)
        rc = check_cycle(al, l.added[i], err);
    gz_strmap_free(l.seen, NULL);
    gz_free(l.added);
    return rc;
}

const struct gz_alias *gz_aliases_find(const struct gz_aliases *al, const char *kind,
                                       const char *key)
{
    const struct gz_alias *cur = get(al, kind, key), *next;
    int hops;

    for (hops = 0; cur != NULL && hops < MAX_HOPS; hops++) {
        next = get(al, kind, cur->key);
        if (next == NULL || next == cur)
            break;
        cur = next;
    }
    return cur;
}

size_t gz_aliases_count(const struct gz_aliases *al)
{
    return gz_strmap_count(al->map);
}

void gz_aliases_free(struct gz_aliases *al)
{
    if (al == NULL)
        return;
    gz_strmap_free(al->map, NULL);
    gz_arena_free(al->arena);
    gz_free(al);
}
