/*
 * progress.h - what an interactive `gazette run` shows on its terminal.
 *
 * When stderr is a terminal (and the logs are logfmt at info or debug), a
 * run keeps one status line at the bottom of stderr, redrawn at most four
 * times a second:
 *
 *   daily  45/120 inputs 37%  12034 articles  845/s  3.1 MB/s  ETA 0:42
 *
 * (inputs read to their end or skipped, the share of the inputs' bytes that
 * makes, articles read, articles and MB of article text per second, and the
 * time the bytes left take at the rate inputs were read so far)
 *
 * (log lines print above it: core/log.h gz_log_status), and at the end a
 * summary table: files, skipped, articles read, loaded, duplicates,
 * reprocessed, outside the window, rejects grouped by reason, seconds per
 * stage and in all. Off a terminal the run logs event=progress lines
 * instead (runner.c), and none of this is shown.
 *
 * Every function takes NULL (no status line) and does nothing then.
 */
#ifndef GZ_PROGRESS_H
#define GZ_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

#include "run/pipeline.h"
#include "sinks/bookkeeping.h"

enum gz_progress_mode {
    GZ_PROGRESS_AUTO,   /* a status line when stderr is a terminal */
    GZ_PROGRESS_TTY,    /* as if stderr were one (GAZETTE_PROGRESS=tty) */
    GZ_PROGRESS_OFF,    /* never (GAZETTE_PROGRESS=off) */
};

/* "auto", "tty" or "off" into *out: 0, or -1 for any other name. */
int gz_progress_mode_parse(const char *name, enum gz_progress_mode *out);

struct gz_progress;

/* A status line for a run of pipeline over paths (their sizes, from
 * stat(2), give the percentage and the ETA), or NULL when mode, stderr,
 * the log format (json) or the log level (warn, error) says none. */
struct gz_progress *gz_progress_start(enum gz_progress_mode mode, const char *pipeline,
                                      const char *const *paths, size_t n_paths);

/* 1 when the line is due for a redraw (a quarter of a second passed). */
int  gz_progress_due(struct gz_progress *pr);
/* Redraw it: files_done of the paths are read to their end or skipped. */
void gz_progress_draw(struct gz_progress *pr, const struct gz_run_counts *c, size_t files_done);
/* An input of this size was skipped (unchanged): it costs no time. */
void gz_progress_skipped(struct gz_progress *pr, int64_t bytes);
/* An article with this many bytes of title and body was read (MB/s). */
void gz_progress_article(struct gz_progress *pr, size_t text_bytes);
/* A reject, for the summary's count per reason. */
void gz_progress_reject(struct gz_progress *pr, const char *reason);

/* Clear the line and print the summary table on stderr. */
void gz_progress_summary(struct gz_progress *pr, const struct gz_pipeline *p, const char *status,
                         const struct gz_run_counts *c, double seconds);

/* Clear the line (when still shown) and free. */
void gz_progress_free(struct gz_progress *pr);

#endif
