/*
 * tokenize.h - splitting news English into tokens that keep their place in
 * the text, the way the CoNLL-2003 data is tokenised.
 *
 * src/text/ owns the plain-text tools the capabilities above it share:
 * UTF-8 decoding and code point counting (utf8.c), HTML tags and entities
 * (html.c), tokens (tokenize.c) and sentences (sentence.c). It knows nothing
 * of dates, entities, pipelines or databases; it includes only src/core/.
 *
 *   "Mr. Smith, 57-year-old U.S. envoy, didn't pay $8.75."
 *     -> Mr. | Smith | , | 57-year-old | U.S. | envoy | , | did | n't |
 *        pay | $ | 8.75 | .
 *   "537,609 shares"           -> 537,609 | shares
 *   "Secretary-General Annan"  -> Secretary-General | Annan
 *   "see https://x.org/a?b=1." -> see | https://x.org/a?b=1 | .
 *   "«Путин» сказал"           -> « | Путин | » | сказал
 *
 * Offsets are kept both in bytes (for C) and in code points (for the
 * database and for clients that count characters).
 */
#ifndef GZ_TOKENIZE_H
#define GZ_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

struct gz_token {
    size_t  start, end;         /* bytes into the text, end-exclusive */
    int64_t cstart, cend;       /* code points into the text, end-exclusive */
    int     sentence;           /* 0-based, filled by gz_sentence_split */
};

/* Tokenise text[0..len) (valid UTF-8). Returns the number of tokens and a
 * new array in *out (gz_free; NULL when there are none). */
size_t gz_tokenize(const char *text, size_t len, struct gz_token **out);

#endif
