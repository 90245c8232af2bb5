/*
 * metrics.h - `gazette run --metrics-file PATH`: the figures of the last run
 * in the Prometheus text format, for node_exporter's textfile collector.
 *
 *   # HELP gazette_articles_loaded Articles the last run loaded.
 *   # TYPE gazette_articles_loaded gauge
 *   gazette_articles_loaded{pipeline="daily"} 1200
 *   ...
 *   gazette_stage_seconds{pipeline="daily",stage="clean_text"} 0.412
 *
 * Written whatever the run's exit (a bad pipeline file, a lost database, a
 * signal), atomically: PATH.tmp.<pid> in the same directory, fsync, rename.
 * gazette_last_success_timestamp_seconds moves only on exit 0; otherwise it
 * keeps the value of the file it replaces (0 when there is none).
 */
#ifndef GZ_METRICS_H
#define GZ_METRICS_H

#include "run/pipeline.h"
#include "sinks/bookkeeping.h"

struct gz_metrics {
    const char                 *pipeline;   /* NULL: the old file's label, else file_hint */
    const char                 *file_hint;  /* the pipeline file (its base name is the
                                               last resort for the label) */
    const struct gz_pipeline   *p;          /* for the stage seconds, or NULL */
    const struct gz_run_counts *counts;     /* NULL: zeros (the run never started) */
    long                        outside;
    double                      seconds;
    int                         exit_code;
};

/* Write m to path: 0, or -1 with err (EX_CANTCREAT, EX_IOERR). */
int gz_metrics_write(const char *path, const struct gz_metrics *m, struct gz_error *err);

/* 0 when a file can be created in path's directory; -1 with err
 * (EX_CANTCREAT) otherwise. For checking the option before a run. */
int gz_metrics_check_path(const char *path, struct gz_error *err);

/* Read back the value of gazette_last_success_timestamp_seconds and the
 * pipeline label (into label, size bytes, when not NULL) of a metrics file:
 * 0, or -1 when the file or the line is missing. */
int gz_metrics_read_last_success(const char *path, double *ts, char *label, size_t size);

#endif
