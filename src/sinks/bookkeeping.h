/*
 * bookkeeping.h - the `runs` and `sources` tables: what each run did, and
 * which input files are done.
 *
 *   gz_run_start(pg, "daily", sha, &id)     -> runs row 'running', run_id id
 *   gz_run_update(pg, id, &counts)          -> its counters (in a batch's transaction)
 *   gz_run_finish(pg, id, &counts, "ok", NULL)
 *   gz_sources_write(pg, id, rows, n)       -> files finished in a batch, done
 *   gz_sources_known(pg)                    -> uri -> size, mtime, SHA-256 of done files
 *
 * A run that died (crash, kill, lost connection) stays 'running' until the
 * next run of its pipeline marks it 'aborted' (gz_runs_abort_stale);
 * meanwhile `gazette status` shows it 'dead', since no session holds its
 * pipeline lock any more (gz_runs_recent).
 *
 * Also here: what `gazette status` reads (gz_runs_recent, gz_status_totals,
 * gz_rejects_by_reason) and what `gazette run --dry-run` asks instead of
 * loading (gz_articles_existing).
 */
#ifndef GZ_BOOKKEEPING_H
#define GZ_BOOKKEEPING_H

#include <stddef.h>
#include <stdint.h>

#include "core/article.h"
#include "core/strmap.h"
#include "sinks/pg.h"

/* The counters of a runs row. */
struct gz_run_counts {
    long files_seen, files_skipped, read, loaded, duplicates, rejected;
    long reprocessed;           /* already loaded, derived rows replaced */
    long outside;               /* read, published outside --since/--until */
};

/* A sources row: a file read to its end. */
struct gz_source_row {
    char    *uri;
    int64_t  size, mtime_ns;
    char     sha256[65];
    int      rejected;      /* the file itself was rejected */
    int      touch_only;    /* same content, new mtime: update size/mtime only */
    int      articles, rejects;
};

/* What gz_sources_known maps a uri to. */
struct gz_known_source {
    int64_t size, mtime_us;
    char    sha256[65];
};

/* Mark the pipeline's runs still 'running' as 'aborted' (none can be: the
 * caller holds the pipeline lock); *count says how many there were. */
int gz_runs_abort_stale(struct gz_pg *pg, const char *pipeline, long *count,
                        struct gz_error *err);

/* Insert a runs row for a new run of pipeline (with this host, pid and
 * version) and return its id in *run_id. */
int gz_run_start(struct gz_pg *pg, const char *pipeline, const char *config_sha256,
                 int64_t *run_id, struct gz_error *err);

/* Write the run's counters. */
int gz_run_update(struct gz_pg *pg, int64_t run_id, const struct gz_run_counts *c,
                  struct gz_error *err);

/* Write the counters and finish the run with status (ok, rejected, failed,
 * aborted) and message (may be NULL). */
int gz_run_finish(struct gz_pg *pg, int64_t run_id, const struct gz_run_counts *c,
                  const char *status, const char *message, struct gz_error *err);

/* After an error: roll back whatever transaction is open and finish the
 * run as 'failed' with message, if the connection still works. Best
 * effort; nothing to report. */
void gz_run_fail(struct gz_pg *pg, int64_t run_id, const struct gz_run_counts *c,
                 const char *message);

/* The last limit runs, newest first; columns: 0 run_id, 1 pipeline,
 * 2 started ('YYYY-MM-DD HH24:MI:SS'), 3 status as shown (the stored one, but
 * 'dead' for a 'running' row whose pipeline lock no session holds: its
 * process is gone), 4 files_seen, 5 files_skipped, 6 articles_read,
 * 7 articles_loaded, 8 reprocessed, 9 duplicates, 10 rejected,
 * 11 outside_window (8 and 11 '-' in a schema before migration 007),
 * 12 seconds ('-' until finished), 13 the row as a JSON object: every column
 * of runs, with status as shown, status_stored as stored and seconds (a
 * number or null). Returns the result (PQclear) or NULL with err. */
PGresult *gz_runs_recent(struct gz_pg *pg, const char *limit, struct gz_error *err);

/* *held = 1 when some session (a run of pipeline in progress) holds its
 * lock; looks in pg_locks, takes no lock. */
int gz_pipeline_lock_held(struct gz_pg *pg, const char *pipeline, int *held,
                          struct gz_error *err);

/* Row counts of the schema's tables (exact: count(*)); -1 for a table the
 * schema does not have (a schema older than this gazette). */
struct gz_status_totals {
    long articles, mentions, date_mentions, entities;
    long sources_loaded, sources_rejected;  /* sources rows by status */
    long rejects;
};
int gz_status_totals(struct gz_pg *pg, struct gz_status_totals *t, struct gz_error *err);

/* The rejects rows of run_id by reason (as stored), most first, ties by
 * reason: the first top rows have columns reason, count, 1; when more
 * reasons exist a last row has reason NULL, the count of the rest and the
 * number of those reasons. An input rejected again for the same reason
 * keeps the row of the run that first rejected it, so this counts the rows
 * run_id recorded first. Returns the result (PQclear) or NULL with err. */
PGresult *gz_rejects_by_reason(struct gz_pg *pg, int64_t run_id, int top, struct gz_error *err);

/* How many of the n articles (hashed) are already in the articles table,
 * by content_sha256: what `gazette run --dry-run` asks instead of loading
 * (the schema must exist). */
int gz_articles_existing(struct gz_pg *pg, struct gz_article *const *articles, size_t n,
                         long *count, struct gz_error *err);

/* Every done file: a new map uri -> struct gz_known_source, to free with
 * gz_strmap_free(m, gz_free); NULL with err. */
struct gz_strmap *gz_sources_known(struct gz_pg *pg, struct gz_error *err);

/* Create the session's staging table for gz_sources_write (once per
 * connection). */
int gz_sources_prepare(struct gz_pg *pg, struct gz_error *err);

/* Mark files done (insert or update their sources rows) for run_id, in the
 * caller's transaction: a file is done only with its last articles. */
int gz_sources_write(struct gz_pg *pg, int64_t run_id, const struct gz_source_row *rows,
                     size_t n, struct gz_error *err);

#endif
