/*
 * train.c - `gazette train ner --train FILE --dev FILE -o OUT`: train the
 * entity tagger on CoNLL files and write the model file.
 *
 *   gazette train ner --train eng.train --dev eng.testa -o models/ner-en.bin
 *     epoch=1 dev_f1=0.8512 ... best_epoch=9 ... (progress on stderr)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "core/mem.h"
#include "ner/conll.h"
#include "ner/nerlex.h"
#include "ner/perceptron.h"

static const char usage[] =
    "usage: gazette train ner --train FILE -o OUT [--dev FILE] [--epochs N] [--prune W]\n"
    "                         [--temperature T]\n"
    "                         [--gazetteer GMB.txt.gz]... [--text NEWS.csv.gz]...\n"
    "                         [--lists LISTS.tsv]...\n"
    "                         [--clusters WORDS.tsv.gz]...\n"
    "                         [--extra FILE [--extra-epochs N] [--extra-share W]\n"
    "                          [--extra-open-misc 0|1]\n"
    "                          [--extra-copies 0|1] [--extra-gazetteer 0|1]\n"
    "                          [--extra-down K]]\n"
    "\n"
    "Train the entity tagger (averaged perceptron, BIO tags, Viterbi) on CoNLL\n"
    "files (token ... tag per line, blank line between sentences) for --epochs\n"
    "passes (default 25); with --dev, the epoch with the best F1 on it is kept.\n"
    "Confidences are scaled by a temperature fitted on --dev (else on the\n"
    "training data, where it comes out too low) unless --temperature sets it.\n"
    "--gazetteer adds the name words of a\n"
    "GMB file (token POS tag), --text counts how often words are capitalised\n"
    "in the \"body\" column of a CSV file, and the text of both gives each\n"
    "frequent word a distributional code, --lists adds name lists (\"kind<TAB>\n"
    "phrase\" lines, models/ner-lists.tsv), --clusters the word cluster paths\n"
    "of a `gazette train clusters` table; all of it is stored in the model.\n"
    "--extra adds the sentences of another CoNLL file to the training data;\n"
    "each of the first N epochs (default all) takes a share W (0 < W <= 1,\n"
    "default 1) of them, shuffled anew; with --extra-open-misc 1 a MISC name predicted over tokens the\n"
    "extra file tags O is not counted as a mistake; with --extra-copies 1 the\n"
    "features of the extra sentences also fire as copies of their own, which\n"
    "learn what is peculiar to that source and are not kept in the model;\n"
    "with --extra-gazetteer 0 the extra sentences are tagged without the\n"
    "gazetteer bits of the lexicon (for extra data the gazetteer was built\n"
    "from, where they would always be right); with --extra-down K their\n"
    "updates to the shared weights count 1/K of the others.\n"
    "Progress goes to stderr.\n";

#define MAX_SOURCES 8

struct train_args {
    const char *train, *dev, *out, *extra;
    const char *gazetteers[MAX_SOURCES], *texts[MAX_SOURCES], *lists[MAX_SOURCES];
    const char *clusters[MAX_SOURCES];
    int         ngaz, ntext, nlists, nclusters;
    int         extra_gaz;      /* extra sentences see the gazetteer bits */
    struct gz_ner_train_opts opts;
};

static int parse_args(int argc, char **argv, struct train_args *a)
{
    int i;

    for (i = 2; i < argc; i += 2) {
        const char *k = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (v == NULL && k[0] == '-') {
            fprintf(stderr, "gazette train ner: option %s needs a value\n", k);
            return -1;
        }
        if (strcmp(k, "--train") == 0) a->train = v;
        else if (strcmp(k, "--dev") == 0) a->dev = v;
        else if (strcmp(k, "-o") == 0 || strcmp(k, "--output") == 0) a->out = v;
        else if (strcmp(k, "--epochs") == 0) a->opts.epochs = atoi(v);
        else if (strcmp(k, "--prune") == 0) a->opts.prune = strtof(v, NULL);
        else if (strcmp(k, "--temperature") == 0) a->opts.temperature = strtof(v, NULL);
        else if (strcmp(k, "--extra") == 0) a->extra = v;
        else if (strcmp(k, "--extra-epochs") == 0) a->opts.extra_epochs = atoi(v);
        else if (strcmp(k, "--extra-share") == 0) a->opts.extra_share = strtof(v, NULL);
        else if (strcmp(k, "--extra-open-misc") == 0) a->opts.extra_open_misc = atoi(v);
        else if (strcmp(k, "--extra-down") == 0) a->opts.extra_down = atoi(v);
        else if (strcmp(k, "--extra-copies") == 0) a->opts.extra_copies = atoi(v);
        else if (strcmp(k, "--extra-gazetteer") == 0) a->extra_gaz = atoi(v);
        else if (strcmp(k, "--gazetteer") == 0 && a->ngaz < MAX_SOURCES)
            a->gazetteers[a->ngaz++] = v;
        else if (strcmp(k, "--text") == 0 && a->ntext < MAX_SOURCES)
            a->texts[a->ntext++] = v;
        else if (strcmp(k, "--lists") == 0 && a->nlists < MAX_SOURCES)
            a->lists[a->nlists++] = v;
        else if (strcmp(k, "--clusters") == 0 && a->nclusters < MAX_SOURCES)
            a->clusters[a->nclusters++] = v;
        else {
            fprintf(stderr, "gazette train ner: unexpected argument \"%s\"\n", k);
            return -1;
        }
    }
    if (a->train == NULL || a->out == NULL || a->opts.epochs < 1 || a->opts.temperature < 0
        || a->opts.extra_epochs < 1
        || a->opts.extra_down < 1
        || !(a->opts.extra_share > 0 && a->opts.extra_share <= 1)) {
        fputs(usage, stderr);
        return -1;
    }
    return 0;
}

/* The lexicon from --gazetteer, --text, --lists and --clusters files. */
static int build_lexicon(const struct train_args *a, struct gz_nerlex_builder *b,
                         struct gz_error *err)
{
    int i;

    for (i = 0; i < a->ngaz; i++)
        if (gz_nerlex_add_gmb(b, a->gazetteers[i], err) != 0)
            return -1;
    for (i = 0; i < a->ntext; i++)
        if (gz_nerlex_add_csv_text(b, a->texts[i], err) != 0)
            return -1;
    for (i = 0; i < a->nlists; i++)
        if (gz_nerlex_add_lists(b, a->lists[i], err) != 0)
            return -1;
    for (i = 0; i < a->nclusters; i++)
        if (gz_nerlex_add_clusters(b, a->clusters[i], err) != 0)
            return -1;
    return 0;
}

/* lex without its gazetteer bits, in *out with values in *vals (gz_free). */
static const struct gz_nerlex *without_gazetteer(const struct gz_nerlex *lex,
                                                 struct gz_nerlex *out, uint32_t **vals)
{
    uint32_t i;

    *out = *lex;
    *vals = gz_xmalloc((lex->nslots ? lex->nslots : 1) * sizeof **vals);
    for (i = 0; i < lex->nslots; i++)
        (*vals)[i] = lex->vals[i] & ~((1u << GZ_LEX_GAZ_BITS) - 1);
    out->vals = *vals;
    return out;
}

static int train_ner(int argc, char **argv)
{
    struct train_args a;
    struct gz_nerlex_builder *lb = gz_nerlex_builder_new();
    struct gz_nerlex lex, xlex;
    uint32_t *xvals = NULL;
    struct gz_conll train, dev, extra;
    struct gz_ner_model *m = NULL;
    struct gz_error err = {0};
    int rc = EX_OK;

    if (gz_wants_help(argc, argv, usage)) {
        gz_nerlex_builder_free(lb);
        return EX_OK;
    }
    memset(&a, 0, sizeof a);
    a.extra_gaz = 1;
    memset(&train, 0, sizeof train);
    memset(&dev, 0, sizeof dev);
    memset(&extra, 0, sizeof extra);
    gz_ner_train_defaults(&a.opts);
    a.opts.log = stderr;
    if (parse_args(argc, argv, &a) != 0) {
        gz_nerlex_builder_free(lb);
        return EX_USAGE;
    }
    if (build_lexicon(&a, lb, &err) != 0)
        goto fail;
    lex = gz_nerlex_build(lb);
    a.opts.lex = &lex;
    if (a.extra != NULL && !a.extra_gaz)
        a.opts.extra_lex = without_gazetteer(&lex, &xlex, &xvals);
    if (gz_conll_read(a.train, &train, &err) != 0)
        goto fail;
    if (a.dev != NULL && gz_conll_read(a.dev, &dev, &err) != 0)
        goto fail;
    if (a.extra != NULL && gz_conll_read(a.extra, &extra, &err) != 0)
        goto fail;
    a.opts.extra = a.extra ? &extra : NULL;
    if (gz_ner_train(&train, a.dev ? &dev : NULL, &a.opts, &m, &err) != 0
        || gz_ner_model_save(m, a.out, &err) != 0)
        goto fail;
    goto out;
fail:
    fprintf(stderr, "gazette train ner: %s\n", err.msg);
    rc = err.code ? err.code : EX_SOFTWARE;
out:
    gz_ner_model_free(m);
    gz_nerlex_builder_free(lb);
    gz_conll_free(&train);
    gz_conll_free(&dev);
    gz_conll_free(&extra);
    gz_free(xvals);
    return rc;
}

int gz_cmd_train(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "ner") == 0)
        return train_ner(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "clusters") == 0)
        return gz_train_clusters(argc, argv);
    if (gz_wants_help(argc, argv, usage))
        return EX_OK;
    fputs(usage, stderr);
    return EX_USAGE;
}
