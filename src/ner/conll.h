/*
 * conll.h - reading CoNLL-2003 style files: one token per line, the tag in
 * the last column, a blank line between sentences.
 *
 *   "Peter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n"
 *       -> one sentence, tokens "Peter" "Blackburn", tags B-PER I-PER
 *
 * IOB1 input (I-X opening an entity) is read as IOB2 (B-X).
 *
 * Documents: a "-DOCSTART-" line starts one. A file without such lines
 * (this copy of CoNLL-2003 has none) gets its Reuters stories back from
 * their datelines, see gz_conll_find_docs:
 *
 *   "EU rejects German call ..." / "Peter Blackburn" / "BRUSSELS 1996-08-22"
 *       -> a story starts at the headline, before the byline and dateline
 *
 * and a file with neither is one document.
 */
#ifndef GZ_CONLL_H
#define GZ_CONLL_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "ner/nerfeat.h"

struct gz_conll_sent {
    size_t first, n;            /* tokens toks[first .. first+n) */
};

struct gz_conll {
    char                 *buf;  /* the file; tokens point into it */
    struct gz_ner_tok    *toks;
    uint8_t              *gold; /* tag per token (tagger.h numbering) */
    size_t                ntoks;
    struct gz_conll_sent *sents;
    size_t                nsents;
    size_t               *starts; /* nsents + 1: first token of each sentence, then ntoks */
    size_t               *docs;   /* ndocs + 1: first sentence of each document, then nsents */
    size_t                ndocs;
};

/* Read path into *c (zeroed first); free with gz_conll_free. Errors name
 * the file and line. */
int gz_conll_read(const char *path, struct gz_conll *c, struct gz_error *err);
/* Same from a string in memory (copied); name is used in messages. */
int gz_conll_parse(const char *text, size_t len, const char *name, struct gz_conll *c,
                   struct gz_error *err);
void gz_conll_free(struct gz_conll *c);

/* Story starts of a Reuters file without "-DOCSTART-" lines: a dateline is
 * a sentence ending in a YYYY-MM-DD token whose first token is in capitals
 * ("LONDON 1996-08-30", "AKRON , Ohio 1996-08-22"), or the date alone after
 * the place ("MONTGOMERY , Ala ." "1996-08-22"). Its story starts at the
 * sentence before it, the headline, or one further back when that sentence
 * does not end in "." and is short (a byline, "[ CORRECTED 05:30 GMT ]").
 * Writes the first sentence of each document, 0 first, to docs (room for
 * c->nsents + 1) and returns how many. */
size_t gz_conll_find_docs(const struct gz_conll *c, size_t *docs);

#endif
