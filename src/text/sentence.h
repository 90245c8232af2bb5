/*
 * sentence.h - sentence boundaries over tokens of news text.
 *
 *   "Mr. Smith left. He said: \"No.\" The U.S. Navy ..."
 *     -> [Mr. Smith left .] [He said : " No . "] [The U.S. Navy ...]
 *
 * A sentence ends at ".", "!" or "?" (with closing quotes and brackets that
 * follow) when the next token does not start with a lower-case letter, and
 * at a blank line. Abbreviations (Mr., U.S.) are single tokens and do not
 * end sentences. Sentences longer than GZ_SENTENCE_MAX tokens are cut.
 */
#ifndef GZ_SENTENCE_H
#define GZ_SENTENCE_H

#include <stddef.h>

#include "text/tokenize.h"

#define GZ_SENTENCE_MAX 200

/* Number the sentences of t[0..n) (tokens of text) in t[i].sentence;
 * returns the number of sentences. */
int gz_sentence_split(const char *text, struct gz_token *t, size_t n);

#endif
