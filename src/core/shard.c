/*
 * shard.c - which inputs belong to this process's shard.
 */
#include "core/shard.h"

#include "core/hash.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#define MAX_SHARDS 65536

int gz_shard_active(const struct gz_shard *s)
{
    return s != NULL && s->n > 1;
}

int gz_shard_takes(const struct gz_shard *s, const char *uri, long row)
{
    uint64_t h;
    char num[24];

    if (!gz_shard_active(s))
        return 1;
    h = gz_hash64(uri, strlen(uri));
    if (row > 0) {
        int n = snprintf(num, sizeof(num), "#%ld", row);

        h = gz_hash64_more(h, num, (size_t)n);
    }
    return h % s->n == s->k - 1;
}

/* A whole number from lo to hi, else -1. */
static long whole(const char *s, long lo, long hi)
{
    char *end;
    long v;

    if (s == NULL || *s == '\0')
        return -1;
    errno = 0;
    v = strtol(s, &end, 10);
    if (*end != '\0' || errno != 0 || v < lo || v > hi)
        return -1;
    return v;
}

static int parse_k_n(const char *s, struct gz_shard *out)
{
    const char *slash = strchr(s, '/');
    char k[16];
    long kv, nv;

    if (slash == NULL || (size_t)(slash - s) >= sizeof(k))
        return -1;
    memcpy(k, s, (size_t)(slash - s));
    k[slash - s] = '\0';
    if ((nv = whole(slash + 1, 1, MAX_SHARDS)) < 0 || (kv = whole(k, 1, nv)) < 0)
        return -1;
    out->k = (unsigned)kv;
    out->n = (unsigned)nv;
    return 0;
}

static int from_slurm(struct gz_shard *out, struct gz_error *err)
{
    const char *min = getenv("SLURM_ARRAY_TASK_MIN");
    long id = whole(getenv("SLURM_ARRAY_TASK_ID"), 0, 1L << 30);
    long count = whole(getenv("SLURM_ARRAY_TASK_COUNT"), 1, MAX_SHARDS);
    long first = min != NULL ? whole(min, 0, 1L << 30) : 0;

    if (id < 0 || count < 0 || first < 0 || id < first || id - first >= count)
        return gz_fail(err, EX_USAGE, "--shard auto: SLURM_ARRAY_TASK_ID=%s with "
                       "SLURM_ARRAY_TASK_COUNT=%s and SLURM_ARRAY_TASK_MIN=%s is no shard "
                       "(expected MIN <= ID < MIN + COUNT, and a contiguous array)",
                       getenv("SLURM_ARRAY_TASK_ID"), getenv("SLURM_ARRAY_TASK_COUNT") ?
                       getenv("SLURM_ARRAY_TASK_COUNT") : "(unset)", min ? min : "(unset)");
    out->k = (unsigned)(id - first + 1);
    out->n = (unsigned)count;
    return 0;
}

static int from_kubernetes(struct gz_shard *out, struct gz_error *err)
{
    long index = whole(getenv("JOB_COMPLETION_INDEX"), 0, MAX_SHARDS - 1);
    long count = whole(getenv("GAZETTE_SHARD_COUNT"), 1, MAX_SHARDS);

    if (index < 0 || count < 0 || index >= count)
        return gz_fail(err, EX_USAGE, "--shard auto: JOB_COMPLETION_INDEX=%s needs "
                       "GAZETTE_SHARD_COUNT (the Job's completions) above it, got %s",
                       getenv("JOB_COMPLETION_INDEX"), getenv("GAZETTE_SHARD_COUNT") ?
                       getenv("GAZETTE_SHARD_COUNT") : "(unset)");
    out->k = (unsigned)index + 1;
    out->n = (unsigned)count;
    return 0;
}

static int from_environment(struct gz_shard *out, struct gz_error *err)
{
    const char *g = getenv("GAZETTE_SHARD");

    if (g != NULL && *g != '\0') {
        if (parse_k_n(g, out) < 0)
            return gz_fail(err, EX_USAGE, "--shard auto: GAZETTE_SHARD=\"%s\" is not K/N "
                           "with 1 <= K <= N <= %d", g, MAX_SHARDS);
        return 0;
    }
    if (getenv("SLURM_ARRAY_TASK_ID") != NULL)
        return from_slurm(out, err);
    if (getenv("JOB_COMPLETION_INDEX") != NULL)
        return from_kubernetes(out, err);
    return gz_fail(err, EX_USAGE, "--shard auto: none of GAZETTE_SHARD, SLURM_ARRAY_TASK_ID "
                   "or JOB_COMPLETION_INDEX is set");
}

int gz_shard_parse(const char *s, struct gz_shard *out, struct gz_error *err)
{
    if (strcmp(s, "auto") == 0)
        return from_environment(out, err);
    if (parse_k_n(s, out) < 0)
        return gz_fail(err, EX_USAGE, "invalid value \"%s\" for --shard: expected K/N with "
                       "1 <= K <= N <= %d, or auto", s, MAX_SHARDS);
    return 0;
}
