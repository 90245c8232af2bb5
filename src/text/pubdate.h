/*
 * pubdate.h - the publication date of an article, as written in its header
 * line or CSV column.
 *
 *   "2024-02-22 Mark Rutte ..."  -> 2024-02-22, consumed 10
 *   "2024-02-30"                 -> error "impossible date 2024-02-30"
 */
#ifndef GZ_PUBDATE_H
#define GZ_PUBDATE_H

#include <stddef.h>

#include "core/article.h"

struct gz_pubdate_opts {
    int day_first;      /* 1: 02/03/2024 is 2 March; 0: 3 February; -1: reject ambiguous */
};

/* Parse a date at the start of s[0..n). On success fill *out, set *consumed
 * to the bytes that made up the date (trailing blanks not included) and
 * return 0. On failure return -1 and point *why at a static reason such as
 * "impossible date" or "unrecognised date". */
int gz_pubdate_parse(const char *s, size_t n, const struct gz_pubdate_opts *opts,
                     struct gz_ymd *out, size_t *consumed, const char **why);

/* 1 when y-m-d exists in the proleptic Gregorian calendar. */
int gz_ymd_valid(int y, int m, int d);

#endif
