/*
 * perceptron.h - training the entity tagger: an averaged structured
 * perceptron over BIO tags with Viterbi decoding (Collins 2002).
 *
 *   train = eng.train, dev = eng.testa, 25 epochs
 *     -> the averaged weights of the epoch that scored best on dev,
 *        pruned and quantised into a struct gz_ner_model
 *
 * Deterministic: sentences are shuffled with a fixed seed and every loop
 * runs in file order, so the same data gives the same model bytes.
 */
#ifndef GZ_PERCEPTRON_H
#define GZ_PERCEPTRON_H

#include <stdio.h>

#include "core/error.h"
#include "ner/conll.h"
#include "ner/ner_model.h"

struct gz_ner_train_opts {
    int      epochs;            /* passes over the training data */
    unsigned seed;              /* shuffle seed */
    float    prune;             /* weights rows below this are dropped */
    float    temperature;       /* confidence temperature; 0: fit it (on dev, else train) */
    FILE    *log;               /* progress lines, or NULL */
    const struct gz_nerlex *lex; /* lexicon for the features, or NULL */
    /* Extra training sentences from another source (NULL: none). Each
     * epoch trains on a share extra_share (0 .. 1] of them, a different
     * shuffled share each epoch, mixed in with the train sentences. With
     * extra_open_misc, a MISC name the tagger predicts over tokens the
     * extra data tags O is not corrected, as that source has no MISC class
     * for events, works and the like. With extra_copies, each feature of an
     * extra sentence also fires as a copy of its own that the model does not
     * keep: the copies learn what is peculiar to the extra source (its
     * conventions, its own names in the lexicon), the shared weights the
     * rest (Daume 2007, "Frustratingly easy domain adaptation"). */
    const struct gz_conll *extra;
    int      extra_epochs;      /* extra sentences in the first N epochs only */
    float    extra_share;
    int      extra_open_misc;
    int      extra_copies;
    /* The updates extra sentences make to the shared weights count 1 /
     * extra_down of the others (all other updates are extra_down). */
    int      extra_down;
    /* Lexicon for the features of the extra sentences (NULL: lex). */
    const struct gz_nerlex *extra_lex;
};

/* Defaults used by `gazette train ner`. */
void gz_ner_train_defaults(struct gz_ner_train_opts *o);

/* Train on train, pick the epoch by F1 on dev (NULL: the last epoch), and
 * return the model in *out (gz_ner_model_free). */
int gz_ner_train(const struct gz_conll *train, const struct gz_conll *dev,
                 const struct gz_ner_train_opts *o, struct gz_ner_model **out,
                 struct gz_error *err);

#endif
