/*
 * reasons.h - rejects counted by reason: the report of a dry run, and the
 * closing summary on a terminal (which counts them by kind).
 *
 *   struct gz_reasons t = {0};
 *   gz_reasons_add(&t, "empty file");  gz_reasons_add(&t, "empty file");
 *   list = gz_reasons_take(&t, &n);    // {"empty file", 2}, most first
 *   gz_reason_counts_free(list, n);  gz_reasons_release(&t);
 */
#ifndef GZ_REASONS_H
#define GZ_REASONS_H

#include <stddef.h>

/* One reason, as given (with its file names, dates...), and how often. */
struct gz_reason_count {
    char *reason;
    long  count;
};

struct gz_reasons {
    struct gz_strmap        *index;     /* reason -> its entry of list */
    struct gz_reason_count **list;
    size_t                   n, cap;
};

void gz_reasons_add(struct gz_reasons *t, const char *reason);

/* The counts so far, most first, ties by reason: a new array of *n entries
 * (free with gz_reason_counts_free); t is left empty. */
struct gz_reason_count *gz_reasons_take(struct gz_reasons *t, size_t *n);

void gz_reason_counts_free(struct gz_reason_count *list, size_t n);
void gz_reasons_release(struct gz_reasons *t);

#endif
