/*
 * amounts.c - MONEY / PERCENT / QUANTITY rules (see amounts.h).
 */
#include "ner/amounts.h"

#include <string.h>
#include <strings.h>

static const char *const scales[] = {
    "thousand", "million", "mln", "billion", "bln", "trillion", "hundred", NULL,
};
static const char *const number_words[] = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "twenty", "fifty", "hundred", "a", NULL,
};
static const char *const currency_symbols[] = {
    "$", "\xc2\xa3", "\xe2\x82\xac", "\xc2\xa5", NULL,      /* $ £ € ¥ */
};
static const char *const currency_words[] = {
    "dlr", "dlrs", "dollar", "dollars", "cent", "cents", "yen", "mark", "marks", "francs",
    "franc", "stg", "sterling", "pounds", "pound", "lire", "lira", "pesos", "peso", "euro",
    "euros", "guilders", "guilder", "crowns", "rupees", "rand", "riyals", "yuan", "roubles",
    "rubles", "schillings", "pence", "cts", NULL,
};
static const char *const currency_adjectives[] = {
    "u.s.", "us", "canadian", "australian", "new", "zealand", "hong", "kong", "taiwan",
    "swiss", "french", "belgian", "german", "japanese", "singapore", "s'pore", NULL,
};
static const char *const percent_words[] = { "%", "pct", "percent", "percentage", NULL };
static const char *const units[] = {
    "shares", "share", "tonnes", "tonne", "tons", "ton", "barrels", "barrel", "bpd",
    "ounces", "ounce", "oz", "kg", "kilos", "kilograms", "lbs", "bushels", "bales", "acres",
    "hectares", "km", "kilometres", "kilometers", "miles", "metres", "meters", "feet",
    "litres", "liters", "gallons", "cubic", "sq", "square",
    "mw", "megawatts", "kw", "bushel", "carats",
    NULL,
};

const char *gz_amount_type_name(enum gz_amount_type type)
{
    switch (type) {
    case GZ_AMOUNT_MONEY: return "MONEY";
    case GZ_AMOUNT_PERCENT: return "PERCENT";
    case GZ_AMOUNT_QUANTITY: return "QUANTITY";
    }
    return "?";
}

struct toks {
    const char            *text;
    const struct gz_token *t;
    size_t                 n;
};

static int in_list(const struct toks *k, size_t i, const char *const list[])
{
    size_t len, j;

    if (i >= k->n)
        return 0;
    len = k->t[i].end - k->t[i].start;
    for (j = 0; list[j] != NULL; j++)
        if (strlen(list[j]) == len && strncasecmp(list[j], k->text + k->t[i].start, len) == 0)
            return 1;
    return 0;
}

/* Digits with ',' and '.' inside: 8.75, 537,609, 1996 (not 1996-08-22). */
static int is_numeral(const struct toks *k, size_t i)
{
    const char *s;
    size_t n, j;

    if (i >= k->n)
        return 0;
    s = k->text + k->t[i].start;
    n = k->t[i].end - k->t[i].start;
    if (n == 0 || s[0] < '0' || s[0] > '9')
        return 0;
    for (j = 0; j < n; j++)
        if (!((s[j] >= '0' && s[j] <= '9') || s[j] == ',' || s[j] == '.'))
            return 0;
    return 1;
}

/* End of the number (with scale words) starting at token i, or i. */
static size_t number_end(const struct toks *k, size_t i)
{
    size_t e = i;

    if (is_numeral(k, i) || (in_list(k, i, number_words) && in_list(k, i + 1, scales)))
        e = i + 1;
    else
        return i;
    while (in_list(k, e, scales))
        e++;
    return e;
}

/* Money written with a symbol first: "$ 3 billion", "US$ 5" (tokens US $ 5). */
static size_t symbol_money(const struct toks *k, size_t i, size_t *start)
{
    size_t e;

    if (!in_list(k, i, currency_symbols))
        return i;
    e = number_end(k, i + 1);
    if (e == i + 1)
        return i;
    *start = i;
    if (i > 0 && k->t[i - 1].end == k->t[i].start && k->t[i - 1].end - k->t[i - 1].start <= 2)
        *start = i - 1;                       /* US$, C$, A$, HK$ */
    if (in_list(k, e, currency_words))
        e++;
    return e;
}

/* What follows a number: a unit word sets the type and the end. */
static int after_number(const struct toks *k, size_t e, size_t *end, enum gz_amount_type *type)
{
    size_t j = e;

    if (in_list(k, e, percent_words)) {
        *end = e + 1 + (in_list(k, e + 1, (const char *const[]){ "points", NULL }));
        *type = GZ_AMOUNT_PERCENT;
        return 1;
    }
    if (in_list(k, e, (const char *const[]){ "per", NULL })
        && in_list(k, e + 1, (const char *const[]){ "cent", NULL })) {
        *end = e + 2;
        *type = GZ_AMOUNT_PERCENT;
        return 1;
    }
    while (j < e + 3 && in_list(k, j, currency_adjectives))
        j++;
    if (in_list(k, j, currency_words)) {
        *end = j + 1;
        *type = GZ_AMOUNT_MONEY;
        return 1;
    }
    if (in_list(k, e, units)) {
        *end = e + 1;
        *type = GZ_AMOUNT_QUANTITY;
        return 1;
    }
    return 0;
}

size_t gz_amounts_find(const char *text, const struct gz_token *t, size_t n,
                       struct gz_amount *out)
{
    struct toks k = { text, t, n };
    size_t i = 0, m = 0, start, e, end;
    enum gz_amount_type type;

    while (i < n) {
        if ((e = symbol_money(&k, i, &start)) > i) {
            out[m].start = start;
            out[m].end = e;
            out[m++].type = GZ_AMOUNT_MONEY;
            i = e;
        } else if ((e = number_end(&k, i)) > i && after_number(&k, e, &end, &type)) {
            out[m].start = i;
            out[m].end = end;
            out[m++].type = type;
            i = end;
        } else {
            i++;
        }
    }
    return m;
}
