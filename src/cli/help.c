/* help.c - the conventions every subcommand shares: --help, one-line
 * option errors, whole-number options. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"

int gz_wants_help(int argc, char **argv, const char *usage)
{
    int i;

    for (i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            return 1;
        }
    return 0;
}

int gz_cli_usage_error(const char *cmd)
{
    fprintf(stderr, "see gazette %s --help\n", cmd);
    return EX_USAGE;
}

int gz_cli_bad_option(const char *cmd, int c, int optopt_, char **argv, int optind_)
{
    if (c == ':')
        fprintf(stderr, "gazette %s: option %s needs a value\n", cmd, argv[optind_ - 1]);
    else if (optopt_ != 0)
        fprintf(stderr, "gazette %s: unknown option \"-%c\"\n", cmd, optopt_);
    else
        fprintf(stderr, "gazette %s: unknown option \"%s\"\n", cmd, argv[optind_ - 1]);
    return gz_cli_usage_error(cmd);
}

int gz_cli_number(const char *cmd, const char *opt, const char *s, long lo, long hi, long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || errno != 0 || v < lo || v > hi) {
        fprintf(stderr, "gazette %s: invalid value \"%s\" for %s: expected a whole number "
                "from %ld to %ld\n", cmd, s, opt, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}
