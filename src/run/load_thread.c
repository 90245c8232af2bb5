/*
 * load_thread.c - the loading side of a run, on its own thread.
 */
#include "run/load_thread.h"

#include <pthread.h>
#include <sysexits.h>
#include <time.h>

#include "core/fault.h"
#include "core/log.h"
#include "core/mem.h"

struct gz_load_thread {
    struct gz_pg        *pg;
    int64_t              run_id;
    int                  fail_on_error;
    pthread_t            thread;
    int                  running;
    pthread_mutex_t      mu;
    pthread_cond_t       cv;
    struct gz_batch      job;           /* the batch being loaded */
    int                  has_job;
    struct gz_run_counts reader;        /* reader's counters when it was submitted */
    int                  quit;
    int                  failed, stopped;
    struct gz_error      err;
    struct gz_run_counts done;          /* loaded, duplicates, reprocessed, rejected */
    struct gz_retry      retry;         /* after a lost connection */
};

static void add_counts(struct gz_run_counts *to, const struct gz_run_counts *from)
{
    to->files_seen += from->files_seen;
    to->files_skipped += from->files_skipped;
    to->read += from->read;
    to->loaded += from->loaded;
    to->duplicates += from->duplicates;
    to->rejected += from->rejected;
    to->reprocessed += from->reprocessed;
}

/* Load rows with the run's totals; on success fold what they added into done. */
static int load(struct gz_load_thread *t, const struct gz_load_rows *rows, struct gz_error *err)
{
    struct gz_run_counts total = t->reader, before;
    long loaded;

    add_counts(&total, &t->done);
    before = total;
    if (gz_load_batch(t->pg, t->run_id, rows, &total, &loaded, err) < 0)
        return -1;
    pthread_mutex_lock(&t->mu);         /* others read done under the lock */
    t->done.loaded += total.loaded - before.loaded;
    t->done.duplicates += total.duplicates - before.duplicates;
    t->done.reprocessed += total.reprocessed - before.reprocessed;
    pthread_mutex_unlock(&t->mu);
    return 0;
}

/* The server refused the batch for its data: load its articles one by one,
 * make the refused ones rejects, then load those with the rejects and
 * files of the batch. */
static int isolate(struct gz_load_thread *t, const struct gz_batch *b, struct gz_error *err)
{
    struct gz_batch refused = {0};      /* rejects of the refused articles */
    size_t i;
    int rc = 0;

    for (i = 0; i < b->n_articles && rc == 0; i++) {
        struct gz_article *a = b->articles[i];
        struct gz_load_rows one = {.articles = &b->articles[i], .n_articles = 1,
                                   .reprocess = b->reprocess};
        struct gz_error aerr = {0};

        if (load(t, &one, &aerr) == 0)
            continue;
        if (aerr.code != EX_DATAERR) {
            *err = aerr;
            rc = -1;
            break;
        }
        pthread_mutex_lock(&t->mu);
        t->done.rejected++;
        t->stopped |= t->fail_on_error;
        pthread_mutex_unlock(&t->mu);
        gz_log(GZ_LOG_WARN, "reject", "uri=%s line=%ld reason=%s", gz_q(a->uri), a->line,
               gz_q(aerr.msg));
        gz_batch_add_reject(&refused, a->uri, a->line, aerr.msg, a->title, a->title_len);
    }
    if (rc == 0) {
        size_t n = refused.n_rejects + b->n_rejects;
        struct gz_reject_row *rejects = gz_xmalloc((n + 1) * sizeof(*rejects)); /* borrowed rows */
        struct gz_load_rows rest = {.sources = b->sources, .n_sources = b->n_sources,
                                    .reprocess = b->reprocess};

        for (i = 0; i < refused.n_rejects; i++)
            rejects[i] = refused.rejects[i];
        for (i = 0; i < b->n_rejects; i++)
            rejects[refused.n_rejects + i] = b->rejects[i];
        rest.rejects = rejects;
        rest.n_rejects = n;
        rc = load(t, &rest, err);
        gz_free(rejects);
    }
    gz_batch_release(&refused);
    return rc;
}

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000 + ts.tv_nsec / 1e6;
}

/* Load a batch; a batch the server refused for its data is isolated. */
static int load_or_isolate(struct gz_load_thread *t, const struct gz_batch *b,
                           struct gz_error *err)
{
    struct gz_load_rows rows = gz_batch_rows(b);

    if (load(t, &rows, err) == 0)
        return 0;
    if (err->code != EX_DATAERR)
        return -1;
    gz_log(GZ_LOG_WARN, "isolating", "articles=%zu reason=%s", b->n_articles, gz_q(err->msg));
    gz_error_clear(err);
    return isolate(t, b, err);
}

/* The connection was lost (SQLSTATE class 08, server shutdown), or another
 * failure that may pass (err->retry): wait as the retry policy says,
 * reconnect and load the batch again, up to retry.attempts times. The
 * failed transaction was rolled back, and loading a batch twice is
 * harmless anyway: everything in it merges by key. */
static int retry_after_disconnect(struct gz_load_thread *t, struct gz_batch *b,
                                  struct gz_error *err)
{
    long attempt;

    for (attempt = 1; attempt <= t->retry.attempts && err->retry; attempt++) {
        double wait = gz_retry_wait(&t->retry, attempt);

        gz_log(GZ_LOG_WARN, "reconnecting", "attempt=%ld of=%ld wait_s=%.2f reason=%s", attempt,
               t->retry.attempts, wait, gz_q(err->msg));
        gz_retry_sleep(wait);
        if (gz_retry_cancelled())
            break;
        gz_error_clear(err);
        if (gz_pg_reconnect(t->pg, err) < 0 || gz_loader_prepare(t->pg, err) < 0)
            continue;                   /* err->retry: still away, wait again */
        if (load_or_isolate(t, b, err) == 0) {
            gz_log(GZ_LOG_INFO, "reconnected", "attempt=%ld", attempt);
            return 0;
        }
    }
    if (err->retry && gz_retry_cancelled())
        gz_error_prefix(err, "stopped by a signal while waiting to try again");
    else if (err->retry && t->retry.attempts > 0)
        gz_error_prefix(err, "gave up after %ld attempt%s", t->retry.attempts,
                        t->retry.attempts == 1 ? "" : "s");
    return -1;
}

static void load_job(struct gz_load_thread *t)
{
    struct gz_error err = {0};
    double t0 = now_ms();
    size_t n = t->job.n_articles;
    long pace = gz_fault_value("pace_ms");

    if (pace > 0)                       /* a slow load, for the outage tests */
        gz_retry_sleep((double)pace / 1000);
    if (load_or_isolate(t, &t->job, &err) < 0
        && (!err.retry || retry_after_disconnect(t, &t->job, &err) < 0)) {
        pthread_mutex_lock(&t->mu);
        t->failed = 1;
        t->err = err;
        pthread_mutex_unlock(&t->mu);
    }
    gz_log(GZ_LOG_DEBUG, "batch_loaded", "articles=%zu rejects=%zu files=%zu load_ms=%.0f", n,
           t->job.n_rejects, t->job.n_sources, now_ms() - t0);
    gz_batch_clear(&t->job);
}

static void *loader_main(void *arg)
{
    struct gz_load_thread *t = arg;

    pthread_mutex_lock(&t->mu);
    for (;;) {
        while (!t->has_job && !t->quit)
            pthread_cond_wait(&t->cv, &t->mu);
        if (!t->has_job)
            break;
        pthread_mutex_unlock(&t->mu);
        if (!t->failed)
            load_job(t);
        else
            gz_batch_clear(&t->job);    /* after a failure nothing more loads */
        pthread_mutex_lock(&t->mu);
        t->has_job = 0;
        pthread_cond_broadcast(&t->cv);
    }
    pthread_mutex_unlock(&t->mu);
    return NULL;
}

struct gz_load_thread *gz_load_thread_start(struct gz_pg *pg, int64_t run_id, int reprocess,
                                            int fail_on_error)
{
    struct gz_load_thread *t = gz_xcalloc(1, sizeof(*t));

    t->pg = pg;
    t->run_id = run_id;
    t->fail_on_error = fail_on_error;
    t->job.reprocess = reprocess;
    t->retry = (struct gz_retry)GZ_RETRY_DEFAULT;
    gz_retry_reset();
    pthread_mutex_init(&t->mu, NULL);
    pthread_cond_init(&t->cv, NULL);
    t->running = pthread_create(&t->thread, NULL, loader_main, t) == 0;
    return t;
}

void gz_load_thread_retry(struct gz_load_thread *t, const struct gz_retry *retry)
{
    pthread_mutex_lock(&t->mu);
    t->retry = *retry;
    pthread_mutex_unlock(&t->mu);
}

/* Wait until no batch is being loaded (mutex held by the caller). */
static void wait_idle(struct gz_load_thread *t)
{
    while (t->has_job)
        pthread_cond_wait(&t->cv, &t->mu);
}

static void swap(struct gz_batch *a, struct gz_batch *b)
{
    struct gz_batch tmp = *a;

    *a = *b;
    *b = tmp;
}

int gz_load_thread_submit(struct gz_load_thread *t, struct gz_batch *b,
                          const struct gz_run_counts *reader, struct gz_error *err)
{
    int rc = 0;

    pthread_mutex_lock(&t->mu);
    wait_idle(t);
    if (t->failed) {
        *err = t->err;
        rc = -1;
    } else {
        swap(&t->job, b);               /* b gets the emptied arrays back */
        t->reader = *reader;
        t->has_job = 1;
        pthread_cond_broadcast(&t->cv);
    }
    pthread_mutex_unlock(&t->mu);
    if (rc == 0 && !t->running) {       /* no thread: load here */
        load_job(t);
        t->has_job = 0;
        if (t->failed) {
            *err = t->err;
            rc = -1;
        }
    }
    return rc;
}

int gz_load_thread_finish(struct gz_load_thread *t, struct gz_error *err)
{
    int failed;

    pthread_mutex_lock(&t->mu);
    wait_idle(t);
    t->quit = 1;
    pthread_cond_broadcast(&t->cv);
    failed = t->failed;
    if (failed)
        *err = t->err;
    pthread_mutex_unlock(&t->mu);
    if (t->running) {
        pthread_join(t->thread, NULL);
        t->running = 0;
    }
    return failed ? -1 : 0;
}

void gz_load_thread_add_counts(struct gz_load_thread *t, struct gz_run_counts *c)
{
    pthread_mutex_lock(&t->mu);
    c->loaded += t->done.loaded;
    c->duplicates += t->done.duplicates;
    c->reprocessed += t->done.reprocessed;
    c->rejected += t->done.rejected;
    pthread_mutex_unlock(&t->mu);
}

int gz_load_thread_stopped(struct gz_load_thread *t)
{
    int stopped;

    pthread_mutex_lock(&t->mu);
    stopped = t->stopped;
    pthread_mutex_unlock(&t->mu);
    return stopped;
}

void gz_load_thread_free(struct gz_load_thread *t)
{
    struct gz_error ignore;

    if (t == NULL)
        return;
    gz_load_thread_finish(t, &ignore);
    gz_batch_release(&t->job);
    pthread_mutex_destroy(&t->mu);
    pthread_cond_destroy(&t->cv);
    gz_free(t);
}
