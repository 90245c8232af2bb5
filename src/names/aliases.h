/*
 * aliases.h - alias files: the names users know an entity by -> the name it
 * goes by.
 *
 *   ORG "Atlantic Alliance", "North Atlantic Treaty Organization" -> "NATO"
 *   ORG "EC", "E.C.", "European Communities" -> "European Community"
 *
 * An alias file is CSV (RFC 4180, read with libcsv), records
 * "kind,alias,canonical" with kind PERSON, ORG, LOC or MISC; '#' lines and
 * blank lines are skipped, a "kind,alias,canonical" header is optional:
 *
 *   kind,alias,canonical
 *   ORG,Atlantic Alliance,NATO
 *   PERSON,Ronnie Reagan,Ronald Reagan
 *
 * Aliases match by key (gz_name_key of the alias for its kind), so "U.N."
 * and "UN" are one alias. Within a file one alias has one canonical name;
 * a file loaded later overrides an earlier one (users teach the shipped
 * default fixtures/gazetteers/aliases.csv their own world). Chains are
 * followed (A -> B, B -> C: A -> C); a cycle is an error. Each canonical name
 * is also an alias of itself, so "Nato" finds "NATO".
 */
#ifndef GZ_NAMES_ALIASES_H
#define GZ_NAMES_ALIASES_H

#include <stddef.h>

#include "core/error.h"

struct gz_alias {
    const char *alias;          /* as the file wrote it */
    const char *kind;           /* PERSON, ORG, LOC, MISC */
    const char *canonical;      /* display name of the entity */
    const char *key;            /* gz_name_key(canonical, kind) */
    const char *file;           /* where the alias was defined */
    long        line;
};

struct gz_aliases;

/* An empty alias table (free with gz_aliases_free). */
struct gz_aliases *gz_aliases_new(void);

/* Add the aliases of the file at path. Returns 0, or -1 with err naming
 * "PATH:LINE: reason" (wrong field count, unknown kind, empty field, an
 * alias with no letters, one alias with two canonical names in the file,
 * a cycle); the table then holds part of the file and is best freed. */
int gz_aliases_load(struct gz_aliases *al, const char *path, struct gz_error *err);

/* The entity a key of kind is an alias of (chains followed), or NULL.
 * Read-only: safe from several threads. */
const struct gz_alias *gz_aliases_find(const struct gz_aliases *al, const char *kind,
                                       const char *key);

size_t gz_aliases_count(const struct gz_aliases *al);
void   gz_aliases_free(struct gz_aliases *al);       /* NULL is a no-op */

#endif
