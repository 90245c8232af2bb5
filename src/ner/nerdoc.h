/*
 * nerdoc.h - document features of the entity tagger: what the other
 * occurrences of a capitalised word in the same story say about it
 * (Chieu & Ng 2002, "global features"). Nothing here needs a first
 * tagging pass, so training and tagging compute the same bits.
 *
 *   "Blackburn" in "Blackburn said ..." (sentence start), with "Peter
 *   Blackburn" and "Mr Blackburn" elsewhere in the story
 *       -> GZ_DOC_SEQ_LAST | GZ_DOC_TITLE
 *   "JAPAN" in a headline in capitals, "in Japan" elsewhere
 *       -> GZ_DOC_CAP_MID | GZ_DOC_LOCPREP
 *   "The" at a sentence start, "the" elsewhere
 *       -> GZ_DOC_LOWER
 *
 * Occurrences are matched on the lower-cased word (gz_nerfeat_word.lower),
 * and a token's own occurrence does not count. The bits go into
 * gz_nerfeat_word.doc of capitalised tokens, which gz_nerfeat_extract
 * turns into features. A document whose first sentence opens with a
 * sport ("SOCCER - ...", "MOTOR RACING - ...") is a sports report: all
 * its tokens get GZ_NF_SPORT (nerfeat.h).
 *
 * A document longer than GZ_NERDOC_MAX_TOKENS is read in pieces of whole
 * sentences (gz_nerdoc_piece), each on its own, so memory stays bounded
 * for a huge article; training cuts its documents the same way.
 */
#ifndef GZ_NERDOC_H
#define GZ_NERDOC_H

#include <stddef.h>

#include "ner/nerfeat.h"

#define GZ_NERDOC_MAX_TOKENS 8192

enum {
    GZ_DOC_CAP_MID   = 1u << 0,  /* capitalised inside a sentence not in capitals */
    GZ_DOC_LOWER     = 1u << 1,  /* written in lower case */
    GZ_DOC_TITLE     = 1u << 2,  /* after a title (Mr, Dr ...) or a first name */
    GZ_DOC_CORP      = 1u << 3,  /* before a company suffix (Inc, Corp ...) */
    GZ_DOC_LOCPREP   = 1u << 4,  /* after in, at, near, from ... */
    GZ_DOC_SEQ_FIRST = 1u << 5,  /* first word of a longer capitalised run */
    GZ_DOC_SEQ_LAST  = 1u << 6,  /* last word of a longer capitalised run */
    GZ_DOC_NBITS     = 7,
};

/* How many of the nsents sentences starting at starts[0] (token indices;
 * starts[nsents] ends the last one) go into one piece: as many whole
 * sentences as fit in GZ_NERDOC_MAX_TOKENS, at least one. */
size_t gz_nerdoc_piece(const size_t *starts, size_t nsents);

/* Set w[].doc for one document piece: sentence s is tokens starts[s] ..
 * starts[s+1], t[0] and w[0] are token starts[0], and gz_nerfeat_prepare
 * has filled w for each sentence. Allocates scratch room and frees it;
 * thread-safe. */
void gz_nerdoc_mark(const struct gz_ner_tok *t, struct gz_nerfeat_word *w,
                    const size_t *starts, size_t nsents);

#endif
