/*
 * timex_tables.c - month, weekday, unit, number, modifier and holiday words
 * of the temporal tagger (see timex_tables.h for the row format), and the
 * word lists its rules and context tests read.
 */
#include "dates/timex_tables.h"

#include <stddef.h>

#define W(w, c, v) {w, c, v, 0}
#define A(w, c, v) {w, c, v, TX_F_ABBR}
#define K(w, c, v) {w, c, v, TX_F_CAP}

const struct tx_word gz_tx_words[] = {
    /* months */
    W("january", TX_MONTH, 1), W("february", TX_MONTH, 2), K("march", TX_MONTH, 3),
    W("april", TX_MONTH, 4), K("may", TX_MONTH, 5), W("june", TX_MONTH, 6),
    W("july", TX_MONTH, 7), W("august", TX_MONTH, 8), W("september", TX_MONTH, 9),
    W("october", TX_MONTH, 10), W("november", TX_MONTH, 11), W("december", TX_MONTH, 12),
    A("jan", TX_MONTH, 1), A("feb", TX_MONTH, 2), A("mar", TX_MONTH, 3),
    A("apr", TX_MONTH, 4), A("jun", TX_MONTH, 6), A("jul", TX_MONTH, 7),
    A("aug", TX_MONTH, 8), A("sep", TX_MONTH, 9), A("sept", TX_MONTH, 9),
    A("oct", TX_MONTH, 10), A("nov", TX_MONTH, 11), A("dec", TX_MONTH, 12),
    /* weekdays */
    W("monday", TX_WDAY, 1), W("tuesday", TX_WDAY, 2), W("wednesday", TX_WDAY, 3),
    W("thursday", TX_WDAY, 4), W("friday", TX_WDAY, 5), W("saturday", TX_WDAY, 6),
    W("sunday", TX_WDAY, 7),
    A("mon", TX_WDAY, 1), A("tue", TX_WDAY, 2), A("tues", TX_WDAY, 2),
    A("wed", TX_WDAY, 3), A("thu", TX_WDAY, 4), A("thurs", TX_WDAY, 4),
    A("fri", TX_WDAY, 5),
    /* plural weekdays and parts of the day: sets ("on Mondays", "Tuesday nights") */
    W("mondays", TX_WDAYS, 1), W("tuesdays", TX_WDAYS, 2), W("wednesdays", TX_WDAYS, 3),
    W("thursdays", TX_WDAYS, 4), W("fridays", TX_WDAYS, 5), W("saturdays", TX_WDAYS, 6),
    W("sundays", TX_WDAYS, 7),
    W("mornings", TX_PARTS, 0), W("afternoons", TX_PARTS, 1), W("evenings", TX_PARTS, 2),
    W("nights", TX_PARTS, 3),
    /* units */
    W("second", TX_UNIT, TX_U_SECOND), W("seconds", TX_UNITS, TX_U_SECOND),
    W("minute", TX_UNIT, TX_U_MINUTE), W("minutes", TX_UNITS, TX_U_MINUTE),
    W("hour", TX_UNIT, TX_U_HOUR), W("hours", TX_UNITS, TX_U_HOUR),
    W("day", TX_UNIT, TX_U_DAY), W("days", TX_UNITS, TX_U_DAY),
    W("weekend", TX_UNIT, TX_U_WEEKEND), W("weekends", TX_UNITS, TX_U_WEEKEND),
    W("week", TX_UNIT, TX_U_WEEK), W("weeks", TX_UNITS, TX_U_WEEK),
    W("fortnight", TX_UNIT, TX_U_FORTNIGHT),
    W("month", TX_UNIT, TX_U_MONTH), W("months", TX_UNITS, TX_U_MONTH),
    W("quarter", TX_UNIT, TX_U_QUARTER), W("quarters", TX_UNITS, TX_U_QUARTER),
    W("year", TX_UNIT, TX_U_YEAR), W("years", TX_UNITS, TX_U_YEAR),
    W("decade", TX_UNIT, TX_U_DECADE), W("decades", TX_UNITS, TX_U_DECADE),
    W("century", TX_UNIT, TX_U_CENTURY), W("centuries", TX_UNITS, TX_U_CENTURY),
    W("millennium", TX_UNIT, TX_U_MILLENNIUM),
    /* number words */
    W("one", TX_NUMW, 1), W("two", TX_NUMW, 2), W("three", TX_NUMW, 3),
    W("four", TX_NUMW, 4), W("five", TX_NUMW, 5), W("six", TX_NUMW, 6),
    W("seven", TX_NUMW, 7), W("eight", TX_NUMW, 8), W("nine", TX_NUMW, 9),
    W("ten", TX_NUMW, 10), W("eleven", TX_NUMW, 11), W("twelve", TX_NUMW, 12),
    W("thirteen", TX_NUMW, 13), W("fourteen", TX_NUMW, 14), W("fifteen", TX_NUMW, 15),
    W("sixteen", TX_NUMW, 16), W("seventeen", TX_NUMW, 17), W("eighteen", TX_NUMW, 18),
    W("nineteen", TX_NUMW, 19), W("twenty", TX_TENS, 20), W("thirty", TX_TENS, 30),
    W("forty", TX_TENS, 40), W("fifty", TX_TENS, 50), W("sixty", TX_TENS, 60),
    W("seventy", TX_TENS, 70), W("eighty", TX_TENS, 80), W("ninety", TX_TENS, 90),
    W("hundred", TX_NUMW, 100), W("dozen", TX_NUMW, 12), W("couple", TX_NUMW, 2),
    /* decades in words: value is the decade's last two digits */
    W("twenties", TX_DECADE, 20), W("thirties", TX_DECADE, 30), W("forties", TX_DECADE, 40),
    W("fifties", TX_DECADE, 50), W("sixties", TX_DECADE, 60), W("seventies", TX_DECADE, 70),
    W("eighties", TX_DECADE, 80), W("nineties", TX_DECADE, 90),
    /* ordinals */
    W("first", TX_ORD, 1), W("second", TX_ORD, 2), W("third", TX_ORD, 3),
    W("fourth", TX_ORD, 4), W("fifth", TX_ORD, 5), W("sixth", TX_ORD, 6),
    W("seventh", TX_ORD, 7), W("eighth", TX_ORD, 8), W("ninth", TX_ORD, 9),
    W("tenth", TX_ORD, 10), W("eleventh", TX_ORD, 11), W("twelfth", TX_ORD, 12),
    W("fifteenth", TX_ORD, 15), W("twentieth", TX_ORD, 20), W("twenty-first", TX_ORD, 21),
    W("last", TX_ORD, -1), W("final", TX_ORD, -1),
    /* seasons: value indexes gz_tx_seasons */
    W("spring", TX_SEASON, 0), W("summer", TX_SEASON, 1), W("fall", TX_SEASON, 2),
    W("autumn", TX_SEASON, 2), W("winter", TX_SEASON, 3),
    /* parts of the day: value indexes gz_tx_parts */
    W("morning", TX_PART, 0), W("afternoon", TX_PART, 1), W("evening", TX_PART, 2),
    W("night", TX_PART, 3),
    /* relative words: -1 before the reference, +1 after, 0 the one holding it */
    W("last", TX_REL, -1), W("past", TX_REL, -1), W("previous", TX_REL, -1),
    W("preceding", TX_REL, -1), W("next", TX_REL, 1), W("coming", TX_REL, 1),
    W("following", TX_REL, 1), W("this", TX_REL, 0), W("current", TX_REL, 0),
    W("present", TX_REL, 0), W("latest", TX_REL, -1),
    /* day-relative words: offset in days */
    W("yesterday", TX_DAYREL, -1), W("today", TX_DAYREL, 0), W("tomorrow", TX_DAYREL, 1),
    W("tonight", TX_DAYREL, 0),
    /* references */
    W("now", TX_REF, TX_REF_PRESENT), W("currently", TX_REF, TX_REF_PRESENT),
    W("nowadays", TX_REF, TX_REF_PRESENT), W("recently", TX_REF, TX_REF_PAST),
    W("lately", TX_REF, TX_REF_PAST), W("current", TX_REF, TX_REF_PRESENT),
    /* modifiers */
    W("early", TX_MOD, TX_MOD_EARLY), W("mid", TX_MOD, TX_MOD_MID),
    W("late", TX_MOD, TX_MOD_LATE), W("beginning", TX_MOD, TX_MOD_EARLY),
    W("start", TX_MOD, TX_MOD_EARLY), W("middle", TX_MOD, TX_MOD_MID),
    W("end", TX_MOD, TX_MOD_LATE), W("close", TX_MOD, TX_MOD_LATE),
    /* vague counts: the value is an X */
    W("several", TX_FUZZY, 0), W("few", TX_FUZZY, 0), W("many", TX_FUZZY, 0),
    W("some", TX_FUZZY, 0), W("recent", TX_FUZZY, 0),
    /* frequencies: value is the unit */
    W("hourly", TX_SETW, TX_U_HOUR), W("daily", TX_SETW, TX_U_DAY),
    W("weekly", TX_SETW, TX_U_WEEK), W("monthly", TX_SETW, TX_U_MONTH),
    W("yearly", TX_SETW, TX_U_YEAR),
    /* approximations kept in a duration's span */
    W("nearly", TX_APPROX, 0), W("almost", TX_APPROX, 0), W("about", TX_APPROX, 0),
    W("around", TX_APPROX, 0), W("roughly", TX_APPROX, 0), W("approximately", TX_APPROX, 0),
    W("over", TX_APPROX, 0), W("under", TX_APPROX, 0), W("only", TX_APPROX, 0),
    /* words that put a sentence in the future */
    W("will", TX_FUT, TX_FUT_VERB), W("ll", TX_FUT, TX_FUT_VERB), W("shall", TX_FUT, TX_FUT_VERB),
    W("plans", TX_FUT, TX_FUT_VERB), W("expects", TX_FUT, TX_FUT_VERB), W("sees", TX_FUT, TX_FUT_VERB),
    W("forecasts", TX_FUT, TX_FUT_VERB), W("predicts", TX_FUT, TX_FUT_VERB),
    W("until", TX_FUT, TX_FUT_WEAK), W("planned", TX_FUT, TX_FUT_WEAK),
    W("scheduled", TX_FUT, TX_FUT_WEAK),
    W("upcoming", TX_FUT, TX_FUT_CUE), W("expected", TX_FUT, TX_FUT_CUE),
    W("due", TX_FUT, TX_FUT_CUE), W("going", TX_FUT, TX_FUT_CUE), W("next", TX_FUT, TX_FUT_CUE),
    W("tomorrow", TX_FUT, TX_FUT_CUE), W("planning", TX_FUT, TX_FUT_CUE),
    W("soon", TX_FUT, TX_FUT_CUE), W("plan", TX_FUT, TX_FUT_CUE), W("likely", TX_FUT, TX_FUT_CUE),
    W("postponed", TX_FUT, TX_FUT_CUE), W("payable", TX_FUT, TX_FUT_CUE),
    /* past-tense verbs: right before a weekday they pin it to the past */
    W("said", TX_PASTV, 0), W("told", TX_PASTV, 0), W("met", TX_PASTV, 0),
    W("was", TX_PASTV, 0), W("were", TX_PASTV, 0), W("had", TX_PASTV, 0),
    W("did", TX_PASTV, 0), W("began", TX_PASTV, 0), W("took", TX_PASTV, 0),
    W("made", TX_PASTV, 0), W("held", TX_PASTV, 0), W("gave", TX_PASTV, 0),
    W("saw", TX_PASTV, 0), W("left", TX_PASTV, 0), W("came", TX_PASTV, 0),
    W("went", TX_PASTV, 0), W("spoke", TX_PASTV, 0), W("won", TX_PASTV, 0),
    W("lost", TX_PASTV, 0), W("rose", TX_PASTV, 0), W("fell", TX_PASTV, 0),
    W("sent", TX_PASTV, 0), W("wrote", TX_PASTV, 0), W("found", TX_PASTV, 0),
    W("got", TX_PASTV, 0), W("paid", TX_PASTV, 0), W("led", TX_PASTV, 0),
    W("struck", TX_PASTV, 0), W("shot", TX_PASTV, 0), W("brought", TX_PASTV, 0),
    W("sought", TX_PASTV, 0), W("fought", TX_PASTV, 0), W("bought", TX_PASTV, 0),
    W("sold", TX_PASTV, 0), W("flew", TX_PASTV, 0), W("broke", TX_PASTV, 0),
    W("ran", TX_PASTV, 0), W("chose", TX_PASTV, 0), W("drove", TX_PASTV, 0),
    /* words after a number that make it a quantity, not a year */
    W("shares", TX_MEASURE, 0), W("dlrs", TX_MEASURE, 0), W("dollars", TX_MEASURE, 0),
    W("pct", TX_MEASURE, 0), W("percent", TX_MEASURE, 0), W("tonnes", TX_MEASURE, 0),
    W("tons", TX_MEASURE, 0), W("barrels", TX_MEASURE, 0), W("people", TX_MEASURE, 0),
    W("mln", TX_MEASURE, 0), W("billion", TX_MEASURE, 0), W("million", TX_MEASURE, 0),
    W("points", TX_MEASURE, 0), W("cents", TX_MEASURE, 0), W("yen", TX_MEASURE, 0),
    W("marks", TX_MEASURE, 0), W("feet", TX_MEASURE, 0), W("miles", TX_MEASURE, 0),
    W("meters", TX_MEASURE, 0), W("troops", TX_MEASURE, 0), W("employees", TX_MEASURE, 0),
    W("stg", TX_MEASURE, 0), W("lbs", TX_MEASURE, 0), W("bushels", TX_MEASURE, 0),
    W("acres", TX_MEASURE, 0), W("units", TX_MEASURE, 0), W("vehicles", TX_MEASURE, 0),
    /* clock words */
    {"a.m", TX_AMPM, 0, TX_F_DOT}, W("am", TX_AMPM, 0), {"p.m", TX_AMPM, 12, TX_F_DOT},
    W("pm", TX_AMPM, 12),
    /* prepositions that make a bare year or month plausible */
    W("in", TX_PREP, 0), W("since", TX_PREP, 0), W("by", TX_PREP, 0),
    W("from", TX_PREP, 0), W("before", TX_PREP, 0), W("after", TX_PREP, 0),
    W("during", TX_PREP, 0), W("through", TX_PREP, 0), W("of", TX_PREP, 0),
    W("to", TX_PREP, 0), W("on", TX_PREP, 0), W("till", TX_PREP, 0),
    W("for", TX_PREP, 0), W("within", TX_PREP, 0), W("until", TX_PREP, 0),
    /* holidays: value indexes gz_tx_holidays */
    W("christmas", TX_HOL, 0), W("thanksgiving", TX_HOL, 1), W("easter", TX_HOL, 2),
    W("halloween", TX_HOL, 3), W("independence", TX_HOL, 4), W("labor", TX_HOL, 5),
    W("labour", TX_HOL, 5), W("memorial", TX_HOL, 6), W("valentine", TX_HOL, 7),
    W("xmas", TX_HOL, 0), W("election", TX_HOL, 9),
};
const int gz_tx_nwords = (int)(sizeof(gz_tx_words) / sizeof(gz_tx_words[0]));

const struct tx_unit_info gz_tx_units[] = {
    [TX_U_SECOND] = {'S', 1, 1, NULL},        [TX_U_MINUTE] = {'M', 1, 1, "PT%dM30S"},
    [TX_U_HOUR] = {'H', 1, 1, "PT%dH30M"},    [TX_U_DAY] = {'D', 0, 1, "P%dDT12H"},
    [TX_U_WEEKEND] = {'D', 0, 2, NULL},       [TX_U_WEEK] = {'W', 0, 1, NULL},
    [TX_U_FORTNIGHT] = {'W', 0, 2, NULL},     [TX_U_MONTH] = {'M', 0, 1, "P%dM15D"},
    [TX_U_QUARTER] = {'Q', 0, 1, NULL},       [TX_U_HALF] = {'M', 0, 6, NULL},
    [TX_U_YEAR] = {'Y', 0, 1, "P%dY6M"},      [TX_U_DECADE] = {'Y', 0, 10, NULL},
    [TX_U_CENTURY] = {'Y', 0, 100, NULL},     [TX_U_MILLENNIUM] = {'Y', 0, 1000, NULL},
};

const char *const gz_tx_parts[] = {"MO", "AF", "EV", "NI"};
const char *const gz_tx_seasons[] = {"SP", "SU", "FA", "WI"};
const int gz_tx_season_start[] = {3, 6, 9, 12};
const char *const gz_tx_refs[] = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"};

const struct tx_holiday gz_tx_holidays[] = {
    {TX_HOL_FIXED, 12, 25, 0, 0, 0},    /* Christmas */
    {TX_HOL_NTH, 11, 0, 4, 4, 0},       /* Thanksgiving: 4th Thursday of November */
    {TX_HOL_EASTER, 0, 0, 0, 0, 0},     /* Easter */
    {TX_HOL_FIXED, 10, 31, 0, 0, 0},    /* Halloween */
    {TX_HOL_FIXED, 7, 4, 0, 0, 1},      /* Independence Day */
    {TX_HOL_NTH, 9, 0, 1, 1, 1},        /* Labor Day: 1st Monday of September */
    {TX_HOL_NTH, 5, 0, 1, -1, 1},       /* Memorial Day: last Monday of May */
    {TX_HOL_FIXED, 2, 14, 0, 0, 0},     /* Valentine's Day */
    {TX_HOL_FIXED, 1, 1, 0, 0, 0},      /* New Year's Day (Eve: the day before) */
    {TX_HOL_NTH, 11, 1, 1, 1, 1},       /* (US) Election Day: the day after the 1st Monday of November */
};

/* Word lists, each ending in NULL (what each is for: timex_tables.h). */

/* read by the rules */

const char *const gz_tx_day_preps[] = {"on", "for", "from", "to", "until", "through", "by",
    "effective", "before", "after", NULL};

const char *const gz_tx_positions[] = {"shipment", "delivery", "loading", "arrival",
    "position", "contract", "futures", NULL};

const char *const gz_tx_positions_plural[] = {"shipments", "deliveries", "arrivals",
    "positions", "contracts", NULL};

const char *const gz_tx_currencies[] = {"dlrs", "dlr", "stg", "cts", "cents", "yen",
    "marks", "francs", "guilders", "ringgit", "rupees", "pesos", NULL};

const char *const gz_tx_grains[] = {"wheat", "grain", "grains", "barley", "rye", "oats",
    "rapeseed", "durum", "cereals", NULL};

const char *const gz_tx_year_end_near[] = {"at", "around", "near", NULL};

const char *const gz_tx_deadline_preps[] = {"by", "before", "until", NULL};

/* read by the context tests */
const char *const gz_tx_abbrevs[] = {"mr", "mrs", "ms", "dr", "vs", "gov", "sen", "rep",
    "gen", "col", "lt", "sgt", "st", "jr", "sr", "inc", "corp", "co", "ltd", "no", "prof",
    "rev", "mt", "ft", NULL};

const char *const gz_tx_zones[] = {"gmt", "utc", "est", "edt", "cst", "cdt", "pst", "pdt",
    "mst", "mdt", "bst", "cet", "local", NULL};

const char *const gz_tx_schedule_verbs[] = {"begin", "begins", "start", "starts", "open",
    "opens", "meet", "meets", "resume", "resumes", "end", "ends", "close", "closes",
    "expire", "expires", "arrive", "arrives", "convene", "convenes", "vote", "votes", NULL};

const char *const gz_tx_moves_to[] = {"rise", "rises", "fall", "falls", "climb", "climbs",
    "jump", "jumps", "drop", "drops", "return", "returns", "switch", "switches", "start",
    "starts", "move", "moves", "cut", "cuts", "raise", "raises", "lower", "lowers",
    "increase", "increases", "boost", "boosts", "slip", "slips", "ease", "eases", "grow",
    "grows", "swing", "swings", "turn", "turns", "up", "down", "damage", "due", "back",
    "close", "closer", "next", "yr", "qtr", "mth", "mths", "wks", "period", NULL};

const char *const gz_tx_cause_words[] = {"a", "an", "the", "its", "their", "his", "her",
    "higher", "lower", "strong", "weak", "poor", NULL};

const char *const gz_tx_reporting_verbs[] = {"said", "says", "told", "added", "reported",
    "stated", "noted", "announced", "explained", NULL};

const char *const gz_tx_postpone_stems[] = {"extend", "postpon", "delay", "defer",
    "adjourn", NULL};

const char *const gz_tx_plan_verbs[] = {"meet", "visit", "hold", "discuss", "sign",
    "attend", "begin", "start", "open", "resume", "vote", "travel", NULL};

const char *const gz_tx_deictic[] = {"ago", "past", "coming", NULL};

const char *const gz_tx_deictic_unless_the[] = {"last", "this", "next", "current", NULL};
