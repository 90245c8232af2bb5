/*
 * progress.c - the status line and the closing summary of an interactive run.
 */
#include "run/progress.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/mem.h"
#include "run/reasons.h"

struct gz_progress {
    char          *pipeline;
    int64_t       *done_bytes;          /* done_bytes[i]: the sizes of paths[0..i) */
    size_t         n_paths;
    int64_t        skipped_bytes;
    int64_t        text_bytes;          /* of the articles read */
    struct timespec started;
    double         last_draw;           /* seconds since started; -1: never */
    int            shown;
    struct gz_reasons kinds;            /* rejects counted by reason_kind() */
};

int gz_progress_mode_parse(const char *name, enum gz_progress_mode *out)
{
    if (strcmp(name, "auto") == 0)
        *out = GZ_PROGRESS_AUTO;
    else if (strcmp(name, "tty") == 0)
        *out = GZ_PROGRESS_TTY;
    else if (strcmp(name, "off") == 0)
        *out = GZ_PROGRESS_OFF;
    else
        return -1;
    return 0;
}

static double since(const struct gz_progress *pr)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - pr->started.tv_sec) + (now.tv_nsec - pr->started.tv_nsec) / 1e9;
}

struct gz_progress *gz_progress_start(enum gz_progress_mode mode, const char *pipeline,
                                      const char *const *paths, size_t n_paths)
{
    struct gz_progress *pr;
    struct stat st;
    size_t i;

    if (mode == GZ_PROGRESS_OFF || (mode == GZ_PROGRESS_AUTO && !isatty(2))
        || gz_log_format() != GZ_LOG_LOGFMT || gz_log_level() > GZ_LOG_INFO)
        return NULL;
    pr = gz_xcalloc(1, sizeof(*pr));
    pr->pipeline = gz_xstrdup(pipeline);
    pr->n_paths = n_paths;
    pr->done_bytes = gz_xcalloc(n_paths + 1, sizeof(*pr->done_bytes));
    for (i = 0; i < n_paths; i++)
        pr->done_bytes[i + 1] = pr->done_bytes[i]
            + (strcmp(paths[i], "-") != 0 && stat(paths[i], &st) == 0 ? (int64_t)st.st_size : 0);
    clock_gettime(CLOCK_MONOTONIC, &pr->started);
    pr->last_draw = -1;
    return pr;
}

int gz_progress_due(struct gz_progress *pr)
{
    return pr != NULL && (pr->last_draw < 0 || since(pr) - pr->last_draw >= 0.25);
}

static void duration(char *buf, size_t size, double secs)
{
    long s = (long)(secs + 0.5);

    if (s >= 3600)
        snprintf(buf, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, size, "%ld:%02ld", s / 60, s % 60);
}

static size_t columns(void)
{
    struct winsize ws;

    if (ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 10)
        return ws.ws_col;
    return 80;
}

void gz_progress_draw(struct gz_progress *pr, const struct gz_run_counts *c, size_t files_done)
{
    char line[512], eta[32] = "--";
    int64_t total, done, read;
    double secs, pct, rate;
    size_t width;

    if (pr == NULL)
        return;
    secs = since(pr);
    pr->last_draw = secs;
    if (files_done > pr->n_paths)
        files_done = pr->n_paths;
    total = pr->done_bytes[pr->n_paths];
    done = pr->done_bytes[files_done];
    read = done - pr->skipped_bytes;    /* inputs read to their end, not skipped */
    rate = secs > 0 ? (double)read / secs : 0;
    if (total > 0)
        pct = 100.0 * (double)done / (double)total;
    else
        pct = pr->n_paths > 0 ? 100.0 * (double)files_done / (double)pr->n_paths : 0;
    if (rate > 0 && total > done)
        duration(eta, sizeof(eta), (double)(total - done) / rate);
    else if (total > 0 && done == total)
        snprintf(eta, sizeof(eta), "0:00");
    snprintf(line, sizeof(line), "%s  %zu/%zu inputs %.0f%%  %ld articles  %.0f/s  %.1f MB/s"
             "  ETA %s", pr->pipeline, files_done, pr->n_paths, pct, c->read,
             secs > 0 ? (double)c->read / secs : 0.0,
             secs > 0 ? (double)pr->text_bytes / secs / 1e6 : 0.0, eta);
    width = columns() - 1;
    if (strlen(line) > width)
        line[width] = '\0';
    gz_log_status(line);
    pr->shown = 1;
}

void gz_progress_skipped(struct gz_progress *pr, int64_t bytes)
{
    if (pr != NULL)
        pr->skipped_bytes += bytes;
}

void gz_progress_article(struct gz_progress *pr, size_t text_bytes)
{
    if (pr != NULL)
        pr->text_bytes += (int64_t)text_bytes;
}

/* A reason with what varies in it blanked: quoted text holding digits or a
 * slash (or long) as "...", numbers as N ("impossible date \"2024-02-30\""
 * -> "impossible date \"...\"", "no \"date\" header line" stays). */
static char *reason_kind(const char *reason)
{
    size_t n = strlen(reason), o = 0;
    char *k = gz_xmalloc(n + 4);
    const char *s = reason;

    while (*s != '\0' && o < n) {
        if (*s == '"') {
            const char *e = strchr(s + 1, '"');

            if (e != NULL && (e - s > 24 || strcspn(s + 1, "0123456789/") < (size_t)(e - s - 1))) {
                memcpy(k + o, "\"...\"", 5);
                o += 5;
                s = e + 1;
                continue;
            }
        }
        if (isdigit((unsigned char)*s) && (s == reason || !isalnum((unsigned char)s[-1]))) {
            const char *e = s;

            while (isdigit((unsigned char)*e) || *e == '.')
                e++;
            if (*e == '\0' || !isalpha((unsigned char)*e)) {
                k[o++] = 'N';
                s = e;
                continue;
            }
        }
        k[o++] = *s++;
    }
    k[o] = '\0';
    return k;
}

void gz_progress_reject(struct gz_progress *pr, const char *reason)
{
    char *kind;

    if (pr == NULL)
        return;
    kind = reason_kind(reason != NULL ? reason : "");
    gz_reasons_add(&pr->kinds, kind);
    gz_free(kind);
}

static void row(const char *label, long n)
{
    fprintf(stderr, "  %-40s %10ld\n", label, n);
}

/* The reasons' rows: the ten most frequent, then the rest as one. */
static void reason_rows(struct gz_progress *pr, long rejected)
{
    size_t n, i;
    struct gz_reason_count *list = gz_reasons_take(&pr->kinds, &n);
    long listed = 0;

    for (i = 0; i < n && i < 10; i++) {
        char label[48];

        snprintf(label, sizeof(label), "  %s", list[i].reason);
        if (strlen(list[i].reason) > 38)
            memcpy(label + 37, "...", 4);
        row(label, list[i].count);
        listed += list[i].count;
    }
    if (rejected > listed && n > 0)
        row("  other reasons", rejected - listed);
    gz_reason_counts_free(list, n);
}

void gz_progress_summary(struct gz_progress *pr, const struct gz_pipeline *p, const char *status,
                         const struct gz_run_counts *c, double seconds)
{
    size_t i;

    if (pr == NULL)
        return;
    gz_log_status(NULL);
    pr->shown = 0;
    flockfile(stderr);
    fprintf(stderr, "\n  %-40s %10s\n  %-40s %10s\n", pr->pipeline, status ? status : "failed",
            "----------------------------------------", "----------");
    row("files", c->files_seen);
    row("skipped (unchanged)", c->files_skipped);
    row("articles read", c->read);
    row("loaded", c->loaded);
    row("duplicates", c->duplicates);
    row("reprocessed", c->reprocessed);
    row("outside the window", c->outside);
    row("rejected", c->rejected);
    reason_rows(pr, c->rejected);
    fprintf(stderr, "  %-40s %10s\n", "seconds", "");
    for (i = 0; p != NULL && i < p->n_stages; i++) {
        char label[48];

        snprintf(label, sizeof(label), "  stage %s", p->stages[i].ops->name);
        fprintf(stderr, "  %-40s %10.2f\n", label, gz_pipeline_stage_seconds(p, i));
    }
    fprintf(stderr, "  %-40s %10.2f\n\n", "  total (wall clock)", seconds);
    funlockfile(stderr);
}

void gz_progress_free(struct gz_progress *pr)
{
    if (pr == NULL)
        return;
    if (pr->shown)
        gz_log_status(NULL);
    gz_reasons_release(&pr->kinds);
    gz_free(pr->done_bytes);
    gz_free(pr->pipeline);
    gz_free(pr);
}
