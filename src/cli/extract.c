/* extract.c - placeholder while the foundation is built. */
#include <stdio.h>
#include <sysexits.h>

#include "cli/cli.h"

int gz_cmd_extract(int argc, char **argv)
{
    (void)argc;
    fprintf(stderr, "gazette: %s is not available in this build yet\n", argv[0]);
    return EX_UNAVAILABLE;
}
