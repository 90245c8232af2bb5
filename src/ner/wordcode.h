/*
 * wordcode.h - 16-bit codes for words from the company they keep in
 * unlabelled text, so that the tagger can generalise from "Japan" to
 * "Taiwan" or from "Hallwood" to other company names it never saw.
 *
 *   each word seen >= min_count times
 *     -> counts of its left and right neighbours among the 255 most
 *        frequent words (plus "other"), log-scaled, normalised, centred
 *     -> signs of its projections on the 16 main axes (PCA), first bit on
 *        the axis of largest variance: "japan" 0x5a3c, "taiwan" 0x5a1c ...
 *
 * Words that are close share long code prefixes; the features use
 * prefixes of 4, 8, 12 and 16 bits, as Brown-cluster features do.
 */
#ifndef GZ_WORDCODE_H
#define GZ_WORDCODE_H

#include <stddef.h>
#include <stdint.h>

struct gz_wordcode {
    uint64_t hash;              /* gz_nerfeat_hash of the lower-cased word */
    uint16_t code;
};

/* stream[0..n) holds word hashes in text order, 0 between sentences.
 * Returns how many words got a code and a new array in *out (gz_free). */
size_t gz_wordcode_compute(const uint64_t *stream, size_t n, unsigned min_count,
                           struct gz_wordcode **out);

#endif
