/*
 * eval_ner.c - `gazette eval ner FILE.conll [--model FILE] [--predictions OUT]
 * [--types LIST]`: tag the tokens of a CoNLL file and score the entities the
 * CoNLL-2003 way.
 *
 *   type      gold  pred  correct  precision  recall  f1
 *   PER       1842  1851     1760     0.9508  0.9555  0.9531
 *   ...
 *   overall   5942  ...
 *
 * --predictions writes "token gold predicted" lines, blank between
 * sentences, which conlleval reads as they are. --types PER,ORG,LOC scores
 * only those types: gold and predicted entities of the others become O
 * (also in the --predictions file), for corpora whose types map onto only
 * some of ours. Sentences are tagged a document at a time (conll.h says
 * what a document is), as the stage tags an article.
 */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "core/mem.h"
#include "ner/conll.h"
#include "ner/ner_eval.h"
#include "ner/ner_model.h"
#include "ner/tagger.h"

#define DEFAULT_MODEL "models/ner-en.bin"

static const char usage[] =
    "usage: gazette eval ner FILE.conll [--model FILE] [--predictions OUT]\n"
    "                        [--types LIST]\n"
    "\n"
    "Tag the tokens of a CoNLL file (token ... tag per line) with the entity\n"
    "model (default " DEFAULT_MODEL ") and print precision, recall and F1 per\n"
    "type and overall; an entity counts when its span and type are exact.\n"
    "The tagger reads a document at a time: \"-DOCSTART-\" lines start one;\n"
    "without them, Reuters stories are found from their datelines, and a\n"
    "file with neither is one document.\n"
    "--predictions OUT writes \"token gold predicted\" lines for conlleval.\n"
    "--types LIST (e.g. PER,ORG,LOC) scores only those types; gold and\n"
    "predicted entities of the other types count as O.\n";

struct eval_args {
    const char *file, *model, *predictions;
    unsigned types;             /* GZ_NER_* bits scored */
};

static int parse_args(int argc, char **argv, struct eval_args *a)
{
    int i;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--model") == 0 && i + 1 < argc) a->model = argv[++i];
        else if (strcmp(argv[i], "--predictions") == 0 && i + 1 < argc) a->predictions = argv[++i];
        else if (strcmp(argv[i], "--types") == 0 && i + 1 < argc) {
            if (gz_ner_types_parse(argv[++i], &a->types) != 0) {
                fprintf(stderr, "gazette eval ner: invalid value \"%s\" for --types: expected "
                        "names from PER, ORG, LOC, MISC separated by commas\n", argv[i]);
                return -1;
            }
        }
        else if (argv[i][0] != '-' && a->file == NULL) a->file = argv[i];
        else {
            fprintf(stderr, "gazette eval ner: unexpected argument \"%s\"\n", argv[i]);
            return -1;
        }
    }
    if (a->file == NULL) {
        fputs(usage, stderr);
        return -1;
    }
    return 0;
}

static void write_sentence(FILE *f, const struct gz_conll *c, const struct gz_conll_sent *st,
                           const uint8_t *gold, const uint8_t *pred)
{
    size_t i;

    for (i = 0; i < st->n; i++) {
        const struct gz_ner_tok *t = &c->toks[st->first + i];
        fprintf(f, "%.*s %s %s\n", (int)t->n, t->s, gz_ner_tag_name(gold[i]),
                gz_ner_tag_name(pred[i]));
    }
    fputc('\n', f);
}

static void print_row(const struct gz_ner_score *sc, int type, const char *name)
{
    long gold = 0, pred = 0, tp = 0;
    double p, r, f1;
    int t;

    for (t = 0; t < GZ_NER_NTYPES; t++)
        if (type < 0 || type == t) {
            tp += sc->tp[t];
            gold += sc->tp[t] + sc->fn[t];
            pred += sc->tp[t] + sc->fp[t];
        }
    gz_ner_score_prf(sc, type, &p, &r, &f1);
    printf("%-8s %6ld %6ld %8ld %10.4f %7.4f %7.4f\n", name, gold, pred, tp, p, r, f1);
}

static void print_report(const struct gz_ner_score *sc, const struct gz_conll *c, unsigned types)
{
    int t;

    printf("documents %zu, sentences %zu, tokens %zu\n", c->ndocs, c->nsents, c->ntoks);
    printf("%-8s %6s %6s %8s %10s %7s %7s\n", "type", "gold", "pred", "correct", "precision",
           "recall", "f1");
    for (t = 0; t < GZ_NER_NTYPES; t++)
        if (types & (1u << t))
            print_row(sc, t, gz_ner_type_name(t));
    print_row(sc, -1, "overall");
}

/* Tag c one document at a time, score the types of the mask sentence by
 * sentence, and write predictions to pf (may be NULL). */
static void tag_corpus(const struct gz_ner_model *m, const struct gz_conll *c, unsigned types,
                       struct gz_ner_score *sc, FILE *pf)
{
    uint8_t *pred = gz_xmalloc(c->ntoks + 1), *gold = gz_xmalloc(c->ntoks + 1);
    size_t d, s;

    for (d = 0; d < c->ndocs; d++)
        gz_ner_tag_doc(m, c->toks, c->starts + c->docs[d], c->docs[d + 1] - c->docs[d], pred,
                       NULL);
    for (s = 0; s < c->nsents; s++) {
        const struct gz_conll_sent *st = &c->sents[s];
        uint8_t *p = pred + st->first;
        memcpy(gold, c->gold + st->first, st->n);
        gz_ner_tags_keep(gold, st->n, types);
        gz_ner_tags_keep(p, st->n, types);
        gz_ner_score_add(sc, gold, p, st->n);
        if (pf != NULL)
            write_sentence(pf, c, st, gold, p);
    }
    gz_free(gold);
    gz_free(pred);
}

int gz_eval_ner(int argc, char **argv)
{
    struct eval_args a = { NULL, DEFAULT_MODEL, NULL, GZ_NER_ALL_TYPES };
    struct gz_error err = {0};
    struct gz_ner_model *m = NULL;
    struct gz_ner_score sc;
    struct gz_conll c;
    FILE *pf = NULL;
    int rc = EX_OK;

    if (gz_wants_help(argc, argv, usage))
        return EX_OK;
    if (parse_args(argc, argv, &a) != 0)
        return EX_USAGE;
    memset(&c, 0, sizeof c);
    memset(&sc, 0, sizeof sc);
    if (gz_ner_model_load(a.model, &m, &err) != 0 || gz_conll_read(a.file, &c, &err) != 0)
        goto fail;
    if (a.predictions != NULL && (pf = fopen(a.predictions, "w")) == NULL) {
        gz_fail(&err, EX_CANTCREAT, "could not create \"%s\"", a.predictions);
        goto fail;
    }
    tag_corpus(m, &c, a.types, &sc, pf);
    if (pf != NULL && fclose(pf) != 0) {
        pf = NULL;
        gz_fail(&err, EX_IOERR, "could not write \"%s\"", a.predictions);
        goto fail;
    }
    pf = NULL;
    print_report(&sc, &c, a.types);
    goto out;
fail:
    fprintf(stderr, "gazette eval ner: %s\n", err.msg);
    rc = err.code ? err.code : EX_SOFTWARE;
out:
    if (pf != NULL)
        fclose(pf);
    gz_ner_model_free(m);
    gz_conll_free(&c);
    return rc;
}
