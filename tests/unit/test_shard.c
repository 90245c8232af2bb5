/*
 * --shard K/N: every input in exactly one shard, for files and CSV rows;
 * K/N from the flag or the schedulers' environment.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/shard.h"

#define N_URIS 700

static void uri_of(int i, char *buf, size_t size)
{
    snprintf(buf, size, "/srv/news/%04d/%02d/article-%d.txt", 1990 + i % 30, i % 12 + 1, i);
}

/* Each input (whole file, or row of one CSV file) taken by exactly one of
 * the n shards, and no shard left with almost nothing. */
static void check_cover(unsigned n, long rows)
{
    long taken[8] = {0};
    char uri[128];
    int i;

    for (i = 0; i < N_URIS; i++) {
        unsigned k, owners = 0;

        uri_of(i, uri, sizeof(uri));
        for (k = 1; k <= n; k++) {
            struct gz_shard s = {k, n};

            if (gz_shard_takes(&s, rows ? "/srv/news/all.csv" : uri, rows ? i + 1 : 0)) {
                owners++;
                taken[k - 1]++;
            }
        }
        cr_assert_eq(owners, 1, "input %d (n=%u, rows=%ld) taken by %u shards", i, n, rows,
                     owners);
    }
    for (unsigned k = 0; k < n; k++)
        cr_expect_gt(taken[k], N_URIS / n / 2, "shard %u/%u took only %ld of %d", k + 1, n,
                     taken[k], N_URIS);
}

Test(shard, every_file_in_exactly_one_shard)
{
    static const unsigned ns[] = {1, 2, 3, 7};

    for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
        check_cover(ns[i], 0);
}

Test(shard, every_csv_row_in_exactly_one_shard)
{
    static const unsigned ns[] = {1, 2, 3, 7};

    for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
        check_cover(ns[i], 1);
}

Test(shard, the_split_does_not_change_between_calls)
{
    struct gz_shard s = {2, 3};

    /* FNV-1a of the bytes: the same on every machine and every run */
    cr_assert_eq(gz_shard_takes(&s, "/srv/news/a.txt", 0),
                 gz_shard_takes(&s, "/srv/news/a.txt", 0));
    cr_assert(gz_shard_takes(NULL, "x", 0));
    cr_assert(gz_shard_takes(&(struct gz_shard){1, 1}, "x", 0));
}

static void expect_parse(const char *text, unsigned k, unsigned n)
{
    struct gz_shard s = {0};
    struct gz_error err = {0};

    cr_assert_eq(gz_shard_parse(text, &s, &err), 0, "%s: %s", text, err.msg);
    cr_assert_eq(s.k, k, "%s: k %u", text, s.k);
    cr_assert_eq(s.n, n, "%s: n %u", text, s.n);
}

static void expect_refused(const char *text, const char *why)
{
    struct gz_shard s = {0};
    struct gz_error err = {0};

    cr_assert_eq(gz_shard_parse(text, &s, &err), -1, "%s accepted", text);
    cr_assert(strstr(err.msg, why) != NULL, "%s: %s", text, err.msg);
}

static void clear_env(void)
{
    unsetenv("GAZETTE_SHARD");
    unsetenv("GAZETTE_SHARD_COUNT");
    unsetenv("SLURM_ARRAY_TASK_ID");
    unsetenv("SLURM_ARRAY_TASK_COUNT");
    unsetenv("SLURM_ARRAY_TASK_MIN");
    unsetenv("JOB_COMPLETION_INDEX");
}

Test(shard, k_of_n_from_the_flag)
{
    expect_parse("1/1", 1, 1);
    expect_parse("3/7", 3, 7);
    expect_refused("0/3", "expected K/N");
    expect_refused("4/3", "expected K/N");
    expect_refused("2", "expected K/N");
    expect_refused("a/b", "expected K/N");
    expect_refused("1/3x", "expected K/N");
}

Test(shard, auto_from_slurm_kubernetes_or_gazette_shard, .init = clear_env)
{
    setenv("SLURM_ARRAY_TASK_ID", "5", 1);
    setenv("SLURM_ARRAY_TASK_COUNT", "4", 1);
    setenv("SLURM_ARRAY_TASK_MIN", "3", 1);
    expect_parse("auto", 3, 4);                 /* --array=3-6: task 5 is the third */
    unsetenv("SLURM_ARRAY_TASK_MIN");
    expect_refused("auto", "SLURM_ARRAY_TASK_ID=5");     /* 5 of 0..3 */
    clear_env();
    setenv("JOB_COMPLETION_INDEX", "0", 1);
    expect_refused("auto", "GAZETTE_SHARD_COUNT");
    setenv("GAZETTE_SHARD_COUNT", "3", 1);
    expect_parse("auto", 1, 3);
    setenv("GAZETTE_SHARD", "2/2", 1);         /* the explicit one wins */
    expect_parse("auto", 2, 2);
    clear_env();
    expect_refused("auto", "none of");
}
