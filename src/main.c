/*
 * main.c - command dispatch only. Each subcommand lives in src/cli/.
 */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "core/log.h"

static const struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"run",     gz_cmd_run,     "load the inputs of a pipeline into PostgreSQL"},
    {"check",   gz_cmd_check,   "validate a pipeline file and print it resolved"},
    {"migrate", gz_cmd_migrate, "create or upgrade the gazette schema"},
    {"extract", gz_cmd_extract, "parse articles and print them as JSON lines (no database)"},
    {"status",  gz_cmd_status,  "show the last runs and their counts"},
    {"eval",    gz_cmd_eval,    "score the date, entity or name stages against gold data"},
    {"train",   gz_cmd_train,   "train the entity tagger model"},
    {NULL, NULL, NULL},
};

static void usage(FILE *out)
{
    const struct command *c;

    fprintf(out,
            "usage: gazette COMMAND [options] [args]\n"
            "\n"
            "Batch ETL for news articles: parse, normalise, extract entities, load\n"
            "into PostgreSQL.\n"
            "\n"
            "commands:\n");
    for (c = commands; c->name != NULL; c++)
        fprintf(out, "  %-9s %s\n", c->name, c->summary);
    fprintf(out,
            "\n"
            "Run `gazette COMMAND --help` for the options of one command.\n"
            "Exit codes (sysexits.h): 0 ok, 64 usage, 65 some inputs rejected,\n"
            "66 an input missing or unreadable, 69 database unavailable,\n"
            "70 internal error, 75 locked by another run, 77 user or password\n"
            "refused, 78 bad pipeline file, malformed DSN or bad GAZETTE_LOG.\n");
}

int main(int argc, char **argv)
{
    const struct command *c;

    if (argc < 2) {
        usage(stderr);
        return EX_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0
        || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("gazette %s\n", GZ_VERSION);
        return 0;
    }
    for (c = commands; c->name != NULL; c++)
        if (strcmp(argv[1], c->name) == 0) {
            struct gz_error err = {0};

            if (gz_log_level_check_env(&err) < 0) {
                fprintf(stderr, "gazette: %s\n", err.msg);
                return err.code;
            }
            return c->fn(argc - 1, argv + 1);
        }
    fprintf(stderr, "gazette: unknown command \"%s\"\n", argv[1]);
    usage(stderr);
    return EX_USAGE;
}
