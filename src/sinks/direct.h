/*
 * direct.h - the derived rows of newly inserted articles, straight into
 * their tables.
 *
 * Once a batch's article merge has said which articles are new (their
 * seq in the batch, article_id and date), nobody else can write their
 * mentions and dates: they go to mentions and date_mentions by COPY, with
 * no staging table and no merge. Only what other runs share is merged:
 * the batch's distinct entity keys (kind, key) are staged, the new ones
 * inserted and every id read back in one statement. The alias and pair
 * counts (built here, one row per distinct value) of an entity the batch
 * inserted cannot be in their tables yet (the entity is the batch's until
 * commit): they are COPYed straight in. The others are staged for the
 * alias and pair upserts. Runs that reprocess use the staged path in
 * loader.c instead.
 *
 *   batch seq 0 and 3 hold the same new text -> article 42: its mentions
 *   once per (start, end) (seq 0's first), its dates once per (in_title,
 *   start, end); entity "U.S." (LOC, "united states") -> id 3 read back.
 */
#ifndef GZ_DIRECT_H
#define GZ_DIRECT_H

#include "sinks/loader.h"

/* The entity a mention is loaded with, or NULL: none, out of range,
 * ambiguous, or one the tables cannot hold (no kind, key or name). */
const struct gz_entity *gz_loaded_entity(const struct gz_article *a, const struct gz_mention *m);

/* A seq of the batch whose text the batch inserted as a new article (a
 * text met twice in the batch: both seqs, one article_id). */
struct gz_fresh {
    size_t  seq;
    int64_t id;
    char    day[16];            /* the article's published, YYYY-MM-DD */
};

/* Pairs counted here per batch at most; past that the server counts
 * them from the article entities (one long article naming 1,500 entities
 * already makes 1.1 M). */
#define GZ_DIRECT_MAX_PAIRS (1u << 20)

/* Pairs made at once while they are counted (8 bytes each), a batch's
 * first entities a few at a time: their memory is the same for any batch. */
#define GZ_DIRECT_PAIR_ROOM (1u << 16)

/* What gz_load_direct left in the temporary tables for the merges. */
enum gz_direct_staged {
    GZ_DIRECT_NOTHING,          /* no linked mention: no alias, no pair */
    GZ_DIRECT_COUNTED,          /* stage_alias_counts, stage_pair_counts */
    GZ_DIRECT_BY_ARTICLE        /* stage_alias_counts, stage_article_entities */
};

/* Load the mentions, dates and entities of the new articles, and stage
 * the alias counts they add and their pair counts: counted by gazette or,
 * past GZ_DIRECT_MAX_PAIRS, as the distinct entities of each article for
 * the server to count. Sorts fresh. Runs inside the batch's transaction. */
int gz_load_direct(struct gz_pg *pg, const struct gz_load_rows *rows, struct gz_fresh *fresh,
                   size_t n_fresh, enum gz_direct_staged *staged, struct gz_error *err);

#endif
