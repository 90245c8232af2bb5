/* eval_dates.c - placeholder until issue 3 lands; replaced by its implementation. */
#include <stdio.h>
#include <sysexits.h>

#include "cli/cli.h"

int gz_eval_dates(int argc, char **argv)
{
    (void)argc;
    fprintf(stderr, "gazette: %s is not available in this build yet\n", argv[0]);
    return EX_UNAVAILABLE;
}
