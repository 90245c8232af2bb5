/*
 * metrics.c - the Prometheus text file of `gazette run --metrics-file`.
 */
#include "run/metrics.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "core/mem.h"

#define LAST_SUCCESS "gazette_last_success_timestamp_seconds"

/* A label value: backslash, double quote and newline escaped. */
static void label_value(FILE *out, const char *s)
{
    for (; *s != '\0'; s++) {
        if (*s == '\\' || *s == '"')
            fputc('\\', out), fputc(*s, out);
        else if (*s == '\n')
            fputs("\\n", out);
        else
            fputc(*s, out);
    }
}

static void head(FILE *out, const char *name, const char *help)
{
    fprintf(out, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
}

static void gauge(FILE *out, const char *name, const char *help, const char *pipeline,
                  double v)
{
    head(out, name, help);
    fprintf(out, "%s{pipeline=\"", name);
    label_value(out, pipeline);
    fprintf(out, v == (double)(long long)v ? "\"} %.0f\n" : "\"} %.3f\n", v);
}

int gz_metrics_read_last_success(const char *path, double *ts, char *label, size_t size)
{
    FILE *f = fopen(path, "r");
    char line[4096];
    int found = -1;

    if (f == NULL)
        return -1;
    while (fgets(line, sizeof(line), f) != NULL) {
        size_t n = strlen(LAST_SUCCESS);
        const char *v, *l;
        char *end;
        size_t o = 0;

        if (strncmp(line, LAST_SUCCESS, n) != 0 || (line[n] != '{' && line[n] != ' '))
            continue;
        v = strrchr(line, ' ');
        if (v == NULL)
            continue;
        *ts = strtod(v + 1, &end);
        if (end == v + 1)
            continue;
        found = 0;
        if (label != NULL && size > 0 && (l = strstr(line, "pipeline=\"")) != NULL) {
            for (l += 10; *l != '\0' && *l != '"' && o + 1 < size; l++) {
                if (*l == '\\' && l[1] != '\0')
                    l++, label[o++] = *l == 'n' ? '\n' : *l;
                else
                    label[o++] = *l;
            }
            label[o] = '\0';
        } else if (label != NULL && size > 0) {
            label[0] = '\0';
        }
        break;
    }
    fclose(f);
    return found;
}

int gz_metrics_check_path(const char *path, struct gz_error *err)
{
    char *copy = gz_xstrdup(path);
    const char *dir = dirname(copy);
    int ok = access(dir, W_OK | X_OK) == 0;
    int saved = errno;

    if (!ok) {
        gz_fail(err, EX_CANTCREAT, "cannot write the metrics file %s: directory %s: %s", path,
                dir, strerror(saved));
        gz_free(copy);
        return -1;
    }
    gz_free(copy);
    return 0;
}

/* The pipeline file's base name without .yaml/.yml. */
static void name_from_file(const char *file, char *out, size_t size)
{
    const char *b = strrchr(file, '/');
    size_t n;

    b = b != NULL ? b + 1 : file;
    n = strlen(b);
    if (n > 5 && strcmp(b + n - 5, ".yaml") == 0)
        n -= 5;
    else if (n > 4 && strcmp(b + n - 4, ".yml") == 0)
        n -= 4;
    snprintf(out, size, "%.*s", (int)n, b);
}

static void write_text(FILE *out, const struct gz_metrics *m, const char *pl, double now,
                       double last_success)
{
    static const struct gz_run_counts zero;
    const struct gz_run_counts *c = m->counts != NULL ? m->counts : &zero;
    size_t i;

    gauge(out, "gazette_files_seen", "Input files the last run found.", pl,
          (double)c->files_seen);
    gauge(out, "gazette_files_skipped", "Input files the last run skipped as unchanged.", pl,
          (double)c->files_skipped);
    gauge(out, "gazette_articles_read", "Articles (and inputs that made none) the last run read.",
          pl, (double)c->read);
    gauge(out, "gazette_articles_loaded", "New articles the last run loaded.", pl,
          (double)c->loaded);
    gauge(out, "gazette_articles_duplicates",
          "Articles of the last run whose text was already loaded or read.", pl,
          (double)c->duplicates);
    gauge(out, "gazette_articles_rejected", "Rejects of the last run (see gazette.rejects).", pl,
          (double)c->rejected);
    gauge(out, "gazette_articles_reprocessed",
          "Articles already loaded whose mentions the last run replaced (--reprocess).", pl,
          (double)c->reprocessed);
    gauge(out, "gazette_articles_outside_window",
          "Articles the last run left out as outside --since/--until.", pl, (double)m->outside);
    gauge(out, "gazette_run_seconds", "Wall-clock seconds of the last run.", pl, m->seconds);
    gauge(out, "gazette_run_exit_code", "Exit status of the last run (0: everything loaded).", pl,
          m->exit_code);
    gauge(out, "gazette_last_run_timestamp_seconds", "When the last run ended (Unix time).", pl,
          now);
    gauge(out, LAST_SUCCESS, "When the last run that exited 0 ended (Unix time; 0: none yet).",
          pl, last_success);
    if (m->p == NULL || m->p->n_stages == 0)
        return;
    head(out, "gazette_stage_seconds",
         "Seconds the last run spent in each stage, summed over its threads.");
    for (i = 0; i < m->p->n_stages; i++) {
        fputs("gazette_stage_seconds{pipeline=\"", out);
        label_value(out, pl);
        fprintf(out, "\",stage=\"%s\"} %.6f\n", m->p->stages[i].ops->name,
                gz_pipeline_stage_seconds(m->p, i));
    }
}

int gz_metrics_write(const char *path, const struct gz_metrics *m, struct gz_error *err)
{
    char old_label[256] = "", pl[256], tmp[PATH_MAX + 32], *text = NULL, *copy;
    double last_success = 0, now;
    size_t len = 0, off = 0;
    struct timespec ts;
    FILE *out;
    int fd, dfd;

    if (gz_metrics_read_last_success(path, &last_success, old_label, sizeof(old_label)) < 0)
        last_success = 0;
    if (m->pipeline != NULL)
        snprintf(pl, sizeof(pl), "%s", m->pipeline);
    else if (old_label[0] != '\0')
        snprintf(pl, sizeof(pl), "%s", old_label);
    else
        name_from_file(m->file_hint != NULL ? m->file_hint : "", pl, sizeof(pl));
    clock_gettime(CLOCK_REALTIME, &ts);
    now = (double)ts.tv_sec + (double)(ts.tv_nsec / 1000000) / 1e3;
    if (m->exit_code == 0)
        last_success = now;
    out = open_memstream(&text, &len);
    if (out == NULL)
        return gz_fail(err, EX_OSERR, "metrics: %s", strerror(errno));
    write_text(out, m, pl, now, last_success);
    fclose(out);

    if (strlen(path) >= PATH_MAX) {
        gz_fail(err, EX_CANTCREAT, "metrics file name too long: %s", path);
        goto fail;
    }
    snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        gz_fail(err, EX_CANTCREAT, "cannot create %s: %s", tmp, strerror(errno));
        goto fail;
    }
    while (off < len) {
        ssize_t w = write(fd, text + off, len - off);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            gz_fail(err, EX_IOERR, "cannot write %s: %s", tmp, strerror(errno));
            close(fd);
            goto fail_unlink;
        }
        off += (size_t)w;
    }
    if (fsync(fd) < 0 || close(fd) < 0) {
        gz_fail(err, EX_IOERR, "cannot write %s: %s", tmp, strerror(errno));
        goto fail_unlink;
    }
    if (rename(tmp, path) < 0) {
        gz_fail(err, EX_CANTCREAT, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
        goto fail_unlink;
    }
    copy = gz_xstrdup(path);            /* the rename itself, durable: best effort */
    if ((dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
        fsync(dfd);
        close(dfd);
    }
    gz_free(copy);
    free(text);
    return 0;
fail_unlink:
    unlink(tmp);
fail:
    free(text);
    return -1;
}
