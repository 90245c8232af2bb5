#include "core/strlist.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

void gz_strlist_push(struct gz_strlist *l, const char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->items = gz_xrealloc(l->items, l->cap * sizeof(*l->items));
    }
    l->items[l->n++] = gz_xstrdup(s);
}

/* Version order: the numbers in names compare as numbers. */
static int cmp(const void *a, const void *b)
{
    return strverscmp(*(char *const *)a, *(char *const *)b);
}

void gz_strlist_sort_unique(struct gz_strlist *l)
{
    size_t i, o = 0;

    if (l->n == 0)
        return;
    qsort(l->items, l->n, sizeof(*l->items), cmp);
    for (i = 1; i < l->n; i++) {
        if (strcmp(l->items[i], l->items[o]) == 0)
            gz_free(l->items[i]);
        else
            l->items[++o] = l->items[i];
    }
    l->n = o + 1;
}

void gz_strlist_free(struct gz_strlist *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        gz_free(l->items[i]);
    gz_free(l->items);
    l->items = NULL;
    l->n = l->cap = 0;
}
