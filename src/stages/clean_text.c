/*
 * clean_text.c - the clean_text stage: HTML tags and character references
 * left by scrapers, then blank space (see text/html.h for examples).
 * Encoding repairs (BOM, CRLF, NUL, Windows-1252) happen when the source
 * reads the file, so every stage sees valid UTF-8.
 */
#include "stages/stage.h"
#include "text/html.h"

static const struct gz_option options[] = {
    {"html", GZ_OPT_BOOL, "true", 0, "remove HTML tags and decode character references"},
    {"whitespace", GZ_OPT_BOOL, "true", 0, "collapse runs of blank space, trim lines"},
    {NULL, 0, NULL, 0, NULL},
};

static int process(struct gz_stage *st, struct gz_article *a, struct gz_error *err)
{
    (void)err;
    if (gz_stage_bool(st, "html")) {
        a->title = gz_html_clean(a->arena, a->title, a->title_len, &a->title_len, &a->repairs);
        a->body = gz_html_clean(a->arena, a->body, a->body_len, &a->body_len, &a->repairs);
    }
    if (gz_stage_bool(st, "whitespace")) {
        a->title_len = gz_space_normalise(a->title, a->title_len, 1, &a->repairs);
        a->body_len = gz_space_normalise(a->body, a->body_len, 0, &a->repairs);
    }
    return 0;
}

const struct gz_stage_ops gz_stage_clean_text = {
    .name = "clean_text",
    .doc = "HTML tags and entities left by scrapers, blank space",
    .options = options,
    .process = process,
};
