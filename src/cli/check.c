/*
 * check.c - `gazette check PIPELINE`: validate and print it resolved.
 */
#include <stdio.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "run/pipeline.h"

static const char usage[] =
    "usage: gazette check PIPELINE.yaml\n"
    "\n"
    "Validate a pipeline file (keys, values, stages and their options, model\n"
    "files) without touching the database, and print it resolved with the\n"
    "defaults filled in. Errors name file:line:col.\n"
    "\n"
    "Exit status: 0 valid, 78 invalid, 64 bad command line.\n";

int gz_cmd_check(int argc, char **argv)
{
    struct gz_error err = {0};
    struct gz_pipeline *p;

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
    gz_pipeline_print(p, stdout);
    gz_pipeline_fini_stages(p);
    gz_pipeline_free(p);
    return 0;
}
