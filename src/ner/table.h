/*
 * table.h - the lookup of the model file's two hash tables: the weight
 * table (ner_model.c) and the lexicon (nerlex.c) share one layout, so they
 * share this code.
 *
 *   slots        a power of two; one uint32 key per slot, 0 = empty
 *   key          fingerprint of the 64-bit hash: its high 32 bits, bit 0 set
 *   first slot   the hash's low bits (hash & mask), then the next slot,
 *                wrapping, until the key or an empty slot
 *
 *   hash 0x8c3e51a2_0000_04d7, 1024 slots -> key 0x8c3e51a3, slots 0xd7, 0xd8 ...
 *
 * The lexicon hashes a word with bit 0 set (nerlex.c), so "Blair" starts at
 * (hash | 1) & mask there; its key is the same either way. A table must
 * keep one empty slot, or a lookup of an absent hash never ends; the loader
 * checks that.
 *
 * Inline: the tagger looks up ~45 features per token here.
 */
#ifndef GZ_NER_TABLE_H
#define GZ_NER_TABLE_H

#include <stdint.h>

static inline uint32_t gz_ner_table_key(uint64_t hash)
{
    return (uint32_t)(hash >> 32) | 1u;
}

/* Slot holding hash in keys[0..mask], or -1 when it is absent. */
static inline long gz_ner_table_find(const uint32_t *keys, uint32_t mask, uint64_t hash)
{
    uint32_t key = gz_ner_table_key(hash), i = (uint32_t)hash & mask;

    for (;;) {
        uint32_t k = keys[i];
        if (k == key) return (long)i;
        if (k == 0) return -1;
        i = (i + 1) & mask;
    }
}

/* Slot where hash goes when a table is built: the first empty slot from its
 * first slot on or, when merge is set, the slot already holding its key
 * (the weight table merges two hashes with one key, the lexicon keeps both
 * and a lookup finds the first). The table must have an empty slot. */
static inline uint32_t gz_ner_table_place(const uint32_t *keys, uint32_t mask, uint64_t hash,
                                          int merge)
{
    uint32_t key = gz_ner_table_key(hash), i = (uint32_t)hash & mask;

    while (keys[i] != 0 && !(merge && keys[i] == key))
        i = (i + 1) & mask;
    return i;
}

#endif
