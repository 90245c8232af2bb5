#include "core/mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t n)
{
    fprintf(stderr, "gazette: out of memory (requested %zu bytes)\n", n);
    abort();
}

void *gz_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);

    if (p == NULL)
        out_of_memory(n);
    return p;
}

void *gz_xcalloc(size_t count, size_t n)
{
    void *p = calloc(count ? count : 1, n ? n : 1);

    if (p == NULL)
        out_of_memory(count * n);
    return p;
}

void *gz_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);

    if (q == NULL)
        out_of_memory(n);
    return q;
}

char *gz_xstrndup(const char *s, size_t n)
{
    char *d = gz_xmalloc(n + 1);

    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *gz_xstrdup(const char *s)
{
    return gz_xstrndup(s, strlen(s));
}

void gz_free(void *p)
{
    free(p);
}

/* ---- arena ---------------------------------------------------------- */

/* A page: an article's arena holds about 5 kB once its stages are done
 * (their work arrays live elsewhere), and a batch keeps its articles until
 * it is loaded; with 16 kB blocks most of every first block was empty and
 * a run's peak RSS 59.5 MB instead of 43.7 (docs/BENCHMARKS.md). Larger
 * allocations (over a quarter of a block) get blocks of their own. */
#define ARENA_BLOCK 4096

struct arena_block {
    struct arena_block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

struct gz_arena {
    struct arena_block *head;
};

static struct arena_block *block_new(size_t size)
{
    struct arena_block *b = gz_xmalloc(sizeof(*b) + size);

    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

struct gz_arena *gz_arena_new(void)
{
    struct gz_arena *a = gz_xmalloc(sizeof(*a));

    a->head = block_new(ARENA_BLOCK);
    return a;
}

void *gz_arena_alloc(struct gz_arena *a, size_t n)
{
    struct arena_block *b = a->head;
    size_t need = (n + 15) & ~(size_t)15;
    void *p;

    if (need == 0)
        need = 16;
    if (b->size - b->used < need) {
        size_t size = need > ARENA_BLOCK / 4 ? need : ARENA_BLOCK;

        if (size == need) {             /* big: own block, behind head */
            struct arena_block *big = block_new(size);

            big->next = b->next;
            b->next = big;
            big->used = need;
            memset(big->data, 0, need);
            return big->data;
        }
        b = block_new(size);
        b->next = a->head;
        a->head = b;
    }
    p = b->data + b->used;
    b->used += need;
    memset(p, 0, need);
    return p;
}

char *gz_arena_strndup(struct gz_arena *a, const char *s, size_t n)
{
    char *d = gz_arena_alloc(a, n + 1);

    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *gz_arena_strdup(struct gz_arena *a, const char *s)
{
    return gz_arena_strndup(a, s, strlen(s));
}

char *gz_arena_printf(struct gz_arena *a, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *d;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    d = gz_arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(d, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return d;
}

void *gz_arena_grow(struct gz_arena *a, void *old, size_t old_n, size_t new_n)
{
    void *p = gz_arena_alloc(a, new_n);

    if (old != NULL && old_n > 0)
        memcpy(p, old, old_n < new_n ? old_n : new_n);
    return p;
}

void gz_arena_free(struct gz_arena *a)
{
    struct arena_block *b, *next;

    if (a == NULL)
        return;
    for (b = a->head; b != NULL; b = next) {
        next = b->next;
        free(b);
    }
    free(a);
}
