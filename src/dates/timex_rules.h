/*
 * timex_rules.h - the rule table of the temporal tagger, for the matcher
 * (timex.c) that compiles and runs it. A row is a pattern over word
 * classes and the resolver that turns a match into a value:
 *
 *   {"MONTH DAY ,? YEAR", r_mdy, NO_ARG}     Feb. 22, 2024 -> 2024-02-22
 *   {"NUM -? UNIT|UNITS of age", r_silent, NO_ARG}   an age: nothing
 *
 * The context tests and calendar outputs the resolvers use
 * (timex_context.c) do not see this table.
 */
#ifndef GZ_TIMEX_RULES_H
#define GZ_TIMEX_RULES_H

#include "dates/timex_internal.h"

/* A resolver: R_EMIT with *o filled, R_SILENT (a match that is no
 * expression, such as an age) or R_REJECT (let another rule try). */
typedef int resolve_fn(const struct ctx *c, const struct match *m, int arg, struct out *o);

struct rule {
    const char *pattern;
    resolve_fn *resolve;
    int arg;
};

/* The rule table, tried in order; earlier wins a tie. At most
 * TX_MAX_RULES rows (checked at compile time). */
extern const struct rule tx_rules[];
extern const int tx_nrules;

#endif
