/*
 * runner.c - drive a pipeline run: skip unchanged files, read, transform,
 * batch, load, and keep the runs row honest.
 */
#include "run/runner.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "core/fault.h"
#include "core/file.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/stop.h"
#include "core/strmap.h"
#include "run/batch.h"
#include "run/load_thread.h"
#include "run/progress.h"
#include "sinks/bookkeeping.h"
#include "sources/files.h"

struct runner {
    struct gz_pipeline *p;
    struct gz_pg       *pg;
    char                name[160];      /* runs row and lock: the pipeline, or
                                           "pipeline:K/N" for a shard */
    struct gz_shard     shard;
    int64_t             run_id;
    long                batch_size;
    int                 jobs;           /* threads running the stages */
    int                 locked;         /* holds the pipeline lock */
    int                 reprocess;      /* --reprocess */
    int                 windowed;       /* --since/--until given */
    struct gz_ymd       since, until;
    int                 dry_run;        /* --dry-run: count batches, load none */
    int                 schema_version, pending_migrations, lock_held;    /* dry run */
    struct gz_reasons   reasons;        /* rejects by reason, for the result */
    struct gz_batch     batch;          /* what the next transaction loads */
    struct gz_batch     pending;        /* rejects of the file being read */
    struct gz_run_counts counts;        /* the reader's: files, read, rejected, dupes */
    struct gz_load_thread *loader;      /* loads the batches, in order */
    struct gz_strmap   *known;          /* uri -> struct gz_known_source */
    struct gz_strmap   *seen;           /* content hashes met in this batch (in
                                           the whole run with --reprocess or
                                           --dry-run) */
    long                file_articles;  /* of the file being read */
    int                 file_transient; /* it could not be read: no sources row */
    int                 stop;           /* on_error: fail met a reject, or a limit */
    char                limit_hit[160]; /* which of limits: stopped the run, or "" */
    int                 interrupted;    /* SIGINT/SIGTERM: the signal */
    int                 load_failed;
    size_t              missing_inputs; /* patterns, directories that gave nothing */
    struct gz_error    *err;
    time_t              last_progress;
    int                 progress_secs;
    size_t              files_total, files_done;
    struct timespec     started;
    struct gz_progress *tty;            /* the status line, or NULL */
    int                 reading;        /* 1 while a file is being read */
};

/* SIGINT/SIGTERM during a run: stop reading, load what is read, mark the
 * run aborted. The file being read is not marked done, so the next run
 * reads it again and its loaded articles merge away. */
static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
    stop_signal = sig;
    gz_retry_cancel();                  /* no more waiting for the database */
    gz_stop_request(sig);               /* the stages give up the article they are in */
}

static int interrupted(struct runner *r)
{
    if (stop_signal != 0 && r->interrupted == 0) {
        r->interrupted = stop_signal;
        gz_log(GZ_LOG_WARN, "stopping", "pipeline=%s signal=%s", gz_q(r->name),
               stop_signal == SIGINT ? "INT" : "TERM");
    }
    return r->interrupted != 0;
}

static void catch_signals(int on, struct sigaction old[2])
{
    static const int sigs[2] = {SIGINT, SIGTERM};
    struct sigaction sa;
    int i;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < 2; i++) {
        if (on)
            sigaction(sigs[i], &sa, &old[i]);
        else
            sigaction(sigs[i], &old[i], NULL);
    }
    stop_signal = 0;
    gz_stop_clear();
}

static double elapsed(const struct runner *r)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - r->started.tv_sec) + (now.tv_nsec - r->started.tv_nsec) / 1e9;
}

/* limits.max_rejects / max_reject_ratio: a feed this broken stops the run
 * (what was loaded stays; the file being read is not marked done). */
static int over_reject_limits(const struct gz_pipeline *p, const struct gz_run_counts *c,
                              char *why, size_t size)
{
    if (p->max_rejects > 0 && c->rejected > p->max_rejects)
        snprintf(why, size, "stopped after %ld rejects: over limits.max_rejects (%ld)",
                 c->rejected, p->max_rejects);
    else if (p->max_reject_ratio > 0 && c->read >= GZ_REJECT_RATIO_MIN_READ
             && (double)c->rejected > p->max_reject_ratio * (double)c->read)
        snprintf(why, size, "stopped after %ld rejects of %ld inputs read: over"
                 " limits.max_reject_ratio (%g)", c->rejected, c->read, p->max_reject_ratio);
    else
        return 0;
    gz_log(GZ_LOG_ERROR, "reject_limit", "pipeline=%s reason=%s", gz_q(p->name), gz_q(why));
    return 1;
}

/* Log a reject and keep it in dest (the file's pending list, or the batch). */
static void record_reject(struct runner *r, struct gz_batch *dest, const char *uri, long line,
                          const char *reason, const char *excerpt, size_t excerpt_len)
{
    gz_reasons_add(&r->reasons, reason);
    r->counts.rejected++;
    gz_log(GZ_LOG_WARN, "reject", "uri=%s line=%ld reason=%s", gz_q(uri), line, gz_q(reason));
    gz_progress_reject(r->tty, reason);
    gz_batch_add_reject(dest, uri, line, reason, excerpt, excerpt_len);
    if (r->p->fail_on_error)
        r->stop = 1;
    if (!r->stop && over_reject_limits(r->p, &r->counts, r->limit_hit, sizeof(r->limit_hit)))
        r->stop = 1;
}

static const char *source_key(const struct runner *r, const char *uri, char *buf, size_t size);

/* ---- stages, in parallel over a batch --------------------------------- */

struct stage_work {
    struct gz_pipeline *p;
    struct gz_article **articles;
    struct gz_error    *errs;       /* errs[i].code != 0: article i was rejected */
    size_t              n, first, step;
};

static void *run_stages(void *arg)
{
    struct stage_work *w = arg;
    size_t i;

    for (i = w->first; i < w->n; i += w->step)
        if (gz_pipeline_process(w->p, w->articles[i], &w->errs[i]) < 0 && w->errs[i].code == 0)
            w->errs[i].code = EX_DATAERR;
    return NULL;
}

/* Run the stages over every article of the batch on r->jobs threads, then
 * (in order) turn stage failures into rejects, hash, and drop articles
 * whose text was already seen in this batch. A text met again in a later
 * batch is counted a duplicate by the loader (the articles table has it),
 * so an ordinary run forgets the hashes of each batch and its memory stays
 * flat however many articles it reads. A --reprocess would replace that
 * article's mentions twice, and a dry run loads nothing the later batch
 * could meet: they remember every hash of the run. */
static void process_batch(struct runner *r)
{
    size_t n = r->batch.n_articles, i, kept = 0, t, threads;
    struct gz_error *errs;
    struct stage_work *work;
    pthread_t *tids;

    if (n == 0)
        return;
    threads = (size_t)r->jobs < n ? (size_t)r->jobs : n;
    errs = gz_xcalloc(n, sizeof(*errs));
    work = gz_xcalloc(threads, sizeof(*work));
    tids = gz_xcalloc(threads, sizeof(*tids));
    for (t = 0; t < threads; t++) {
        work[t] = (struct stage_work){r->p, r->batch.articles, errs, n, t, threads};
        if (t > 0 && pthread_create(&tids[t], NULL, run_stages, &work[t]) != 0)
            work[t].step = 0;           /* could not start: done below */
    }
    run_stages(&work[0]);
    for (t = 1; t < threads; t++) {
        if (work[t].step == 0) {
            work[t].step = threads;
            run_stages(&work[t]);
        } else {
            pthread_join(tids[t], NULL);
        }
    }
    for (i = 0; i < n; i++) {
        struct gz_article *a = r->batch.articles[i];

        if (gz_stop_is(&errs[i])) {     /* given up on a signal: read again next run */
            char key[4200];

            gz_batch_drop_source(&r->batch, source_key(r, a->uri, key, sizeof(key)));
            gz_article_free(a);
            continue;
        }
        if (errs[i].code != 0) {
            record_reject(r, &r->batch, a->uri, a->line, errs[i].msg, a->title, a->title_len);
            gz_article_free(a);
            continue;
        }
        gz_article_hash(a);
        if (gz_strmap_get(r->seen, a->content_sha256) != NULL) {
            r->counts.duplicates++;     /* same text twice in this run */
            gz_article_free(a);
            continue;
        }
        gz_strmap_put(r->seen, a->content_sha256, r);
        r->batch.articles[kept++] = a;
    }
    r->batch.n_articles = kept;
    if (!r->reprocess && !r->dry_run) {
        gz_strmap_free(r->seen, NULL);
        r->seen = gz_strmap_new();
    }
    gz_free(errs);
    gz_free(work);
    gz_free(tids);
}

/* --dry-run: count what loading the batch would do, then drop it. Its
 * articles already in the database would be duplicates (reprocessed with
 * --reprocess), the others would load. */
static int dry_count(struct runner *r)
{
    long existing = 0;

    if (r->schema_version > 0
        && gz_articles_existing(r->pg, r->batch.articles, r->batch.n_articles, &existing,
                                r->err) < 0) {
        r->load_failed = 1;
        return -1;
    }
    r->counts.loaded += (long)r->batch.n_articles - existing;
    if (r->reprocess)
        r->counts.reprocessed += existing;
    else
        r->counts.duplicates += existing;
    gz_batch_clear(&r->batch);
    return 0;
}

/* Run the stages over the batch, then hand it to the loading thread. */
static int flush(struct runner *r)
{
    double t0 = elapsed(r);

    process_batch(r);
    if (r->batch.n_articles == 0 && r->batch.n_rejects == 0 && r->batch.n_sources == 0)
        return 0;
    gz_log(GZ_LOG_DEBUG, "batch_ready", "articles=%zu rejects=%zu files=%zu stages_ms=%.0f",
           r->batch.n_articles, r->batch.n_rejects, r->batch.n_sources,
           (elapsed(r) - t0) * 1000);
    if (r->dry_run)
        return dry_count(r);
    if (gz_load_thread_submit(r->loader, &r->batch, &r->counts, r->err) < 0) {
        r->load_failed = 1;
        return -1;
    }
    if (gz_load_thread_stopped(r->loader))
        r->stop = 1;
    if (gz_fault_at("sigterm_after_batch"))
        raise(SIGTERM);
    return 0;
}

/* The reader's counters plus the loading side's. */
static struct gz_run_counts totals(struct runner *r)
{
    struct gz_run_counts c = r->counts;

    if (r->loader != NULL)
        gz_load_thread_add_counts(r->loader, &c);
    return c;
}

static void progress(struct runner *r)
{
    time_t now = time(NULL);
    struct gz_run_counts c;
    double secs;

    if (r->tty != NULL) {               /* a terminal: the status line instead */
        if (gz_progress_due(r->tty)) {
            c = totals(r);
            gz_progress_draw(r->tty, &c, r->files_done - r->reading);
        }
        return;
    }
    if (now - r->last_progress < r->progress_secs)
        return;
    r->last_progress = now;
    secs = elapsed(r);
    c = totals(r);
    gz_log(GZ_LOG_INFO, "progress", "pipeline=%s files=%zu/%zu read=%ld loaded=%ld rejected=%ld"
           " articles_per_s=%.0f", gz_q(r->name), r->files_done, r->files_total,
           c.read, c.loaded, c.rejected, secs > 0 ? (double)c.read / secs : 0.0);
}

/* A source could not make an article of some input. */
static int on_reject(void *ctx, const struct gz_reject *rej, struct gz_error *err)
{
    struct runner *r = ctx;

    (void)err;
    r->counts.read++;
    r->file_transient |= rej->transient;
    record_reject(r, &r->pending, rej->uri, rej->line, rej->reason, rej->excerpt,
                  rej->excerpt_len);
    return r->stop || interrupted(r) ? -1 : 0;
}

static int ymd_cmp(const struct gz_ymd *a, const struct gz_ymd *b)
{
    long x = a->year * 10000L + a->month * 100 + a->day;
    long y = b->year * 10000L + b->month * 100 + b->day;

    return (x > y) - (x < y);
}

static int outside_window(const struct runner *r, const struct gz_article *a)
{
    return (r->since.year != 0 && ymd_cmp(&a->published, &r->since) < 0)
           || (r->until.year != 0 && ymd_cmp(&a->published, &r->until) > 0);
}

/* A source made an article: the stages run when its batch is flushed. */
static int on_article(void *ctx, struct gz_article *a, struct gz_error *err)
{
    struct runner *r = ctx;

    (void)err;
    r->counts.read++;
    gz_progress_article(r->tty, a->title_len + a->body_len);
    if (r->windowed && outside_window(r, a)) {
        r->counts.outside++;
        gz_article_free(a);
        return interrupted(r) ? -1 : 0;
    }
    r->file_articles++;
    gz_batch_add_article(&r->batch, a);
    if ((long)r->batch.n_articles >= r->batch_size && flush(r) < 0)
        return -1;
    progress(r);
    return r->stop || interrupted(r) ? -1 : 0;
}

/* The sources row of uri. A shard of a CSV file reads only some of its rows,
 * so it keeps its own row, "uri#shard=K/N": a run with other shards, or
 * none, reads the file again (its articles merge by content). */
static const char *source_key(const struct runner *r, const char *uri, char *buf, size_t size)
{
    if (!gz_shard_active(&r->shard) || r->p->source.format != GZ_FORMAT_CSV)
        return uri;
    snprintf(buf, size, "%s#shard=%u/%u", uri, r->shard.k, r->shard.n);
    return buf;
}

/* Move the pending rejects of the finished file into the batch. */
static void finish_file(struct runner *r, const char *uri, const struct gz_file_info *info,
                        const char *sha256)
{
    struct gz_source_row *s;
    char key[4200];
    size_t i;

    for (i = 0; i < r->pending.n_rejects; i++) {
        struct gz_reject_row *j = &r->pending.rejects[i];

        gz_batch_add_reject(&r->batch, j->uri, j->line, j->reason, j->excerpt,
                            j->excerpt ? strlen(j->excerpt) : 0);
    }
    if (info != NULL && !r->file_transient) {   /* not stdin, and read to the end */
        s = gz_batch_add_source(&r->batch, source_key(r, uri, key, sizeof(key)));
        s->size = info->size;
        s->mtime_ns = info->mtime_ns;
        memcpy(s->sha256, sha256, 65);
        s->articles = (int)r->file_articles;
        s->rejects = (int)r->pending.n_rejects;
        s->rejected = r->file_articles == 0 && r->pending.n_rejects > 0;
    }
    gz_batch_clear(&r->pending);
}

/* 1 when uri was loaded before and has not changed: same size and mtime,
 * or (a touched file) the same content hash, computed only then. */
static int unchanged(struct runner *r, const char *uri, const struct gz_file_info *info)
{
    char key[4200];
    const char *name = source_key(r, uri, key, sizeof(key));
    struct gz_known_source *k = gz_strmap_get(r->known, name);
    struct gz_source_row *s;
    char sha256[65];

    if (k == NULL)
        return 0;
    if (k->size == info->size && k->mtime_us == info->mtime_ns / 1000)
        return 1;
    if (gz_file_sha256(uri, sha256, NULL) < 0 || strcmp(k->sha256, sha256) != 0)
        return 0;                       /* changed, or reading it will reject it */
    s = gz_batch_add_source(&r->batch, name);  /* touched: remember the new mtime */
    s->size = info->size;
    s->mtime_ns = info->mtime_ns;
    s->touch_only = 1;
    memcpy(s->sha256, sha256, 65);
    return 1;
}

static int read_file(struct runner *r, const char *uri)
{
    char sha256[65] = "";
    struct gz_source_out out = {on_article, on_reject, r, sha256};
    struct gz_file_info info;
    int is_stdin = strcmp(uri, "-") == 0, rc;

    r->counts.files_seen++;
    r->files_done++;
    if (!is_stdin && gz_file_stat(uri, &info, NULL) < 0) {
        struct gz_reject rej = {.uri = uri};

        snprintf(rej.reason, sizeof(rej.reason), "file vanished before it could be read");
        on_reject(r, &rej, NULL);
        finish_file(r, uri, NULL, NULL);
        return r->stop ? -1 : 0;
    }
    if (!is_stdin && !r->reprocess && !r->windowed && unchanged(r, uri, &info)) {
        r->counts.files_skipped++;
        gz_progress_skipped(r->tty, info.size);
        return 0;
    }
    r->file_articles = 0;
    r->file_transient = 0;
    r->reading = 1;
    rc = gz_source_read(uri, &r->p->source, &out, r->err);
    r->reading = 0;
    if (rc < 0 && (r->load_failed || r->stop || r->interrupted)) {
        if (r->interrupted)
            gz_batch_clear(&r->pending);        /* found again by the next run */
        else if (r->stop)
            finish_file(r, uri, NULL, NULL);    /* keep the reject, not the file */
        return -1;
    }
    finish_file(r, uri, is_stdin || r->windowed ? NULL : &info, sha256);
    if ((long)r->batch.n_sources >= r->batch_size && flush(r) < 0)
        return -1;
    progress(r);
    return 0;
}

static int start_run(struct runner *r, struct gz_error *err)
{
    long aborted;

    if (gz_runs_abort_stale(r->pg, r->name, &aborted, err) < 0)
        return -1;
    if (aborted > 0)
        gz_log(GZ_LOG_WARN, "stale_runs_aborted", "pipeline=%s count=%ld", gz_q(r->name),
               aborted);
    return gz_run_start(r->pg, r->name, r->p->config_sha256, &r->run_id, err);
}

/* --dry-run: connect and read what a run reads first (the schema version,
 * the files done); write nothing, lock nothing. */
static int connect_dry(struct runner *r, const struct gz_run_opts *opts, struct gz_error *err)
{
    int want;

    r->pg = gz_pg_connect(opts->dsn ? opts->dsn : r->p->dsn, r->p->schema, err);
    if (r->pg == NULL || gz_pg_schema_version(r->pg, &r->schema_version, &want, err) < 0)
        return -1;
    if (r->schema_version > want)       /* as gz_pg_migrate would say */
        return gz_fail(err, EX_CONFIG, "schema %s is at version %d, newer than this gazette (%d)",
                       r->p->schema, r->schema_version, want);
    r->pending_migrations = want - r->schema_version;
    if (gz_pipeline_lock_held(r->pg, r->p->name, &r->lock_held, err) < 0)
        return -1;
    r->known = r->schema_version > 0 ? gz_sources_known(r->pg, err) : gz_strmap_new();
    return r->known != NULL ? 0 : -1;
}

/* Connect, migrate and take the pipeline lock; a failure that may pass
 * (server down or restarting, too many connections, no answer in time:
 * err->retry) is tried again as the pipeline's retry policy says. A
 * refused password (77) or a malformed DSN (78) is not. */
static int open_session(struct runner *r, const char *dsn, struct gz_error *err)
{
    const struct gz_retry *policy = &r->p->retry;
    long attempt;
    int applied;

    for (attempt = 0;; attempt++) {
        if (attempt > 0) {
            double wait = gz_retry_wait(policy, attempt);

            gz_log(GZ_LOG_WARN, "reconnecting", "attempt=%ld of=%ld wait_s=%.2f reason=%s",
                   attempt, policy->attempts, wait, gz_q(err->msg));
            gz_retry_sleep(wait);
            gz_error_clear(err);
        }
        r->pg = gz_pg_connect(dsn, r->p->schema, err);
        if (r->pg != NULL && gz_pg_migrate(r->pg, &applied, err) == 0
            && gz_pg_lock_pipeline(r->pg, r->name, err) == 0) {
            if (attempt > 0)
                gz_log(GZ_LOG_INFO, "reconnected", "attempt=%ld", attempt);
            return 0;
        }
        gz_pg_close(r->pg);
        r->pg = NULL;
        if (!err->retry || attempt >= policy->attempts)
            break;
    }
    if (err->retry && policy->attempts > 0)
        gz_error_prefix(err, "gave up after %ld attempt%s", policy->attempts,
                        policy->attempts == 1 ? "" : "s");
    return -1;
}

static int connect_and_lock(struct runner *r, const struct gz_run_opts *opts,
                            struct gz_error *err)
{
    if (open_session(r, opts->dsn ? opts->dsn : r->p->dsn, err) < 0)
        return -1;
    r->locked = 1;
    if (gz_loader_prepare(r->pg, err) < 0 || start_run(r, err) < 0
        || (r->known = gz_sources_known(r->pg, err)) == NULL)
        return -1;
    return 0;
}

/* Under --shard, an article file is read by the one shard its path hashes
 * to; every shard reads every CSV file and keeps its own rows of it. */
static void keep_shard_files(const struct runner *r, struct gz_strlist *paths)
{
    size_t i, kept = 0;

    if (!gz_shard_active(&r->shard) || r->p->source.format == GZ_FORMAT_CSV)
        return;
    for (i = 0; i < paths->n; i++) {
        if (gz_shard_takes(&r->shard, paths->items[i], 0))
            paths->items[kept++] = paths->items[i];
        else
            gz_free(paths->items[i]);
    }
    paths->n = kept;
}

/* The name of this run in the runs table and its lock: a shard of a
 * pipeline is a pipeline of its own, so shards run at once and one shard
 * never twice. */
static void name_run(struct runner *r)
{
    if (gz_shard_active(&r->shard))
        snprintf(r->name, sizeof(r->name), "%s:%u/%u", r->p->name, r->shard.k, r->shard.n);
    else
        snprintf(r->name, sizeof(r->name), "%s", r->p->name);
}

/* Inputs that could not be listed become rejects named after the pattern or
 * path (line 0): a pattern that matches nothing (unless source.allow_empty),
 * a directory that cannot be read, a symlink loop. They are no sources rows,
 * so the files behind them are looked for again by the next run. A pattern
 * whose directory exists but holds nothing to read is the cron case of
 * "nothing arrived": a log line. */
static void reject_inputs(struct runner *r, const struct gz_files *f)
{
    size_t i;

    for (i = 0; i < f->n_problems; i++) {
        record_reject(r, &r->batch, f->problems[i].path, 0, f->problems[i].reason, NULL, 0);
        r->missing_inputs++;
    }
    for (i = 0; i < f->n_patterns; i++) {
        if (f->found[i] > 0)
            continue;
        if (f->missing[i] && !r->p->allow_empty) {
            record_reject(r, &r->batch, r->p->files[i], 0, "pattern matches nothing", NULL, 0);
            r->missing_inputs++;
        } else {
            gz_log(GZ_LOG_INFO, "no_files", "pipeline=%s pattern=%s%s", gz_q(r->name),
                   gz_q(r->p->files[i]), f->missing[i] ? " allow_empty=true" : "");
        }
    }
}

/* The runs row's message: why it stopped, or what a window left out. */
static const char *run_message(const struct runner *r, char *buf, size_t size)
{
    if (r->interrupted)
        return "stopped by a signal; the next run carries on";
    if (r->limit_hit[0] != '\0')
        return r->limit_hit;
    if (r->stop)
        return "stopped at the first reject (on_error: fail)";
    if (r->missing_inputs > 0) {
        snprintf(buf, size, "%zu source pattern(s) or directories could not be read or matched"
                 " nothing (see rejects)", r->missing_inputs);
        return buf;
    }
    if (!r->windowed)
        return NULL;
    snprintf(buf, size, "window %04d-%02d-%02d..%04d-%02d-%02d: %ld articles outside it",
             r->since.year, r->since.month, r->since.day, r->until.year, r->until.month,
             r->until.day, r->counts.outside);
    return buf;
}

static void log_done(struct runner *r, const struct gz_run_counts *c, const char *status)
{
    double secs = elapsed(r);

    gz_log(GZ_LOG_INFO, "run_done", "pipeline=%s%s run_id=%lld status=%s files=%ld skipped=%ld"
           " read=%ld loaded=%ld reprocessed=%ld duplicates=%ld rejected=%ld outside_window=%ld"
           " seconds=%.2f articles_per_s=%.0f", gz_q(r->name), r->dry_run ? " dry_run=1" : "",
           (long long)r->run_id, status,
           c->files_seen, c->files_skipped, c->read, c->loaded, c->reprocessed, c->duplicates,
           c->rejected, c->outside, secs, secs > 0 ? (double)c->read / secs : 0.0);
}

void gz_run_result_release(struct gz_run_result *result)
{
    gz_reason_counts_free(result->reasons, result->n_reasons);
    result->reasons = NULL;
    result->n_reasons = 0;
}

static void release(struct runner *r)
{
    gz_load_thread_free(r->loader);     /* waits for a batch still loading */
    gz_batch_release(&r->batch);
    gz_batch_release(&r->pending);
    gz_strmap_free(r->known, gz_free);
    gz_strmap_free(r->seen, NULL);
    gz_progress_free(r->tty);
    gz_reasons_release(&r->reasons);
    if (r->locked)
        gz_pg_unlock_pipeline(r->pg, r->name);
    gz_pg_close(r->pg);
}

int gz_run(struct gz_pipeline *p, const struct gz_run_opts *opts, struct gz_run_result *result,
           struct gz_error *err)
{
    struct runner r = {.p = p, .err = err, .seen = gz_strmap_new()};
    struct gz_files files = {0};
    struct gz_run_counts total = {0};
    struct sigaction old_actions[2];
    const char *status;
    size_t i;
    char message[160];
    int rc = -1, caught = 0;

    r.batch_size = opts->batch > 0 ? opts->batch : p->batch;
    r.jobs = opts->jobs > 0 ? opts->jobs : 1;
    r.reprocess = opts->reprocess;
    r.batch.reprocess = opts->reprocess;
    r.since = opts->since;
    r.until = opts->until;
    r.windowed = opts->since.year != 0 || opts->until.year != 0;
    r.shard = opts->shard;
    p->source.shard = &r.shard;
    name_run(&r);
    r.dry_run = opts->dry_run;
    r.progress_secs = opts->progress_secs > 0 ? opts->progress_secs : 10;
    r.last_progress = time(NULL);
    clock_gettime(CLOCK_MONOTONIC, &r.started);
    if ((r.dry_run ? connect_dry(&r, opts, err) : connect_and_lock(&r, opts, err)) < 0)
        goto out;
    if (!r.dry_run) {
        r.loader = gz_load_thread_start(r.pg, r.run_id, r.reprocess, p->fail_on_error);
        gz_load_thread_retry(r.loader, &p->retry);
    }
    gz_files_expand(p->files, p->n_files, p->follow_symlinks, &files);
    keep_shard_files(&r, &files.paths);
    r.files_total = files.paths.n;
    r.tty = gz_progress_start(opts->progress_mode, p->name,
                              (const char *const *)files.paths.items, files.paths.n);
    gz_log(GZ_LOG_INFO, "run_start", "pipeline=%s%s run_id=%lld files=%zu known=%zu",
           gz_q(r.name), r.dry_run ? " dry_run=1" : "", (long long)r.run_id, files.paths.n,
           gz_strmap_count(r.known));
    reject_inputs(&r, &files);
    catch_signals(1, old_actions);
    caught = 1;
    for (i = 0; i < files.paths.n && !r.stop && !interrupted(&r); i++)
        if (read_file(&r, files.paths.items[i]) < 0 && r.load_failed)
            goto out;
    if (flush(&r) < 0 || (r.loader != NULL && gz_load_thread_finish(r.loader, err) < 0)) {
        r.load_failed = 1;
        goto out;
    }
    r.stop |= r.loader != NULL && gz_load_thread_stopped(r.loader);
    interrupted(&r);                    /* a signal during the last batch's stages */
    total = totals(&r);
    status = r.interrupted ? "aborted" : r.stop ? "failed"
             : total.rejected > 0 ? "rejected" : "ok";
    if (!r.dry_run && gz_run_finish(r.pg, r.run_id, &total, status,
                                    run_message(&r, message, sizeof(message)), err) < 0)
        goto out;
    log_done(&r, &total, status);
    gz_progress_summary(r.tty, p, status, &total, elapsed(&r));
    result->run_id = r.run_id;
    result->counts = total;
    result->status = status;
    result->schema_version = r.schema_version;
    result->pending_migrations = r.pending_migrations;
    result->lock_held = r.lock_held;
    result->reasons = gz_reasons_take(&r.reasons, &result->n_reasons);
    rc = r.interrupted ? 128 + r.interrupted : r.limit_hit[0] ? EX_DATAERR
         : r.missing_inputs > 0 ? EX_NOINPUT
         : strcmp(status, "ok") == 0 ? 0 : EX_DATAERR;
out:
    if (caught)
        catch_signals(0, old_actions);
    if (rc < 0 && r.loader != NULL) {
        struct gz_error ignore = {0};

        gz_load_thread_finish(r.loader, &ignore);       /* the connection is ours again */
    }
    if (rc < 0) {
        total = totals(&r);
        gz_run_fail(r.pg, r.run_id, &total, err->msg);
        gz_progress_summary(r.tty, p, "failed", &total, elapsed(&r));
    }
    result->counts = total;             /* what a failed run did too (--metrics-file) */
    result->seconds = elapsed(&r);
    gz_files_release(&files);
    release(&r);
    p->source.shard = NULL;
    return rc;
}
