/*
 * timex_internal.h - what the parts of the temporal tagger share: timex.c
 * (lexicon, tokens, pattern compiling and matching, the public
 * gz_timex_find), timex_rules.c (the rule table and its resolvers) and
 * timex_context.c (the calendar outputs and context tests the resolvers
 * use), all three reading the vocabulary of timex_tables.c. Each uses
 * only the ones after it: timex.c calls timex_rules.c (the rule table
 * alone, declared in timex_rules.h) and timex_context.c, timex_rules.c
 * calls timex_context.c, and timex_context.c calls neither and includes
 * only this header. Not for use outside src/dates/timex*.
 */
#ifndef GZ_TIMEX_INTERNAL_H
#define GZ_TIMEX_INTERNAL_H

#include <limits.h>
#include <stdint.h>

#include "dates/timex.h"
#include "dates/timex_tables.h"

/* Words of the lexicon are shorter than WORD_MAX (the build aborts when
 * one of the tables or a pattern has a longer one). */
#define WORD_MAX  24

/* Rules the matcher can hold; timex_rules.c checks its table against
 * it at compile time. Past it, raise it: a rule set grows by 64 rules. */
#define TX_MAX_RULES 256
#define RULE_WORDS   (TX_MAX_RULES / 64)
_Static_assert(TX_MAX_RULES % 64 == 0, "a rule set is made of 64-bit words");

/* A set of rules (bit r for tx_rules[r]). */
struct rule_set {
    uint64_t w[RULE_WORDS];
};

struct lex_entry {
    char     word[WORD_MAX];
    tx_mask  mask;              /* TX_BIT(class) of every row of the word */
    tx_mask  capmask;           /* classes that need a capital letter */
    tx_mask  abbrmask;          /* classes written as abbreviations */
    struct rule_set starts;     /* rules this word, as a literal, can begin */
    int      val[TX_NCLASS];
};

enum tok_kind { T_WORD, T_NUM, T_PUNCT };

struct tok {
    unsigned start, end;        /* bytes */
    tx_mask  mask;              /* classes */
    unsigned char kind, space_before, para_before, ch;
    int num;                    /* value of a number token */
    const struct lex_entry *lex;
};

struct cap {
    int tok, val;
};

struct match {
    int start, end;             /* tokens, end-exclusive */
    struct cap cap[TX_NCLASS];  /* first token of each class, tok -1 if none */
    struct cap again;           /* a class seen a second time ("nineteen ninety") */
};

/* The last date the text named, for anaphoric expressions ("that year",
 * "the following month", "the next day") and for stories of another time,
 * which are read from it ("June 10", "two days later"). gran: A_NONE, then
 * A_YEAR < A_MONTH < A_DAY. */
enum { A_NONE, A_YEAR, A_MONTH, A_DAY };

struct anchor {
    int y, m, d, gran;
    int written;                /* the year was written, not derived */
    int tok, end;               /* its tokens [tok, end) */
};

struct ctx {
    const char *text;
    const struct tok *t;
    int ntok;
    long ref;                   /* day number of the reference date */
    struct gz_ymd refd;
    struct anchor *an;          /* updated after an emitted DATE/TIME (in a story one
                                   whose year is written or read from the story's
                                   time), not after "since" */
    struct anchor *last;        /* the last DATE/TIME emitted, story or not */
    int story;                  /* most years written are far from the reference */
    int in_story;               /* ref is the story's time (tx_narrative_ctx) */
    int headline;               /* a short text in capitals ("GM TO CLOSE PLANT IN AUGUST") */
    const unsigned char *clocks;    /* bit hhmm set: written as a time of day somewhere */
    int year_before;            /* writes the year before the reference more than its own */
};

#define TX_CLOCK_BYTES (2400 / 8)

struct out {
    const char *type;
    char value[40];
    long lo, hi;                /* day numbers of [start, end), NO_RANGE if none */
    int written;                /* the year is in the text ("June 1940") */
};

/* out.lo when the value is no calendar interval; day numbers count from
 * 1970, so any negative number may be a real day (1944-01-01 is -9497). */
#define NO_RANGE LONG_MIN

enum { R_REJECT = -1, R_EMIT = 0, R_SILENT = 1 };

static inline int is_alpha(int c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static inline int is_digit(int c) { return c >= '0' && c <= '9'; }
static inline int is_upper(int c) { return c >= 'A' && c <= 'Z'; }

/* Which way from the reference a date written without its year points.
 * D_BEFORE and D_AFTER exclude the reference itself ("last Monday", "next
 * Monday"); D_DEADLINE is the nearest, past or future alike ("repay the
 * loan by February", "return the boy by Jan. 14" said the day after); so
 * is D_STORY, the nearest to a story's own time, which moves forward as
 * often as back. */
enum dir { D_NEAREST, D_PAST, D_FUTURE, D_BEFORE, D_AFTER, D_DEADLINE, D_STORY };

/* Distance to the reference; news speaks of the past more than the future,
 * so a future position counts FUTURE_WEIGHT times as far. */
#define FUTURE_WEIGHT 2

/* ---- timex_context.c ------------------------------------------------ */

/* Tokens and matches, for the matcher and the rules ... */
int  tx_has(const struct match *m, int cls);
int  tx_val(const struct match *m, int cls);
int  tx_tok_is(const struct ctx *c, int i, const char *w);
int  tx_tok_in(const struct ctx *c, int i, const char *const *words);
tx_mask tx_mask_at(const struct ctx *c, int i);
int  tx_punct_at(const struct ctx *c, int i, char ch);
int  tx_range_word(const struct ctx *c, int i);
/* ... what the matcher reads of the whole text, and the narrative anchor ... */
int  tx_is_headline(const char *text, size_t n, int ntok);
void tx_note_clocks(const struct ctx *c, unsigned char *clocks);
void tx_note_years(struct ctx *c);
void tx_anchor_note(struct anchor *a, const char *type, const char *v, int written, int tok,
                    int end);
int  tx_narrative(const struct ctx *c);
struct ctx tx_narrative_ctx(const struct ctx *c);
int  tx_deictic(const struct ctx *c, int from, int to);
/* ... the calendar outputs (a value and its range of days) ... */
void tx_out_range(struct out *o, long lo, long hi);
int  tx_out_day(struct out *o, long d);
int  tx_out_month(struct out *o, int y, int m);
int  tx_out_year(struct out *o, int y);
int  tx_out_quarter(struct out *o, int y, int q);
int  tx_out_half(struct out *o, int y, int h);
int  tx_out_season(struct out *o, int y, int s);
int  tx_out_week(struct out *o, long day, int weekend);
int  tx_out_span_years(struct out *o, const char *fmt, int v, int first, int len);
int  tx_out_time(struct out *o, long d, const char *clock);
int  tx_out_amount(struct out *o, const char *type, int n, int unit);
int  tx_out_ref(struct out *o, int r);
/* ... tests of the words nearby ... */
int  tx_capitalised(const struct ctx *c, int i);
int  tx_span_has(const struct ctx *c, const struct match *m, const char *w);
int  tx_is_boundary(const struct ctx *c, int i);
int  tx_near_has(const struct ctx *c, const struct match *m, const char *w, int back);
int  tx_range_year_after(const struct ctx *c, int end);
int  tx_split_year_at(const struct ctx *c, int i);
int  tx_zone_at(const struct ctx *c, int i);
int  tx_clock_by_context(const struct ctx *c, int i);
int  tx_not_year(const struct ctx *c, int i);
int  tx_word_before(const struct ctx *c, int i);
int  tx_past_before(const struct ctx *c, int start);
int  tx_tense_before(const struct ctx *c, int start, int *weak);
int  tx_future_cue(const struct ctx *c, int start);
int  tx_tense_after(const struct ctx *c, int end);
/* ... and the direction of a date, the choice among its candidates. */
enum dir tx_default_dir(const struct ctx *c, const struct match *m, enum dir otherwise);
int  tx_pick(const long *cand, int n, long ref, enum dir dir);
int  tx_pick_year(const struct ctx *c, int m, int d, enum dir dir);
long tx_pick_wday(const struct ctx *c, int wd, enum dir dir);
int  tx_shift_unit(const struct ctx *c, int unit, int n, struct out *o);
int  tx_unit_of(const struct match *m);
int  tx_anchor_shift(const struct ctx *c, int unit, int n, struct out *o);

#endif
