/* extract_entities.c - placeholder until issue 4 lands: accepts any options, finds nothing. */
#include "core/stage.h"

static int process(struct gz_stage *st, struct gz_article *a, struct gz_error *err)
{
    (void)st, (void)a, (void)err;
    return 0;
}

const struct gz_stage_ops gz_stage_extract_entities = {
    .name = "extract_entities",
    .doc = "(not built yet)",
    .options = NULL,
    .process = process,
};
