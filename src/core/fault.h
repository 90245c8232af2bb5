/*
 * fault.h - fault injection for the tests: GAZETTE_FAULT=KIND:N makes the
 * Nth passage through the point named KIND misbehave, so that crashes,
 * lost connections and signals in the middle of a run are tested for real
 * rather than mocked. Points:
 *
 * SIGKILL at each step of a batch's transaction (loader.c, copy.c); the
 * batch's sources rows are written in that transaction, so there is no
 * step between the commit and them:
 *
 *   kill_before_copy:N     once BEGIN of batch N is done, before its COPYs
 *   kill_in_copy:N         in the Nth COPY (of a batch's articles, entity
 *                          keys, mentions, dates, alias counts, article
 *                          entities, rejects, sources; staged ones with
 *                          --reprocess), its rows sent but the COPY not
 *                          ended
 *   kill_before_commit:N   merges and sources rows of batch N done, before
 *                          COMMIT
 *   kill_after_commit:N    just after batch N commits, before the next
 *                          batch or the run's closing update
 *
 * and the other faults:
 *
 *   drop_connection:N      the server ends the session before batch N
 *   sigterm_after_batch:N  SIGTERM once batch N is handed to the loader
 *   read_error:N           read(2) fails with EIO under zlib from the Nth
 *                          gz_file_read of a file on, for every file read
 *                          that often                          (file.c)
 *   stale_texts:N          the Nth check of which of a batch's texts are
 *                          loaded finds none, as if another run had
 *                          inserted them since: the batch meets a unique
 *                          violation and loads again staged  (loader.c)
 *   unseen_keys:N          the Nth batch's merge of its entity keys sees
 *                          none of them, as if another run had inserted
 *                          them all meanwhile: they are read again and
 *                          counted as old entities              (direct.c)
 *   max_pairs:N            a batch's entity pairs are counted by gazette
 *                          only up to N, past that by the server (direct.c)
 *   pair_room:N            a batch's entity pairs are made N at a time
 *                          (at least one first entity's) as gazette
 *                          counts them, not 65536 (direct.c)
 *   pace_ms:N              every batch waits N ms before it loads, so that
 *                          a test can stop the server mid-run (load_thread.c)
 */
#ifndef GZ_FAULT_H
#define GZ_FAULT_H

/* 1 when this passage through point kind is the one GAZETTE_FAULT names. */
int gz_fault_at(const char *kind);

/* N when GAZETTE_FAULT is kind:N, else 0: for points that count for
 * themselves. */
long gz_fault_value(const char *kind);

#endif
