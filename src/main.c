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
    {"status",  gz_cmd_status,  "show the last runs, the totals loaded and the last rejects"},
    {"eval",    gz_cmd_eval,    "score the date, entity or name stages against gold data"},
    {"train",   gz_cmd_train,   "train the entity tagger model"},
    {NULL, NULL, NULL},
};

static void usage(FILE *out)
{
    const struct command *c;

    fprintf(out,
            "usage: gazette [-q | -v] [--log-format logfmt|json] COMMAND [options] [args]\n"
            "\n"
            "Batch ETL for news articles: parse, normalise, extract entities, load\n"
            "into PostgreSQL.\n"
            "\n"
            "commands:\n");
    for (c = commands; c->name != NULL; c++)
        fprintf(out, "  %-9s %s\n", c->name, c->summary);
    fprintf(out,
            "\n"
            "Options before COMMAND apply to every command (`run` takes them after\n"
            "its name too); they override the environment:\n"
            "  -q, --quiet      log warnings and errors only (GAZETTE_LOG=warn)\n"
            "  -v, --verbose    log debug lines too (GAZETTE_LOG=debug)\n"
            "  --log-format F   logfmt (key=value lines, the default) or json (one\n"
            "                   object per line); also GAZETTE_LOG_FORMAT\n"
            "\n"
            "Run `gazette COMMAND --help` for the options of one command.\n"
            "Exit codes (sysexits.h): 0 ok, 64 usage, 65 some inputs rejected,\n"
            "66 an input missing or unreadable, 69 database unavailable,\n"
            "70 internal error, 73 run --metrics-file not writable, 74 database\n"
            "server out of disk or memory, 75 locked by another run, 77 user or\n"
            "password refused, 78 bad pipeline file,\n"
            "malformed DSN, bad GAZETTE_LOG or GAZETTE_LOG_FORMAT.\n");
}

/* The global options before the command: the index of the command, or -1
 * after a message (*rc: the exit code). */
static int global_options(int argc, char **argv, int *rc)
{
    enum gz_log_format format;
    int i;

    for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
        const char *a = argv[i], *v = NULL;

        if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            gz_log_set_level(GZ_LOG_WARN);
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            gz_log_set_level(GZ_LOG_DEBUG);
        } else if (strcmp(a, "--log-format") == 0 || strncmp(a, "--log-format=", 13) == 0) {
            v = a[12] == '=' ? a + 13 : i + 1 < argc ? argv[++i] : NULL;
            if (v == NULL) {
                fputs("gazette: option --log-format needs a value\n", stderr);
                *rc = EX_USAGE;
                return -1;
            }
            if (gz_log_format_parse(v, &format) < 0) {
                fprintf(stderr, "gazette: invalid value \"%s\" for --log-format: expected "
                        "logfmt or json\n", v);
                *rc = EX_USAGE;
                return -1;
            }
            gz_log_set_format(format);
        } else {
            break;                      /* --help, --version, or unknown */
        }
    }
    return i;
}

int main(int argc, char **argv)
{
    const struct command *c;
    int first, rc = 0;

    if ((first = global_options(argc, argv, &rc)) < 0)
        return rc;
    if (first >= argc) {
        usage(stderr);
        return EX_USAGE;
    }
    if (strcmp(argv[first], "--help") == 0 || strcmp(argv[first], "-h") == 0
        || strcmp(argv[first], "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[first], "--version") == 0 || strcmp(argv[first], "-V") == 0) {
        printf("gazette %s\n", GZ_VERSION);
        return 0;
    }
    for (c = commands; c->name != NULL; c++)
        if (strcmp(argv[first], c->name) == 0) {
            struct gz_error err = {0};

            if (gz_log_format_check_env(&err) < 0) {
                fprintf(stderr, "gazette: %s\n", err.msg);
                return err.code;
            }
            if (gz_log_level_check_env(&err) < 0)
                return gz_cli_fail(&err);
            return c->fn(argc - first, argv + first);
        }
    if (argv[first][0] == '-')
        fprintf(stderr, "gazette: unknown option \"%s\"\n", argv[first]);
    else
        fprintf(stderr, "gazette: unknown command \"%s\"\n", argv[first]);
    usage(stderr);
    return EX_USAGE;
}
