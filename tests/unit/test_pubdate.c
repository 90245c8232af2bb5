/* test_pubdate.c - publication date spellings, and the reasons for rejects. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "dates/pubdate.h"

struct ok_case {
    const char *in;
    int day_first;
    int y, m, d;
    size_t consumed;
};

static const struct ok_case ok[] = {
    {"2024-02-22", -1, 2024, 2, 22, 10},
    {"2024-02-22 Mark Rutte, Dutch Prime Minister", -1, 2024, 2, 22, 10},
    {"2024-02-22T10:04:00Z", -1, 2024, 2, 22, 20},
    {"2024-02-22T10:04:00+01:00 Title", -1, 2024, 2, 22, 25},
    {"2024-02-22T10:04:00.123-0500", -1, 2024, 2, 22, 28},
    {"2024-02-22 10:04 Title", -1, 2024, 2, 22, 16},
    {"1998-02-13T14:26:00", -1, 1998, 2, 13, 19},
    {"Thu, 22 Feb 2024 10:04:00 +0100", -1, 2024, 2, 22, 31},
    {"Thu, 22 Feb 2024 10:04:00 GMT Title", -1, 2024, 2, 22, 29},
    {"22 February 2024", -1, 2024, 2, 22, 16},
    {"22 Feb. 2024 Title", -1, 2024, 2, 22, 12},
    {"Feb. 22, 2024", -1, 2024, 2, 22, 13},
    {"February 22, 2024 Title", -1, 2024, 2, 22, 17},
    {"Sept. 3, 1987", -1, 1987, 9, 3, 13},
    {"22.02.2024", -1, 2024, 2, 22, 10},
    {"2024/02/22", -1, 2024, 2, 22, 10},
    {"22/02/2024", -1, 2024, 2, 22, 10},        /* unambiguous: 22 is a day */
    {"02/22/2024", -1, 2024, 2, 22, 10},
    {"02/03/2024", 1, 2024, 3, 2, 10},
    {"02/03/2024", 0, 2024, 2, 3, 10},
    {"03/03/2024", -1, 2024, 3, 3, 10},         /* same either way */
    {"1708596240", -1, 2024, 2, 22, 10},
    {"0000000000", -1, 1970, 1, 1, 10},
    {"2024-02-29", -1, 2024, 2, 29, 10},
};

Test(pubdate, accepts_the_formats_feeds_use)
{
    size_t i;

    for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        struct gz_pubdate_opts opts = {ok[i].day_first};
        struct gz_ymd d = {0, 0, 0};
        size_t used = 0;
        const char *why = NULL;
        int rc = gz_pubdate_parse(ok[i].in, strlen(ok[i].in), &opts, &d, &used, &why);

        cr_assert_eq(rc, 0, "%s: rejected (%s)", ok[i].in, why ? why : "");
        cr_expect(d.year == ok[i].y && d.month == ok[i].m && d.day == ok[i].d,
                  "%s: got %04d-%02d-%02d", ok[i].in, d.year, d.month, d.day);
        cr_expect_eq(used, ok[i].consumed, "%s: consumed %zu", ok[i].in, used);
    }
}

struct bad_case {
    const char *in;
    int day_first;
    const char *why;
};

static const struct bad_case bad[] = {
    {"2024-02-30", -1, "impossible date"},
    {"2023-02-29", -1, "impossible date"},
    {"31 April 2024", -1, "impossible date"},
    {"2024-13-01", -1, "impossible date"},
    {"32.01.2024", -1, "impossible date"},
    {"02/03/2024", -1, "ambiguous day/month order (set day_first)"},
    {"22/02/2024", 0, "impossible date"},       /* month 22 when month first */
    {"Wed, 22 Feb 2024 10:04:00 +0100", -1, "weekday does not match the date"},
    {"2024-02-22T25:00", -1, "impossible time"},
    {"yesterday", -1, "unrecognised date"},
    {"2024", -1, "unrecognised date"},
    {"2024-02-22x", -1, "unrecognised date"},
    {"", -1, "unrecognised date"},
};

Test(pubdate, rejects_with_a_reason)
{
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct gz_pubdate_opts opts = {bad[i].day_first};
        struct gz_ymd d = {0, 0, 0};
        size_t used = 0;
        const char *why = NULL;
        int rc = gz_pubdate_parse(bad[i].in, strlen(bad[i].in), &opts, &d, &used, &why);

        cr_assert_eq(rc, -1, "%s: accepted as %04d-%02d-%02d", bad[i].in, d.year, d.month, d.day);
        cr_expect_str_eq(why, bad[i].why, "%s: reason \"%s\"", bad[i].in, why);
    }
}

Test(pubdate, parses_only_the_start_of_a_header_line)
{
    const char *line = "Feb. 22, 2024 Mark Rutte";
    struct gz_ymd d;
    size_t used;
    const char *why;

    cr_assert_eq(gz_pubdate_parse(line, strlen(line), NULL, &d, &used, &why), 0);
    cr_assert_str_eq(line + used, " Mark Rutte");
}

Test(pubdate, respects_the_length_given)
{
    struct gz_ymd d;
    size_t used;
    const char *why;

    cr_assert_eq(gz_pubdate_parse("2024-02-22", 7, NULL, &d, &used, &why), -1);
}

Test(pubdate, never_reads_past_the_length)
{
    static const char *const inputs[] = {
        "2024-02-22T10:04", "Thu, 22 Feb 2024 10:04:00 +01", "22 Feb", "Feb. 22,", "22.02.",
        "02/03/", "170859624", "2024/02/2", "Sept", "2024-02-22T", "22 February 2024 10:",
    };
    size_t i, n;

    for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
        for (n = 0; n <= strlen(inputs[i]); n++) {
            char *buf = malloc(n ? n : 1);
            struct gz_ymd d;
            size_t used = 0;
            const char *why;

            memcpy(buf, inputs[i], n);
            if (gz_pubdate_parse(buf, n, NULL, &d, &used, &why) == 0)
                cr_expect_leq(used, n, "%.*s: consumed %zu of %zu", (int)n, buf, used, n);
            free(buf);
        }
}
