/*
 * mem.h - allocation that cannot fail and per-article arenas.
 *
 * gz_xmalloc and friends abort with a message when memory runs out (as Redis
 * and pg_dump do), so no caller carries an untested out-of-memory branch.
 *
 * An arena hands out memory that is released all at once with
 * gz_arena_free(); every string, token and mention of an article lives in
 * the article's arena.
 */
#ifndef GZ_MEM_H
#define GZ_MEM_H

#include <stddef.h>

void *gz_xmalloc(size_t n);
void *gz_xcalloc(size_t count, size_t n);
void *gz_xrealloc(void *p, size_t n);
char *gz_xstrdup(const char *s);
char *gz_xstrndup(const char *s, size_t n);
void  gz_free(void *p);

struct gz_arena;

struct gz_arena *gz_arena_new(void);
void  *gz_arena_alloc(struct gz_arena *a, size_t n);        /* zeroed, 16-aligned */
char  *gz_arena_strndup(struct gz_arena *a, const char *s, size_t n);
char  *gz_arena_strdup(struct gz_arena *a, const char *s);
char  *gz_arena_printf(struct gz_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Grow an array allocated in the arena: returns a new block holding the old
 * contents (the old block is simply abandoned until the arena is freed). */
void  *gz_arena_grow(struct gz_arena *a, void *old, size_t old_n, size_t new_n);
void   gz_arena_free(struct gz_arena *a);                   /* NULL is a no-op */

#endif
