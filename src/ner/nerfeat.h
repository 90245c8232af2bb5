/*
 * nerfeat.h - the features the entity tagger sees for one token.
 *
 * Each feature is a template name joined to a value and hashed to 64 bits:
 *
 *   "Blackburn" after "Peter"   ->  w=Blackburn, lw=blackburn, sh=Xx, p3=Bla,
 *                                   s3=urn, lw-1=peter, sh-1|sh=Xx|Xx, ...
 *   "JAPAN" in "SOCCER - JAPAN GET LUCKY WIN"
 *                               ->  also caps-sentence features, so headlines in
 *                                   capitals are not read as acronyms, and the
 *                                   lexicon's "japan is always capitalised"
 *   "Blair"                     ->  gaz=PER_FIRST (from the lexicon), also on
 *                                   the neighbours' features
 *   "Taiwan"                    ->  code4=0x5, code8=0x5a, ... (word code from
 *                                   the lexicon, shared in part with "Japan")
 *   "Ms. Tarlo" , "New York"    ->  list=TITLE/whole on "Ms.", list-1=TITLE on
 *                                   "Tarlo"; list=CITY/first, list=CITY/inside
 *                                   (longest name-list phrase from the left)
 *   "Taiwan"                    ->  path4=0110, path6=011011, ... (Brown
 *                                   cluster path from the lexicon, also for
 *                                   the neighbours; only with --clusters)
 *   "Hamburg" in a story whose headline opens "SOCCER - "
 *                               ->  also sport|lw=hamburg, sport|list=CITY,
 *                                   sport|lw-1=..., ... (GZ_NF_SPORT, set by
 *                                   gz_nerdoc_mark): a town there is often a
 *                                   team (ORG)
 *
 * The tagger looks the hashes up in its weight table; nothing here depends
 * on a model, so training and tagging compute exactly the same features.
 */
#ifndef GZ_NERFEAT_H
#define GZ_NERFEAT_H

#include <stddef.h>
#include <stdint.h>

#include "ner/nerlex.h"

#define GZ_NERFEAT_MAX 80        /* features per token, at most */

/* The features a model was trained on; stored in the model file, which the
 * loader refuses when it differs. Bump it when any feature hash changes
 * (templates, shapes, affixes, the hash, the lexicon bits they read), then
 * retrain with `make model` and rewrite tests/data/ner/features.expected
 * (test_ner_features.c says how); that test fails until both are done. */
#define GZ_NERFEAT_VERSION 6      /* 3: document features (nerdoc.h); 4: name lists;
                                     5: cluster paths; 6: sports reports */

/* One token of a sentence: bytes s[0..n), not NUL-terminated. */
struct gz_ner_tok {
    const char *s;
    size_t      n;
};

/* What is computed once per token and shared by its neighbours. */
struct gz_nerfeat_word {
    uint64_t word, lower, shape, shortshape;
    unsigned flags;              /* GZ_NF_* */
    unsigned gaz;                /* GZ_LEX_* gazetteer bits of the word as written */
    unsigned caps;               /* GZ_CAPS_* class of the lower-cased word */
    unsigned code;               /* 0x10000 | word code, or 0 (wordcode.h) */
    unsigned doc;                /* GZ_DOC_* bits from the rest of the document
                                  * (nerdoc.h); 0 until gz_nerdoc_mark */
    unsigned list;               /* GZ_LIST_* kinds of the list phrase it is in */
    unsigned list_pos;           /* 0 none, 1 whole phrase, 2 first, 3 inside */
    unsigned path;               /* cluster path (GZ_LEX_PATH_*), or 0 */
};

enum {
    GZ_NF_UPPER_INITIAL = 1u << 0,   /* first letter is upper case */
    GZ_NF_ALL_CAPS      = 1u << 1,   /* letters present, none lower case */
    GZ_NF_HAS_DIGIT     = 1u << 2,
    GZ_NF_CAPS_SENTENCE = 1u << 3,   /* the whole sentence is in capitals */
    GZ_NF_SPORT         = 1u << 4,   /* in a sports report (gz_nerdoc_mark) */
};

/* Fill w[0..n) for the n tokens of one sentence; lex may be NULL. The
 * document bits are left 0: gz_nerdoc_mark sets them once every sentence
 * of the document is prepared. */
void gz_nerfeat_prepare(const struct gz_ner_tok *t, size_t n, const struct gz_nerlex *lex,
                        struct gz_nerfeat_word *w);

/* Write the feature hashes of token i (of n) into out (room for
 * GZ_NERFEAT_MAX); returns how many. */
size_t gz_nerfeat_extract(const struct gz_ner_tok *t, const struct gz_nerfeat_word *w,
                          size_t n, size_t i, uint64_t *out);

/* 64-bit hash of s[0..n) (FNV-1a with a final mix), used for feature values. */
uint64_t gz_nerfeat_hash(const char *s, size_t n);

#endif
