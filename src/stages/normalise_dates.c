/* normalise_dates.c - placeholder until issue 3 lands: accepts any options, finds nothing. */
#include "core/stage.h"

static int process(struct gz_stage *st, struct gz_article *a, struct gz_error *err)
{
    (void)st, (void)a, (void)err;
    return 0;
}

const struct gz_stage_ops gz_stage_normalise_dates = {
    .name = "normalise_dates",
    .doc = "(not built yet)",
    .options = NULL,
    .process = process,
};
