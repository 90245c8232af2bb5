/* help.c - the conventions every subcommand shares: --help, one-line
 * option errors, whole-number options, and errors that follow the log
 * format (a JSON line under --log-format json). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "core/log.h"

/* A usage error was printed as a JSON line: the "see --help" hint is in it. */
static int json_usage_printed;

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
    if (gz_log_format() != GZ_LOG_JSON)
        fprintf(stderr, "see gazette %s --help\n", cmd);
    else if (!json_usage_printed)
        gz_log(GZ_LOG_ERROR, "usage_error", "command=%s help=\"see gazette %s --help\"",
               gz_q(cmd), cmd);
    return EX_USAGE;
}

void gz_cli_error(const char *cmd, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (gz_log_format() != GZ_LOG_JSON) {
        fprintf(stderr, "gazette %s: %s\n", cmd, msg);
        return;
    }
    gz_log(GZ_LOG_ERROR, "usage_error", "command=%s message=%s help=\"see gazette %s --help\"",
           gz_q(cmd), gz_q(msg), cmd);
    json_usage_printed = 1;
}

int gz_cli_fail(const struct gz_error *err)
{
    int code = err->code ? err->code : EX_CONFIG;

    if (gz_log_format() == GZ_LOG_JSON)
        gz_log(GZ_LOG_ERROR, code == EX_CONFIG ? "config_error" : "error", "code=%d message=%s",
               code, gz_q(err->msg));
    else
        fprintf(stderr, "gazette: %s\n", err->msg);
    return code;
}

int gz_cli_bad_option(const char *cmd, int c, int optopt_, char **argv, int optind_)
{
    if (c == ':')
        gz_cli_error(cmd, "option %s needs a value", argv[optind_ - 1]);
    else if (optopt_ != 0)
        gz_cli_error(cmd, "unknown option \"-%c\"", optopt_);
    else
        gz_cli_error(cmd, "unknown option \"%s\"", argv[optind_ - 1]);
    return gz_cli_usage_error(cmd);
}

int gz_cli_number(const char *cmd, const char *opt, const char *s, long lo, long hi, long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || errno != 0 || v < lo || v > hi) {
        gz_cli_error(cmd, "invalid value \"%s\" for %s: expected a whole number from %ld to %ld",
                     s, opt, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}
