/*
 * hash.h - FNV-1a over bytes, 64 bits: the hash of the string maps, the
 * name index of coref and the --shard split.
 *
 *   gz_hash64("abc", 3)    the same value on every machine and every run
 */
#ifndef GZ_HASH_H
#define GZ_HASH_H

#include <stddef.h>
#include <stdint.h>

#define GZ_HASH64_SEED 14695981039346656037ULL

/* FNV-1a of p[0..n) continued from h (GZ_HASH64_SEED to start). */
static inline uint64_t gz_hash64_more(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211ULL;
    return h;
}

static inline uint64_t gz_hash64(const void *p, size_t n)
{
    return gz_hash64_more(GZ_HASH64_SEED, p, n);
}

#endif
