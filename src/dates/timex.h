/*
 * timex.h - find temporal expressions in text and normalise them to TIMEX3
 * (TimeML) type and value, resolved against a reference date (the
 * article's publication date, or the document creation time in eval).
 *
 * src/dates/ owns the dates of an article: its publication date as written
 * in its header line or CSV column (pubdate.c), calendar arithmetic
 * (calendar.c) and this normaliser, the dates its text names. The
 * normaliser is four files, each calling only the ones after it: timex.c
 * (tokens, the lexicon, compiling the patterns and the matcher that runs
 * them), timex_rules.c (the rule table, a pattern and a resolver per kind
 * of expression), timex_context.c (tests of the words around an
 * expression, the direction of a date without a year, the calendar
 * outputs, the anchor of a story) and timex_tables.c (the vocabulary:
 * words by class, word lists); timex_internal.h is what they share and
 * timex_rules.h declares the rule table. The folder includes only
 * src/core/.
 *
 * With the reference 2024-02-22 (a Thursday):
 *   "22 February 2024"        DATE 2024-02-22      [2024-02-22, 2024-02-23)
 *   "on Monday"               DATE 2024-02-19      (news speaks of the past)
 *   "will meet on Monday"     DATE 2024-02-26      (the sentence says future)
 *   "last week"               DATE 2024-W07        [2024-02-12, 2024-02-19)
 *   "the November elections"  DATE 2023-11         (nearest November; a
 *                                                  future one counts double)
 *   "the summer of 2023"      DATE 2023-SU         [2023-06-01, 2023-09-01)
 *   "in winter"               DATE 2023-WI         [2023-12-01, 2024-03-01)
 *                                                  (named by the year it starts)
 *   "Thursday evening"        TIME 2024-02-22TEV
 *   "ten years"               DURATION P10Y
 *   "every week"              SET P1W
 *   "recently"                DATE PAST_REF
 *   "Tuesday nights"          SET XXXX-WXX-2TNI
 *   "2 1/2 years"             DURATION P2Y6M
 *   "57-year-old", "2%", "537,609 shares", "may" the verb   nothing
 *
 * Anaphora take the last date the text named: "in 1988 ... that year" ->
 * 1988, "March 1996 ... the following month" -> 1996-04. A text whose
 * written years are mostly far from the reference (a history) is read from
 * its own dates: "On June 6, 1944 ... On June 10 ... twelve days later" ->
 * 1944-06-10, 1944-06-22; "today", weekdays and "ago" stay on the reference.
 *
 * The vocabulary is in timex_tables.c, the patterns in the rule table of
 * timex_rules.c. Thread-safe: the compiled tables are built once and
 * read-only.
 */
#ifndef GZ_TIMEX_H
#define GZ_TIMEX_H

#include <stddef.h>

#include "core/article.h"

struct gz_timex {
    size_t        start, end;       /* byte offsets into the text, end-exclusive */
    const char   *type;             /* "DATE", "TIME", "DURATION", "SET" (static) */
    char          value[40];        /* TIMEX3 value */
    struct gz_ymd range_start;      /* [start, end) for calendar intervals, */
    struct gz_ymd range_end;        /* year 0 otherwise */
};

/* Called once per expression found, in text order. */
typedef void gz_timex_emit_fn(const struct gz_timex *t, void *ctx);

/* Find every temporal expression in text[0..n) (UTF-8, no NUL needed)
 * relative to ref. Returns the number of expressions emitted; 0 when ref is
 * not a valid date or the text is 4 GB or more. Stops part-way when
 * gz_stop_requested() (core/stop.h): the caller checks it after. */
size_t gz_timex_find(const char *text, size_t n, struct gz_ymd ref,
                     gz_timex_emit_fn *emit, void *ctx);

#endif
