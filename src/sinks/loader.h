/*
 * loader.h - loading batches of articles into PostgreSQL, exactly once.
 *
 * One batch is one transaction. The batch's texts not loaded yet (one
 * look-up by content_sha256) are COPYed straight into articles, with ids
 * taken from its sequence, and their mentions and dates straight into
 * theirs (direct.h); should another run insert one of those texts in the
 * meantime, the COPY fails on the unique content_sha256 and the batch is
 * loaded again the staged way: COPY into temporary staging tables and
 * INSERT ... ON CONFLICT (content_sha256) DO NOTHING, as --reprocess
 * always does. The rejects and the `sources` rows of the files completed
 * in the batch, and the run's counters, are written in the same
 * transaction. A crash at any point
 * followed by a rerun therefore loses nothing and duplicates nothing:
 * a file is marked done only together with its last articles, and a
 * reject seen again (same uri, line, reason) keeps its first row.
 *
 * Entities (normalise_names) load in the same transaction, for the
 * articles it inserts or reprocesses only: entities by
 * ON CONFLICT (kind, key) DO NOTHING in key order, each named mention's
 * entity_id and role, and entity_aliases counts moved by the mentions
 * inserted minus, with --reprocess, the ones replaced:
 *   "U.S." x3, "United States" x1 -> entity (LOC, "united states", US),
 *   aliases U.S. 3, United States 1; the same text again -> no change.
 * co_mention_pairs moves the same way, per pair of distinct entities of an
 * article (a < b), with the article's date:
 *   article of 1987-03-02 naming Reagan (7), U.S. (3), Japan (9) ->
 *   pairs (3,7), (3,9), (7,9) +1 article, first/last seen widened to
 *   1987-03-02; reprocessed without Japan -> (3,9), (7,9) -1 (deleted at 0,
 *   dates recomputed when this article held one of them).
 */
#ifndef GZ_LOADER_H
#define GZ_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "core/article.h"
#include "sinks/bookkeeping.h"
#include "sinks/pg.h"

/* A rejects row: an input that was not loaded, and why. */
struct gz_reject_row {
    char *uri;
    long  line;
    char *reason;
    char *excerpt;          /* valid UTF-8, may be NULL */
};

/* What one transaction loads. The arrays stay the caller's. */
struct gz_load_rows {
    struct gz_article *const   *articles;
    size_t                      n_articles;
    const struct gz_reject_row *rejects;
    size_t                      n_rejects;
    const struct gz_source_row *sources;    /* files finished with these rows */
    size_t                      n_sources;
    int                         reprocess;  /* replace the mentions and dates of
                                               articles already loaded */
};

/* Load the rows in one transaction. *loaded is the number of new
 * articles; counts (the run's totals after this batch, loaded included)
 * are written to the runs row in the same transaction. */
int gz_load_batch(struct gz_pg *pg, int64_t run_id, const struct gz_load_rows *rows,
                  struct gz_run_counts *counts, long *loaded, struct gz_error *err);

/* Prepare the session's staging tables (once per connection). */
int gz_loader_prepare(struct gz_pg *pg, struct gz_error *err);

#endif
