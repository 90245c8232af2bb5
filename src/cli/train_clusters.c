/*
 * train_clusters.c - `gazette train clusters -o OUT TEXT...`: Brown word
 * clusters over unlabelled English text, written as the gzip'd table that
 * `gazette train ner --clusters` reads (make clusters).
 *
 *   gazette train clusters -o models/clusters-en.tsv.gz \
 *       --csv reuters21578.csv.gz --gmb gmb/train.txt.gz --lines brown.txt
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "ner/brown.h"

static const char usage[] =
    "usage: gazette train clusters -o OUT.tsv.gz [--clusters N] [--min-count N]\n"
    "                              [--max-words N] [--csv FILE]... [--gmb FILE]...\n"
    "                              [--lines FILE]... [--case lower|keep]\n"
    "\n"
    "Cluster the words of unlabelled English text (Brown et al. 1992, with\n"
    "Liang's window of N clusters; default 256) and write one\n"
    "word<TAB>bit path<TAB>count line a word, gzip'd. --csv reads the \"body\"\n"
    "column of a CSV file, --gmb the tokens of a GMB file (token POS tag),\n"
    "--lines each line of a text file as one text (gzip or plain). Words are\n"
    "lower-cased unless --case keep; the --max-words most frequent (default\n"
    "50000) seen at least\n"
    "--min-count times (default 5) are clustered. Progress goes to stderr.\n";

#define MAX_SOURCES 32

struct source {
    const char *kind, *path;
};

static int parse_args(int argc, char **argv, struct gz_brown_opts *o, const char **out,
                      struct source *src, int *nsrc, int *keep_case)
{
    int i;

    for (i = 2; i < argc; i += 2) {
        const char *k = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (v == NULL) {
            fprintf(stderr, "gazette train clusters: option %s needs a value\n", k);
            return -1;
        }
        if (strcmp(k, "-o") == 0 || strcmp(k, "--output") == 0) *out = v;
        else if (strcmp(k, "--clusters") == 0) o->clusters = (unsigned)atoi(v);
        else if (strcmp(k, "--min-count") == 0) o->min_count = (unsigned)atoi(v);
        else if (strcmp(k, "--max-words") == 0) o->max_words = (size_t)atol(v);
        else if (strcmp(k, "--case") == 0 && (strcmp(v, "keep") == 0 || strcmp(v, "lower") == 0))
            *keep_case = strcmp(v, "keep") == 0;
        else if ((strcmp(k, "--csv") == 0 || strcmp(k, "--gmb") == 0
                  || strcmp(k, "--lines") == 0) && *nsrc < MAX_SOURCES)
            src[(*nsrc)++] = (struct source){ k, v };
        else {
            fprintf(stderr, "gazette train clusters: unexpected argument \"%s\"\n", k);
            return -1;
        }
    }
    if (*out == NULL || *nsrc == 0 || o->clusters < 2 || o->max_words < 2) {
        fputs(usage, stderr);
        return -1;
    }
    return 0;
}

static int read_source(struct gz_brown *b, const struct source *s, struct gz_error *err)
{
    if (strcmp(s->kind, "--csv") == 0) return gz_brown_add_csv(b, s->path, err);
    if (strcmp(s->kind, "--gmb") == 0) return gz_brown_add_gmb(b, s->path, err);
    return gz_brown_add_lines(b, s->path, err);
}

int gz_train_clusters(int argc, char **argv)
{
    struct gz_brown_opts o;
    struct source src[MAX_SOURCES];
    const char *out = NULL;
    struct gz_brown *b;
    struct gz_error err = {0};
    int nsrc = 0, i, rc = 0, keep_case = 0;

    if (gz_wants_help(argc, argv, usage))
        return EX_OK;
    gz_brown_defaults(&o);
    o.log = stderr;
    if (parse_args(argc, argv, &o, &out, src, &nsrc, &keep_case) != 0)
        return EX_USAGE;
    b = gz_brown_new();
    if (keep_case)
        gz_brown_keep_case(b);
    for (i = 0; i < nsrc && rc == 0; i++)
        rc = read_source(b, &src[i], &err);
    if (rc == 0)
        rc = gz_brown_write(b, &o, out, &err);
    gz_brown_free(b);
    if (rc != 0) {
        fprintf(stderr, "gazette train clusters: %s\n", err.msg);
        return err.code ? err.code : EX_SOFTWARE;
    }
    return EX_OK;
}
