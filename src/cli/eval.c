/*
 * eval.c - `gazette eval ner|dates|names ...`: dispatch to the scorer of a stage.
 */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"

static const char usage[] =
    "usage: gazette eval ner FILE.conll [--model FILE] [--predictions OUT]\n"
    "       gazette eval dates DOCS.jsonl GOLD.tsv [--predictions OUT]\n"
    "       gazette eval names GOLD_DIR [--errors]\n"
    "\n"
    "Score a stage against gold data and print precision, recall and F1.\n"
    "Run `gazette eval ner --help`, `gazette eval dates --help` or\n"
    "`gazette eval names --help` for details.\n";

int gz_cmd_eval(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "ner") == 0)
        return gz_eval_ner(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "dates") == 0)
        return gz_eval_dates(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "names") == 0)
        return gz_eval_names(argc - 1, argv + 1);
    if (gz_wants_help(argc, argv, usage))
        return 0;
    fputs(usage, stderr);
    return EX_USAGE;
}
