/*
 * strmap.h - a hash map from strings to pointers (open addressing, FNV-1a:
 * core/hash.h).
 * Keys are copied; values are the caller's.
 *
 *   gz_strmap_put(m, "in/a.txt", info);  gz_strmap_get(m, "in/a.txt") -> info
 */
#ifndef GZ_STRMAP_H
#define GZ_STRMAP_H

#include <stddef.h>

struct gz_strmap;

struct gz_strmap *gz_strmap_new(void);
/* Insert or replace; returns the previous value or NULL. */
void  *gz_strmap_put(struct gz_strmap *m, const char *key, void *value);
void  *gz_strmap_get(const struct gz_strmap *m, const char *key);
size_t gz_strmap_count(const struct gz_strmap *m);
/* Free the map; free_value (may be NULL) is called on every value. */
void   gz_strmap_free(struct gz_strmap *m, void (*free_value)(void *));

#endif
