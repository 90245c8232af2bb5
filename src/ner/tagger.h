/*
 * tagger.h - BIO tags of the entity tagger and Viterbi decoding.
 *
 *   "Peter Blackburn visited BRUSSELS ."
 *       -> B-PER I-PER O B-LOC O
 *
 * Tags are the CoNLL-2003 types in IOB2: O, then B-/I- for PER, ORG, LOC,
 * MISC. Decoding forbids I-X after anything but B-X or I-X.
 *
 * src/ner/ owns entity recognition, from tokens to tagged spans, and the
 * model it runs on; the stage (stages/extract_entities.c) and the commands
 * (cli/train.c, cli/eval_ner.c) only call it. This header is its entry
 * point: gz_ner_tag tags one sentence with a loaded model, gz_ner_tag_doc
 * a whole article or story.
 *   tagger.c      tag names, Viterbi, confidences (forward-backward)
 *   nerfeat.c     the features of a token, hashed; GZ_NERFEAT_VERSION
 *   nerdoc.c      document features: the word's other occurrences
 *   nerlex.c      gazetteer, capitalisation and word-code lexicon, built
 *                 by the trainer and stored in the model
 *   wordcode.c    16-bit distributional word codes for the lexicon
 *   ner_model.c   the model file (models/ner-en.bin): build, save, mmap,
 *                 header checks (magic, byte order, versions), emissions
 *   table.h       the hash-table lookup shared by the weights and lexicon
 *   perceptron.c  training (`gazette train ner`, `make model`)
 *   conll.c       reading CoNLL-2003 files; ner_eval.c  span scoring
 *   csvbody.c     the "body" column of a news CSV, for the trainers
 *   amounts.c     rule-based MONEY, PERCENT, QUANTITY spans
 * Tests: tests/unit/test_ner_*.c, test_tagger.c, test_wordcode.c,
 * test_amounts.c; test_ner_features.c fails when the features change
 * without a GZ_NERFEAT_VERSION bump.
 */
#ifndef GZ_TAGGER_H
#define GZ_TAGGER_H

#include <stddef.h>
#include <stdint.h>

#include "ner/nerfeat.h"

enum gz_ner_type { GZ_NER_PER, GZ_NER_ORG, GZ_NER_LOC, GZ_NER_MISC, GZ_NER_NTYPES };

/* Tag t: 0 is O, 1 + 2*type is B-type, 2 + 2*type is I-type. */
#define GZ_NER_NTAGS 9
#define GZ_TAG_O 0
#define GZ_TAG_B(type) (1 + 2 * (type))
#define GZ_TAG_I(type) (2 + 2 * (type))
#define GZ_TAG_TYPE(t) (((t) - 1) / 2)
#define GZ_TAG_IS_I(t) ((t) != 0 && ((t) - 1) % 2 == 1)

/* Transition scores: trans[prev * NTAGS + t], with prev == NTAGS for the
 * start of a sentence. */
#define GZ_NER_NTRANS ((GZ_NER_NTAGS + 1) * GZ_NER_NTAGS)

const char *gz_ner_tag_name(int tag);            /* "B-PER", "O" ... */
const char *gz_ner_type_name(int type);          /* "PER", "ORG", "LOC", "MISC" */
/* Parse "B-PER", "I-LOC", "O" (s[0..n)); -1 when unknown. */
int gz_ner_tag_parse(const char *s, size_t n);
/* 1 when tag may follow prev (prev == GZ_NER_NTAGS: sentence start). */
int gz_ner_tag_allowed(int prev, int tag);

/* Best tag sequence for n tokens given emission scores emit[i*NTAGS + t]
 * and transition scores; writes tags[0..n). */
void gz_ner_viterbi(const float *emit, size_t n, const float *trans, uint8_t *tags);

/* Per-token marginal probability of tags[i] (forward-backward over the same
 * scores divided by temp, read as log-potentials); writes conf[0..n). */
void gz_ner_marginals(const float *emit, size_t n, const float *trans, float temp,
                      const uint8_t *tags, float *conf);

/* CoNLL leaves titles out of names: a PER span that starts with a one-token
 * title of the name lists (GZ_LIST_TITLE) and goes on starts after it.
 *   "Ms. Tarlo said" : B-PER I-PER O -> O B-PER O
 * w is the sentence's prepared words (gz_nerfeat_prepare); rewrites tags. */
void gz_ner_drop_titles(const struct gz_nerfeat_word *w, size_t n, uint8_t *tags);

struct gz_ner_model;

/* Tag one sentence with a loaded model: tags[0..n) (Viterbi, then
 * gz_ner_drop_titles), and conf[0..n) when conf is not NULL. The sentence
 * is its own document (nerdoc.h). Safe to call from several threads on one
 * model. */
void gz_ner_tag(const struct gz_ner_model *m, const struct gz_ner_tok *t, size_t n,
                uint8_t *tags, float *conf);

/* Tag a document: nsents sentences, sentence s being tokens
 * t[starts[s] .. starts[s+1]); tags and conf (may be NULL) are indexed as
 * t. Every sentence sees the document features of the others, in pieces
 * of gz_nerdoc_piece as training did; scratch memory is bounded by the
 * piece. Thread-safe as gz_ner_tag. */
void gz_ner_tag_doc(const struct gz_ner_model *m, const struct gz_ner_tok *t,
                    const size_t *starts, size_t nsents, uint8_t *tags, float *conf);

#endif
