/*
 * conll.h - reading CoNLL-2003 style files: one token per line, the tag in
 * the last column, a blank line between sentences.
 *
 *   "Peter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n"
 *       -> one sentence, tokens "Peter" "Blackburn", tags B-PER I-PER
 *
 * "-DOCSTART-" lines are skipped. IOB1 input (I-X opening an entity) is
 * read as IOB2 (B-X).
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
};

/* Read path into *c (zeroed first); free with gz_conll_free. Errors name
 * the file and line. */
int gz_conll_read(const char *path, struct gz_conll *c, struct gz_error *err);
/* Same from a string in memory (copied); name is used in messages. */
int gz_conll_parse(const char *text, size_t len, const char *name, struct gz_conll *c,
                   struct gz_error *err);
void gz_conll_free(struct gz_conll *c);

#endif
