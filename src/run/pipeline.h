/*
 * pipeline.h - a pipeline file, validated and resolved.
 *
 *   pipeline: daily
 *   source: {files: ["incoming/"], format: article, allow_empty: false,
 *            follow_symlinks: false}
 *   stages: [clean_text, {normalise_dates: {reference: published}}]
 *   sink: {postgres: {dsn: "${GAZETTE_DSN}", schema: gazette, batch: 500}}
 *   on_error: reject
 *   retry: {attempts: 12, initial_wait: 0.5, max_wait: 15}     (retry.h)
 *   limits: {max_article_bytes: 16MB, max_rejects: 1000, max_reject_ratio: 0.5}
 *
 * Every error names file:line:col and what was expected; unknown keys are
 * errors with a "did you mean" when one is close.
 */
#ifndef GZ_PIPELINE_H
#define GZ_PIPELINE_H

#include <stdint.h>
#include <stdio.h>

#include "core/config.h"
#include "run/retry.h"
#include "stages/stage.h"
#include "sources/source.h"

/* max_reject_ratio is only judged once this many inputs have been read:
 * two rejects among the first three articles say nothing of a feed. */
#define GZ_REJECT_RATIO_MIN_READ 100

struct gz_pipeline {
    struct gz_cfg_node   *root;
    const char           *file;         /* path of the pipeline file */
    char                 *base_dir;     /* its directory */
    const char           *name;
    const char          **files;        /* source patterns, relative ones made
                                           absolute from base_dir */
    char                **files_owned;  /* those of files[] resolve() allocated */
    size_t                n_files;
    int                   allow_empty;  /* source.allow_empty: no match is no error */
    int                   follow_symlinks; /* source.follow_symlinks */
    struct gz_source_opts source;
    struct gz_stage      *stages;
    size_t                n_stages;
    uint64_t             *stage_ns;     /* per stage: nanoseconds spent in it,
                                           summed over threads (from init_stages) */
    const char           *dsn;          /* NULL: GAZETTE_DSN / PG* variables */
    int                   dsn_secret;   /* came from ${VAR}: never print it */
    const struct gz_cfg_node *dsn_node; /* where it was written */
    char                 *dsn_text;     /* as written (with its ${VAR}), when secret */
    const char           *schema;       /* default "gazette" */
    long                  batch;        /* articles per transaction, default 500 */
    int                   fail_on_error;/* on_error: fail */
    struct gz_retry       retry;        /* retry: when the database goes away */
    /* limits: (max_article_bytes is source.max_article_bytes) */
    long                  max_rejects;      /* stop the run past this many; 0: no limit */
    double                max_reject_ratio; /* stop past rejects/read, once read >=
                                               GZ_REJECT_RATIO_MIN_READ; 0: no limit */
    char                  config_sha256[65];
};

/* Load and validate a pipeline file. Stages are not initialised (see
 * gz_pipeline_init_stages). Returns NULL with err (EX_CONFIG) on failure. */
struct gz_pipeline *gz_pipeline_load(const char *path, struct gz_error *err);

/* Initialise / finalise every stage (loads models ...). */
int  gz_pipeline_init_stages(struct gz_pipeline *p, struct gz_error *err);
void gz_pipeline_fini_stages(struct gz_pipeline *p);

/* Run the stages over one article: 0, or -1 with err->msg the reject reason.
 * Several threads may call it at once; the time of each stage is added to
 * p->stage_ns (relaxed atomics). */
int gz_pipeline_process(struct gz_pipeline *p, struct gz_article *a, struct gz_error *err);

/* Seconds spent in stage i so far, summed over the threads that ran it. */
double gz_pipeline_stage_seconds(const struct gz_pipeline *p, size_t i);

/* Print the resolved pipeline as YAML that gz_pipeline_load accepts again:
 * defaults filled, source paths absolute, secrets hidden (a DSN from
 * ${VAR} is printed as the ${VAR} text). With files (the expansion of
 * p->files, or NULL) each pattern carries a comment with its match count. */
struct gz_files;
void gz_pipeline_print(const struct gz_pipeline *p, const struct gz_files *files, FILE *out);

void gz_pipeline_free(struct gz_pipeline *p);        /* NULL is a no-op */

/* The built-in pipeline used by `gazette extract` when none is given. */
struct gz_pipeline *gz_pipeline_default(struct gz_error *err);

#endif
