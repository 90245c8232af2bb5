/*
 * pubdate.c - publication dates in the spellings real feeds use.
 *
 *   "2024-02-22", "2024-02-22T10:04:00+01:00"  ISO 8601, with or without time
 *   "Thu, 22 Feb 2024 10:04:00 +0100"          RFC 2822 / 1123
 *   "22 February 2024", "Feb. 22, 2024"        written out
 *   "22.02.2024", "2024/02/22"                 numeric, unambiguous order
 *   "22/02/2024", "02/22/2024", "02/03/2024"   numeric, order by day_first
 *   "1708596240"                               Unix epoch seconds (UTC)
 *
 * Each format is one small parser over a cursor; they are tried in turn and
 * the first that recognises the text decides. A recognised shape with
 * impossible values is rejected with its reason rather than read another way.
 */
#include "dates/pubdate.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "dates/calendar.h"

int gz_ymd_valid(int y, int m, int d)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return 0;
    return d <= gz_cal_month_days(y, m);
}

struct cur {
    const char *s;
    size_t n, i;
};

/* Result of one format parser. */
enum { NOT_THIS = 0, PARSED = 1, BAD = -1 };

struct parsed {
    int y, m, d;
    int wday;                   /* 1..7 when a weekday was written, else 0 */
    const char *why;            /* reason when BAD */
};

static int peek(const struct cur *c)
{
    return c->i < c->n ? (unsigned char)c->s[c->i] : -1;
}

static int eat(struct cur *c, int ch)
{
    if (peek(c) != ch)
        return 0;
    c->i++;
    return 1;
}

static void skip_blanks(struct cur *c)
{
    while (peek(c) == ' ' || peek(c) == '\t')
        c->i++;
}

/* Read min..max digits as a number; 0 if there are fewer than min. */
static int number(struct cur *c, int min, int max, int *out)
{
    int k = 0, v = 0;

    while (k < max && isdigit(peek(c))) {
        v = v * 10 + (c->s[c->i++] - '0');
        k++;
    }
    if (k < min || isdigit(peek(c))) {
        c->i -= (size_t)k;
        return 0;
    }
    *out = v;
    return 1;
}

/* The date ends at the end of the text or before blank space. */
static int at_boundary(const struct cur *c)
{
    return c->i >= c->n || isspace(peek(c));
}

static size_t word_len(const struct cur *c)
{
    size_t k = 0;

    while (c->i + k < c->n && isalpha((unsigned char)c->s[c->i + k]))
        k++;
    return k;
}

/* Index 1..12 (or 1..7) of a name in names[] matched in full or by its
 * first three letters ("sept" too), with an optional dot; 0 if none. */
static int name_index(struct cur *c, const char *const *names, int count)
{
    size_t k = word_len(c);
    int i;

    for (i = 0; i < count && k >= 3; i++) {
        size_t full = strlen(names[i]);

        if ((k == full || k == 3 || (k == 4 && strncasecmp(names[i], "sept", 4) == 0))
            && strncasecmp(c->s + c->i, names[i], k) == 0) {
            c->i += k;
            eat(c, '.');
            return i + 1;
        }
    }
    return 0;
}

static const char *const months[] = {
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
};
static const char *const weekdays[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

/* hh:mm[:ss[.fff]] after a date; 1 when read (or absent), -1 when impossible. */
static int clock(struct cur *c, struct parsed *p)
{
    size_t at = c->i;
    int h, m, sec = 0;

    if (!number(c, 1, 2, &h) || !eat(c, ':') || !number(c, 2, 2, &m)) {
        c->i = at;
        return 0;
    }
    if (eat(c, ':') && !number(c, 2, 2, &sec)) {
        c->i = at;
        return 0;
    }
    if (eat(c, '.') || eat(c, ','))
        while (isdigit(peek(c)))
            c->i++;
    if (h > 24 || m > 59 || sec > 60) {
        p->why = "impossible time";
        return -1;
    }
    return 1;
}

/* Z, +01:00, +0100, -05 or a named zone (GMT, EST ...). */
static void zone(struct cur *c, int named)
{
    static const char *const names[] = {"UT", "UTC", "GMT", "Z", "EST", "EDT", "CST", "CDT",
                                        "MST", "MDT", "PST", "PDT", "CET", "CEST", "BST"};
    size_t at = c->i, k, i;
    int v;

    if (eat(c, 'Z'))
        return;
    if (eat(c, '+') || eat(c, '-')) {
        if (number(c, 4, 4, &v) || (number(c, 2, 2, &v) && (!eat(c, ':') || number(c, 2, 2, &v))))
            return;
        c->i = at;
        return;
    }
    k = word_len(c);
    for (i = 0; named && i < sizeof(names) / sizeof(names[0]); i++)
        if (strlen(names[i]) == k && strncmp(c->s + c->i, names[i], k) == 0) {
            c->i += k;
            return;
        }
}

/* An optional " hh:mm[:ss] [zone]" after a written-out date. */
static int optional_time(struct cur *c, struct parsed *p)
{
    size_t at = c->i;
    int r;

    skip_blanks(c);
    r = clock(c, p);
    if (r <= 0) {
        c->i = at;
        return r;
    }
    at = c->i;
    skip_blanks(c);
    zone(c, 1);
    if (c->i == at || !at_boundary(c))
        c->i = at;
    return 1;
}

/* 2024-02-22[Thh:mm[:ss][zone]] */
static int parse_iso(struct cur *c, struct parsed *p)
{
    size_t at;

    if (!number(c, 4, 4, &p->y) || !eat(c, '-') || !number(c, 2, 2, &p->m) || !eat(c, '-')
        || !number(c, 2, 2, &p->d))
        return NOT_THIS;
    at = c->i;
    if (eat(c, 'T') || eat(c, ' ')) {
        int r = clock(c, p);

        if (r < 0)
            return BAD;
        if (r == 0)
            c->i = at;
        else
            zone(c, 0);
    }
    return at_boundary(c) ? PARSED : NOT_THIS;
}

/* "Thu, " or "Thursday " before a date: noted, checked against it later. */
static void optional_weekday(struct cur *c, struct parsed *p)
{
    p->wday = name_index(c, weekdays, 7);
    if (p->wday) {
        eat(c, ',');
        skip_blanks(c);
    }
}

/* The end of a written-out date: "2024", an optional time, a boundary. */
static int year_then_time(struct cur *c, struct parsed *p)
{
    if (!number(c, 4, 4, &p->y))
        return NOT_THIS;
    if (optional_time(c, p) < 0)
        return BAD;
    return at_boundary(c) ? PARSED : NOT_THIS;
}

/* [Thu, ]22 Feb 2024 [10:04:00 +0100] and 22 February 2024 */
static int parse_day_month_year(struct cur *c, struct parsed *p)
{
    optional_weekday(c, p);
    if (!number(c, 1, 2, &p->d))
        return NOT_THIS;
    skip_blanks(c);
    if (!(p->m = name_index(c, months, 12)))
        return NOT_THIS;
    skip_blanks(c);
    return year_then_time(c, p);
}

/* [Thursday, ]Feb. 22, 2024 [10:04] */
static int parse_month_day_year(struct cur *c, struct parsed *p)
{
    optional_weekday(c, p);
    if (!(p->m = name_index(c, months, 12)))
        return NOT_THIS;
    skip_blanks(c);
    if (!number(c, 1, 2, &p->d))
        return NOT_THIS;
    eat(c, ',');
    skip_blanks(c);
    return year_then_time(c, p);
}

/* 2024/02/22 */
static int parse_ymd_slash(struct cur *c, struct parsed *p)
{
    if (!number(c, 4, 4, &p->y) || !eat(c, '/') || !number(c, 1, 2, &p->m) || !eat(c, '/')
        || !number(c, 1, 2, &p->d) || optional_time(c, p) < 0)
        return NOT_THIS;
    return at_boundary(c) ? PARSED : NOT_THIS;
}

/* 22.02.2024 (the dotted form is always day first) */
static int parse_dotted(struct cur *c, struct parsed *p)
{
    if (!number(c, 1, 2, &p->d) || !eat(c, '.') || !number(c, 1, 2, &p->m) || !eat(c, '.')
        || !number(c, 4, 4, &p->y))
        return NOT_THIS;
    if (optional_time(c, p) < 0)
        return BAD;
    return at_boundary(c) ? PARSED : NOT_THIS;
}

/* 22/02/2024, 02/22/2024, 02-22-2024: order by opts->day_first. */
static int parse_numeric(struct cur *c, struct parsed *p, int day_first)
{
    int a, b, sep;

    if (!number(c, 1, 2, &a) || (peek(c) != '/' && peek(c) != '-'))
        return NOT_THIS;
    sep = c->s[c->i++];
    if (!number(c, 1, 2, &b) || !eat(c, sep) || !number(c, 4, 4, &p->y))
        return NOT_THIS;
    if (optional_time(c, p) < 0)
        return BAD;
    if (!at_boundary(c))
        return NOT_THIS;
    if (day_first < 0 && a <= 12 && b <= 12 && a != b) {
        p->why = "ambiguous day/month order (set day_first)";
        return BAD;
    }
    if (day_first > 0 || (day_first < 0 && a > 12))
        p->d = a, p->m = b;
    else
        p->m = a, p->d = b;
    return PARSED;
}

/* 1708596240: seconds since 1970-01-01 UTC (9 to 11 digits). */
static int parse_epoch(struct cur *c, struct parsed *p)
{
    long long v = 0;
    int k = 0;
    struct gz_ymd d;

    while (k < 12 && isdigit(peek(c)))
        v = v * 10 + (c->s[c->i++] - '0'), k++;
    if (k < 9 || k > 11 || !at_boundary(c))
        return NOT_THIS;
    d = gz_cal_from_days((long)(v / 86400));
    p->y = d.year, p->m = d.month, p->d = d.day;
    return PARSED;
}

static int try_formats(struct cur *c, struct parsed *p, int day_first)
{
    size_t start = c->i;
    int r, k;

    for (k = 0; k < 7; k++) {
        memset(p, 0, sizeof(*p));
        c->i = start;
        switch (k) {
        case 0: r = parse_iso(c, p); break;
        case 1: r = parse_day_month_year(c, p); break;
        case 2: r = parse_month_day_year(c, p); break;
        case 3: r = parse_ymd_slash(c, p); break;
        case 4: r = parse_dotted(c, p); break;
        case 5: r = parse_numeric(c, p, day_first); break;
        default: r = parse_epoch(c, p); break;
        }
        if (r != NOT_THIS)
            return r;
    }
    p->why = "unrecognised date";
    return BAD;
}

int gz_pubdate_parse(const char *s, size_t n, const struct gz_pubdate_opts *opts,
                     struct gz_ymd *out, size_t *consumed, const char **why)
{
    struct cur c = {s, n, 0};
    struct parsed p;
    int day_first = opts != NULL ? opts->day_first : -1;

    if (try_formats(&c, &p, day_first) != PARSED) {
        *why = p.why;
        return -1;
    }
    if (!gz_ymd_valid(p.y, p.m, p.d)) {
        *why = "impossible date";
        return -1;
    }
    if (p.wday && p.wday != gz_cal_weekday(gz_cal_days(p.y, p.m, p.d))) {
        *why = "weekday does not match the date";
        return -1;
    }
    out->year = p.y, out->month = p.m, out->day = p.d;
    *consumed = c.i;
    return 0;
}
