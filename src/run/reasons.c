/*
 * reasons.c - rejects counted by reason.
 */
#include "run/reasons.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/strmap.h"

void gz_reasons_add(struct gz_reasons *t, const char *reason)
{
    struct gz_reason_count *rc;

    if (t->index == NULL)
        t->index = gz_strmap_new();
    if ((rc = gz_strmap_get(t->index, reason)) == NULL) {
        rc = gz_xcalloc(1, sizeof(*rc));
        rc->reason = gz_xstrdup(reason);
        gz_strmap_put(t->index, reason, rc);
        if (t->n == t->cap) {
            t->cap = t->cap ? 2 * t->cap : 16;
            t->list = gz_xrealloc(t->list, t->cap * sizeof(*t->list));
        }
        t->list[t->n++] = rc;
    }
    rc->count++;
}

static int most_first(const void *a, const void *b)
{
    const struct gz_reason_count *x = a, *y = b;

    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->reason, y->reason);
}

struct gz_reason_count *gz_reasons_take(struct gz_reasons *t, size_t *n)
{
    struct gz_reason_count *out = gz_xcalloc(t->n + 1, sizeof(*out));
    size_t i;

    for (i = 0; i < t->n; i++) {
        out[i] = *t->list[i];
        gz_free(t->list[i]);
    }
    *n = t->n;
    qsort(out, *n, sizeof(*out), most_first);
    gz_strmap_free(t->index, NULL);
    t->index = NULL;
    t->n = 0;
    return out;
}

void gz_reason_counts_free(struct gz_reason_count *list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        gz_free(list[i].reason);
    gz_free(list);
}

void gz_reasons_release(struct gz_reasons *t)
{
    size_t i;

    for (i = 0; i < t->n; i++) {
        gz_free(t->list[i]->reason);
        gz_free(t->list[i]);
    }
    gz_strmap_free(t->index, NULL);
    gz_free(t->list);
    memset(t, 0, sizeof(*t));
}
