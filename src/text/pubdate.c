/*
 * pubdate.c - publication dates. For now ISO 8601 calendar dates
 * (YYYY-MM-DD); issue 3 adds the other spellings real feeds use.
 */
#include "text/pubdate.h"

#include <ctype.h>

int gz_ymd_valid(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return 0;
    return d <= mdays[m - 1] + (m == 2 && leap);
}

static int digits(const char *s, size_t n, size_t at, size_t count, int *out)
{
    size_t i;
    int v = 0;

    if (at + count > n)
        return -1;
    for (i = 0; i < count; i++) {
        if (!isdigit((unsigned char)s[at + i]))
            return -1;
        v = v * 10 + (s[at + i] - '0');
    }
    *out = v;
    return 0;
}

int gz_pubdate_parse(const char *s, size_t n, const struct gz_pubdate_opts *opts,
                     struct gz_ymd *out, size_t *consumed, const char **why)
{
    int y, m, d;

    (void)opts;
    if (digits(s, n, 0, 4, &y) < 0 || n < 10 || s[4] != '-' || digits(s, n, 5, 2, &m) < 0
        || s[7] != '-' || digits(s, n, 8, 2, &d) < 0
        || (n > 10 && !isspace((unsigned char)s[10]))) {
        *why = "unrecognised date";
        return -1;
    }
    if (!gz_ymd_valid(y, m, d)) {
        *why = "impossible date";
        return -1;
    }
    out->year = y;
    out->month = m;
    out->day = d;
    *consumed = 10;
    return 0;
}
