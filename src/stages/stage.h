/*
 * stage.h - the transform stages of a pipeline.
 *
 * src/stages/ owns the stage contract (this file, stage.c), the registry
 * (registry.c) and one file per stage: clean_text.c, normalise_dates.c,
 * extract_entities.c. A stage adapts one capability (src/text/, src/dates/,
 * src/ner/) to an article and its options; the work itself is done there.
 *
 * A stage is a const struct gz_stage_ops registered by name in one static
 * table (stages/registry.c). Its options are declared in a table so that
 * `gazette check` rejects unknown keys, fills defaults and prints the docs.
 *
 *   stages:
 *     - clean_text
 *     - extract_entities:
 *         model: models/ner-en.bin
 *
 * process() is called once per article. It may add mentions and dates, and
 * rewrite title/body (clean_text). To reject one article it returns -1 with
 * err->msg as the reason (code EX_DATAERR); the runner records the reject
 * and goes on. process() must not change the stage's private state except
 * through its own locking: runs may call it from several threads.
 */
#ifndef GZ_STAGE_H
#define GZ_STAGE_H

#include "core/article.h"
#include "core/config.h"
#include "core/error.h"

enum gz_opt_type { GZ_OPT_STRING, GZ_OPT_BOOL, GZ_OPT_INT, GZ_OPT_DOUBLE, GZ_OPT_LIST, GZ_OPT_PATH };

struct gz_option {
    const char      *name;
    enum gz_opt_type type;
    const char      *def;       /* default as text, NULL for none */
    int              required;
    const char      *doc;
};

struct gz_stage;

struct gz_stage_ops {
    const char             *name;
    const char             *doc;        /* one line for `gazette check` / --help */
    const struct gz_option *options;    /* terminated by an entry with name NULL */
    int  (*init)(struct gz_stage *st, struct gz_error *err);
    int  (*process)(struct gz_stage *st, struct gz_article *a, struct gz_error *err);
    void (*fini)(struct gz_stage *st);
};

struct gz_stage {
    const struct gz_stage_ops *ops;
    const struct gz_cfg_node  *opts;    /* the stage's option map, or NULL */
    const char                *base_dir;/* directory of the pipeline file */
    void                      *priv;    /* the stage's own state */
};

/* The registry. */
const struct gz_stage_ops *gz_stage_find(const char *name);
extern const struct gz_stage_ops *const gz_stage_table[]; /* NULL-terminated */

/* Option values (validated against ops->options before init): the value
 * set in the pipeline file, else the declared default. */
const struct gz_cfg_node *gz_stage_opt(const struct gz_stage *st, const char *name);
const char *gz_stage_str(const struct gz_stage *st, const char *name);  /* NULL if unset */
int         gz_stage_bool(const struct gz_stage *st, const char *name);
double      gz_stage_double(const struct gz_stage *st, const char *name);

/* A path option resolved for reading: as given if it exists relative to the
 * working directory, else relative to the pipeline file's directory, else
 * under the installed data directory. Returns a new string (gz_free). */
char *gz_stage_path(const struct gz_stage *st, const char *name);

/* The same for a path given as text (an element of a list option, a
 * default); a new string (gz_free). */
char *gz_stage_resolve(const struct gz_stage *st, const char *path);

/* Validate st->opts against the option table (unknown keys, types, required). */
int gz_stage_check_opts(const struct gz_stage *st, struct gz_error *err);

#endif
