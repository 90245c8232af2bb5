/*
 * load_thread.h - loading batches on a thread of its own, one at a time and
 * in the order they were submitted, while the caller reads and runs the
 * stages of the next batch.
 *
 *   t = gz_load_thread_start(pg, run_id, reprocess, fail_on_error);
 *   gz_load_thread_submit(t, &batch, &counts, err);   // waits for the previous one
 *   ...
 *   gz_load_thread_finish(t, err);                    // waits for the last one
 *
 * The connection belongs to the thread between start and finish. A batch
 * the server refuses for its data (SQLSTATE 22/23) is loaded again article
 * by article and the refused ones become rejects; a failure that may pass
 * (a lost connection, err->retry) is retried as the retry policy says
 * (retry.h: reconnect, load the batch again); any other failure, or the
 * last attempt's, stops loading and is reported by the next submit or by
 * finish.
 */
#ifndef GZ_LOAD_THREAD_H
#define GZ_LOAD_THREAD_H

#include "run/batch.h"
#include "run/retry.h"

struct gz_load_thread;

/* Start the thread (when it cannot be started, submit loads in the
 * caller's thread). reprocess: replace the mentions and dates of articles
 * already loaded; fail_on_error: a reject at load time stops the run. */
struct gz_load_thread *gz_load_thread_start(struct gz_pg *pg, int64_t run_id, int reprocess,
                                            int fail_on_error);

/* The retry policy after a lost connection (default GZ_RETRY_DEFAULT);
 * set it before the first submit. */
void gz_load_thread_retry(struct gz_load_thread *t, const struct gz_retry *retry);

/* Hand over the contents of *b (b is left empty, ready to fill again) with
 * the reader's counters so far, after the previous batch is loaded.
 * Returns -1 with err when an earlier batch failed. */
int gz_load_thread_submit(struct gz_load_thread *t, struct gz_batch *b,
                          const struct gz_run_counts *reader, struct gz_error *err);

/* Wait for the last batch and stop the thread; -1 with err if a load failed. */
int gz_load_thread_finish(struct gz_load_thread *t, struct gz_error *err);

/* Add the loading side's counters (loaded, duplicates found by the
 * database, reprocessed, rejected at load) to *c. */
void gz_load_thread_add_counts(struct gz_load_thread *t, struct gz_run_counts *c);

/* 1 when a reject at load time met on_error: fail. */
int gz_load_thread_stopped(struct gz_load_thread *t);

void gz_load_thread_free(struct gz_load_thread *t);     /* NULL is a no-op; finishes first */

#endif
