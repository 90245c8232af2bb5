/* help.c - the --help convention shared by every subcommand. */
#include <stdio.h>
#include <string.h>

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
