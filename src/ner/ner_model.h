/*
 * ner_model.h - the entity tagger's weights, as one blob that is the file.
 *
 *   models/ner-en.bin:
 *     header   "GZNER\0", byte-order mark (uint16 0xfeff: ff fe when the
 *              file is little-endian), format version, tag count, feature
 *              version, slot count, weight scale, confidence temperature,
 *              transition scores (float)
 *     keys     uint32[slots]        fingerprint of the feature hash, 0 = empty
 *     weights  int16[slots][9]      one score per tag, times scale
 *     lexicon  uint32[lex slots] fingerprints, uint32[lex slots] values (nerlex.h)
 *
 * The weights and the lexicon are open-addressed tables on 64-bit hashes
 * with one lookup (table.h), so loading is one mmap and a few checks;
 * nothing is parsed or copied. A model is read-only once loaded and may be
 * shared by threads. Numbers are in the byte order of the machine that
 * wrote the file; the loader refuses a file of the other order (and a
 * format 1 file, which did not say) with a message naming it.
 */
#ifndef GZ_NER_MODEL_H
#define GZ_NER_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "ner/nerfeat.h"

#define GZ_NER_MODEL_VERSION 2          /* 2: byte-order mark */

struct gz_ner_model;

/* Map the model file at path; *out is freed with gz_ner_model_free. */
int gz_ner_model_load(const char *path, struct gz_ner_model **out, struct gz_error *err);
void gz_ner_model_free(struct gz_ner_model *m);         /* NULL is a no-op */

/* Build a model from n weight rows: keys[i] is a feature hash, rows[i*9..]
 * its scores per tag; rows whose largest |score| is below prune are left
 * out. trans holds GZ_NER_NTRANS transition scores; lex (may be NULL) is
 * the lexicon the features were computed with. Everything is copied. */
struct gz_ner_model *gz_ner_model_build(const uint64_t *keys, const float *rows, size_t n,
                                        const float *trans, float prune,
                                        const struct gz_nerlex *lex);
int gz_ner_model_save(const struct gz_ner_model *m, const char *path, struct gz_error *err);

/* Emission scores emit[i*9 + tag] of the n tokens of one sentence; w is
 * scratch room for n entries. Its document bits are those of the sentence
 * alone. */
void gz_ner_model_emissions(const struct gz_ner_model *m, const struct gz_ner_tok *t,
                            struct gz_nerfeat_word *w, size_t n, float *emit);
/* The same from words w[0..n) already prepared (and document-marked) with
 * the model's lexicon. */
void gz_ner_model_score(const struct gz_ner_model *m, const struct gz_ner_tok *t,
                        const struct gz_nerfeat_word *w, size_t n, float *emit);
const struct gz_nerlex *gz_ner_model_lex(const struct gz_ner_model *m);
const float *gz_ner_model_trans(const struct gz_ner_model *m);

/* Scores are divided by this before they are read as log-probabilities
 * for confidences; fitted on the dev data by the trainer. */
float gz_ner_model_temperature(const struct gz_ner_model *m);
void  gz_ner_model_set_temperature(struct gz_ner_model *m, float temp);

size_t gz_ner_model_bytes(const struct gz_ner_model *m);    /* file size */
size_t gz_ner_model_features(const struct gz_ner_model *m); /* rows kept */

#endif
