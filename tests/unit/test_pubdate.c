/*
 * test_pubdate.c - what the publication date parser does besides its golden
 * cases (the spellings it accepts and the reasons it gives for rejects are
 * the lines of tests/data/pubdate/, run by test_golden.c): it keeps to the
 * length given and never reads past it.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "dates/pubdate.h"

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
