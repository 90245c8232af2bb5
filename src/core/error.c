#include "core/error.h"

#include <stdio.h>
#include <string.h>

int gz_fail(struct gz_error *err, int code, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return -1;
    err->code = code;
    err->retry = 0;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    return -1;
}

void gz_error_prefix(struct gz_error *err, const char *fmt, ...)
{
    char old[GZ_ERR_MSG_MAX];
    va_list ap;
    int n;

    if (err == NULL)
        return;
    memcpy(old, err->msg, sizeof(old));
    va_start(ap, fmt);
    n = vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof(err->msg) - 3)
        return;
    err->msg[n] = ':';
    err->msg[n + 1] = ' ';
    memcpy(err->msg + n + 2, old, sizeof(err->msg) - (size_t)n - 3);
    err->msg[sizeof(err->msg) - 1] = '\0';
}

void gz_error_clear(struct gz_error *err)
{
    if (err == NULL)
        return;
    err->code = 0;
    err->retry = 0;
    err->msg[0] = '\0';
}
