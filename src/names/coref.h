/*
 * coref.h - in-document linking: the entity mentions of one article -> the
 * entities the article talks about.
 *
 *   "Mark Rutte", "Rutte", "Mr Rutte"              -> one PERSON "Mark Rutte"
 *   "Occidental Petroleum Corp", "Occidental"      -> one ORG "Occidental Petroleum Corp"
 *   "North Atlantic Treaty Organization", "NATO"   -> one ORG (the acronym spells the name)
 *   "Reagan" ORG once, PERSON ten times            -> PERSON throughout
 *   "Boris Johnson", "Lyndon Johnson", "Johnson"   -> the bare "Johnson" links to neither
 *   "UK", "United Kingdom", "British"              -> one LOC "United Kingdom", GB
 *   ORG "Atlantic Alliance" (alias file)           -> ORG "NATO"
 *
 * Steps: each mention's display name, role and key (canonical.h); a name
 * whose mentions carry different types takes the type most of them carry;
 * countries and aliases replace a name by their entity's; mentions with one
 * (type, key) are one entity; a shorter name links to the one longer name
 * of the article it fits (a person's surname or first and last names, an
 * organisation's first words or acronym); a name that fits several is left
 * on its own, marked ambiguous; finally a name of the wrong type that fits
 * one entity of another type with more mentions joins it.
 */
#ifndef GZ_NAMES_COREF_H
#define GZ_NAMES_COREF_H

#include <stddef.h>

#include "core/article.h"
#include "core/mem.h"

struct gz_countries;
struct gz_aliases;

/* What linking reads (not owned; either may be NULL). Read-only: one set
 * serves every thread. */
struct gz_names {
    const struct gz_countries *countries;
    const struct gz_aliases   *aliases;
};

/* What became of one mention. */
struct gz_mention_link {
    int         entity;         /* index into entities; -1 for MONEY, PERCENT,
                                 * QUANTITY and surfaces with no name in them */
    const char *type;           /* the mention's type after reconciliation */
    const char *role;           /* role split off the surface ("Mr", "former US President"), or "" */
};

struct gz_doc_entities {
    struct gz_entity       *entities;   /* core/article.h; in the order of their
                                           first mention */
    size_t                  n_entities;
    struct gz_mention_link *links;      /* one per mention, in the mentions' order */
};

/* Link the n mentions m (an article's) into entities. What out holds is
 * allocated in arena (normally the article's); the work arrays are freed
 * before returning. Returns 0 (a mention that
 * cannot be read gets entity -1 rather than failing the article). */
int gz_coref_article(const struct gz_mention *m, size_t n, const struct gz_names *names,
                     struct gz_arena *arena, struct gz_doc_entities *out);

#endif
