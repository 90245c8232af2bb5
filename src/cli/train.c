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
#include "text/conll.h"
#include "text/perceptron.h"

static const char usage[] =
    "usage: gazette train ner --train FILE --dev FILE -o OUT [--epochs N] [--prune W]\n"
    "\n"
    "Train the entity tagger (averaged perceptron, BIO tags, Viterbi) on CoNLL\n"
    "files (token ... tag per line, blank line between sentences). The epoch\n"
    "with the best F1 on --dev is kept. Progress goes to stderr.\n";

struct train_args {
    const char *train, *dev, *out;
    struct gz_ner_train_opts opts;
};

static int parse_args(int argc, char **argv, struct train_args *a)
{
    int i;

    for (i = 2; i < argc; i++) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (v == NULL) break;
        if (strcmp(argv[i], "--train") == 0) a->train = v;
        else if (strcmp(argv[i], "--dev") == 0) a->dev = v;
        else if (strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) a->out = v;
        else if (strcmp(argv[i], "--epochs") == 0) a->opts.epochs = atoi(v);
        else if (strcmp(argv[i], "--prune") == 0) a->opts.prune = strtof(v, NULL);
        else break;
        i++;
    }
    if (i < argc) {
        fprintf(stderr, "gazette train ner: unexpected argument \"%s\"\n", argv[i]);
        return -1;
    }
    if (a->train == NULL || a->out == NULL || a->opts.epochs < 1) {
        fputs(usage, stderr);
        return -1;
    }
    return 0;
}

static int train_ner(int argc, char **argv)
{
    struct train_args a = { NULL, NULL, NULL, { 0, 0, 0, NULL } };
    struct gz_conll train, dev;
    struct gz_ner_model *m = NULL;
    struct gz_error err = { 0, "" };
    int rc = EX_OK;

    if (gz_wants_help(argc, argv, usage))
        return EX_OK;
    gz_ner_train_defaults(&a.opts);
    a.opts.log = stderr;
    if (parse_args(argc, argv, &a) != 0)
        return EX_USAGE;
    memset(&dev, 0, sizeof dev);
    if (gz_conll_read(a.train, &train, &err) != 0)
        goto fail;
    if (a.dev != NULL && gz_conll_read(a.dev, &dev, &err) != 0)
        goto fail;
    if (gz_ner_train(&train, a.dev ? &dev : NULL, &a.opts, &m, &err) != 0
        || gz_ner_model_save(m, a.out, &err) != 0)
        goto fail;
    goto out;
fail:
    fprintf(stderr, "gazette train ner: %s\n", err.msg);
    rc = err.code ? err.code : EX_SOFTWARE;
out:
    gz_ner_model_free(m);
    gz_conll_free(&train);
    gz_conll_free(&dev);
    return rc;
}

int gz_cmd_train(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "ner") == 0)
        return train_ner(argc, argv);
    if (gz_wants_help(argc, argv, usage))
        return EX_OK;
    fputs(usage, stderr);
    return EX_USAGE;
}
