/*
 * nerlex.h - the word lists the entity tagger's features consult: a
 * gazetteer of name words and how often a word is capitalised in running
 * text. Built by the trainer from outside corpora and stored in the model.
 *
 *   gazetteer (GMB: per/org/geo/gpe, word as written)
 *     "Blair"  -> PER_FIRST... ; "Kong" -> GEO_INNER ; "Iraqi" -> GPE
 *   capitalisation (unlabelled news, lower-cased word, not sentence-initial)
 *     "japan" -> CAPS_ALWAYS ; "the" -> CAPS_NEVER ; "march" -> CAPS_OFTEN
 *   word code (unlabelled news and GMB text, lower-cased word; wordcode.h)
 *     "japan" -> 16-bit code shared in part with "taiwan", "brazil" ...
 *   name lists (models/ner-lists.tsv: kind, phrase; lower-cased tokens)
 *     "new york" -> CITY | REGION ; "new" -> MORE (a longer phrase goes on) ;
 *     "ms." -> TITLE ; "tarlo" -> nothing
 *   cluster path (a `gazette train clusters` table)
 *     "japan" -> bit path 0110111010..., a prefix shared with "taiwan"
 *
 * A lexicon is a read-only open-addressed table (uint32 fingerprints,
 * uint32 values; table.h) and may be shared by threads.
 */
#ifndef GZ_NERLEX_H
#define GZ_NERLEX_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

enum {
    GZ_LEX_PER_FIRST = 1u << 0, GZ_LEX_PER_INNER = 1u << 1,
    GZ_LEX_ORG_FIRST = 1u << 2, GZ_LEX_ORG_INNER = 1u << 3,
    GZ_LEX_GEO_FIRST = 1u << 4, GZ_LEX_GEO_INNER = 1u << 5,
    GZ_LEX_GPE       = 1u << 6, GZ_LEX_OTHER     = 1u << 7,  /* art, eve, nat */
    GZ_LEX_GAZ_BITS  = 8,
};
/* Capitalisation class in bits 8..10 of a lower-cased word's value. */
enum { GZ_CAPS_UNKNOWN, GZ_CAPS_NEVER, GZ_CAPS_RARELY, GZ_CAPS_OFTEN, GZ_CAPS_ALWAYS,
       GZ_CAPS_ACRONYM };
#define GZ_LEX_CAPS(v) (((v) >> 8) & 7u)
/* Word code in bits 16..31, present when bit 11 is set. */
#define GZ_LEX_HAS_CODE (1u << 11)
#define GZ_LEX_CODE(v) ((v) >> 16)
/* Brown cluster path (brown.h) of a word, stored under a key of its own,
 * GZ_LEX_CLUSTER_KEY(hash of the word as the table writes it), so that it
 * shares no bits with the values above: the path's length in bits 24..31
 * (at least 1) and its first 24 bits from bit 23 down. The features look
 * the word up as written, then lower-cased. */
#define GZ_LEX_CLUSTER_KEY(h) ((h) ^ 0x5bd1e9955bd1e995ULL)
/* Set (to 1) when the lexicon holds any cluster path, so that tagging with
 * a model built without clusters skips the two path lookups per token. */
#define GZ_LEX_HAS_CLUSTERS_KEY GZ_LEX_CLUSTER_KEY(0)
#define GZ_LEX_PATH_MAX 24
#define GZ_LEX_PATH_LEN(v) ((v) >> 24)
#define GZ_LEX_PATH_BITS(v) ((v) & 0xffffffu)

/* Name lists live in the same table under phrase keys (gz_nerlex_phrase_key),
 * which no word hash meets, so their values have all 32 bits: one bit per
 * list kind, and MORE when a longer list phrase starts with this one. */
enum {
    GZ_LIST_COUNTRY = 1u << 0, GZ_LIST_REGION  = 1u << 1, GZ_LIST_CITY  = 1u << 2,
    GZ_LIST_DEMONYM = 1u << 3, GZ_LIST_ORG     = 1u << 4, GZ_LIST_FIRST = 1u << 5,
    GZ_LIST_LAST    = 1u << 6, GZ_LIST_ORGWORD = 1u << 7, GZ_LIST_TITLE = 1u << 8,
    GZ_LIST_STYLE   = 1u << 9,           /* "Prince", "Pope": kept in names */
    GZ_LIST_KINDS   = 10,                /* bits 0..9 */
    GZ_LIST_MORE    = 1u << 15,
};
#define GZ_LIST_MAX_TOKENS 8             /* longer phrases are not entered */

/* Key of a phrase extended by one token: prev is 0 for the first token,
 * else the key of the phrase so far; lower is the token's lower-cased hash
 * (gz_nerfeat_hash of its ASCII-lower-cased bytes). */
uint64_t gz_nerlex_phrase_key(uint64_t prev, uint64_t lower);

struct gz_nerlex {
    const uint32_t *keys;       /* fingerprint, 0 = empty */
    const uint32_t *vals;
    uint32_t        nslots;     /* power of two, or 0 for an empty lexicon */
};

/* Value stored for a word hash (gz_nerfeat_hash of its bytes), or 0. */
uint32_t gz_nerlex_get(const struct gz_nerlex *l, uint64_t hash);

/* Building one (the trainer). */
struct gz_nerlex_builder;
struct gz_nerlex_builder *gz_nerlex_builder_new(void);
void gz_nerlex_builder_free(struct gz_nerlex_builder *b);     /* NULL is a no-op */

/* Gazetteer words from a GMB file (token POS tag lines, gzip or plain);
 * its tokens also count as text for the word codes. */
int gz_nerlex_add_gmb(struct gz_nerlex_builder *b, const char *path, struct gz_error *err);
/* Name lists: "kind<TAB>phrase" lines (gzip or plain; '#' comments),
 * kind one of country region city demonym org first last orgword title
 * style;
 * the phrase's tokens are split at spaces. An unknown kind is an error. */
int gz_nerlex_add_lists(struct gz_nerlex_builder *b, const char *path, struct gz_error *err);
/* Capitalisation counts from the "body" column of a CSV file (gzip or plain). */
int gz_nerlex_add_csv_text(struct gz_nerlex_builder *b, const char *path, struct gz_error *err);
/* Cluster paths from a word<TAB>path[<TAB>count] table (gzip or plain),
 * as `gazette train clusters` writes. */
int gz_nerlex_add_clusters(struct gz_nerlex_builder *b, const char *path, struct gz_error *err);
/* Capitalisation counts and word-code text from one text. */
void gz_nerlex_add_text(struct gz_nerlex_builder *b, const char *text, size_t len);

/* Freeze into arrays owned by the builder, valid until it is freed. */
struct gz_nerlex gz_nerlex_build(struct gz_nerlex_builder *b);

#endif
