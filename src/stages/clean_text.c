/* clean_text.c - placeholder while the foundation is built. */
#include "core/stage.h"

static int process(struct gz_stage *st, struct gz_article *a, struct gz_error *err)
{
    (void)st, (void)a, (void)err;
    return 0;
}

const struct gz_stage_ops gz_stage_clean_text = {
    .name = "clean_text",
    .doc = "UTF-8 repair, HTML tags and entities, blank space",
    .options = NULL,
    .process = process,
};
