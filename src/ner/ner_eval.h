/*
 * ner_eval.h - scoring entity spans the CoNLL-2003 way: a predicted entity
 * counts only when its span and its type both match a gold entity.
 *
 *   gold B-PER I-PER O B-LOC     pred B-PER O O B-LOC
 *     -> PER: tp 0 fp 1 fn 1 ; LOC: tp 1 ; overall P 0.5 R 0.5 F1 0.5
 *
 * Chunks are read as conlleval reads them: I-X after O or after another
 * type opens a new X entity.
 */
#ifndef GZ_NER_EVAL_H
#define GZ_NER_EVAL_H

#include <stddef.h>
#include <stdint.h>

#include "ner/tagger.h"

struct gz_ner_span {
    size_t start, end;          /* token indices, end-exclusive */
    int    type;                /* enum gz_ner_type */
};

/* Write the entities of tags[0..n) to out (room for n); returns how many. */
size_t gz_ner_spans(const uint8_t *tags, size_t n, struct gz_ner_span *out);

struct gz_ner_score {
    long tp[GZ_NER_NTYPES], fp[GZ_NER_NTYPES], fn[GZ_NER_NTYPES];
};

/* Add one sentence's gold and predicted tags to the counts. */
void gz_ner_score_add(struct gz_ner_score *s, const uint8_t *gold, const uint8_t *pred, size_t n);

/* Bit (1u << type) for each type; all four when every type is scored. */
#define GZ_NER_ALL_TYPES ((1u << GZ_NER_NTYPES) - 1)

/* Parse a comma-separated list of type names ("PER,ORG,LOC") into a mask of
 * GZ_NER_* bits; -1 on an empty list or an unknown name. */
int gz_ner_types_parse(const char *s, unsigned *mask);

/* Set the tags of types outside mask to O, so that neither gold nor
 * predicted entities of those types are scored. */
void gz_ner_tags_keep(uint8_t *tags, size_t n, unsigned mask);

/* Precision, recall and F1 of one type, or of all types when type is -1.
 * An empty denominator gives 0. */
void gz_ner_score_prf(const struct gz_ner_score *s, int type, double *p, double *r, double *f1);

#endif
