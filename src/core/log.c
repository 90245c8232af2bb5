#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

static enum gz_log_level min_level = GZ_LOG_INFO;

int gz_log_level_check_env(struct gz_error *err)
{
    static const char *const names[] = {"debug", "info", "warn", "error"};
    const char *v = getenv("GAZETTE_LOG");
    int i;

    if (v == NULL || *v == '\0')
        return 0;
    for (i = 0; i < 4; i++)
        if (strcmp(v, names[i]) == 0) {
            min_level = (enum gz_log_level)i;
            return 0;
        }
    return gz_fail(err, EX_CONFIG, "invalid GAZETTE_LOG \"%s\": expected debug, info, warn or "
                   "error", v);
}

void gz_log_level_from_env(void)
{
    gz_log_level_check_env(NULL);
}

void gz_log(enum gz_log_level level, const char *event, const char *fmt, ...)
{
    static const char *const names[] = {"debug", "info", "warn", "error"};
    char ts[32];
    time_t now;
    struct tm tm;
    va_list ap;

    if (level < min_level)
        return;
    now = time(NULL);
    gmtime_r(&now, &tm);
    strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
    flockfile(stderr);
    fprintf(stderr, "ts=%s level=%s event=%s", ts, names[level], event);
    if (fmt != NULL && fmt[0] != '\0') {
        fputc(' ', stderr);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
    }
    fputc('\n', stderr);
    funlockfile(stderr);
}

const char *gz_q(const char *s)
{
    static _Thread_local char bufs[8][512];
    static _Thread_local int next;
    char *b = bufs[next++ & 7];
    size_t o = 0;

    if (s == NULL)
        return "\"\"";
    if (s[0] != '\0' && strpbrk(s, " \t\n\r\"=\\") == NULL)
        return s;
    b[o++] = '"';
    for (; *s && o < sizeof(bufs[0]) - 4; s++) {
        if (*s == '"' || *s == '\\')
            b[o++] = '\\', b[o++] = *s;
        else if (*s == '\n')
            b[o++] = '\\', b[o++] = 'n';
        else if (*s == '\r' || *s == '\t')
            b[o++] = ' ';
        else
            b[o++] = *s;
    }
    b[o++] = '"';
    b[o] = '\0';
    return b;
}
