/*
 * test_amounts.c - MONEY / PERCENT / QUANTITY rules.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/mem.h"
#include "ner/amounts.h"
#include "text/tokenize.h"

/* The amounts of s as "TYPE:surface|TYPE:surface|" in out. */
static void amounts(const char *s, char *out, size_t cap)
{
    struct gz_token *t;
    size_t n = gz_tokenize(s, strlen(s), &t), k, m, used = 0;
    struct gz_amount *a = gz_xmalloc((n + 1) * sizeof *a);

    m = gz_amounts_find(s, t, n, a);
    out[0] = '\0';
    for (k = 0; k < m; k++) {
        size_t b = t[a[k].start].start, e = t[a[k].end - 1].end;
        used += (size_t)snprintf(out + used, cap - used, "%s:%.*s|",
                                 gz_amount_type_name(a[k].type), (int)(e - b), s + b);
    }
    gz_free(a);
    gz_free(t);
}

static void check(const char *s, const char *want)
{
    char got[512];

    amounts(s, got, sizeof got);
    cr_expect_str_eq(got, want, "in \"%s\"", s);
}

Test(amounts, percent)
{
    check("Inflation rose 2% in May.", "PERCENT:2%|");
    check("Sales fell 4.5 pct and 3 per cent.", "PERCENT:4.5 pct|PERCENT:3 per cent|");
}

Test(amounts, money)
{
    check("The dividend is 8.75 dlrs a share.", "MONEY:8.75 dlrs|");
    check("It paid $3 billion for it.", "MONEY:$3 billion|");
    check("Loss of 40 mln Canadian dlrs.", "MONEY:40 mln Canadian dlrs|");
    check("Cost US$5 each.", "MONEY:US$5|");
    check("Profit 120 mln yen.", "MONEY:120 mln yen|");
}

Test(amounts, quantity)
{
    check("It bought 537,609 shares.", "QUANTITY:537,609 shares|");
    check("Output of 1.2 mln tonnes rose.", "QUANTITY:1.2 mln tonnes|");
}

Test(amounts, plain_numbers_and_dates_are_not_amounts)
{
    check("In 1987 there were 12 votes on 1996-08-22.", "");
    check("Shares rose.", "");
}
