/*
 * pipeline.c - pipeline files: validation with positions, defaults, stages.
 */
#include "run/pipeline.h"

#include <libgen.h>
#include <string.h>

#include "core/mem.h"
#include "core/sha256.h"
#include "core/file.h"

static const char *const top_keys[] = {"pipeline", "source", "stages", "sink", "on_error", NULL};
static const char *const source_keys[] = {"files", "format", "columns", "day_first", NULL};
static const char *const column_keys[] = {"id", "published", "title", "body", NULL};
static const char *const sink_keys[] = {"postgres", NULL};
static const char *const pg_keys[] = {"dsn", "schema", "batch", NULL};

static int want(const struct gz_cfg_node *n, enum gz_cfg_kind kind, const char *what,
                struct gz_error *err)
{
    static const char *const kinds[] = {"a single value", "a list", "a mapping"};

    if (n->kind == kind)
        return 0;
    return gz_cfg_fail(err, n, "%s must be %s, found %s", what, kinds[kind], kinds[n->kind]);
}

static int load_files(struct gz_pipeline *p, const struct gz_cfg_node *n, struct gz_error *err)
{
    const struct gz_cfg_node *c;
    size_t count = 0;

    if (n->kind == GZ_CFG_SCALAR) {
        p->files = gz_xcalloc(1, sizeof(*p->files));
        p->files[0] = n->value;
        p->n_files = 1;
        return 0;
    }
    if (want(n, GZ_CFG_SEQ, "source.files", err) < 0)
        return -1;
    for (c = n->child; c != NULL; c = c->next)
        count++;
    if (count == 0)
        return gz_cfg_fail(err, n, "source.files is empty: give at least one path or glob");
    p->files = gz_xcalloc(count, sizeof(*p->files));
    for (c = n->child; c != NULL; c = c->next) {
        if (want(c, GZ_CFG_SCALAR, "each entry of source.files", err) < 0)
            return -1;
        p->files[p->n_files++] = c->value;
    }
    return 0;
}

static int load_columns(struct gz_pipeline *p, const struct gz_cfg_node *n, struct gz_error *err)
{
    const char **slots[] = {&p->source.col_id, &p->source.col_published,
                            &p->source.col_title, &p->source.col_body};
    size_t i;

    if (want(n, GZ_CFG_MAP, "source.columns", err) < 0
        || gz_cfg_check_keys(n, column_keys, "source.columns", err) < 0)
        return -1;
    for (i = 0; column_keys[i] != NULL; i++) {
        const struct gz_cfg_node *c = gz_cfg_get(n, column_keys[i]);

        if (c == NULL)
            continue;
        if (want(c, GZ_CFG_SCALAR, "a column name", err) < 0)
            return -1;
        *slots[i] = c->value;
    }
    return 0;
}

static int load_source(struct gz_pipeline *p, const struct gz_cfg_node *n, struct gz_error *err)
{
    const struct gz_cfg_node *c;

    if (want(n, GZ_CFG_MAP, "source", err) < 0
        || gz_cfg_check_keys(n, source_keys, "source", err) < 0)
        return -1;
    c = gz_cfg_get(n, "files");
    if (c == NULL)
        return gz_cfg_fail(err, n, "source.files is required (paths, globs or \"-\")");
    if (load_files(p, c, err) < 0)
        return -1;
    if ((c = gz_cfg_get(n, "format")) != NULL) {
        if (want(c, GZ_CFG_SCALAR, "source.format", err) < 0)
            return -1;
        if (strcmp(c->value, "csv") == 0)
            p->source.format = GZ_FORMAT_CSV;
        else if (strcmp(c->value, "article") != 0)
            return gz_cfg_fail(err, c, "unknown source.format \"%s\" (expected article or csv)",
                               c->value);
    }
    if ((c = gz_cfg_get(n, "columns")) != NULL && load_columns(p, c, err) < 0)
        return -1;
    if ((c = gz_cfg_get(n, "day_first")) != NULL
        && gz_cfg_bool(c, &p->source.dates.day_first, err) < 0)
        return -1;
    return 0;
}

static int load_stage(struct gz_pipeline *p, const struct gz_cfg_node *n, struct gz_error *err)
{
    const struct gz_cfg_node *opts = NULL, *name_node = n;
    struct gz_stage *st = &p->stages[p->n_stages];
    const char *name;

    if (n->kind == GZ_CFG_MAP) {
        if (n->child == NULL || n->child->next != NULL)
            return gz_cfg_fail(err, n, "a stage is a name, or one name with its options");
        name = n->child->key;
        opts = n->child;
        name_node = n->child;
        if (opts->kind == GZ_CFG_SCALAR && opts->value[0] == '\0')
            opts = NULL;                /* "- clean_text:" with nothing after */
        else if (want(opts, GZ_CFG_MAP, "stage options", err) < 0)
            return -1;
    } else if (n->kind == GZ_CFG_SCALAR) {
        name = n->value;
    } else {
        return gz_cfg_fail(err, n, "a stage is a name, or one name with its options");
    }
    st->ops = gz_stage_find(name);
    if (st->ops == NULL) {
        const char *names[32], *near;
        size_t i;

        for (i = 0; gz_stage_table[i] != NULL && i < 31; i++)
            names[i] = gz_stage_table[i]->name;
        names[i] = NULL;
        near = gz_closest(name, names);
        return gz_fail(err, EX_CONFIG, "%s:%d:%d: unknown stage \"%s\"%s%s%s", n->file,
                       name_node->key_line, name_node->key_col, name,
                       near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
    }
    st->opts = opts;
    st->base_dir = p->base_dir;
    if (gz_stage_check_opts(st, err) < 0)
        return -1;
    p->n_stages++;
    return 0;
}

static int load_stages(struct gz_pipeline *p, const struct gz_cfg_node *n, struct gz_error *err)
{
    const struct gz_cfg_node *c;
    size_t count = 0;

    if (want(n, GZ_CFG_SEQ, "stages", err) < 0)
        return -1;
    for (c = n->child; c != NULL; c = c->next)
        count++;
    p->stages = gz_xcalloc(count ? count : 1, sizeof(*p->stages));
    for (c = n->child; c != NULL; c = c->next)
        if (load_stage(p, c, err) < 0)
            return -1;
    return 0;
}

static int load_sink(struct gz_pipeline *p, const struct gz_cfg_node *n, struct gz_error *err)
{
    const struct gz_cfg_node *pg, *c;

    if (want(n, GZ_CFG_MAP, "sink", err) < 0 || gz_cfg_check_keys(n, sink_keys, "sink", err) < 0)
        return -1;
    if ((pg = gz_cfg_get(n, "postgres")) == NULL)
        return 0;
    if (pg->kind == GZ_CFG_SCALAR && pg->value[0] == '\0')
        return 0;
    if (want(pg, GZ_CFG_MAP, "sink.postgres", err) < 0
        || gz_cfg_check_keys(pg, pg_keys, "sink.postgres", err) < 0)
        return -1;
    if ((c = gz_cfg_get(pg, "dsn")) != NULL) {
        if (want(c, GZ_CFG_SCALAR, "sink.postgres.dsn", err) < 0)
            return -1;
        p->dsn = c->value[0] ? c->value : NULL;
        p->dsn_secret = c->secret;
    }
    if ((c = gz_cfg_get(pg, "schema")) != NULL) {
        if (want(c, GZ_CFG_SCALAR, "sink.postgres.schema", err) < 0)
            return -1;
        p->schema = c->value;
    }
    if ((c = gz_cfg_get(pg, "batch")) != NULL) {
        if (gz_cfg_long(c, &p->batch, err) < 0)
            return -1;
        if (p->batch < 1 || p->batch > 100000)
            return gz_cfg_fail(err, c, "sink.postgres.batch must be between 1 and 100000");
    }
    return 0;
}

static int load_on_error(struct gz_pipeline *p, const struct gz_cfg_node *n, struct gz_error *err)
{
    if (want(n, GZ_CFG_SCALAR, "on_error", err) < 0)
        return -1;
    if (strcmp(n->value, "fail") == 0)
        p->fail_on_error = 1;
    else if (strcmp(n->value, "reject") != 0)
        return gz_cfg_fail(err, n, "on_error must be reject or fail, found \"%s\"", n->value);
    return 0;
}

static void set_defaults(struct gz_pipeline *p)
{
    p->source.format = GZ_FORMAT_ARTICLE;
    p->source.col_id = "id";
    p->source.col_published = "published";
    p->source.col_title = "title";
    p->source.col_body = "body";
    p->source.dates.day_first = -1;
    p->schema = "gazette";
    p->batch = 500;
}

static int validate(struct gz_pipeline *p, struct gz_error *err)
{
    const struct gz_cfg_node *root = p->root, *c;

    if (want(root, GZ_CFG_MAP, "a pipeline file", err) < 0
        || gz_cfg_check_keys(root, top_keys, "pipeline file", err) < 0)
        return -1;
    c = gz_cfg_get(root, "pipeline");
    if (c == NULL)
        return gz_fail(err, EX_CONFIG, "%s: \"pipeline: NAME\" is required", p->file);
    if (want(c, GZ_CFG_SCALAR, "pipeline", err) < 0)
        return -1;
    p->name = c->value;
    if (p->name[0] == '\0')
        return gz_cfg_fail(err, c, "pipeline name is empty");
    if ((c = gz_cfg_get(root, "source")) == NULL)
        return gz_fail(err, EX_CONFIG, "%s: \"source:\" is required", p->file);
    if (load_source(p, c, err) < 0)
        return -1;
    if ((c = gz_cfg_get(root, "stages")) != NULL && load_stages(p, c, err) < 0)
        return -1;
    if ((c = gz_cfg_get(root, "sink")) != NULL && load_sink(p, c, err) < 0)
        return -1;
    if ((c = gz_cfg_get(root, "on_error")) != NULL && load_on_error(p, c, err) < 0)
        return -1;
    return 0;
}

static struct gz_pipeline *finish(struct gz_pipeline *p, const char *path, struct gz_error *err)
{
    char *dir = gz_xstrdup(path);

    p->file = p->root->file;
    p->base_dir = gz_xstrdup(dirname(dir));
    gz_free(dir);
    if (validate(p, err) < 0) {
        gz_pipeline_free(p);
        return NULL;
    }
    return p;
}

struct gz_pipeline *gz_pipeline_load(const char *path, struct gz_error *err)
{
    struct gz_pipeline *p;
    struct gz_error ferr = {0};
    char *buf = NULL;
    size_t len = 0;

    if (gz_file_read_all(path, (size_t)1 << 20, &buf, &len, &ferr) < 0) {
        gz_fail(err, EX_CONFIG, "%s: cannot read pipeline file: %s", path, ferr.msg);
        return NULL;
    }
    p = gz_xcalloc(1, sizeof(*p));
    set_defaults(p);
    gz_sha256_hex(buf, len, p->config_sha256);
    p->root = gz_cfg_parse_string(path, buf, len, err);
    gz_free(buf);
    if (p->root == NULL) {
        gz_free(p);
        return NULL;
    }
    return finish(p, path, err);
}

struct gz_pipeline *gz_pipeline_default(struct gz_error *err)
{
    static const char text[] =
        "pipeline: extract\n"
        "source: {files: ['-']}\n"
        "stages: [clean_text, normalise_dates, extract_entities, normalise_names]\n";
    struct gz_pipeline *p = gz_xcalloc(1, sizeof(*p));

    set_defaults(p);
    gz_sha256_hex(text, sizeof(text) - 1, p->config_sha256);
    p->root = gz_cfg_parse_string("(built-in pipeline)", text, sizeof(text) - 1, err);
    if (p->root == NULL) {
        gz_free(p);
        return NULL;
    }
    return finish(p, ".", err);
}

int gz_pipeline_init_stages(struct gz_pipeline *p, struct gz_error *err)
{
    size_t i;

    for (i = 0; i < p->n_stages; i++) {
        struct gz_stage *st = &p->stages[i];

        if (st->ops->init != NULL && st->ops->init(st, err) < 0) {
            gz_error_prefix(err, "stage %s", st->ops->name);
            while (i-- > 0)
                if (p->stages[i].ops->fini != NULL)
                    p->stages[i].ops->fini(&p->stages[i]);
            p->n_stages = 0;            /* nothing left to finalise */
            return -1;
        }
    }
    return 0;
}

void gz_pipeline_fini_stages(struct gz_pipeline *p)
{
    size_t i;

    for (i = p->n_stages; i-- > 0;)
        if (p->stages[i].ops->fini != NULL)
            p->stages[i].ops->fini(&p->stages[i]);
}

int gz_pipeline_process(struct gz_pipeline *p, struct gz_article *a, struct gz_error *err)
{
    size_t i;

    for (i = 0; i < p->n_stages; i++) {
        struct gz_stage *st = &p->stages[i];

        if (st->ops->process(st, a, err) < 0) {
            gz_error_prefix(err, "%s", st->ops->name);
            return -1;
        }
    }
    return 0;
}

static void print_stage(const struct gz_stage *st, FILE *out)
{
    const struct gz_option *o;
    int any = 0;

    for (o = st->ops->options; o != NULL && o->name != NULL; o++)
        any = 1;
    if (!any) {
        fprintf(out, "  - %s                # %s\n", st->ops->name, st->ops->doc);
        return;
    }
    fprintf(out, "  - %s:               # %s\n", st->ops->name, st->ops->doc);
    for (o = st->ops->options; o != NULL && o->name != NULL; o++) {
        const struct gz_cfg_node *n = gz_stage_opt(st, o->name);
        const char *v = n && n->kind == GZ_CFG_SCALAR ? n->value : o->def;

        if (n != NULL && n->kind == GZ_CFG_SEQ) {
            const struct gz_cfg_node *c;

            fprintf(out, "      %s: [", o->name);
            for (c = n->child; c != NULL; c = c->next)
                fprintf(out, "%s\"%s\"", c == n->child ? "" : ", ", c->value ? c->value : "");
            fprintf(out, "]\n");
        } else {
            fprintf(out, "      %s: %s%s    # %s\n", o->name, v ? v : "~",
                    n ? "" : " (default)", o->doc);
        }
    }
}

void gz_pipeline_print(const struct gz_pipeline *p, FILE *out)
{
    size_t i;

    fprintf(out, "pipeline: %s\n", p->name);
    fprintf(out, "source:\n  files:\n");
    for (i = 0; i < p->n_files; i++)
        fprintf(out, "    - \"%s\"\n", p->files[i]);
    fprintf(out, "  format: %s\n", p->source.format == GZ_FORMAT_CSV ? "csv" : "article");
    if (p->source.format == GZ_FORMAT_CSV)
        fprintf(out, "  columns: {id: %s, published: %s, title: %s, body: %s}\n",
                p->source.col_id, p->source.col_published, p->source.col_title,
                p->source.col_body);
    fprintf(out, "  day_first: %s\n", p->source.dates.day_first < 0 ? "~ (ambiguous dates rejected)"
            : p->source.dates.day_first ? "true" : "false");
    fprintf(out, "stages:\n");
    for (i = 0; i < p->n_stages; i++)
        print_stage(&p->stages[i], out);
    fprintf(out, "sink:\n  postgres:\n    dsn: %s\n    schema: %s\n    batch: %ld\n",
            p->dsn == NULL ? "~ (GAZETTE_DSN, else the PG* variables)"
            : p->dsn_secret ? "(from the environment, hidden)" : "(set, hidden)",
            p->schema, p->batch);
    fprintf(out, "on_error: %s\n", p->fail_on_error ? "fail" : "reject");
}

void gz_pipeline_free(struct gz_pipeline *p)
{
    if (p == NULL)
        return;
    gz_cfg_free(p->root);
    gz_free(p->files);
    gz_free(p->stages);
    gz_free(p->base_dir);
    gz_free(p);
}
