/*
 * amounts.h - rule-based MONEY, PERCENT and QUANTITY spans over tokens.
 *
 *   "2 %" / "2 pct" / "2.5 per cent"         -> PERCENT
 *   "8.75 dlrs", "$ 3 billion", "US$ 5"       -> MONEY
 *   "40 mln Canadian dlrs", "5 yen"           -> MONEY
 *   "537,609 shares", "1.2 mln tonnes"        -> QUANTITY
 *
 * A number is a token of digits with ',' and '.' inside (8.75, 537,609), or
 * a number word (one ... twelve, a); it may be followed by a scale word
 * (million, mln, billion, bln, thousand).
 */
#ifndef GZ_AMOUNTS_H
#define GZ_AMOUNTS_H

#include <stddef.h>

#include "text/tokenize.h"

enum gz_amount_type { GZ_AMOUNT_MONEY, GZ_AMOUNT_PERCENT, GZ_AMOUNT_QUANTITY };

struct gz_amount {
    size_t start, end;          /* token indices, end-exclusive */
    enum gz_amount_type type;
};

/* "MONEY", "PERCENT", "QUANTITY". */
const char *gz_amount_type_name(enum gz_amount_type type);

/* Find the amounts among tokens t[0..n) of text, left to right without
 * overlaps; writes them to out (room for n) and returns how many. */
size_t gz_amounts_find(const char *text, const struct gz_token *t, size_t n,
                       struct gz_amount *out);

#endif
