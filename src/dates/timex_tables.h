/*
 * timex_tables.h - the vocabulary of the temporal tagger, as data.
 *
 * Each word of a word class is one row: its lowercase spelling, the
 * class and a value in that class.
 *
 *   {"feb",      TX_MONTH, 2, TX_F_ABBR}     "Feb." -> month 2
 *   {"thursday", TX_WDAY,  4, 0}             ISO weekday, Monday is 1
 *   {"thursdays", TX_WDAYS, 4, 0}            every Thursday (a SET)
 *   {"decades",  TX_UNITS, TX_U_DECADE, 0}   plural unit
 *   {"recently", TX_REF,   TX_REF_PAST, 0}   -> PAST_REF
 *
 * A word may have several rows ("second" is an ordinal and a unit). The
 * patterns that combine classes live in the rule table of timex_rules.c;
 * timex.c gives each class its name in them ("MONTH", "WDAY").
 *
 * Words that a rule or a context test looks for by name, not by class,
 * are in word lists: gz_tx_zones = {"gmt", "utc", ..., "local", NULL}.
 */
#ifndef GZ_TIMEX_TABLES_H
#define GZ_TIMEX_TABLES_H

#include <stdint.h>

/* Word classes (bit numbers); a token carries a mask of them. A class is
 * added with one name here (and its pattern name in timex.c). */
enum tx_class {
    TX_MONTH, TX_WDAY, TX_UNIT, TX_UNITS, TX_NUMW, TX_TENS, TX_ORD, TX_SEASON,
    TX_PART, TX_REL, TX_REF, TX_MOD, TX_FUZZY, TX_SETW, TX_HOL, TX_DAYREL,
    TX_APPROX, TX_FUT, TX_PASTV, TX_MEASURE, TX_AMPM, TX_PREP, TX_LIT,
    TX_WDAYS, TX_PARTS,
    /* classes given to number tokens by the tokenizer */
    TX_NUM, TX_YEAR, TX_DAY, TX_DECADE, TX_CLOCK, TX_QNUM, TX_WEEKNUM,
    TX_NCLASS
};

/* A set of word classes, bit TX_BIT(c) for class c. */
typedef uint64_t tx_mask;
#define TX_BIT(c) ((tx_mask)1 << (c))
_Static_assert(TX_NCLASS <= 64, "word classes must fit in a tx_mask");

/* Units, in increasing size. */
enum tx_unit {
    TX_U_SECOND, TX_U_MINUTE, TX_U_HOUR, TX_U_DAY, TX_U_WEEKEND, TX_U_WEEK,
    TX_U_FORTNIGHT, TX_U_MONTH, TX_U_QUARTER, TX_U_HALF, TX_U_YEAR, TX_U_DECADE,
    TX_U_CENTURY, TX_U_MILLENNIUM
};

/* TX_FUT values: a plain cue; a weak one that gives way to a past verb
 * after the date ("until", "planned for"); a future verb, which counts
 * after the date too ("On Tuesday, the league will"). */
enum tx_fut { TX_FUT_CUE, TX_FUT_WEAK, TX_FUT_VERB };

/* TX_REF values. */
enum tx_ref { TX_REF_PRESENT, TX_REF_PAST, TX_REF_FUTURE };

/* TX_MOD values. No output uses them yet: "late November" is 2023-11 with
 * the whole month for its range (TimeML keeps them in mod, which struct
 * gz_timex does not have). */
enum tx_mod { TX_MOD_EARLY, TX_MOD_MID, TX_MOD_LATE };

/* Row flags. */
#define TX_F_ABBR 1     /* may be followed by "."; needs a capital to count */
#define TX_F_CAP  2     /* only counts when written with a capital ("May") */
#define TX_F_DOT  4     /* may be followed by "." ("a.m.") */

struct tx_word {
    const char *word;           /* lowercase */
    enum tx_class cls;
    int value;
    int flags;
};

extern const struct tx_word gz_tx_words[];
extern const int gz_tx_nwords;

/* How a unit is written in a TIMEX3 value: P<n><letter>, PT<n><letter> when
 * time_part, the count multiplied by factor (a decade is P10Y); and n and a
 * half of it, when the half is written in the next smaller unit as TimeBank
 * does ("P%dY6M": two and a half years are P2Y6M), else NULL. */
struct tx_unit_info {
    char letter;
    int  time_part;
    int  factor;
    const char *half;
};
extern const struct tx_unit_info gz_tx_units[];

/* Parts of the day, indexed by TX_PART value: "MO", "AF", "EV", "NI". */
extern const char *const gz_tx_parts[];
/* Seasons, indexed by TX_SEASON value: "SP", "SU", "FA", "WI". */
extern const char *const gz_tx_seasons[];
extern const int gz_tx_season_start[];   /* first month of each season */
/* References, indexed by enum tx_ref. */
extern const char *const gz_tx_refs[];

/* Holidays, indexed by TX_HOL value. */
enum tx_hol_kind { TX_HOL_FIXED, TX_HOL_NTH, TX_HOL_EASTER };
struct tx_holiday {
    enum tx_hol_kind kind;
    int month, day;             /* FIXED: month/day; NTH, EASTER: days after */
    int wday, nth;              /* NTH: weekday and n (-1 last) of month */
    int needs_day;              /* "Labor" alone is not the holiday */
};
extern const struct tx_holiday gz_tx_holidays[];
#define TX_HOL_NEW_YEAR 8

/* Word lists (lowercase, each ending in NULL), read with tx_tok_in; a
 * word is added to its list in timex_tables.c and nowhere else.
 * Read by the rules (timex_rules.c): */
extern const char *const gz_tx_day_preps[];         /* "scheduled for July one" */
extern const char *const gz_tx_positions[];         /* bought for a month: "May shipment" */
extern const char *const gz_tx_positions_plural[];  /* after a pair: "June/July deliveries" */
extern const char *const gz_tx_currencies[];        /* a price: "June/July at 2,375 dlrs" */
extern const char *const gz_tx_grains[];            /* a season as a grain: "winter wheat" */
extern const char *const gz_tx_year_end_near[];     /* before a year-end: "at year-end" */
extern const char *const gz_tx_deadline_preps[];    /* a deadline: "by year-end" */
/* Read by the context tests (timex_context.c): */
extern const char *const gz_tx_abbrevs[];           /* no sentence end: "Mr.", "Inc." */
extern const char *const gz_tx_zones[];             /* "1530 GMT", "1700 local" */
extern const char *const gz_tx_schedule_verbs[];    /* "the meeting opens Monday" */
extern const char *const gz_tx_moves_to[];          /* headline "TO" as "to": "RISES TO" */
extern const char *const gz_tx_cause_words[];       /* "due to" as a cause: "due to a rise" */
extern const char *const gz_tx_reporting_verbs[];   /* reported speech: "said", "told" */
extern const char *const gz_tx_postpone_stems[];    /* a deadline moved: "extended" */
extern const char *const gz_tx_plan_verbs[];        /* a plan: "to attend ... on Friday" */
extern const char *const gz_tx_deictic[];           /* the writer's time in a story: "ago" */
extern const char *const gz_tx_deictic_unless_the[]; /* "last week", not "the last day" */

#endif
