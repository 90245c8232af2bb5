/*
 * pubdate.h - the publication date of an article, as written in its header
 * line or CSV column.
 *
 *   "2024-02-22 Mark Rutte ..."          -> 2024-02-22, consumed 10
 *   "2024-02-22T10:04:00+01:00"          -> 2024-02-22 (the date as written)
 *   "Thu, 22 Feb 2024 10:04:00 +0100"    -> 2024-02-22
 *   "22 February 2024", "Feb. 22, 2024"  -> 2024-02-22
 *   "22.02.2024", "2024/02/22"           -> 2024-02-22
 *   "22/02/2024" (day_first unset)       -> 2024-02-22 (22 cannot be a month)
 *   "02/03/2024" (day_first unset)       -> error "ambiguous day/month order (set day_first)"
 *   "1708596240"                         -> 2024-02-22 (Unix epoch seconds, UTC)
 *   "2024-02-30"                         -> error "impossible date"
 *   "Wed, 22 Feb 2024"                   -> error "weekday does not match the date"
 */
#ifndef GZ_PUBDATE_H
#define GZ_PUBDATE_H

#include <stddef.h>

#include "core/article.h"

struct gz_pubdate_opts {
    int day_first;      /* 1: 02/03/2024 is 2 March; 0: 3 February; -1: reject ambiguous
                           (opts NULL means -1) */
};

/* Parse a date at the start of s[0..n). On success fill *out, set *consumed
 * to the bytes that made up the date (trailing blanks not included) and
 * return 0. On failure return -1 and point *why at a static reason:
 * "unrecognised date", "impossible date", "impossible time", "weekday does
 * not match the date" or "ambiguous day/month order (set day_first)". */
int gz_pubdate_parse(const char *s, size_t n, const struct gz_pubdate_opts *opts,
                     struct gz_ymd *out, size_t *consumed, const char **why);

/* 1 when y-m-d exists in the proleptic Gregorian calendar. */
int gz_ymd_valid(int y, int m, int d);

#endif
