/*
 * registry.c - every stage gazette knows, by name. Adding a stage is adding
 * its ops here; there is no dynamic loading.
 */
#include "stages/stage.h"

extern const struct gz_stage_ops gz_stage_clean_text;
extern const struct gz_stage_ops gz_stage_normalise_dates;
extern const struct gz_stage_ops gz_stage_extract_entities;
extern const struct gz_stage_ops gz_stage_normalise_names;

const struct gz_stage_ops *const gz_stage_table[] = {
    &gz_stage_clean_text,
    &gz_stage_normalise_dates,
    &gz_stage_extract_entities,
    &gz_stage_normalise_names,
    NULL,
};
