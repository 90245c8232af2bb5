/*
 * reporting.h - keep the materialised reporting views fresh.
 *
 *   gz_reporting_refresh(pg, &err)
 *       -> REFRESH MATERIALIZED VIEW CONCURRENTLY <schema>.co_mention_pairs
 *
 * The views of sql/006 are plain views computed when queried, except
 * co_mentions: pairing every entity of an article with every other one
 * is too slow per query on a real corpus (about a second on Reuters), so
 * its counts live in the materialised view co_mention_pairs. The runner
 * refreshes it at the end of every run that loaded or reprocessed
 * articles. CONCURRENTLY (it has a unique index on the pair): readers of
 * co_mentions see the old counts until the refresh commits, never an error
 * or a wait; two runs refreshing at once take turns.
 */
#ifndef GZ_REPORTING_H
#define GZ_REPORTING_H

#include "core/error.h"
#include "sinks/pg.h"

/* Recompute the materialised views, in one transaction of its own (call
 * it outside any). Fills err from the server's message on failure. */
int gz_reporting_refresh(struct gz_pg *pg, struct gz_error *err);

#endif
