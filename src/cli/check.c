/*
 * check.c - `gazette check PIPELINE`: validate and print it resolved.
 */
#include <stdio.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "run/pipeline.h"
#include "sources/files.h"

static const char usage[] =
    "usage: gazette check PIPELINE.yaml\n"
    "\n"
    "Validate a pipeline file (keys, values, stages and their options, model\n"
    "files) without touching the database, and print it resolved with the\n"
    "defaults filled in, as YAML that check accepts again: source paths made\n"
    "absolute (relative ones are taken from the pipeline file's directory),\n"
    "each with the number of files it matches now, secrets hidden (a DSN\n"
    "from ${VAR} is printed as ${VAR}), and the retry policy with the least and\n"
    "the most it waits in all. Errors name file:line:col.\n"
    "\n"
    "Exit status: 0 valid, 78 invalid, 64 bad command line.\n";

int gz_cmd_check(int argc, char **argv)
{
    struct gz_error err = {0};
    struct gz_pipeline *p;
    struct gz_files files = {0};

    if (gz_wants_help(argc, argv, usage))
        return 0;
    if (argc != 2) {
        fputs(usage, stderr);
        return EX_USAGE;
    }
    p = gz_pipeline_load(argv[1], &err);
    if (p == NULL || gz_pipeline_init_stages(p, &err) < 0) {
        fprintf(stderr, "gazette: %s\n", err.msg);
        gz_pipeline_free(p);
        return EX_CONFIG;
    }
    gz_files_expand(p->files, p->n_files, p->follow_symlinks, &files);
    gz_pipeline_print(p, &files, stdout);
    gz_files_release(&files);
    gz_pipeline_fini_stages(p);
    gz_pipeline_free(p);
    return 0;
}
