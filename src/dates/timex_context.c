/*
 * timex_context.c - what the rules of the temporal tagger read around an
 * expression and how they write it out: the calendar outputs (a value and
 * its range of days), tests of the words nearby (sentence ends, names,
 * numbers that are no year, tense and future cues), the direction a date
 * without a year points in and the choice among its candidates, and the
 * narrative anchor of a story.
 * The rules themselves are in timex_rules.c, the matcher in timex.c.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dates/calendar.h"
#include "dates/timex_internal.h"

/* ---- calendar outputs ----------------------------------------------- */

void tx_out_range(struct out *o, long lo, long hi)
{
    o->lo = lo, o->hi = hi;
}

int tx_out_day(struct out *o, long d)
{
    struct gz_ymd y = gz_cal_from_days(d);

    if (y.year < 1 || y.year > 9999)
        return R_REJECT;
    snprintf(o->value, sizeof(o->value), "%04d-%02d-%02d", y.year, y.month, y.day);
    tx_out_range(o, d, d + 1);
    return R_EMIT;
}

int tx_out_month(struct out *o, int y, int m)
{
    if (y < 1 || y > 9999)
        return R_REJECT;
    snprintf(o->value, sizeof(o->value), "%04d-%02d", y, m);
    tx_out_range(o, gz_cal_days(y, m, 1), gz_cal_days(y, m, 1) + gz_cal_month_days(y, m));
    return R_EMIT;
}

static int out_months(struct out *o, const char *fmt, int y, int n, int first_month, int len)
{
    if (y < 1 || y > 9998)
        return R_REJECT;
    snprintf(o->value, sizeof(o->value), fmt, y, n);
    tx_out_range(o, gz_cal_days(y, first_month, 1),
              gz_cal_days(y + (first_month + len - 1) / 12, (first_month + len - 1) % 12 + 1, 1));
    return R_EMIT;
}

int tx_out_year(struct out *o, int y)
{
    return out_months(o, "%04d", y, 0, 1, 12);
}

int tx_out_quarter(struct out *o, int y, int q)
{
    return out_months(o, "%04d-Q%d", y, q, 3 * q - 2, 3);
}

int tx_out_half(struct out *o, int y, int h)
{
    return out_months(o, "%04d-H%d", y, h, 6 * h - 5, 6);
}

int tx_out_season(struct out *o, int y, int s)
{
    int r = out_months(o, "%04d", y, 0, gz_tx_season_start[s], 3);

    snprintf(o->value, sizeof(o->value), "%04d-%s", y, gz_tx_seasons[s]);
    return r;
}

int tx_out_week(struct out *o, long day, int weekend)
{
    int iy, w;
    long mon;

    gz_cal_iso_week(day, &iy, &w);
    mon = gz_cal_iso_week_start(iy, w);
    snprintf(o->value, sizeof(o->value), "%04d-W%02d%s", iy, w, weekend ? "-WE" : "");
    tx_out_range(o, weekend ? mon + 5 : mon, mon + 7);
    return R_EMIT;
}

int tx_out_span_years(struct out *o, const char *fmt, int v, int first, int len)
{
    snprintf(o->value, sizeof(o->value), fmt, v);
    if (first >= 1 && first + len <= 9999)
        tx_out_range(o, gz_cal_days(first, 1, 1), gz_cal_days(first + len, 1, 1));
    return R_EMIT;
}

int tx_out_time(struct out *o, long d, const char *clock)
{
    if (tx_out_day(o, d) != R_EMIT)
        return R_REJECT;
    o->type = "TIME";
    snprintf(o->value + 10, sizeof(o->value) - 10, "T%s", clock);
    return R_EMIT;
}

int tx_out_amount(struct out *o, const char *type, int n, int unit)
{
    const struct tx_unit_info *u = &gz_tx_units[unit];

    o->type = type;
    if (n < 0)
        snprintf(o->value, sizeof(o->value), "P%sX%c", u->time_part ? "T" : "", u->letter);
    else
        snprintf(o->value, sizeof(o->value), "P%s%d%c", u->time_part ? "T" : "", n * u->factor,
                 u->letter);
    return R_EMIT;
}

int tx_out_ref(struct out *o, int r)
{
    snprintf(o->value, sizeof(o->value), "%s", gz_tx_refs[r]);
    return R_EMIT;
}

/* ---- context helpers ------------------------------------------------ */

int tx_has(const struct match *m, int cls)
{
    return m->cap[cls].tok >= 0;
}

int tx_val(const struct match *m, int cls)
{
    return m->cap[cls].val;
}

/* 1 when token i is the word w (lowercase). */
int tx_tok_is(const struct ctx *c, int i, const char *w)
{
    const struct tok *k;
    size_t n = strlen(w);

    if (i < 0 || i >= c->ntok)
        return 0;
    k = &c->t[i];
    return k->end - k->start == n && strncasecmp(c->text + k->start, w, n) == 0;
}

/* 1 when token i starts with a capital followed by a small letter. */
int tx_capitalised(const struct ctx *c, int i)
{
    const struct tok *k = &c->t[i];

    return i >= 0 && i < c->ntok && k->kind == T_WORD && k->end - k->start > 1
           && isupper((unsigned char)c->text[k->start]) && islower((unsigned char)c->text[k->start + 1]);
}

/* 1 when token i is one of the words of a list ending in NULL (lowercase). */
int tx_tok_in(const struct ctx *c, int i, const char *const *words)
{
    for (; *words != NULL; words++)
        if (tx_tok_is(c, i, *words))
            return 1;
    return 0;
}

int tx_span_has(const struct ctx *c, const struct match *m, const char *w)
{
    int i;

    for (i = m->start; i < m->end; i++)
        if (tx_tok_is(c, i, w))
            return 1;
    return 0;
}

/* 1 when the full stop at token i ends an abbreviation, not a sentence:
 * "Roe vs. Wade", "Mr. Smith", "Acme Inc. said", "the U.N. ceremonies". */
static int abbreviation_dot(const struct ctx *c, int i)
{
    const struct tok *w;

    if (!tx_punct_at(c, i, '.') || i == 0 || c->t[i].space_before || c->t[i - 1].kind != T_WORD
        || c->t[i - 1].end - c->t[i - 1].start > 4)
        return 0;                       /* every one of gz_tx_abbrevs is short */
    if (i + 1 >= c->ntok || c->t[i + 1].para_before)
        return 0;
    if (tx_tok_in(c, i - 1, gz_tx_abbrevs))
        return 1;
    w = &c->t[i - 1];                   /* "the U.N. ceremonies", not "in the U.S. The ..." */
    return (w->end - w->start == 1 || memchr(c->text + w->start, '.', w->end - w->start) != NULL)
           && !is_upper(c->text[c->t[i + 1].start]);
}

int tx_is_boundary(const struct ctx *c, int i)
{
    return c->t[i].para_before || (c->t[i].kind == T_PUNCT && c->t[i].ch
                                   && strchr(".!?;", c->t[i].ch) && !abbreviation_dot(c, i));
}

/* 1 when the sentence holding the match contains the word w. */
static int sentence_has(const struct ctx *c, const struct match *m, const char *w)
{
    int i;

    for (i = m->start; i > 0 && !tx_is_boundary(c, i) && !tx_tok_is(c, i, w); i--)
        ;
    if (tx_tok_is(c, i, w))
        return 1;
    for (i = m->end; i < c->ntok && !tx_is_boundary(c, i); i++)
        if (tx_tok_is(c, i, w))
            return 1;
    return 0;
}

/* 1 when the word w occurs in the sentence of the match or within the
 * `back` tokens before it. */
int tx_near_has(const struct ctx *c, const struct match *m, const char *w, int back)
{
    int i;

    for (i = m->start - 1; i >= 0 && i >= m->start - back; i--)
        if (tx_tok_is(c, i, w))
            return 1;
    return sentence_has(c, m, w);
}

tx_mask tx_mask_at(const struct ctx *c, int i)
{
    return i >= 0 && i < c->ntok ? c->t[i].mask : 0;
}

int tx_punct_at(const struct ctx *c, int i, char ch)
{
    return i >= 0 && i < c->ntok && c->t[i].kind == T_PUNCT && c->t[i].ch == ch;
}

/* 1 when token i joins the two ends of a range: "6-7", "15 to 22", "4 and 5". */
int tx_range_word(const struct ctx *c, int i)
{
    return tx_punct_at(c, i, '-') || tx_tok_is(c, i, "to") || tx_tok_is(c, i, "and")
           || tx_tok_is(c, i, "through") || tx_tok_is(c, i, "until");
}

/* The year written at the far end of a range that starts at token `end`
 * ("March 5-9, 1918", "26 June - 4 August 1952"), or 0. */
int tx_range_year_after(const struct ctx *c, int end)
{
    int i;

    if (!tx_range_word(c, end))
        return 0;
    for (i = end + 1; i < c->ntok && i <= end + 5; i++) {
        tx_mask mask = tx_mask_at(c, i);

        if ((mask & TX_BIT(TX_YEAR)) && i > end + 1)
            return c->t[i].num;
        if (!(mask & (TX_BIT(TX_DAY) | TX_BIT(TX_MONTH))) && !tx_punct_at(c, i, ',')
            && !tx_punct_at(c, i, '.'))
            return 0;
    }
    return 0;
}

/* 1 when token i is a time zone ("GMT", "CDT") or "local". */
int tx_zone_at(const struct ctx *c, int i)
{
    return tx_tok_in(c, i, gz_tx_zones);
}

/* 1 when what follows the number at token i makes it a time of day: a
 * zone or "hrs" ("1530 GMT", "1700 local", "1500 hrs"), or a place and
 * "time" ("1000 London time", "1700 New York time"). */
static int clock_follows(const struct ctx *c, int i)
{
    int k;

    if (tx_zone_at(c, i + 1) || tx_tok_is(c, i + 1, "hrs") || tx_tok_is(c, i + 1, "hours"))
        return 1;
    for (k = i + 1; k <= i + 2 && k < c->ntok && c->t[k].kind == T_WORD; k++)
        if (!isupper((unsigned char)c->text[c->t[k].start]))
            break;
    return k > i + 1 && tx_tok_is(c, k, "time");
}

/* 1 when the four-digit number at token i is a time of day by what follows
 * it (clock_follows), or the near end of a range whose far end is one
 * ("from 1700 to 2100 local", "between 1900 and 2300 hours"). */
int tx_clock_by_context(const struct ctx *c, int i)
{
    if (clock_follows(c, i))
        return 1;
    return tx_range_word(c, i + 1) && i + 2 < c->ntok && c->t[i + 2].kind == T_NUM
           && c->t[i + 2].end - c->t[i + 2].start == 4 && clock_follows(c, i + 2);
}

static int year_like(const struct tok *k)
{
    return k->end - k->start == 4 && k->num >= 1500 && k->num <= 2099;
}

/* 1 when token i stands in a row of three or more bare numbers that are
 * not all years: a line of a table ("WINTER 1639 1635 54"), where a
 * header of years ("1988 1989 1990 1991") stays dated. */
static int in_table_row(const struct ctx *c, int i)
{
    int a = i, b = i, k, years = 1;

    while (a > 0 && c->t[a - 1].kind == T_NUM && !c->t[a].para_before)
        a--;
    while (b + 1 < c->ntok && c->t[b + 1].kind == T_NUM && !c->t[b + 1].para_before)
        b++;
    for (k = a; k <= b; k++)
        years &= year_like(&c->t[k]);
    return b - a >= 2 && !years;
}

/* 1 when token i ends a number written with '-' or '/' whose part before
 * is neither a year nor a day or month: "1-800-322-1887", "26.1288/1812"
 * (but "1985/86", "1990-1995", "2/30/1990"). */
static int part_of_number(const struct ctx *c, int i)
{
    const struct tok *k = i >= 2 ? &c->t[i - 2] : NULL;

    return k && !c->t[i].space_before && !c->t[i - 1].space_before
           && (tx_punct_at(c, i - 1, '-') || tx_punct_at(c, i - 1, '/'))
           && k->kind == T_NUM && !year_like(k) && (k->end - k->start > 2 || k->num > 31);
}

/* 1 when token i is the number of a wire slug: "(XYJN 1519)". */
static int in_slug(const struct ctx *c, int i)
{
    const struct tok *k = i >= 1 ? &c->t[i - 1] : NULL;
    unsigned b;

    if (!k || k->kind != T_WORD || !tx_punct_at(c, i - 2, '(') || !tx_punct_at(c, i + 1, ')'))
        return 0;
    for (b = k->start; b < k->end; b++)
        if (!isupper((unsigned char)c->text[b]))
            return 0;
    return k->end - k->start >= 2 && !(k->mask & TX_BIT(TX_MONTH));
}

/* Mark in clocks (TX_CLOCK_BYTES) every hhmm the text writes as a four-digit
 * time of day ("1530 EST"). */
void tx_note_clocks(const struct ctx *c, unsigned char *clocks)
{
    int i;

    for (i = 0; i < c->ntok; i++) {
        int n = c->t[i].num;

        /* n is -1 for a malformed clock ("15:8"), which also spans four bytes */
        if (c->t[i].kind == T_NUM && c->t[i].end - c->t[i].start == 4 && n >= 0
            && n % 100 < 60 && n < 2400 && tx_clock_by_context(c, i))
            clocks[n / 8] |= (unsigned char)(1u << (n % 8));
    }
}

/* 1 when the number at token i is written elsewhere in the text as a time
 * of day ("after 1530" where the text also says "1530 EST"): one number,
 * one sense. */
static int clock_elsewhere(const struct ctx *c, int i)
{
    int n = c->t[i].num;

    return c->clocks && n >= 0 && n < 2400 && (c->clocks[n / 8] & (1u << (n % 8)));
}

/* 1 when the four-digit number at token i is no year by its neighbours:
 * "2000 shares", "$1990", "1990%", a table cell, "at 1530", "1700 to 2100
 * local", a phone number, a wire slug, a number written nearby as a time. */
int tx_not_year(const struct ctx *c, int i)
{
    return tx_punct_at(c, i + 1, '%') || (tx_mask_at(c, i + 1) & TX_BIT(TX_MEASURE))
           || tx_punct_at(c, i - 1, '$') || tx_punct_at(c, i - 1, '#') || in_table_row(c, i)
           || tx_tok_is(c, i - 1, "at") || tx_clock_by_context(c, i) || part_of_number(c, i)
           || in_slug(c, i) || clock_elsewhere(c, i);
}

/* Skip back over "on", "late", "early" ... before token i. */
int tx_word_before(const struct ctx *c, int i)
{
    i--;
    while (i >= 0 && (tx_tok_is(c, i, "on") || (tx_mask_at(c, i) & TX_BIT(TX_MOD))))
        i--;
    return i;
}

static int past_verb(const struct ctx *c, int i)
{
    const struct tok *k;

    if (i < 0 || c->t[i].kind != T_WORD)
        return 0;
    k = &c->t[i];
    return (k->mask & TX_BIT(TX_PASTV))
           || (k->end - k->start > 4 && strncasecmp(c->text + k->end - 2, "ed", 2) == 0);
}

/* 1 when a past-tense verb comes right before token `start` ("met
 * Monday"), not a participle after "be" ("will be paid Dec. 14"). */
int tx_past_before(const struct ctx *c, int start)
{
    int w = tx_word_before(c, start);

    return past_verb(c, w) && !tx_tok_is(c, w - 1, "be");
}

/* 1 when a verb of a timetable in the present tense comes right before
 * token `start`: "the meeting opens Monday", "talks resume Tuesday", "the
 * offer expires on Friday" speak of the coming weekday. */
static int schedule_before(const struct ctx *c, int start)
{
    int w = tx_word_before(c, start);

    if (tx_tok_is(c, w - 1, "did") || tx_tok_is(c, w - 1, "not") || tx_tok_is(c, w - 1, "t"))
        return 0;                       /* "did not meet Monday" */
    return tx_tok_in(c, w, gz_tx_schedule_verbs);
}

/* Words after which a headline's "TO" is a preposition, not "is to":
 * "RISES TO RECORD", "RETURNS TO PROFIT", "SWITCH TO DAYLIGHT TIME",
 * "27 WEEKS TO JANUARY 3". */
static int moves_to(const struct ctx *c, int i)
{
    if (past_verb(c, i) || (c->t[i].mask & (TX_BIT(TX_UNIT) | TX_BIT(TX_UNITS))))
        return 1;                       /* "27 WEEKS TO JANUARY 3" */
    return tx_tok_in(c, i, gz_tx_moves_to);
}

/* 1 when a headline says "X TO DO": "REAGAN TO HOLD NEWS CONFERENCE
 * THURSDAY", headline shorthand for "is to". */
static int headline_to(const struct ctx *c, int i)
{
    if (!c->headline || !tx_tok_is(c, i, "to") || i == 0)
        return 0;
    if (tx_punct_at(c, i - 1, '>') || tx_punct_at(c, i - 1, ')'))
        return 1;                       /* "GM <GM> TO CLOSE" */
    return c->t[i - 1].kind == T_WORD && !moves_to(c, i - 1);
}

/* Tense of the clause before token `start`: +1 when a future cue such as
 * "will", "is to" or "set for" comes within a few words, nearer than any
 * past-tense verb (-1); 0 when neither. *weak is set for a cue that only
 * leans to the future and yields to a past verb after the date ("until
 * Thursday, they had not called", "a service planned for Saturday was
 * canceled"). */
int tx_tense_before(const struct ctx *c, int start, int *weak)
{
    int i;

    *weak = 0;
    if (start < c->ntok && c->t[start].para_before)
        return 0;                       /* the date opens a paragraph */
    if (tx_past_before(c, start))
        return -1;
    for (i = start - 1; i >= 0 && i >= start - 10; i--) {
        const struct tok *k = &c->t[i];

        if ((k->mask & TX_BIT(TX_FUT)) && (tx_tok_is(c, i, "plan") || tx_tok_is(c, i, "plans"))
            && (tx_tok_is(c, i - 1, "the") || tx_tok_is(c, i - 1, "a") || tx_tok_is(c, i - 1, "its")))
            continue;                   /* "announced the plan": a noun, no tense */
        if (tx_tok_is(c, i, "due") && tx_tok_is(c, i + 1, "to")
            && tx_tok_in(c, i + 2, gz_tx_cause_words))
            continue;                   /* "was due to a substantial increase": a cause */
        if (tx_tok_is(c, i, "be") && tx_tok_is(c, i - 1, "to") && past_verb(c, i + 1)
            && !tx_tok_is(c, i - 2, "said") && !tx_tok_is(c, i - 2, "appears"))
            return 1;                   /* "the harvest to be conducted in October" */
        if (k->mask & TX_BIT(TX_FUT)) { /* "had been scheduled to": a past plan */
            if (tx_tok_is(c, i - 1, "been") || tx_tok_is(c, i - 1, "had")
                || (k->lex->val[TX_FUT] != TX_FUT_VERB && tx_tok_is(c, i + 1, "to")
                    && tx_tok_is(c, i + 2, "have")))
                return -1;              /* "were due to have adopted it by April 1" */
            *weak = k->lex->val[TX_FUT] == TX_FUT_WEAK;
            return 1;
        }
        if ((tx_tok_is(c, i, "to") && (tx_tok_is(c, i - 1, "is") || tx_tok_is(c, i - 1, "are")
                                    || tx_tok_is(c, i - 1, "set")))
            || (tx_tok_is(c, i, "for") && tx_tok_is(c, i - 1, "set"))
            || (tx_tok_is(c, i, "as") && tx_tok_is(c, i - 1, "early") && tx_tok_is(c, i - 2, "as"))
            || headline_to(c, i))
            return 1;                   /* "is to resume", "set for", "as early as", "GM TO CLOSE" */
        if (k->mask & TX_BIT(TX_PASTV))
            return -1;                  /* the nearest cue decides */
        if (tx_is_boundary(c, i))
            return 0;
    }
    return 0;
}

int tx_future_cue(const struct ctx *c, int start)
{
    int weak;

    return tx_tense_before(c, start, &weak) > 0;
}

/* 1 when token i reports speech: "said", "told", "added". */
static int reporting_verb(const struct ctx *c, int i)
{
    return tx_tok_in(c, i, gz_tx_reporting_verbs);
}

/* Tense of the words after token `end` up to the end of the sentence: the
 * first verb that shows one, +1 for "On Tuesday, the league will hold",
 * -1 for "Until Thursday, they had not called". Callers use only the
 * future reading: "Nov. 16, the company said" is no past date. */
int tx_tense_after(const struct ctx *c, int end)
{
    int i, comma = 0;

    for (i = end; i < c->ntok && i < end + 12; i++) {
        if (tx_is_boundary(c, i))
            return 0;
        comma |= tx_punct_at(c, i, ',');
        if (comma && reporting_verb(c, i))
            return 0;                   /* "scheduled for July one, KeyCorp said": the report's tense */
        if (((tx_mask_at(c, i) & TX_BIT(TX_FUT)) && c->t[i].lex->val[TX_FUT] == TX_FUT_VERB)
            || (tx_tok_is(c, i, "to") && (tx_tok_is(c, i - 1, "is") || tx_tok_is(c, i - 1, "are"))))
            return 1;
        if ((tx_tok_is(c, i, "was") || tx_tok_is(c, i, "were")) && (tx_mask_at(c, i + 1) & TX_BIT(TX_FUT)))
            return 0;                   /* "were planning to", "was expected to": a plan then */
        if (past_verb(c, i) && !tx_tok_is(c, i - 1, "be") && !tx_tok_is(c, i - 1, "been"))
            return -1;
    }
    return 0;
}

/* 1 when the match opens its sentence as "In January," ("In January, a
 * bomb exploded"): the clause it fronts is its own, so that clause's tense
 * places it. */
static int fronted(const struct ctx *c, const struct match *m)
{
    int in = m->start - 1;

    return tx_tok_is(c, in, "in") && tx_punct_at(c, m->end, ',')
           && (in == 0 || c->t[in].para_before || tx_is_boundary(c, in - 1));
}

/* 1 when the date is where a deadline was moved to: "extended the
 * warrants to September 30 from March 31", "postponed until May 5"; not
 * "extended credits ... in the week to Wednesday February 25" nor "the
 * quota year, which was extended to December 31" (no "from"). */
static int moved_to(const struct ctx *c, const struct match *m)
{
    const char *const *stem;
    int i;

    if (!tx_tok_is(c, m->start - 1, "until")
        && !(tx_tok_is(c, m->start - 1, "to") && tx_tok_is(c, m->end, "from")))
        return 0;
    for (i = m->start - 2; i >= 0 && i >= m->start - 10 && !tx_is_boundary(c, i); i--)
        for (stem = gz_tx_postpone_stems; *stem != NULL; stem++)
            if (c->t[i].kind == T_WORD && c->t[i].end - c->t[i].start >= strlen(*stem)
                && strncasecmp(c->text + c->t[i].start, *stem, strlen(*stem)) == 0)
                return 1;
    return 0;
}

/* 1 when "would" at token i is followed by a plain verb: "would start",
 * not "would have", "would not", "would be seen". */
static int would_do(const struct ctx *c, int i)
{
    return tx_tok_is(c, i, "would") && !tx_tok_is(c, i + 1, "have") && !tx_tok_is(c, i + 1, "not")
           && !past_verb(c, i + 1);
}

/* 1 when a plan in the conditional or the infinitive comes before the
 * weekday of the match, in its clause: "workers would start voting
 * Monday", "to attend U.N. ceremonies on Friday"; not "the first to
 * announce an increase on Tuesday". A "would" after the day is most often
 * reported speech ("told reporters on Saturday that Sy would"). */
static int plan_with(const struct ctx *c, const struct match *m)
{
    int i;

    for (i = m->start - 1; i >= 0 && i >= m->start - 8 && !tx_is_boundary(c, i); i--)
        if ((would_do(c, i) && i >= m->start - 6)
            || (tx_tok_is(c, i, "to") && tx_tok_in(c, i + 1, gz_tx_plan_verbs)
                && !tx_tok_is(c, i - 1, "first") && !tx_tok_is(c, i - 1, "last")))
            return 1;
    return 0;
}

/* Which way from the reference an expression without a year points: a
 * relative word decides ("last", "next"), then a past verb right before
 * it, "by" (a deadline), the tense of its sentence, and else `otherwise`
 * (the nearest for months, the past for weekdays; in a story the nearest
 * either way). */
enum dir tx_default_dir(const struct ctx *c, const struct match *m, enum dir otherwise)
{
    int weak, t;

    if (tx_has(m, TX_REL))
        return tx_val(m, TX_REL) < 0 ? D_BEFORE : tx_val(m, TX_REL) > 0 ? D_AFTER : D_FUTURE;
    if (!c->in_story && moved_to(c, m))
        return D_FUTURE;        /* "extended the offer to September 30" */
    if (!c->in_story && tx_tok_is(c, m->start - 1, "pay") && tx_capitalised(c, m->start - 1))
        return D_DEADLINE;      /* a dividend's "Pay July One": the nearest, ahead as often as not */
    if (!c->in_story && tx_past_before(c, m->start))
        return D_PAST;          /* "the year ended Jan. 31" (a story is all in the past tense) */
    if (!c->story && tx_has(m, TX_WDAY) && plan_with(c, m)
        && !(tx_punct_at(c, m->end, '\'') && tx_tok_is(c, m->end + 1, "s")))
        return D_FUTURE;        /* "would start voting Monday"; not "would avenge Monday's raids" */
    t = tx_tense_before(c, m->start, &weak);
    if (tx_tok_is(c, m->start - 1, "by") && !c->in_story && tx_tense_after(c, m->end) >= 0)
        return t > 0 && !weak ? D_FUTURE : D_DEADLINE;  /* "will finish by October" */
    if (t >= 0 && !c->story && tx_has(m, TX_WDAY) && schedule_before(c, m->start))
        return D_FUTURE;        /* "the offer expires on Friday"; not "had been due to expire" */
    if ((weak && !c->in_story) || (t <= 0 && !c->story)) {
        int after = tx_tense_after(c, m->end); /* "On Tuesday, the league will"; "Until May, they had" */

        if (after < 0 && !weak && otherwise == D_NEAREST && fronted(c, m))
            return D_PAST;      /* "In January, a bomb exploded" */
        t = after || !weak ? after : t;
    }
    if (t > 0)
        return D_FUTURE;
    return otherwise == D_NEAREST && c->in_story ? D_STORY : otherwise;
}

/* Distance to the reference, a future one counted FUTURE_WEIGHT times. */
static long weigh(long d)
{
    return d < 0 ? -d : d * FUTURE_WEIGHT;
}

/* Choose among positions cand[0..n) (increasing) the one that dir picks
 * relative to ref; returns its index. */
int tx_pick(const long *cand, int n, long ref, enum dir dir)
{
    int i, best = -1;

    for (i = 0; i < n; i++) {
        long d = cand[i] - ref;

        if ((dir == D_PAST && d > 0) || (dir == D_BEFORE && d >= 0)
            || (dir == D_FUTURE && d < 0) || (dir == D_AFTER && d <= 0))
            continue;
        if (best < 0 || (dir == D_NEAREST && weigh(d) < weigh(cand[best] - ref))
            || (dir == D_DEADLINE && labs(d) <= labs(cand[best] - ref))
            || (dir == D_STORY && labs(d) < labs(cand[best] - ref))
            || ((dir == D_PAST || dir == D_BEFORE) && d <= 0))
            best = i;
        if ((dir == D_FUTURE || dir == D_AFTER) && best >= 0)
            break;
    }
    return best < 0 ? 1 : best;
}

/* Year of month m (day d, 0 for the whole month) seen from the reference. */
int tx_pick_year(const struct ctx *c, int m, int d, enum dir dir)
{
    long cand[3], ref;
    int k, y = c->refd.year;

    if (c->in_story && c->an->gran == A_YEAR)
        return y;                       /* "In 1940 ... in December": that year */
    for (k = 0; k < 3; k++) {
        int dd = d > gz_cal_month_days(y - 1 + k, m) ? 28 : d;

        cand[k] = d ? gz_cal_days(y - 1 + k, m, dd) : (long)(y - 1 + k) * 12 + m;
    }
    ref = d ? c->ref : (long)y * 12 + c->refd.month;
    return y - 1 + tx_pick(cand, 3, ref, dir);
}

/* Day number of weekday wd seen from the reference in direction dir. */
long tx_pick_wday(const struct ctx *c, int wd, enum dir dir)
{
    int today = gz_cal_weekday(c->ref);
    int back = (today - wd + 7) % 7, ahead = (wd - today + 7) % 7;

    switch (dir) {
    case D_FUTURE: return c->ref + ahead;
    case D_BEFORE: return c->ref - (back ? back : 7);
    case D_AFTER:  return c->ref + (ahead ? ahead : 7);
    case D_DEADLINE: return ahead <= back ? c->ref + ahead : c->ref - back;
    default:       return c->ref - back;
    }
}

/* The calendar unit holding the reference, moved n units. */
int tx_shift_unit(const struct ctx *c, int unit, int n, struct out *o)
{
    struct gz_ymd r = c->refd;
    int q = (r.year * 4 + (r.month - 1) / 3) + n, h = (r.year * 2 + (r.month - 1) / 6) + n;

    switch (unit) {
    case TX_U_DAY:      return tx_out_day(o, c->ref + n);
    case TX_U_WEEK:     return tx_out_week(o, c->ref + 7L * n, 0);
    case TX_U_WEEKEND:  return tx_out_week(o, c->ref + 7L * n, 1);
    case TX_U_FORTNIGHT: return tx_out_week(o, c->ref + 14L * n, 0);
    case TX_U_MONTH: {
        struct gz_ymd t = gz_cal_add_months(r, n);

        return tx_out_month(o, t.year, t.month);
    }
    case TX_U_QUARTER:  return tx_out_quarter(o, q / 4, q % 4 + 1);
    case TX_U_HALF:     return tx_out_half(o, h / 2, h % 2 + 1);
    case TX_U_YEAR:     return tx_out_year(o, r.year + n);
    case TX_U_DECADE:   return tx_out_span_years(o, "%03d", r.year / 10 + n, (r.year / 10 + n) * 10, 10);
    case TX_U_CENTURY:  return tx_out_span_years(o, "%02d", r.year / 100 + n, (r.year / 100 + n) * 100, 100);
    default:            return R_REJECT;
    }
}

int tx_unit_of(const struct match *m)
{
    return tx_has(m, TX_UNIT) ? tx_val(m, TX_UNIT) : tx_has(m, TX_UNITS) ? tx_val(m, TX_UNITS) : -1;
}

/* ---- the narrative anchor ------------------------------------------- */

static int digits_at(const char *v, int n)
{
    int i, x = 0;

    for (i = 0; i < n; i++) {
        if (!is_digit(v[i]))
            return -1;
        x = x * 10 + v[i] - '0';
    }
    return x;
}

/* Remember the date a DATE or TIME value names, at the granularity it is
 * written: "1940-06-10" (day), "1940-06" (month), "1940", "1940-SU",
 * "1940-Q3" (year), and its tokens [tok, end). References, decades,
 * durations and sets leave the anchor alone, tokens and all. */
void tx_anchor_note(struct anchor *a, const char *type, const char *v, int written, int tok,
                    int end)
{
    int y = digits_at(v, 4), m, d;

    if ((strcmp(type, "DATE") != 0 && strcmp(type, "TIME") != 0) || y < 0
        || (v[4] != '\0' && v[4] != '-'))
        return;
    *a = (struct anchor){y, 0, 0, A_YEAR, written, tok, end};
    if (v[4] != '-' || (m = digits_at(v + 5, 2)) < 1 || m > 12)
        return;
    a->m = m, a->gran = A_MONTH;
    if (v[7] != '-' || (d = digits_at(v + 8, 2)) < 1 || d > gz_cal_month_days(y, m))
        return;
    a->d = d, a->gran = A_DAY;
}

/* Years between the anchor and the reference from which the text is taken
 * to tell a story of its own time ("On June 10, 1940 ... in July"). */
#define NARRATIVE_YEARS 2

/* 1 when the text tells a story of another time (is_story) and the last
 * date named had its year written (or was read in the story) and lies far
 * from the reference too. News is read from the reference date. */
int tx_narrative(const struct ctx *c)
{
    return c->story && c->an->gran != A_NONE && c->an->written
           && abs(c->an->y - c->refd.year) >= NARRATIVE_YEARS;
}

/* 1 when the token at i begins a split year, a crop or fiscal season
 * ("the 1985/86 crop", "April/January 1986/87"), which reports write
 * without telling a story of that time. */
int tx_split_year_at(const struct ctx *c, int i)
{
    const struct tok *t = c->t;

    return i + 2 < c->ntok && t[i + 1].kind == T_PUNCT && t[i + 1].ch == '/'
           && !t[i + 1].space_before && t[i + 2].kind == T_NUM && !t[i + 2].space_before;
}

/* Is the text a headline: at most HEADLINE_TOKENS tokens and no small
 * letters? Headlines drop "is": "GM TO CLOSE NORWOOD PLANT IN AUGUST". */
#define HEADLINE_TOKENS 40

int tx_is_headline(const char *text, size_t n, int ntok)
{
    size_t i;

    if (ntok > HEADLINE_TOKENS)
        return 0;
    for (i = 0; i < n; i++)
        if (text[i] >= 'a' && text[i] <= 'z')
            return 0;
    return 1;
}

/* What the years a text writes say of it, read in one pass:
 * - c->story: it is a story of another time: it writes STORY_MIN_YEARS or
 *   more four-digit years and more than half of them are NARRATIVE_YEARS
 *   or more before the reference year (a history; news mostly writes
 *   recent years, forecasts future ones); crop years ("1985/86") do not
 *   count;
 * - c->year_before: it writes the year before the reference more often
 *   than the reference's own, like a report in March 1987 on "1986"
 *   results, whose "net loss for the year" is 1986's. */
#define STORY_MIN_YEARS 5

void tx_note_years(struct ctx *c)
{
    const struct tok *t = c->t;
    int i, far = 0, all = 0, before = 0, own = 0;

    for (i = 0; i < c->ntok; i++) {
        if (!(t[i].mask & TX_BIT(TX_YEAR)) || tx_not_year(c, i))
            continue;
        before += t[i].num == c->refd.year - 1;
        own += t[i].num == c->refd.year;
        if (t[i].num >= 1000 && t[i].num <= 2999 && !tx_split_year_at(c, i)) {
            all++;
            far += c->refd.year - t[i].num >= NARRATIVE_YEARS;
        }
    }
    c->story = all >= STORY_MIN_YEARS && 2 * far > all;
    c->year_before = before > own;
}

/* 1 when tokens [from, to) speak from the writer's own time even in a
 * story: "today", "Monday", "two years ago", "last week", "now", "the past
 * week" (but "the next day", "the last day" follow the story). */
int tx_deictic(const struct ctx *c, int from, int to)
{
    int i;

    for (i = from; i < to; i++)
        if ((c->t[i].mask & (TX_BIT(TX_DAYREL) | TX_BIT(TX_WDAY) | TX_BIT(TX_REF)))
            || tx_tok_in(c, i, gz_tx_deictic)
            || (tx_tok_in(c, i, gz_tx_deictic_unless_the) && !tx_tok_is(c, i - 1, "the")))
            return 1;
    return 0;
}

/* The context of a narrative: the reference moved to the anchor (its
 * middle when only its year or month is known), so that "June 10",
 * "the next day" and "twelve days later" are read from the story's time. */
struct ctx tx_narrative_ctx(const struct ctx *c)
{
    struct ctx n = *c;
    const struct anchor *a = c->an;

    n.refd = (struct gz_ymd){a->y, a->m ? a->m : 7, a->d ? a->d : a->m ? 15 : 1};
    n.ref = gz_cal_days(n.refd.year, n.refd.month, n.refd.day);
    n.in_story = 1;
    return n;
}

/* The anchor moved n units, written at the granularity of the unit: "the
 * following year" after "June 10, 1940" -> 1941, "the next day" ->
 * 1940-06-11, "the following week" -> 1940-W25. R_REJECT when the anchor
 * is too coarse for the unit ("the next day" after "1940"). */
int tx_anchor_shift(const struct ctx *c, int unit, int n, struct out *o)
{
    const struct anchor *a = c->an;
    long day;

    if (a->gran == A_NONE || unit < TX_U_DAY || unit == TX_U_WEEKEND || unit > TX_U_YEAR
        || unit == TX_U_QUARTER || unit == TX_U_HALF
        || (unit < TX_U_MONTH && a->gran < A_DAY) || (unit == TX_U_MONTH && a->gran < A_MONTH))
        return R_REJECT;
    if (unit == TX_U_YEAR)
        return tx_out_year(o, a->y + n);
    if (unit == TX_U_MONTH) {
        struct gz_ymd t = gz_cal_add_months((struct gz_ymd){a->y, a->m, 1}, n);

        return tx_out_month(o, t.year, t.month);
    }
    day = gz_cal_days(a->y, a->m, a->d);
    if (unit == TX_U_DAY)
        return tx_out_day(o, day + n);
    return tx_out_week(o, day + (long)n * (unit == TX_U_FORTNIGHT ? 14 : 7), 0);
}
