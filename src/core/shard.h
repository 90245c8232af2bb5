/*
 * shard.h - splitting one backfill across N processes without coordination.
 *
 *   --shard 2/3          this process takes the inputs whose hash mod 3 is 1
 *   --shard auto         K/N from the scheduler's environment:
 *       GAZETTE_SHARD=K/N
 *       SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT (and SLURM_ARRAY_TASK_MIN)
 *       JOB_COMPLETION_INDEX (0-based, Kubernetes Indexed Jobs) with
 *       GAZETTE_SHARD_COUNT (the Job's completions, set in its manifest)
 *
 * K counts from 1. What is hashed is the input's URI (an article file goes
 * to one shard whole) or, for a CSV row, the URI and the row's number
 * (rows of one CSV file spread over the shards). The hash is FNV-1a over
 * the bytes, so every machine agrees on it as long as they see the same
 * paths.
 */
#ifndef GZ_SHARD_H
#define GZ_SHARD_H

#include <stdint.h>

#include "core/error.h"

struct gz_shard {
    unsigned k, n;              /* 1 <= k <= n; n == 0 or 1: not sharded */
};

/* Parse "K/N" (1 <= K <= N <= 65536) or "auto" (from the environment).
 * -1 with err (EX_USAGE) naming what was wrong. */
int gz_shard_parse(const char *s, struct gz_shard *out, struct gz_error *err);

/* 1 when the input named uri (row 0: the whole file; else the CSV row's
 * number, from 1) belongs to shard s. Always 1 when not sharded. */
int gz_shard_takes(const struct gz_shard *s, const char *uri, long row);

/* 1 when s splits the work (n > 1). */
int gz_shard_active(const struct gz_shard *s);

#endif
