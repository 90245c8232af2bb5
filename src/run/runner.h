/*
 * runner.h - one `gazette run`: sources -> stages -> batches -> PostgreSQL.
 *
 * src/run/ is where a run is put together, and the only folder that uses
 * sources/, stages/ and sinks/ side by side: the pipeline file and its
 * stages (pipeline.h), the batch being filled (batch.h), the thread that
 * loads batches in order (load_thread.h), and this driver, which owns
 * the policy of a run: which files to skip, batching, threads, signals,
 * retries, and what the runs row says at the end. The commands of cli/
 * call it; nothing below it knows there is a run.
 *
 * Files whose size and mtime (else SHA-256) match what a previous run
 * loaded are skipped; every article goes through the stages, is hashed,
 * and is loaded once (duplicates by content are counted, not loaded);
 * every input that is not loaded becomes a reject row and a log line.
 *
 * A dry run (opts.dry_run) does all of that but the loading: each batch,
 * once through the stages, is counted instead of loaded (its articles
 * already in the articles table are duplicates, or reprocessed with
 * --reprocess; the rest would load) and dropped. It writes nothing, takes
 * no lock and applies no migration.
 */
#ifndef GZ_RUNNER_H
#define GZ_RUNNER_H

#include <stdint.h>

#include "core/shard.h"
#include "run/pipeline.h"
#include "run/progress.h"
#include "run/reasons.h"
#include "sinks/bookkeeping.h"

struct gz_run_opts {
    const char *dsn;            /* overrides the pipeline and GAZETTE_DSN */
    long        batch;          /* 0: the pipeline's */
    int         progress_secs;  /* seconds between progress lines; 0: 10 */
    int         jobs;           /* threads running the stages; 0: 1 */
    struct gz_ymd since, until; /* load only articles published in [since, until];
                                   year 0: open. A window reads every input and
                                   marks none done (it does not see them all) */
    int         reprocess;      /* read unchanged files again and replace the
                                   mentions and dates of loaded articles */
    enum gz_progress_mode progress_mode; /* the status line on a terminal (progress.h) */
    struct gz_shard shard;      /* --shard K/N: this process's part of the
                                   inputs; n 0: all of them */
    int         dry_run;        /* read and run the stages, load nothing: no
                                   migration, lock, runs, sources or rejects
                                   rows; the database is only asked which
                                   files are done and which articles it has */
};


struct gz_run_result {
    int64_t              run_id;    /* 0 for a dry run */
    struct gz_run_counts counts;    /* also when the run failed: what it did;
                                       a dry run's: what it would have loaded */
    double               seconds;   /* wall clock */
    const char          *status;    /* ok, rejected, failed, aborted */
    struct gz_reason_count *reasons;    /* rejects before loading (not those the
                                           server refuses at load time), most
                                           first, ties by reason */
    size_t               n_reasons;
    int                  schema_version;        /* dry run: the database's, 0 none */
    int                  pending_migrations;    /* dry run: a real run would apply */
    int                  lock_held;     /* dry run: a run of the pipeline is in
                                           progress (a real run would be refused) */
};

/* Free what gz_run put in result (reasons). */
void gz_run_result_release(struct gz_run_result *result);

/* Returns the exit code (0 ok, EX_DATAERR finished with rejects), or -1
 * with err filled (EX_UNAVAILABLE, EX_TEMPFAIL, EX_CONFIG, EX_SOFTWARE). */
int gz_run(struct gz_pipeline *p, const struct gz_run_opts *opts, struct gz_run_result *result,
           struct gz_error *err);

#endif
