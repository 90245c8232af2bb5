/*
 * timex_rules.c - the rules of the temporal tagger: the pattern table and
 * one small resolver per kind of expression. The calendar outputs, the
 * context tests (tense, future cues) and the narrative anchor they use are
 * in timex_context.c; the matcher that runs them is in timex.c; see
 * timex.h for examples.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates/calendar.h"
#include "dates/pubdate.h"
#include "dates/timex_internal.h"
#include "dates/timex_rules.h"

/* ---- resolvers ------------------------------------------------------ */

static int r_silent(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    (void)c, (void)m, (void)arg, (void)o;
    return R_SILENT;
}

static int r_ref(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int i = m->start, b = i - 1;

    while (b >= 0 && (tx_punct_at(c, b, '"') || tx_punct_at(c, b, '\'') || tx_punct_at(c, b, '`')))
        b--;
    if (m->end == i + 1 && tx_tok_is(c, i, "now") && tx_punct_at(c, i + 1, ',')
        && (b < 0 || c->t[i].para_before || tx_is_boundary(c, b)))
        return R_SILENT;                /* "Now, he says, ...": a discourse word */
    if (m->end == i + 1 && tx_tok_is(c, i, "current")
        && (tx_tok_is(c, i + 1, "account") || tx_tok_is(c, i + 1, "accounts")
            || tx_tok_is(c, i + 1, "assets") || tx_tok_is(c, i + 1, "liabilities")))
        return R_SILENT;                /* the current account: a balance, not a time */
    return tx_out_ref(o, arg >= 0 ? arg : tx_val(m, TX_REF));
}

/* A full date: month, day and year. */
static int out_full_date(struct out *o, int y, int mo, int d)
{
    if (y < 1000 || y > 2999 || d > gz_cal_month_days(y, mo))
        return R_REJECT;
    return tx_out_day(o, gz_cal_days(y, mo, d));
}

static int r_mdy(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    (void)c, (void)arg;
    return out_full_date(o, tx_val(m, TX_YEAR), tx_val(m, TX_MONTH), tx_val(m, TX_DAY));
}

/* Day d of month mo: its year is the one written at the far end of a
 * range that begins at token `range` ("March 5-9, 1918"), else the one
 * the context picks. */
static int out_month_day(const struct ctx *c, const struct match *m, int mo, int d, int range,
                         struct out *o)
{
    int y = tx_range_year_after(c, range);

    o->written = y > 0;
    if (!y)
        y = tx_pick_year(c, mo, d, tx_default_dir(c, m, D_NEAREST));
    if (d > gz_cal_month_days(y, mo))
        return R_REJECT;
    return tx_out_day(o, gz_cal_days(y, mo, d));
}

/* Month and day, the year taken from the reference. */
static int r_md(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    (void)arg;
    return out_month_day(c, m, tx_val(m, TX_MONTH), tx_val(m, TX_DAY), m->end, o);
}

/* 1 when a day written in small letters ends its phrase after a
 * preposition: "scheduled for July one, KeyCorp said", "from March one
 * to"; not "in May one company". */
static int day_word_alone(const struct ctx *c, const struct match *m)
{
    if (m->end < c->ntok && c->t[m->end].kind == T_WORD && !tx_range_word(c, m->end))
        return 0;
    return tx_tok_in(c, m->start - 1, gz_tx_day_preps);
}

/* Month and a day in capitalised words, as dividend notes write them:
 * "Pay April One", "Record May Eight", "on March Twenty". Lower case ("in
 * May one company") and "December. One" are no dates. */
static int r_md_words(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int d = tx_has(m, TX_ORD) ? tx_val(m, TX_ORD) : tx_has(m, TX_TENS) ? tx_val(m, TX_TENS)
            : tx_val(m, TX_NUMW);

    (void)arg;
    if (d < 1 || d > 31)
        return R_REJECT;
    if (tx_has(m, TX_YEAR))             /* "September one, 1989" */
        return out_full_date(o, tx_val(m, TX_YEAR), tx_val(m, TX_MONTH), d);
    if (!tx_capitalised(c, m->end - 1) && !day_word_alone(c, m))
        return R_REJECT;
    return out_month_day(c, m, tx_val(m, TX_MONTH), d, m->end, o);
}

/* The first day of a range whose month comes after it: "6-7 January 1916",
 * "from 15 to 22 February". */
static int r_range_start(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int i = m->end, d = tx_val(m, TX_DAY);

    (void)arg;
    if (!(tx_mask_at(c, i) & TX_BIT(TX_DAY)) || !(tx_mask_at(c, i + 1) & TX_BIT(TX_MONTH))
        || c->t[i].num <= d)
        return R_REJECT;
    return out_month_day(c, m, c->t[i + 1].lex->val[TX_MONTH], d, m->end - 1, o);
}

/* 1 when token i and the next join the number before them into a price
 * or a rate: "10-3/4 pct", "85-24/32". */
static int fraction_after(const struct ctx *c, int i)
{
    return i + 1 < c->ntok && !c->t[i].space_before && !c->t[i + 1].space_before
           && (tx_punct_at(c, i, '-') || tx_punct_at(c, i, '/')) && c->t[i + 1].kind == T_NUM;
}

/* The far end of a range whose start was just named: "April 24 and 25",
 * "March 5-9, 1918" (a day after a day), "1915-17" (a year after a year). */
static int r_range_end(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    const struct anchor *a = c->last;
    int n = c->t[m->start].num, y;

    (void)arg;
    if (a->end != m->start - 1 || !tx_range_word(c, m->start - 1) || a->gran == A_NONE
        || tx_punct_at(c, m->end, '%') || (tx_mask_at(c, m->end) & TX_BIT(TX_MEASURE))
        || fraction_after(c, m->end))
        return R_REJECT;
    if (a->gran == A_YEAR && !tx_has(m, TX_YEAR) && c->t[m->start].end - c->t[m->start].start == 2
        && n > a->y % 100)
        return tx_out_year(o, a->y / 100 * 100 + n);
    if (a->gran != A_DAY || !(tx_mask_at(c, m->start) & TX_BIT(TX_DAY)) || n <= a->d)
        return R_REJECT;
    y = tx_has(m, TX_YEAR) ? tx_val(m, TX_YEAR) : a->y;
    if (n > gz_cal_month_days(y, a->m))
        return R_REJECT;
    return tx_out_day(o, gz_cal_days(y, a->m, n));
}

/* "August of that year", "January 24 of the same year": the month in the
 * anchor's year. */
static int r_month_of_anaphor(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int y = c->an->y, mo = tx_val(m, TX_MONTH), d = tx_val(m, TX_DAY);

    (void)arg;
    if (c->an->gran == A_NONE)
        return R_REJECT;
    if (!tx_has(m, TX_DAY))
        return tx_out_month(o, y, mo);
    if (d > gz_cal_month_days(y, mo))
        return R_REJECT;
    return tx_out_day(o, gz_cal_days(y, mo, d));
}

/* "July last year", "March 3 next year". */
static int r_month_rel_year(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int y = c->refd.year + tx_val(m, TX_REL), mo = tx_val(m, TX_MONTH), d = tx_val(m, TX_DAY);

    (void)arg;
    if (!tx_has(m, TX_DAY))
        return tx_out_month(o, y, mo);
    if (d > gz_cal_month_days(y, mo))
        return R_REJECT;
    return tx_out_day(o, gz_cal_days(y, mo, d));
}

/* 1 when the month at token i and the next are written as a pair with a
 * slash: "June/July", "Oct/Dec" (a commodity's shipment period, a quarter
 * of statistics). */
static int month_pair_at(const struct ctx *c, int i)
{
    return (tx_mask_at(c, i) & TX_BIT(TX_MONTH)) && tx_punct_at(c, i + 1, '/')
           && !c->t[i + 1].space_before && (tx_mask_at(c, i + 2) & TX_BIT(TX_MONTH))
           && !c->t[i + 2].space_before;
}

/* 1 when token i names what a trader buys for a month ahead: "for May
 * shipment", "June/July deliveries", "the Aug/Sep contract", "June
 * futures". After a single month only the singular does: "January
 * shipments fell" counts what was shipped. */
static int position_word(const struct ctx *c, int i, int pair)
{
    return tx_tok_in(c, i, gz_tx_positions) || (pair && tx_tok_in(c, i, gz_tx_positions_plural));
}

/* 1 when a price follows token i: "at 2,375 dlrs", "at 4,351 to 4,450 dlrs",
 * "at 4,400 and 4,415 dlrs". */
static int quoted_at(const struct ctx *c, int i)
{
    int k = i + 2;

    if (!tx_tok_is(c, i, "at") || i + 1 >= c->ntok || c->t[i + 1].kind != T_NUM)
        return 0;
    if ((tx_tok_is(c, k, "to") || tx_tok_is(c, k, "and")) && k + 1 < c->ntok
        && c->t[k + 1].kind == T_NUM)
        k += 2;
    return tx_tok_in(c, k, gz_tx_currencies);
}

/* 1 when token i joins the two ends of a range of months: "May to
 * October", "July-June", "April through November", "between April and
 * June" (a plain "and" or "," makes a list). */
static int months_range_word(const struct ctx *c, int i, int start)
{
    if (tx_punct_at(c, i, '/'))
        return 1;
    if (tx_tok_is(c, i, "and"))
        return tx_tok_is(c, start - 1, "between");
    return tx_range_word(c, i);
}

/* The year of month mo when it follows another month in a range or a list:
 * the end of a range comes after its start ("from May to October"); a
 * list item is the one nearest the month before ("April, May, July and
 * October", "in February and January", "November and October"). 0 when m
 * follows no month. */
static int year_in_list(const struct ctx *c, const struct match *m, int mo)
{
    const struct anchor *a = c->last;
    int join = m->start - 1, y;
    long prev = (long)a->y * 12 + a->m;

    if (a->end != join || a->gran != A_MONTH
        || !(tx_range_word(c, join) || tx_punct_at(c, join, ',') || tx_tok_is(c, join, "or")
             || month_pair_at(c, join - 1)))
        return 0;
    if (months_range_word(c, join, a->tok))
        return mo > a->m ? a->y : a->y + 1;
    y = a->y - 1;                       /* the nearest of a->y - 1, a->y, a->y + 1; ties go forward */
    if (labs((long)a->y * 12 + mo - prev) <= labs((long)y * 12 + mo - prev))
        y = a->y;
    if (labs((long)(a->y + 1) * 12 + mo - prev) <= labs((long)y * 12 + mo - prev))
        y = a->y + 1;
    return y;
}

/* The first year of a season written just before "(" at token i: "1987/88
 * (July-June)" -> 1987; else 0. */
static int season_before(const struct ctx *c, int i)
{
    if (!tx_punct_at(c, i - 1, '(') || i < 4 || c->t[i - 2].kind != T_NUM
        || !tx_punct_at(c, i - 3, '/') || !(c->t[i - 4].mask & TX_BIT(TX_YEAR)))
        return 0;
    return c->t[i - 4].num;
}

/* Months from the reference to the range [start, end] (months counted
 * from year 0), a future range counting FUTURE_WEIGHT times as far. */
static long months_away(long ref, long start, long end)
{
    return ref < start ? (start - ref) * FUTURE_WEIGHT : ref > end ? ref - end : 0;
}

/* The year of month mo when it opens a range of months ("January-September
 * figures", "from July to December"): the year written after the far end
 * (of a list too: "in August and September 1914"), the season written
 * before it, else the one that puts the whole range nearest the reference, so that
 * "January-September" said in October is this year's; 0 when no month
 * follows or the tense decides the way. */
static int months_range_year(const struct ctx *c, const struct match *m, int mo)
{
    int i = m->end, far, y, best = 0;
    long ref = (long)c->refd.year * 12 + c->refd.month, dist = 0;

    if (!(tx_range_word(c, i) || tx_tok_is(c, i, "or") || month_pair_at(c, i - 1))
        || !(tx_mask_at(c, i + 1) & TX_BIT(TX_MONTH)) || (tx_mask_at(c, i + 2) & TX_BIT(TX_DAY)))
        return 0;
    far = c->t[i + 1].lex->val[TX_MONTH];
    if ((tx_mask_at(c, i + 2) & TX_BIT(TX_YEAR)) && tx_split_year_at(c, i + 2))
        return c->t[i + 2].num;         /* "April/January 1986/87": a split year begins in 1986 */
    if (tx_mask_at(c, i + 2) & TX_BIT(TX_YEAR))   /* "in August and September 1914" */
        return far >= mo ? c->t[i + 2].num : c->t[i + 2].num - 1;
    if (!months_range_word(c, i, m->start))
        return 0;
    if ((y = season_before(c, m->start)) > 0)
        return y;                       /* "the 1987/88 (July-June) season" */
    if (position_word(c, i + 2, 1) || (month_pair_at(c, i - 1) && quoted_at(c, i + 2))) {
        /* "for June/July shipment", "June/July at 2,375 dlrs": the one not yet over */
        int running = c->refd.month <= far;

        return far >= mo ? c->refd.year + !running : c->refd.year - running;
    }
    if (tx_default_dir(c, m, D_NEAREST) != D_NEAREST)
        return 0;
    for (y = c->refd.year - 1; y <= c->refd.year + 1; y++) {
        long d = months_away(ref, (long)y * 12 + mo, (long)(far >= mo ? y : y + 1) * 12 + far);

        if (!best || d < dist)
            best = y, dist = d;
    }
    return best;
}

/* "May" alone is a month only where a date is expected. */
static int month_plausible(const struct ctx *c, const struct match *m)
{
    const struct tok *k = &c->t[m->cap[TX_MONTH].tok];
    tx_mask before = tx_mask_at(c, m->start - 1);

    if (tx_has(m, TX_YEAR) || tx_has(m, TX_MOD) || tx_has(m, TX_REL) || year_in_list(c, m, 1)
        || month_pair_at(c, m->cap[TX_MONTH].tok) || month_pair_at(c, m->cap[TX_MONTH].tok - 2))
        return 1;                       /* "April, May and July", "Oct/Dec" */
    if ((k->lex->abbrmask & TX_BIT(TX_MONTH)) && !tx_punct_at(c, m->cap[TX_MONTH].tok + 1, '.'))
        return 0;
    if (k->lex->capmask & ~k->lex->abbrmask & TX_BIT(TX_MONTH))
        return (before & (TX_BIT(TX_PREP) | TX_BIT(TX_REL) | TX_BIT(TX_MOD))) != 0
               || tx_tok_is(c, m->start - 1, "the");
    return 1;
}

/* 1 when month mo ends a pair that runs into the second half of a split
 * year: the "January" of "April/January 1986/87" is in 1987. */
static int split_year_wraps(const struct ctx *c, const struct match *m, int mo)
{
    int k = m->cap[TX_MONTH].tok, y = m->cap[TX_YEAR].tok;

    return month_pair_at(c, k - 2) && c->t[k - 2].lex->val[TX_MONTH] > mo
           && tx_split_year_at(c, y);
}

/* A month: "February 2024", "late November", "the November elections". */
static int r_month(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int mo = tx_val(m, TX_MONTH), y;

    (void)arg;
    if (!month_plausible(c, m))
        return R_REJECT;
    if (tx_has(m, TX_YEAR))
        y = tx_val(m, TX_YEAR) + split_year_wraps(c, m, mo);
    else if (!(y = year_in_list(c, m, mo)) && !(y = months_range_year(c, m, mo)))
        y = tx_pick_year(c, mo, 0, position_word(c, m->end, 0) ? D_FUTURE : tx_default_dir(c, m, D_NEAREST));
    if (y < 1000 || y > 2999)
        return R_REJECT;
    return tx_out_month(o, y, mo);
}

/* A four-digit number that reads as a year. */
static int year_plausible(const struct ctx *c, const struct match *m, int y)
{
    int yt = m->cap[TX_YEAR].tok;

    if (tx_not_year(c, yt))
        return 0;
    if (y >= 1500 && y <= 2099)
        return 1;
    return y >= 1000 && y <= 2999 && (tx_mask_at(c, yt - 1) & TX_BIT(TX_PREP));
}

static int r_year(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int y = tx_val(m, TX_YEAR);

    (void)arg;
    if (!year_plausible(c, m, y))
        return R_REJECT;
    return tx_out_year(o, y);
}

/* ISO 2024-02-22 and numeric 02/22/2024 (month first unless day > 12);
 * the year is written, even as "87". */
static int r_numeric(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    const struct tok *t = c->t + m->start;
    int a = t[0].num, b = t[2].num, y = t[4].num, mo, d, i;
    unsigned ylen = t[4].end - t[4].start;

    for (i = 1; i < 5; i++)
        if (t[i].space_before)
            return R_REJECT;
    if (arg == 1) {                     /* ISO: year first */
        y = a, mo = b, d = t[4].num;
        if (t[2].end - t[2].start != 2 || t[4].end - t[4].start != 2)
            return R_REJECT;
    } else {
        if (ylen != 2 && ylen != 4)
            return R_REJECT;
        if (y < 100)
            y += y < 50 ? 2000 : 1900;
        mo = a > 12 ? b : a, d = a > 12 ? a : b;
    }
    if (!gz_ymd_valid(y, mo, d) || y < 1000)
        return R_REJECT;
    o->written = 1;
    return tx_out_day(o, gz_cal_days(y, mo, d));
}

static int r_isoweek(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int y = tx_val(m, TX_YEAR), w = tx_val(m, TX_WEEKNUM);

    (void)c, (void)arg;
    if (w < 1 || w > 53)
        return R_REJECT;
    return tx_out_week(o, gz_cal_iso_week_start(y, w), 0);
}

/* "nineteen ninety-six", "the year nineteen eighty": a year in words. */
static int r_spelled_year(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int hi = tx_val(m, TX_NUMW), lo = tx_has(m, TX_TENS) ? tx_val(m, TX_TENS) : m->again.val;

    (void)c, (void)arg;
    if (!tx_has(m, TX_NUMW) || tx_has(m, TX_NUM) || (!tx_has(m, TX_TENS) && m->again.tok < 0)
        || m->cap[TX_NUMW].tok > m->cap[TX_TENS].tok || hi < 10 || hi > 20 || lo < 10 || lo > 99)
        return R_REJECT;
    return tx_out_year(o, hi * 100 + lo);
}

/* "480 BC": TimeML writes BC0480. */
static int r_bc_year(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int y = tx_val(m, TX_NUM);

    (void)c, (void)arg;
    if (y < 1 || y > 9999)
        return R_REJECT;
    snprintf(o->value, sizeof(o->value), "BC%04d", y);
    return R_EMIT;
}

/* The first year of a BC range: "499-493 BC", "264 to 241 BC". */
static int r_bc_range_start(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int i = m->end, y = tx_val(m, TX_NUM);

    (void)arg;
    if (!(tx_mask_at(c, i) & TX_BIT(TX_NUM)) || c->t[i].num >= y
        || !(tx_tok_is(c, i + 1, "bc") || tx_tok_is(c, i + 1, "b.c") || tx_tok_is(c, i + 1, "bce")))
        return R_REJECT;
    return r_bc_year(c, m, 0, o);
}

static int r_decade(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int d = tx_val(m, TX_DECADE);

    (void)arg;
    if (c->t[m->cap[TX_DECADE].tok].kind == T_WORD && !tx_tok_is(c, m->start, "the"))
        return R_REJECT;                /* "in their forties" is an age */
    if (d < 100)
        d += d <= c->refd.year % 100 ? c->refd.year / 100 * 100 : (c->refd.year / 100 - 1) * 100;
    if (d < 1000)
        return R_REJECT;
    return tx_out_span_years(o, "%03d", d / 10, d, 10);
}

/* A decade written with an apostrophe: "the 1950's", "early 1950's". */
static int r_decade_apostrophe(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int d = tx_val(m, TX_YEAR);

    (void)arg;
    if (d % 10 != 0 || !(tx_tok_is(c, m->start, "the") || tx_has(m, TX_MOD)))
        return R_REJECT;                /* "1987's output", "1980's first half": a year's */
    return tx_out_span_years(o, "%03d", d / 10, d, 10);
}

static int r_century(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int n = tx_val(m, TX_ORD);

    (void)c, (void)arg;
    if (n < 1 || n > 30)
        return R_REJECT;
    return tx_out_span_years(o, "%02d", n - 1, (n - 1) * 100, 100);
}

/* The last day of a period that the text closes with a date at token i:
 * ", ended February 28", "ending March 31, 1987". Without a year "ended"
 * is the latest such day by the reference, "ending" the nearest. Returns
 * 0 when no such date follows. */
static int period_end_after(const struct ctx *c, int i, long *end)
{
    int at = i + tx_punct_at(c, i, ','), ended = tx_tok_is(c, at, "ended"), dt, yt, mo, d, y;

    if (!ended && !tx_tok_is(c, at, "ending"))
        return 0;
    if (!(tx_mask_at(c, ++at) & TX_BIT(TX_MONTH)))
        return 0;
    dt = at + 1 + tx_punct_at(c, at + 1, '.');
    if (!(tx_mask_at(c, dt) & TX_BIT(TX_DAY)))
        return 0;
    mo = c->t[at].lex->val[TX_MONTH], d = c->t[dt].num;
    y = c->refd.year;
    yt = dt + 1 + tx_punct_at(c, dt + 1, ',');
    if (tx_mask_at(c, yt) & TX_BIT(TX_YEAR))
        y = c->t[yt].num;
    else if (ended ? mo > c->refd.month || (mo == c->refd.month && d > c->refd.day)
                   : (mo - c->refd.month + 12) % 12 > 6)
        y = ended || mo > c->refd.month ? y - 1 : y + 1;
    if (d > gz_cal_month_days(y, mo))
        return 0;
    *end = gz_cal_days(y, mo, d);
    return 1;
}

/* A fiscal quarter or half closed by a date ("its third quarter ended
 * February 28"): named by the year of that last day, as TimeBank writes
 * them ("the fiscal-first quarter ended Sept. 30" is 1989-Q1; a company
 * may call it fiscal 1990, which the text does not say), and spanning the
 * months up to that day, which is what a query by date needs. */
static int out_fiscal_part(struct out *o, int n, int parts, long end)
{
    struct gz_ymd e = gz_cal_from_days(end), after = gz_cal_from_days(end + 1), first;

    if (e.day + 3 >= gz_cal_month_days(e.year, e.month))   /* "ended May 30": from March 1 */
        after = gz_cal_add_months((struct gz_ymd){e.year, e.month, 1}, 1);
    first = gz_cal_add_months(after, -(12 / parts));
    snprintf(o->value, sizeof(o->value), parts == 4 ? "%04d-Q%d" : "%04d-H%d",
             gz_cal_from_days(end).year, n);
    tx_out_range(o, gz_cal_days(first.year, first.month, first.day), end + 1);
    return R_EMIT;
}

/* 1 when the results of the quarter or half just ended may still be to
 * come: within three months of its end ("expects third-quarter results" in
 * November is the third quarter, "expects record fourth-quarter earnings"
 * in March the one that ended in December; "expects strong second-half
 * earnings" in June is the coming half, not the one of last year). */
static int results_pending(const struct ctx *c, int parts)
{
    return (c->refd.month - 1) % (12 / parts) < 3;
}

/* "Q3 2023", "the third quarter", "the first half of 2023" (arg: unit). */
static int r_part_of_year(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int y = tx_has(m, TX_YEAR) ? tx_val(m, TX_YEAR) : c->refd.year + tx_val(m, TX_REL);
    int n = tx_has(m, TX_QNUM) ? tx_val(m, TX_QNUM) : tx_val(m, TX_ORD);
    int parts = arg == TX_U_QUARTER ? 4 : 2;

    if (n < 0)
        n = parts;
    if (n < 1 || n > parts || y < 1000)
        return R_REJECT;
    if (!tx_has(m, TX_YEAR) && !tx_has(m, TX_REL)) {     /* the latest such part, unless said of the future */
        long cand[3], now = (long)y * parts + (c->refd.month - 1) * parts / 12, end;
        int k;

        if (period_end_after(c, m->end, &end))
            return out_fiscal_part(o, n, parts, end);
        if (c->in_story && c->an->gran == A_YEAR)
            return parts == 4 ? tx_out_quarter(o, y, n) : tx_out_half(o, y, n);   /* "In 1985 ... the fourth quarter" */
        for (k = 0; k < 3; k++)
            cand[k] = (long)(y - 1 + k) * parts + n - 1;
        if (tx_default_dir(c, m, D_PAST) == D_FUTURE)  /* "will report third-quarter results" */
            y = y - 1 + tx_pick(cand, 3, now - results_pending(c, parts), D_FUTURE);
        else
            y = y - 1 + tx_pick(cand, 3, now, D_PAST);
    }
    return parts == 4 ? tx_out_quarter(o, y, n) : tx_out_half(o, y, n);
}

/* 1 when the season names a kind of grain: "winter wheat", "spring barley",
 * the wheat classes "HARD RED WINTER", "SOFT RED WINTER". */
static int season_is_a_crop(const struct ctx *c, const struct match *m)
{
    int st = m->cap[TX_SEASON].tok;

    return tx_tok_is(c, st - 1, "red") || tx_tok_in(c, st + 1, gz_tx_grains);
}

static int r_season(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int s = tx_val(m, TX_SEASON), y = c->refd.year, k;
    int now = ((c->refd.month + 9) % 12) / 3;         /* SP SU FA WI = 0..3 */
    long cand[3], ref = (long)(y - (c->refd.month <= 2)) * 4 + now;

    if (arg == 1 && (!(tx_mask_at(c, m->start - 1) & TX_BIT(TX_PREP)) || tx_tok_is(c, m->start - 1, "to")))
        return R_REJECT;        /* a bare season needs "in", "during" ...: not "to fall" */
    if (season_is_a_crop(c, m))
        return R_REJECT;                /* "winter wheat", "HARD RED WINTER": a kind of grain */
    if (tx_has(m, TX_YEAR))
        return tx_out_season(o, tx_val(m, TX_YEAR), s);
    if ((tx_tok_is(c, m->end, "of") || (tx_tok_is(c, m->end - 1, "fall") && tx_tok_is(c, m->end, "in")
                                        && !tx_capitalised(c, m->end + 1)))
        && !(tx_mask_at(c, m->end + 1) & TX_BIT(TX_YEAR)))
        return R_REJECT;                /* "the fall of Budapest", "the fall in oil prices" */
    if (tx_has(m, TX_REL) && tx_val(m, TX_REL) == 0)
        return tx_out_season(o, y, s);
    for (k = 0; k < 3; k++)
        cand[k] = (long)(y - 1 + k) * 4 + s;
    return tx_out_season(o, y - 1 + tx_pick(cand, 3, ref, tx_default_dir(c, m, D_NEAREST)), s);
}

static int r_dayrel(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    long d = c->ref + tx_val(m, TX_DAYREL);

    (void)arg;
    if (tx_has(m, TX_PART))
        return tx_out_time(o, d, gz_tx_parts[tx_val(m, TX_PART)]);
    if (tx_tok_is(c, m->cap[TX_DAYREL].tok, "tonight"))
        return tx_out_time(o, d, "NI");
    return tx_out_day(o, d);
}

/* "this morning", "last night". */
static int r_rel_part(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    (void)arg;
    return tx_out_time(o, c->ref + tx_val(m, TX_REL), gz_tx_parts[tx_val(m, TX_PART)]);
}

static int r_wday(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int wt = m->cap[TX_WDAY].tok;
    long d = tx_pick_wday(c, tx_val(m, TX_WDAY), tx_default_dir(c, m, D_PAST));

    (void)arg;
    if (tx_tok_is(c, wt - 1, "the") && tx_capitalised(c, wt + 1) && !(tx_mask_at(c, wt + 1) & ~TX_BIT(TX_LIT)))
        return R_REJECT;                /* "The Sunday Times quoted", "the Sunday Telegraph" */
    if (tx_has(m, TX_PART))
        return tx_out_time(o, d, gz_tx_parts[tx_val(m, TX_PART)]);   /* TimeML: 1998-02-12TEV */
    return tx_out_day(o, d);
}

/* "last week", "next month", "this year", "the past year", "earlier this year". */
static int r_rel_unit(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int rel = tx_has(m, TX_REL) ? tx_val(m, TX_REL) : 0;

    if (arg > 0 && tx_unit_of(m) != arg)
        return R_REJECT;
    return tx_shift_unit(c, tx_unit_of(m), rel, o);
}

/* "the weekend": the coming one when said of the future or at the
 * weekend, else the one just past. */
static int the_weekend(const struct ctx *c, const struct match *m, struct out *o)
{
    int wd = gz_cal_weekday(c->ref);

    return tx_shift_unit(c, TX_U_WEEKEND, tx_future_cue(c, m->start) || wd >= 6 ? 0 : -1, o);
}

/* "the week-end", as British papers write the weekend. */
static int r_week_end(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    (void)arg;
    return the_weekend(c, m, o);
}

/* 1 when "for the year" is the year just ended: said in the season of
 * annual results (January to April, when companies report the year
 * before) by a text that writes that year more than the current one, and
 * not of the future ("expects growth for the year", "the year from July
 * 1", "the year to date"). */
static int results_year_before(const struct ctx *c, const struct match *m)
{
    return c->year_before && !c->in_story && c->refd.month <= 4 && tx_tok_is(c, m->start, "the")
           && tx_tok_is(c, m->start - 1, "for") && !tx_tok_is(c, m->end, "from")
           && !tx_tok_is(c, m->end, "beginning") && !tx_tok_is(c, m->end, "starting")
           && !(tx_tok_is(c, m->end, "to") && tx_tok_is(c, m->end + 1, "date"))
           && !tx_future_cue(c, m->start) && tx_tense_after(c, m->end) <= 0;
}

/* "the quarter" (the last one reported), "the year", "the fiscal year". */
static int r_the_unit(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int unit = tx_unit_of(m);

    (void)arg;
    if (tx_punct_at(c, m->end, '-') && !c->t[m->end].space_before && m->end + 1 < c->ntok
        && c->t[m->end + 1].kind == T_WORD && !c->t[m->end + 1].space_before)
        return R_REJECT;                /* "the year-end bonus", "the year-long quota period" */
    if (unit == TX_U_WEEKEND)
        return the_weekend(c, m, o);
    if ((unit == TX_U_YEAR || unit == TX_U_WEEK || unit == TX_U_MONTH)
        && (tx_tok_is(c, m->end, "ended") || tx_tok_is(c, m->end, "ending")
            || (tx_tok_is(c, m->end, "to")
                && (tx_mask_at(c, m->end + 1) & (TX_BIT(TX_MONTH) | TX_BIT(TX_WDAY))))))
        return tx_out_amount(o, "DURATION", 1, unit);     /* "the year ended March 31", "the week to March 4" */
    if (unit == TX_U_YEAR && results_year_before(c, m))
        return tx_out_year(o, c->refd.year - 1);   /* "reported a net loss for the year" (of 1986) */
    if (unit == TX_U_QUARTER)
        return tx_shift_unit(c, unit, -1, o);
    if (unit == TX_U_YEAR || unit == TX_U_WEEK || unit == TX_U_MONTH)
        return tx_shift_unit(c, unit, 0, o);
    return R_REJECT;
}

static int count_of(const struct match *m, int arg)
{
    if (tx_has(m, TX_NUM) || tx_has(m, TX_NUMW) || tx_has(m, TX_TENS))
        return tx_has(m, TX_NUM) ? tx_val(m, TX_NUM) : tx_has(m, TX_TENS) ? tx_val(m, TX_TENS)
                                                                 : tx_val(m, TX_NUMW);
    return arg;
}

/* Tokens back to look for "quarter" that make "a year ago" the reported
 * quarter a year before (earnings news; 40 → 150 gained TimeBank 4 matches). */
#define EARNINGS_WINDOW 150

/* Argument of r_ago and r_anaphor for "a year before", "the day before":
 * only where "before" ends the clause, not "two years before the war". */
#define AT_CLAUSE_END 1

static int clause_ends(const struct ctx *c, int i)
{
    return i >= c->ntok || tx_is_boundary(c, i) || tx_punct_at(c, i, ',') || tx_punct_at(c, i, ')')
           || tx_tok_is(c, i, "and") || tx_tok_is(c, i, "but");
}

/* "two years ago", "a year earlier", "a week later", "a year before". */
static int r_ago(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int n = count_of(m, 1);
    int sign = tx_span_has(c, m, "later") || tx_span_has(c, m, "after") || tx_span_has(c, m, "hence")
               ? 1 : -1;

    if (arg == AT_CLAUSE_END && !clause_ends(c, m->end))
        return R_REJECT;
    if (tx_unit_of(m) <= TX_U_HOUR)
        return tx_out_day(o, c->ref);
    if (tx_unit_of(m) == TX_U_YEAR && n == 1 && sign < 0 && tx_near_has(c, m, "quarter", EARNINGS_WINDOW))
        return tx_shift_unit(c, TX_U_QUARTER, -5, o);     /* the reported quarter, a year before */
    return tx_shift_unit(c, tx_unit_of(m), sign * n, o);
}

/* "that year", "the same day", "the following month", "the previous
 * week": the anchor's unit, moved by the relative word. Rejected (and left
 * to the reference-based rules) when nothing was dated before. */
static int r_anaphor(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int rel = tx_has(m, TX_REL) ? tx_val(m, TX_REL) : 0;

    if (arg == AT_CLAUSE_END) {         /* "the year before": the anchor's, else the reference's */
        int r;

        if (!clause_ends(c, m->end))
            return R_REJECT;
        r = tx_anchor_shift(c, tx_unit_of(m), -1, o);
        return r == R_REJECT ? tx_shift_unit(c, tx_unit_of(m), -1, o) : r;
    }
    if (tx_has(m, TX_REL) && !tx_span_has(c, m, "following") && !tx_span_has(c, m, "previous")
        && !tx_span_has(c, m, "preceding") && !(tx_span_has(c, m, "next") && tx_unit_of(m) == TX_U_DAY))
        return R_REJECT;        /* "the next year" is read from the reference, "the next day" not */
    return tx_anchor_shift(c, tx_unit_of(m), rel, o);
}

/* r_duration's argument: the count when none is written. */
#define DUR_ONE   1         /* "an additional year" */
#define DUR_RANGE (-1)      /* "two to three weeks": PXW */
#define DUR_BARE  (-2)      /* "for years": PXY */

/* 1 when token i ends an amount: a number, "million", "dlrs", or a plural
 * noun ("seats", "flights"), so that "a week" after it is a rate (a SET). */
static int after_amount(const struct ctx *c, int i)
{
    const struct tok *k;

    if (i < 0)
        return 0;
    k = &c->t[i];
    if (k->kind == T_NUM || (k->mask & TX_BIT(TX_MEASURE)))
        return 1;
    return k->kind == T_WORD && k->lex == NULL && k->end - k->start > 3
           && c->text[k->end - 1] == 's' && c->text[k->end - 2] != 's';
}

/* "ten years", "the past two months", "several weeks" (arg: count if none written). */
static int r_duration(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int unit = tx_unit_of(m), n = tx_has(m, TX_FUZZY) || arg == DUR_RANGE ? -1 : count_of(m, arg);

    if (unit == TX_U_WEEKEND || n == 0 || n > 5000 || tx_punct_at(c, m->start - 1, '/'))
        return R_REJECT;                /* "2 3/4 years": not four years */
    if (tx_punct_at(c, m->end, '-') && !c->t[m->end].space_before && m->end + 1 < c->ntok
        && c->t[m->end + 1].kind == T_WORD && !c->t[m->end + 1].space_before)
        return R_REJECT;                /* "a year-on-year rise", "a year-end bonus" */
    if (tx_has(m, TX_NUM) && tx_val(m, TX_NUM) >= 1000 && !tx_punct_at(c, m->cap[TX_NUM].tok + 1, '-'))
        return R_REJECT;                /* "the 1988 quarter" */
    if (arg == DUR_BARE) {      /* a bare plural needs "for", "over" or "within" before it */
        if (!tx_tok_is(c, m->start - 1, "for") && !tx_tok_is(c, m->start - 1, "over")
            && !tx_tok_is(c, m->start - 1, "within"))
            return R_REJECT;
        n = -1;
    }
    if (arg == DUR_ONE && !tx_has(m, TX_NUM) && (unit == TX_U_SECOND || unit == TX_U_QUARTER))
        return R_REJECT;
    if (arg == DUR_ONE && (tx_tok_is(c, m->start, "a") || tx_tok_is(c, m->start, "an"))
        && after_amount(c, m->start - 1) && !(tx_punct_at(c, m->end, '\'') && tx_tok_is(c, m->end + 1, "s")))
        return tx_out_amount(o, "SET", 1, unit);   /* "$500 million a year", "four flights a week" */
    if (tx_punct_at(c, m->end, '-') && (tx_tok_is(c, m->end + 1, "earlier") || tx_tok_is(c, m->end + 1, "ago")))
        return R_REJECT;                /* "a year-earlier": not a duration */
    return tx_out_amount(o, "DURATION", n, unit);
}

/* "2 1/2 years", "two and a half years", "a year and a half": the half in
 * the next smaller unit where gz_tx_units says so (P2Y6M, PT1M30S), else
 * as a fraction (P2.5W), but not for seconds. */
static int r_and_half(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int n = count_of(m, 1), unit = tx_unit_of(m), f = m->cap[TX_NUM].tok + 1;   /* "1" of "1/2" */

    if (arg == 1 && (c->t[f].num != 1 || c->t[f + 2].num != 2 || c->t[f].space_before == 0))
        return R_REJECT;                /* the fraction is one half */
    if (unit < 0)
        return R_REJECT;
    o->type = "DURATION";
    if (gz_tx_units[unit].half != NULL) {
        snprintf(o->value, sizeof(o->value), gz_tx_units[unit].half, n);
        return R_EMIT;
    }
    if (gz_tx_units[unit].time_part)
        return R_REJECT;
    snprintf(o->value, sizeof(o->value), "P%d.5%c", n * gz_tx_units[unit].factor,
             gz_tx_units[unit].letter);
    return R_EMIT;
}

/* "the year two thousand", "the year two thousand and one". */
static int r_year_thousand(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int n = tx_has(m, TX_NUMW) ? tx_val(m, TX_NUMW) : tx_has(m, TX_TENS) ? tx_val(m, TX_TENS) : 0;

    (void)c, (void)arg;
    return tx_out_year(o, 2000 + n);
}

/* r_set's argument: "three times a year" is a SET of one year (TimeML
 * keeps the count in freq, which this tagger does not write). */
#define SET_RATE 1

/* 1 when the word at token i is written as part of a name: capitalised
 * inside a sentence or before another capitalised word ("the China Daily",
 * "Business Weekly", "Daily Telegraph"). */
static int in_name(const struct ctx *c, int i)
{
    if (!tx_capitalised(c, i))
        return 0;
    return tx_capitalised(c, i + 1)
           || (i > 0 && !c->t[i].para_before && !tx_punct_at(c, i - 1, '"')
               && !(c->t[i - 1].kind == T_PUNCT && c->t[i - 1].ch && strchr(".!?;:", c->t[i - 1].ch)));
}

/* 1 when "daily" at token i names a newspaper: followed by its name ("the
 * Communist Party daily Granma", "the financial daily Les Echos"), not
 * counted ("three daily Atlanta flights") nor a time word ("daily Monday
 * to Friday"). */
static int paper_daily(const struct ctx *c, int i)
{
    return tx_tok_is(c, i, "daily") && !tx_capitalised(c, i) && tx_capitalised(c, i + 1)
           && !(tx_mask_at(c, i + 1) & (TX_BIT(TX_MONTH) | TX_BIT(TX_WDAY) | TX_BIT(TX_WDAYS)))
           && i > 0 && c->t[i - 1].kind == T_WORD && !(tx_mask_at(c, i - 1) & TX_BIT(TX_NUMW));
}

static int r_set(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int unit = tx_has(m, TX_SETW) ? tx_val(m, TX_SETW) : tx_unit_of(m);
    int n = tx_span_has(c, m, "other") ? 2 : arg == SET_RATE ? 1 : count_of(m, 1);

    if (tx_has(m, TX_SETW) && in_name(c, m->cap[TX_SETW].tok))
        return R_REJECT;                /* "the China Daily said" */
    if (tx_has(m, TX_SETW) && paper_daily(c, m->cap[TX_SETW].tok))
        return R_REJECT;

    if (tx_has(m, TX_WDAY) || tx_has(m, TX_WDAYS)) {
        o->type = "SET";
        snprintf(o->value, sizeof(o->value), "XXXX-WXX-%d%s%s",
                 tx_has(m, TX_WDAY) ? tx_val(m, TX_WDAY) : tx_val(m, TX_WDAYS), tx_has(m, TX_PARTS) ? "T" : "",
                 tx_has(m, TX_PARTS) ? gz_tx_parts[tx_val(m, TX_PARTS)] : "");
        return R_EMIT;
    }
    return tx_out_amount(o, "SET", n, unit);
}

/* "half-yearly": every six months. */
static int r_half_yearly(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    (void)c, (void)arg;
    if (tx_val(m, TX_SETW) != TX_U_YEAR)
        return R_REJECT;
    return tx_out_amount(o, "SET", 6, TX_U_MONTH);
}

/* The day named by "MONTH DAY" at token i, after the time of day m. */
static long month_day_after(const struct ctx *c, const struct match *m, int i)
{
    int mo = c->t[i].lex->val[TX_MONTH], dt = i + 1 + tx_punct_at(c, i + 1, '.');
    int d = c->t[dt].num, y = tx_pick_year(c, mo, d, tx_default_dir(c, m, D_NEAREST));

    if (d > gz_cal_month_days(y, mo))
        return c->ref;
    return gz_cal_days(y, mo, d);
}

/* The day of a time of day that names none: a weekday, "yesterday" or a
 * month and day just after it ("10:30 a.m. (0730 GMT) Friday", "5:34 a.m.
 * local time on March 20"), else a day named earlier in
 * the sentence ("Friday at 5 p.m."), else the reference. */
static long clock_day(const struct ctx *c, const struct match *m)
{
    int i;

    for (i = m->end; i < c->ntok && i < m->end + 8; i++) {
        const struct tok *k = &c->t[i];
        int skipped = k->kind == T_NUM || tx_punct_at(c, i, '(') || tx_punct_at(c, i, ')')
                      || tx_punct_at(c, i, ',') || tx_zone_at(c, i) || tx_tok_is(c, i, "on")
                      || tx_tok_is(c, i, "time");

        if (k->mask & TX_BIT(TX_WDAY))
            return tx_pick_wday(c, k->lex->val[TX_WDAY], tx_default_dir(c, m, D_PAST));
        if (k->mask & TX_BIT(TX_DAYREL))
            return c->ref + k->lex->val[TX_DAYREL];
        if (tx_tok_is(c, i, "last") && tx_tok_is(c, i + 1, "night"))
            return c->ref - 1;          /* "at midnight last night" */
        if ((k->mask & TX_BIT(TX_MONTH)) && (tx_mask_at(c, i + 1 + tx_punct_at(c, i + 1, '.')) & TX_BIT(TX_DAY)))
            return month_day_after(c, m, i);    /* "5:34 a.m. local time on March 20" */
        if (!skipped)
            break;
    }
    if (c->an->gran == A_DAY && c->an->tok >= 0 && c->an->tok < m->start) {
        for (i = c->an->tok + 1; i <= m->start && !tx_is_boundary(c, i); i++)
            ;
        if (i > m->start)
            return gz_cal_days(c->an->y, c->an->m, c->an->d);
    }
    return c->ref;
}

/* r_clock's argument besides a fixed hour: -1 for h:mm or h a.m., CLOCK_HHMM
 * for a four-digit "0730 GMT". */
#define CLOCK_HHMM (-2)

/* "10:04 a.m.", "3 pm", "noon Thursday" (arg: fixed hour*100, or -1). */
static int r_clock(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    int hm = arg >= 0 ? arg : tx_has(m, TX_CLOCK) ? tx_val(m, TX_CLOCK)
             : arg == CLOCK_HHMM ? tx_val(m, TX_NUM) : count_of(m, 0) * 100;   /* "one am" */
    int h = hm / 100, mi = hm % 100;
    long d = c->ref;
    char clock[8];

    if (arg == CLOCK_HHMM && (c->t[m->start].end - c->t[m->start].start != 4 || h > 23 || mi > 59))
        return R_REJECT;                /* "0730 GMT" */
    if (tx_has(m, TX_AMPM)) {
        if (h > 12)
            return R_REJECT;
        h = h % 12 + tx_val(m, TX_AMPM);
    }
    if (tx_has(m, TX_MONTH) && tx_has(m, TX_DAY)) {
        int y = tx_pick_year(c, tx_val(m, TX_MONTH), tx_val(m, TX_DAY), tx_default_dir(c, m, D_NEAREST));

        if (tx_val(m, TX_DAY) > gz_cal_month_days(y, tx_val(m, TX_MONTH)))
            return R_REJECT;
        d = gz_cal_days(y, tx_val(m, TX_MONTH), tx_val(m, TX_DAY));
    } else if (tx_has(m, TX_WDAY))
        d = tx_pick_wday(c, tx_val(m, TX_WDAY), tx_default_dir(c, m, D_PAST));
    else if (tx_has(m, TX_DAYREL))
        d = c->ref + tx_val(m, TX_DAYREL);
    else
        d = clock_day(c, m);
    snprintf(clock, sizeof(clock), "%02d:%02d", h, mi);
    return tx_out_time(o, d, clock);
}

/* Sets *day to the day number of the holiday the match names, the
 * occurrence nearest the reference unless a year is written; returns 0
 * when the words are no holiday. */
static int holiday_day(const struct ctx *c, const struct match *m, int arg, long *day)
{
    const struct tx_holiday *h = &gz_tx_holidays[arg >= 0 ? arg : tx_val(m, TX_HOL)];
    int y = tx_has(m, TX_YEAR) ? tx_val(m, TX_YEAR) : 0, k;
    long best = 0, bestdist = -1;

    if (h->needs_day && (!tx_span_has(c, m, "day")
                         || !is_upper(c->text[c->t[m->cap[TX_HOL].tok].start])))
        return 0;                       /* "Labor Day", not "labor" or "election day" abroad */
    for (k = y ? y : c->refd.year - 1; k <= (y ? y : c->refd.year + 1); k++) {
        long d;

        if (h->kind == TX_HOL_FIXED) {
            d = gz_cal_days(k, h->month, h->day);
        } else if (h->kind == TX_HOL_NTH) {
            d = gz_cal_nth_weekday(k, h->month, h->wday, h->nth) + h->day;
        } else {
            struct gz_ymd e = gz_cal_easter(k);

            d = gz_cal_days(e.year, e.month, e.day) + h->day;
        }
        if (bestdist < 0 || labs(d - c->ref) < bestdist)
            best = d, bestdist = labs(d - c->ref);
    }
    *day = best;
    return 1;
}

static int r_holiday(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    long d;

    if (!holiday_day(c, m, arg, &d))
        return R_REJECT;
    return tx_out_day(o, d - tx_span_has(c, m, "eve"));
}

/* The week of a holiday: "Easter week", "Christmas week". */
static int r_holiday_week(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    long d;

    if (!holiday_day(c, m, arg, &d))
        return R_REJECT;
    return tx_out_week(o, d, 0);
}

/* "by year-end", "since year end", "at year's end": the end of the year
 * nearest the reference, the one behind it after "since" or a past verb.
 * Written as its year, like "the end of the year" (TimeML keeps the end in
 * mod). Only after a preposition: "year-end net", "year-end bonus" and
 * a company's "fiscal year-end" are no dates. */
static int r_year_end(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    long cand[2];
    int y = c->refd.year, before = m->start - 1, weak, t;

    (void)arg;
    if (!(tx_mask_at(c, before) & TX_BIT(TX_PREP)) && !tx_tok_in(c, before, gz_tx_year_end_near))
        return R_REJECT;
    if (tx_has(m, TX_YEAR))
        return tx_out_year(o, tx_val(m, TX_YEAR));     /* "at year-end 1986" */
    cand[0] = gz_cal_days(y - 1, 12, 31);
    cand[1] = gz_cal_days(y, 12, 31);
    if (tx_tok_is(c, before, "since"))
        return tx_out_year(o, c->ref >= cand[1] ? y : y - 1);
    if (tx_tok_in(c, before, gz_tx_deadline_preps)) {
        t = tx_tense_before(c, before, &weak);
        if (tx_mask_at(c, tx_word_before(c, before)) & TX_BIT(TX_FUT))
            t = 1;                      /* "scheduled by year end", not a past "-ed" */
        if (t > 0 || (t == 0 && !tx_past_before(c, before)))
            return tx_out_year(o, y);   /* "expects to finish by year-end": a deadline ahead */
    }
    return tx_out_year(o, y - 1 + tx_pick(cand, 2, c->ref, tx_default_dir(c, m, D_NEAREST)));
}

/* "the latest period" in a report of quarterly results: the quarter just
 * ended; without a quarter nearby the period is unknown. */
static int r_latest_period(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    (void)arg;
    if (!tx_near_has(c, m, "quarter", 60))
        return R_REJECT;
    return tx_shift_unit(c, TX_U_QUARTER, -1, o);
}

/* "year-ago", "the year-earlier quarter": the year before the reference, or
 * in earnings news the quarter just reported, a year before. */
static int r_year_before(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    (void)arg;
    if (tx_has(m, TX_ORD) && tx_span_has(c, m, "quarter")) {   /* "the year-ago second quarter" */
        int n = tx_val(m, TX_ORD), now = (c->refd.month - 1) / 3 + 1;

        if (n < 1 || n > 4)
            return R_REJECT;
        return tx_out_quarter(o, c->refd.year - (n <= now ? 1 : 2), n);
    }
    if (tx_span_has(c, m, "quarter") || tx_span_has(c, m, "period") || tx_near_has(c, m, "quarter", 40))
        return tx_shift_unit(c, TX_U_QUARTER, -5, o);
    return tx_out_year(o, c->refd.year - 1);
}

/* "each July": every year's July. */
static int r_set_month(const struct ctx *c, const struct match *m, int arg, struct out *o)
{
    (void)c, (void)arg;
    o->type = "SET";
    snprintf(o->value, sizeof(o->value), "XXXX-%02d", tx_val(m, TX_MONTH));
    return R_EMIT;
}

/* ---- the rule table ------------------------------------------------- */

#define NO_ARG    0
#define BY_WORD   (-1)

const struct rule tx_rules[] = {
    /* ages and quantities that look like dates */
    {"the|a|an|this|that? NUM -? UNIT|UNITS -? old|older", r_silent, NO_ARG},
    {"NUM -? UNIT|UNITS of age", r_silent, NO_ARG},
    {"NUM - quarter|quarters", r_silent, NO_ARG},      /* three-quarters: a fraction */
    {"NUM quarters of", r_silent, NO_ARG},
    /* absolute dates */
    {"WDAY ,? MONTH DAY ,? YEAR", r_mdy, NO_ARG},
    {"WDAY ,? DAY MONTH ,? YEAR", r_mdy, NO_ARG},
    {"WDAY ,? MONTH DAY", r_md, NO_ARG},
    {"MONTH DAY ,? YEAR", r_mdy, NO_ARG},
    {"DAY MONTH ,? YEAR", r_mdy, NO_ARG},
    {"the? DAY of MONTH ,? YEAR", r_mdy, NO_ARG},
    {"MONTH DAY", r_md, NO_ARG},
    {"MONTH NUM|ORD , YEAR", r_md_words, NO_ARG},
    {"MONTH NUM|ORD", r_md_words, NO_ARG},
    {"DAY MONTH", r_md, NO_ARG},
    {"the? DAY of MONTH", r_md, NO_ARG},
    {"MOD? -? MONTH ,? of? YEAR", r_month, NO_ARG},
    {"MOD? -? MONTH", r_month, NO_ARG},
    {"the MOD of MONTH ,? YEAR?", r_month, NO_ARG},
    {"REL MONTH", r_month, NO_ARG},
    {"REL MONTH DAY", r_md, NO_ARG},                            /* last Oct. 23 */
    {"MONTH DAY? ,? REL year", r_month_rel_year, NO_ARG},
    {"MONTH DAY? of that|the same? year", r_month_of_anaphor, NO_ARG},
    {"MONTH DAY of YEAR", r_mdy, NO_ARG},
    {"DAY -|to|and|through", r_range_start, NO_ARG},
    {"NUM ,? YEAR?", r_range_end, NO_ARG},
    {"YEAR - NUM - NUM", r_numeric, 1},
    {"NUM / NUM / NUM", r_numeric, 0},
    {"YEAR - WEEKNUM", r_isoweek, NO_ARG},
    {"MOD? -? YEAR", r_year, NO_ARG},
    {"fiscal year? YEAR", r_year, NO_ARG},
    {"the? year YEAR", r_year, NO_ARG},
    {"the? year two thousand and? NUM?", r_year_thousand, NO_ARG},
    {"the MOD of YEAR", r_year, NO_ARG},
    {"the? MOD? -? '? DECADE", r_decade, NO_ARG},
    {"the? MOD? -? YEAR ' s", r_decade_apostrophe, NO_ARG},
    {"the? ORD century", r_century, NO_ARG},
    {"NUM bc|b.c|bce", r_bc_year, NO_ARG},
    {"NUM -|to", r_bc_range_start, NO_ARG},
    {"the? year? NUM NUM", r_spelled_year, NO_ARG},
    {"QNUM ,? YEAR?", r_part_of_year, TX_U_QUARTER},
    {"YEAR QNUM", r_part_of_year, TX_U_QUARTER},
    {"the|its|their? fiscal? ORD fiscal? quarter ,? of? fiscal? YEAR?", r_part_of_year, TX_U_QUARTER},
    {"fiscal? ORD - quarter", r_part_of_year, TX_U_QUARTER},    /* the third-quarter profit */
    {"the? YEAR fiscal? ORD -? quarter", r_part_of_year, TX_U_QUARTER},
    {"the? ORD half ,? of? fiscal? YEAR?", r_part_of_year, TX_U_HALF},
    {"REL year '? s? fiscal? ORD -? quarter", r_part_of_year, TX_U_QUARTER},
    {"REL year '? s? ORD half", r_part_of_year, TX_U_HALF},
    {"the? MOD? -? SEASON ,? of? YEAR", r_season, NO_ARG},
    {"the MOD? -? SEASON", r_season, NO_ARG},
    {"this? REL SEASON", r_season, NO_ARG},
    {"SEASON", r_season, 1},
    {"HOL '? s? day|eve|sunday? ,? YEAR?", r_holiday, BY_WORD},
    {"new year '? s? day|eve", r_holiday, TX_HOL_NEW_YEAR},
    {"HOL '? s? week", r_holiday_week, BY_WORD},
    /* relative to the reference */
    {"MOD? DAYREL", r_dayrel, NO_ARG},
    {"DAYREL PART", r_dayrel, NO_ARG},
    {"REL PART", r_rel_part, NO_ARG},
    {"WDAY PART?", r_wday, NO_ARG},
    {"the|this? REL WDAY", r_wday, NO_ARG},
    {"that same? UNIT", r_anaphor, NO_ARG},
    {"the UNIT before", r_anaphor, AT_CLAUSE_END},
    {"the same UNIT", r_anaphor, NO_ARG},
    {"the REL UNIT", r_anaphor, NO_ARG},
    {"the? MOD? -? REL fiscal? UNIT", r_rel_unit, NO_ARG},
    {"earlier|later REL UNIT", r_rel_unit, NO_ARG},
    {"the MOD of the|this? UNIT", r_rel_unit, NO_ARG},
    {"the MOD of REL UNIT", r_rel_unit, NO_ARG},
    {"the|that UNIT", r_the_unit, NO_ARG},
    {"the full|entire|whole|fiscal fiscal? UNIT", r_the_unit, NO_ARG},
    {"APPROX? NUM|a|an -? UNIT|UNITS ago|earlier|later|hence", r_ago, NO_ARG},
    {"more|less than NUM|a|an -? UNIT|UNITS ago|earlier|later", r_ago, NO_ARG},
    {"APPROX? NUM|a|an -? UNIT|UNITS before", r_ago, AT_CLAUSE_END},
    {"a? FUZZY? UNITS ago", r_ref, TX_REF_PAST},
    {"recent UNITS", r_ref, TX_REF_PAST},
    {"the? year -? earlier|ago ORD? quarter|period?", r_year_before, NO_ARG},
    {"the? YEAR quarter|period", r_year, NO_ARG},
    {"the latest period", r_latest_period, NO_ARG},
    {"year -? end YEAR?", r_year_end, NO_ARG},
    {"the week - end", r_week_end, NO_ARG},
    {"year ' s end", r_year_end, NO_ARG},
    /* durations */
    {"APPROX|more|less|fewer|at|no? more|less|than|least? than? NUM -? UNIT|UNITS",
     r_duration, NO_ARG},
    {"up to NUM -? UNIT|UNITS", r_duration, NO_ARG},
    {"APPROX|at? least? the? REL? a? NUM of UNITS", r_duration, NO_ARG},    /* a couple of years */
    {"APPROX|at? least? NUM more|additional|further UNITS", r_duration, NO_ARG},
    {"APPROX? NUM NUM / NUM -? UNIT|UNITS", r_and_half, 1},
    {"APPROX? NUM and a half UNIT|UNITS", r_and_half, 0},
    {"APPROX? a|an|one UNIT and a half", r_and_half, 0},
    {"the NUM -? UNIT|UNITS", r_duration, NO_ARG},
    {"NUM to|or|- NUM -? UNIT|UNITS", r_duration, DUR_RANGE},
    {"the? REL|ORD NUM -? UNIT|UNITS", r_duration, NO_ARG},
    {"the? REL|ORD FUZZY UNITS", r_duration, NO_ARG},
    {"the? REL UNITS", r_duration, DUR_RANGE},                  /* coming weeks: PXW */
    {"the UNITS ahead", r_duration, DUR_RANGE},
    {"a|an|one additional|extra|more|full|further|whole|entire? UNIT", r_duration, DUR_ONE},
    {"a? FUZZY UNITS", r_duration, NO_ARG},
    {"UNITS", r_duration, DUR_BARE},
    {"UNIT - long", r_duration, DUR_ONE},                       /* a day-long meeting */
    {"UNITS - long", r_duration, DUR_RANGE},                    /* decades-long */
    /* sets */
    {"every|each other? NUM? UNIT|UNITS", r_set, NO_ARG},
    {"every|each WDAY", r_set, NO_ARG},
    {"once|twice a|per UNIT", r_set, SET_RATE},
    {"NUM times a|per UNIT", r_set, SET_RATE},
    {"a? FUZZY times a|per UNIT", r_set, SET_RATE},
    {"WDAYS PARTS?", r_set, NO_ARG},
    {"WDAY PARTS", r_set, NO_ARG},
    {"every|each MONTH", r_set_month, NO_ARG},
    {"SETW", r_set, NO_ARG},
    {"half -? SETW", r_half_yearly, NO_ARG},
    /* times of day */
    {"CLOCK AMPM? est|edt|gmt|cst|pst|utc|bst|cet? ,? WDAY|DAYREL?", r_clock, -1},
    {"NUM AMPM est|edt|gmt|cst|pst|utc|bst|cet? ,? WDAY|DAYREL?", r_clock, -1},
    {"CLOCK AMPM? est|edt|gmt|cst|pst|utc|bst|cet? ,? on? MONTH DAY", r_clock, -1},
    {"NUM AMPM est|edt|gmt|cst|pst|utc|bst|cet? ,? on? MONTH DAY", r_clock, -1},
    {"NUM gmt|utc|est|edt|cst|cdt|pst|pdt", r_clock, CLOCK_HHMM},
    {"NUM mst|mdt|bst|cet|hrs", r_clock, CLOCK_HHMM},
    {"NUM local time?", r_clock, CLOCK_HHMM},
    {"noon|midday WDAY|DAYREL?", r_clock, 1200},
    {"midnight WDAY|DAYREL?", r_clock, 2400},
    /* references */
    {"REF", r_ref, BY_WORD},
    {"right|just now", r_ref, TX_REF_PRESENT},
    {"these days", r_ref, TX_REF_PRESENT},
    {"at present", r_ref, TX_REF_PRESENT},
    {"the past", r_ref, TX_REF_PAST},
    {"the near|distant? future", r_ref, TX_REF_FUTURE},
    {"the near|short term", r_ref, TX_REF_FUTURE},
};

#define NRULES ((int)(sizeof(tx_rules) / sizeof(tx_rules[0])))
_Static_assert(NRULES <= TX_MAX_RULES, "more rules than TX_MAX_RULES (timex_internal.h)");

const int tx_nrules = NRULES;

