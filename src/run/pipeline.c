/*
 * pipeline.c - pipeline files: validation with positions, defaults, stages.
 */
#include "run/pipeline.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/mem.h"
#include "core/sha256.h"
#include "core/stop.h"
#include "core/file.h"
#include "sources/files.h"

static const char *const top_keys[] = {"pipeline", "source", "stages", "sink", "on_error", "retry",
                                        "limits", NULL};
static const char *const source_keys[] = {"files", "format", "columns", "day_first", "allow_empty",
                                           "follow_symlinks", NULL};
static const char *const column_keys[] = {"id", "published", "title", "body", NULL};
static const char *const sink_keys[] = {"postgres", NULL};
static const char *const pg_keys[] = {"dsn", "schema", "batch", NULL};
static const char *const retry_keys[] = {"attempts", "initial_wait", "max_wait", NULL};
static const char *const limit_keys[] = {"max_article_bytes", "max_rejects", "max_reject_ratio",
                                         NULL};

static int want(const struct gz_cfg_node *n, enum gz_cfg_kind kind, const char *what,
                struct gz_error *err)
{
    static const char *const kinds[] = {"a single value", "a list", "a mapping"};

    if (n->kind == kind)
        return 0;
    return gz_cfg_fail(err, n, "%s must be %s, found %s", what, kinds[kind], kinds[n->kind]);
}

/* A source pattern as the runner sees it: a relative one is taken from the
 * pipeline file's directory, so that a run started anywhere (cron starts
 * in /) reads the same files. "-" stays standard input. */
static const char *resolve(const struct gz_pipeline *p, const char *pattern)
{
    size_t len;
    char *abs;

    if (pattern[0] == '/' || strcmp(pattern, "-") == 0 || pattern[0] == '\0')
        return pattern;
    len = strlen(p->base_dir) + strlen(pattern) + 2;
    abs = gz_xmalloc(len);
    snprintf(abs, len, "%s/%s", p->base_dir, pattern[0] == '.' && pattern[1] == '/'
             ? pattern + 2 : pattern);
    return abs;
}

static void add_file(struct gz_pipeline *p, const char *pattern)
{
    const char *f = resolve(p, pattern);

    p->files[p->n_files] = f;
    p->files_owned[p->n_files++] = f != pattern ? (char *)f : NULL;
}

static int load_files(struct gz_pipeline *p, const struct gz_cfg_node *n, struct gz_error *err)
{
    const struct gz_cfg_node *c;
    size_t count = 0;

    if (n->kind == GZ_CFG_SCALAR) {
        p->files = gz_xcalloc(1, sizeof(*p->files));
        p->files_owned = gz_xcalloc(1, sizeof(*p->files_owned));
        add_file(p, n->value);
        return 0;
    }
    if (want(n, GZ_CFG_SEQ, "source.files", err) < 0)
        return -1;
    for (c = n->child; c != NULL; c = c->next)
        count++;
    if (count == 0)
        return gz_cfg_fail(err, n, "source.files is empty: give at least one path or glob");
    p->files = gz_xcalloc(count, sizeof(*p->files));
    p->files_owned = gz_xcalloc(count, sizeof(*p->files_owned));
    for (c = n->child; c != NULL; c = c->next) {
        if (want(c, GZ_CFG_SCALAR, "each entry of source.files", err) < 0)
            return -1;
        add_file(p, c->value);
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
    if ((c = gz_cfg_get(n, "allow_empty")) != NULL && gz_cfg_bool(c, &p->allow_empty, err) < 0)
        return -1;
    if ((c = gz_cfg_get(n, "follow_symlinks")) != NULL
        && gz_cfg_bool(c, &p->follow_symlinks, err) < 0)
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
        p->dsn_node = c;
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

/* retry: {attempts, initial_wait, max_wait} (run/retry.h). */
static int load_retry(struct gz_pipeline *p, const struct gz_cfg_node *n, struct gz_error *err)
{
    const struct gz_cfg_node *c;

    if (want(n, GZ_CFG_MAP, "retry", err) < 0
        || gz_cfg_check_keys(n, retry_keys, "retry", err) < 0)
        return -1;
    if ((c = gz_cfg_get(n, "attempts")) != NULL) {
        if (gz_cfg_long(c, &p->retry.attempts, err) < 0)
            return -1;
        if (p->retry.attempts < 0 || p->retry.attempts > 100)
            return gz_cfg_fail(err, c, "retry.attempts must be between 0 (never) and 100");
    }
    if ((c = gz_cfg_get(n, "initial_wait")) != NULL) {
        if (gz_cfg_double(c, &p->retry.initial_wait, err) < 0)
            return -1;
        if (!(p->retry.initial_wait >= 0.01 && p->retry.initial_wait <= 3600))
            return gz_cfg_fail(err, c, "retry.initial_wait must be between 0.01 and 3600 "
                               "seconds");
    }
    if ((c = gz_cfg_get(n, "max_wait")) != NULL) {
        if (gz_cfg_double(c, &p->retry.max_wait, err) < 0)
            return -1;
        if (!(p->retry.max_wait >= 0.01 && p->retry.max_wait <= 3600))
            return gz_cfg_fail(err, c, "retry.max_wait must be between 0.01 and 3600 seconds");
    } else if (p->retry.max_wait < p->retry.initial_wait) {
        p->retry.max_wait = p->retry.initial_wait;      /* a larger initial_wait alone */
    }
    if (p->retry.max_wait < p->retry.initial_wait)
        return gz_cfg_fail(err, c, "retry.max_wait (%g) must not be less than "
                           "retry.initial_wait (%g)", p->retry.max_wait, p->retry.initial_wait);
    return 0;
}

/* "16777216", "16MB", "64 KiB", "1G": a byte count; K, M and G are
 * powers of 1024 whether written KB or KiB. */
static int cfg_bytes(const struct gz_cfg_node *n, const char *what, size_t *out,
                     struct gz_error *err)
{
    static const struct { const char *suffix; unsigned shift; } units[] = {
        {"", 0}, {"B", 0}, {"K", 10}, {"KB", 10}, {"KiB", 10}, {"M", 20}, {"MB", 20},
        {"MiB", 20}, {"G", 30}, {"GB", 30}, {"GiB", 30},
    };
    unsigned long long v;
    const char *s;
    char *end;
    size_t i;

    if (want(n, GZ_CFG_SCALAR, what, err) < 0)
        return -1;
    s = n->value;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (end == s || *s == '-' || errno != 0)
        goto bad;
    while (*end == ' ')
        end++;
    for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
        if (strcmp(end, units[i].suffix) == 0)
            break;
    if (i == sizeof(units) / sizeof(units[0]) || v > (1ULL << 30) >> units[i].shift)
        goto bad;
    *out = (size_t)(v << units[i].shift);
    if (*out < 1024 || *out > (size_t)1 << 30)
        return gz_cfg_fail(err, n, "%s must be between 1KiB and 1GiB, found \"%s\"", what, s);
    return 0;
bad:
    return gz_cfg_fail(err, n, "%s must be a byte count like 16777216, 16MB or 64KiB"
                       " (at most 1GiB), found \"%s\"", what, s);
}

/* limits: how big an article may be, and how many rejects stop a run. */
static int load_limits(struct gz_pipeline *p, const struct gz_cfg_node *n, struct gz_error *err)
{
    const struct gz_cfg_node *c;

    if (want(n, GZ_CFG_MAP, "limits", err) < 0
        || gz_cfg_check_keys(n, limit_keys, "limits", err) < 0)
        return -1;
    if ((c = gz_cfg_get(n, "max_article_bytes")) != NULL
        && cfg_bytes(c, "limits.max_article_bytes", &p->source.max_article_bytes, err) < 0)
        return -1;
    if ((c = gz_cfg_get(n, "max_rejects")) != NULL) {
        if (gz_cfg_long(c, &p->max_rejects, err) < 0)
            return -1;
        if (p->max_rejects < 0)
            return gz_cfg_fail(err, c, "limits.max_rejects must be 0 (no limit) or more");
    }
    if ((c = gz_cfg_get(n, "max_reject_ratio")) != NULL) {
        if (gz_cfg_double(c, &p->max_reject_ratio, err) < 0)
            return -1;
        if (!(p->max_reject_ratio >= 0 && p->max_reject_ratio <= 1))
            return gz_cfg_fail(err, c, "limits.max_reject_ratio must be between 0 (no limit)"
                               " and 1, found \"%s\"", c->value);
    }
    return 0;
}

static void print_limits(const struct gz_pipeline *p, FILE *out)
{
    size_t max = gz_max_article_bytes(&p->source);

    fprintf(out, "limits:\n  max_article_bytes: %zu    # ", max);
    if (max % (1 << 20) == 0)
        fprintf(out, "%zu MB", max >> 20);
    else if (max % 1024 == 0)
        fprintf(out, "%zu KiB", max >> 10);
    else
        fprintf(out, "bytes");
    fputs(", an article file or CSV field; larger ones are rejects\n", out);
    if (p->max_rejects > 0)
        fprintf(out, "  max_rejects: %ld    # more rejects stop the run (exit 65)\n",
                p->max_rejects);
    else
        fputs("  # max_rejects: not set    # no limit on the count\n", out);
    if (p->max_reject_ratio > 0)
        fprintf(out, "  max_reject_ratio: %g    # of the inputs read, judged from %d on;"
                " above it stops the run (exit 65)\n", p->max_reject_ratio,
                GZ_REJECT_RATIO_MIN_READ);
    else
        fputs("  # max_reject_ratio: not set    # no limit on the share\n", out);
}

static void set_defaults(struct gz_pipeline *p)
{
    static const struct gz_retry retry = GZ_RETRY_DEFAULT;

    p->source.format = GZ_FORMAT_ARTICLE;
    p->source.col_id = "id";
    p->source.col_published = "published";
    p->source.col_title = "title";
    p->source.col_body = "body";
    p->source.dates.day_first = -1;
    p->source.max_article_bytes = GZ_MAX_ARTICLE_BYTES;
    p->schema = "gazette";
    p->batch = 500;
    p->retry = retry;
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
    if ((c = gz_cfg_get(root, "retry")) != NULL && load_retry(p, c, err) < 0)
        return -1;
    if ((c = gz_cfg_get(root, "limits")) != NULL && load_limits(p, c, err) < 0)
        return -1;
    return 0;
}

static struct gz_pipeline *finish(struct gz_pipeline *p, const char *path, struct gz_error *err)
{
    char *dir = gz_xstrdup(path), *d, real[PATH_MAX];

    p->file = p->root->file;
    /* absolute, so that the paths resolved against it do not depend on the
     * directory the run happens to start in */
    d = dirname(dir);
    p->base_dir = gz_xstrdup(realpath(d, real) != NULL ? real : d);
    gz_free(dir);
    if (validate(p, err) < 0) {
        gz_pipeline_free(p);
        return NULL;
    }
    return p;
}

/* The text of scalar n as written in buf (quotes included): "${GAZETTE_DSN}"
 * rather than what it expanded to. NULL when it cannot be found or holds no
 * ${VAR}. Returns a new string, caller frees with gz_free. */
static char *scalar_text(const char *buf, size_t len, const struct gz_cfg_node *n)
{
    const char *s = buf, *end = buf + len, *e;
    int line = 1;
    char *text;

    while (s < end && line < n->line)
        if (*s++ == '\n')
            line++;
    if (s + n->col - 1 >= end)
        return NULL;
    s += n->col - 1;
    e = s;
    if (*s == '"' || *s == '\'') {
        for (e = s + 1; e < end && *e != *s && *e != '\n'; e++)
            if (*s == '"' && *e == '\\' && e + 1 < end)
                e++;
        if (e >= end || *e != *s)
            return NULL;
        e++;
    } else {
        while (e < end && *e != '\n' && *e != ',' && *e != '}' && *e != ']'
               && !(*e == '#' && e > s && e[-1] == ' '))
            e++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
            e--;
    }
    text = gz_xstrndup(s, (size_t)(e - s));
    if (strstr(text, "${") == NULL) {
        gz_free(text);
        return NULL;
    }
    return text;
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
    if (p->root == NULL) {
        gz_free(buf);
        gz_free(p);
        return NULL;
    }
    p = finish(p, path, err);
    if (p != NULL && p->dsn_secret)
        p->dsn_text = scalar_text(buf, len, p->dsn_node);
    gz_free(buf);
    return p;
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

    if (p->stage_ns == NULL && p->n_stages > 0)
        p->stage_ns = gz_xcalloc(p->n_stages, sizeof(*p->stage_ns));
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

static uint64_t now_ns(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

int gz_pipeline_process(struct gz_pipeline *p, struct gz_article *a, struct gz_error *err)
{
    uint64_t t0 = p->stage_ns != NULL ? now_ns() : 0, t1;
    size_t i;
    int rc = 0;

    for (i = 0; i < p->n_stages && rc == 0; i++) {
        struct gz_stage *st = &p->stages[i];

        if (gz_stop_requested())        /* a signal: the article is given up */
            return gz_stop_fail(err);
        if (st->ops->process(st, a, err) < 0) {
            if (!gz_stop_is(err))
                gz_error_prefix(err, "%s", st->ops->name);
            rc = -1;
        }
        if (p->stage_ns != NULL) {      /* one add per stage and article, any thread */
            t1 = now_ns();
            __atomic_fetch_add(&p->stage_ns[i], t1 - t0, __ATOMIC_RELAXED);
            t0 = t1;
        }
    }
    return rc;
}

double gz_pipeline_stage_seconds(const struct gz_pipeline *p, size_t i)
{
    if (p->stage_ns == NULL || i >= p->n_stages)
        return 0;
    return (double)__atomic_load_n(&p->stage_ns[i], __ATOMIC_RELAXED) / 1e9;
}

/* A scalar for YAML: as it is when it is a plain word, a number or a
 * path, else double-quoted. */
static void print_quoted(const char *v, FILE *out)
{
    if (v[0] != '\0' && v[0] != '-' && v[strspn(v, "abcdefghijklmnopqrstuvwxyz"
                                              "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-")] == '\0') {
        fputs(v, out);
        return;
    }
    fputc('"', out);
    for (; *v; v++) {
        if (*v == '"' || *v == '\\')
            fputc('\\', out);
        if (*v == '\n')
            fputs("\\n", out);
        else if (*v == '\t')
            fputs("\\t", out);
        else
            fputc(*v, out);
    }
    fputc('"', out);
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
            for (c = n->child; c != NULL; c = c->next) {
                fputs(c == n->child ? "" : ", ", out);
                print_quoted(c->value ? c->value : "", out);
            }
            fprintf(out, "]    # %s\n", o->doc);
        } else if (v == NULL) {
            fprintf(out, "      # %s: not set    # %s\n", o->name, o->doc);
        } else {
            fprintf(out, "      %s: ", o->name);
            print_quoted(v, out);
            fprintf(out, "    #%s %s\n", n ? "" : " (default)", o->doc);
        }
    }
}

static void print_retry(const struct gz_retry *r, FILE *out)
{
    fprintf(out, "retry:              # database gone: waits of c/2 to c, c doubling from"
            " initial_wait to max_wait\n");
    fprintf(out, "  attempts: %ld        # then give up (exit 69); %.6g to %.6g s of waits in all\n",
            r->attempts, gz_retry_min_total(r), gz_retry_max_total(r));
    fprintf(out, "  initial_wait: %.6g\n  max_wait: %.6g\n", r->initial_wait, r->max_wait);
}

void gz_pipeline_print(const struct gz_pipeline *p, const struct gz_files *files, FILE *out)
{
    size_t i;

    fputs("pipeline: ", out);
    print_quoted(p->name, out);
    fprintf(out, "\nsource:\n  files:            # relative paths are taken from %s\n",
            p->base_dir);
    for (i = 0; i < p->n_files; i++) {
        fputs("    - ", out);
        print_quoted(p->files[i], out);
        if (files != NULL && i < files->n_patterns)
            fprintf(out, "    # %zu file%s now%s", files->found[i],
                    files->found[i] == 1 ? "" : "s",
                    files->missing[i] ? ", no such directory" : "");
        fputc('\n', out);
    }
    for (i = 0; files != NULL && i < files->n_problems; i++)
        fprintf(out, "    # not listed: %s: %s\n", files->problems[i].path,
                files->problems[i].reason);
    fprintf(out, "  format: %s\n", p->source.format == GZ_FORMAT_CSV ? "csv" : "article");
    if (p->source.format == GZ_FORMAT_CSV) {
        fputs("  columns: {id: ", out);
        print_quoted(p->source.col_id, out);
        fputs(", published: ", out);
        print_quoted(p->source.col_published, out);
        fputs(", title: ", out);
        print_quoted(p->source.col_title, out);
        fputs(", body: ", out);
        print_quoted(p->source.col_body, out);
        fputs("}\n", out);
    }
    if (p->source.dates.day_first < 0)
        fputs("  # day_first: not set    # ambiguous dates are rejected\n", out);
    else
        fprintf(out, "  day_first: %s\n", p->source.dates.day_first ? "true" : "false");
    fprintf(out, "  allow_empty: %s    # a pattern matching nothing %s\n",
            p->allow_empty ? "true" : "false",
            p->allow_empty ? "is only logged" : "fails the run (exit 66)");
    fprintf(out, "  follow_symlinks: %s\n", p->follow_symlinks ? "true" : "false");
    fprintf(out, "stages:%s\n", p->n_stages == 0 ? " []" : "");
    for (i = 0; i < p->n_stages; i++)
        print_stage(&p->stages[i], out);
    fputs("sink:\n  postgres:\n", out);
    if (p->dsn == NULL)
        fputs("    # dsn: not set    # GAZETTE_DSN, else the PG* variables\n", out);
    else if (p->dsn_text != NULL)
        fprintf(out, "    dsn: %s\n", p->dsn_text);
    else
        fputs("    # dsn: set in the pipeline file, hidden\n", out);
    fputs("    schema: ", out);
    print_quoted(p->schema, out);
    fprintf(out, "\n    batch: %ld\n", p->batch);
    fprintf(out, "on_error: %s\n", p->fail_on_error ? "fail" : "reject");
    print_retry(&p->retry, out);
    print_limits(p, out);
}

void gz_pipeline_free(struct gz_pipeline *p)
{
    if (p == NULL)
        return;
    gz_cfg_free(p->root);
    for (size_t i = 0; p->files_owned != NULL && i < p->n_files; i++)
        gz_free(p->files_owned[i]);
    gz_free(p->files_owned);
    gz_free(p->files);
    gz_free(p->dsn_text);
    gz_free(p->stages);
    gz_free(p->stage_ns);
    gz_free(p->base_dir);
    gz_free(p);
}
