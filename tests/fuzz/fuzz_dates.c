/*
 * fuzz_dates.c - libFuzzer harness for the date normaliser: the input is
 * parsed as a publication date and tagged as article text.
 *
 *   make fuzz FUZZ_SECONDS=60      (seeds in tests/fuzz/corpus/dates)
 */
#include <stddef.h>
#include <stdint.h>

#include "dates/pubdate.h"
#include "dates/timex.h"

static void ignore(const struct gz_timex *t, void *arg)
{
    (void)t, (void)arg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gz_pubdate_opts opts = {-1};
    struct gz_ymd d, ref = {2024, 2, 22};
    size_t used;
    const char *why;

    gz_pubdate_parse((const char *)data, size, &opts, &d, &used, &why);
    gz_timex_find((const char *)data, size, ref, ignore, NULL);
    return 0;
}
