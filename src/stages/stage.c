/*
 * stage.c - option access and validation shared by every stage.
 */
#include "stages/stage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/mem.h"

static const struct gz_option *find_option(const struct gz_stage_ops *ops, const char *name)
{
    const struct gz_option *o;

    for (o = ops->options; o != NULL && o->name != NULL; o++)
        if (strcmp(o->name, name) == 0)
            return o;
    return NULL;
}

const struct gz_stage_ops *gz_stage_find(const char *name)
{
    size_t i;

    for (i = 0; gz_stage_table[i] != NULL; i++)
        if (strcmp(gz_stage_table[i]->name, name) == 0)
            return gz_stage_table[i];
    return NULL;
}

const struct gz_cfg_node *gz_stage_opt(const struct gz_stage *st, const char *name)
{
    return gz_cfg_get(st->opts, name);
}

const char *gz_stage_str(const struct gz_stage *st, const char *name)
{
    const struct gz_cfg_node *n = gz_stage_opt(st, name);
    const struct gz_option *o;

    if (n != NULL && n->kind == GZ_CFG_SCALAR)
        return n->value;
    o = find_option(st->ops, name);
    return o ? o->def : NULL;
}

int gz_stage_bool(const struct gz_stage *st, const char *name)
{
    const char *v = gz_stage_str(st, name);

    return v != NULL && (strcasecmp(v, "true") == 0 || strcasecmp(v, "yes") == 0
                         || strcasecmp(v, "on") == 0 || strcmp(v, "1") == 0);
}

double gz_stage_double(const struct gz_stage *st, const char *name)
{
    const char *v = gz_stage_str(st, name);

    return v ? strtod(v, NULL) : 0.0;
}

/* dir + "/" + rel if that file can be read, else NULL. */
static char *readable(const char *dir, const char *rel)
{
    size_t len = strlen(dir) + strlen(rel) + 2;
    char *p = gz_xmalloc(len);

    snprintf(p, len, "%s/%s", dir, rel);
    if (access(p, R_OK) == 0)
        return p;
    gz_free(p);
    return NULL;
}

/* The installed data directory: PREFIX/share/gazette next to the binary
 * (so `make install PREFIX=...` works whatever it was built with); the
 * source tree when the binary is build/gazette; else the one compiled in. */
static char *data_dir_file(const char *rel)
{
    static const char *const beside[] = {"../share/gazette", ".."};
    char exe[4096], dir[4200], *slash, *p;
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    size_t i;

    if (n > 0) {
        exe[n] = '\0';
        if ((slash = strrchr(exe, '/')) != NULL)
            *slash = '\0';
        for (i = 0; i < 2; i++) {
            snprintf(dir, sizeof(dir), "%s/%s", exe, beside[i]);
            if ((p = readable(dir, rel)) != NULL)
                return p;
        }
    }
    return readable(GZ_DATADIR, rel);
}

char *gz_stage_path(const struct gz_stage *st, const char *name)
{
    const char *v = gz_stage_str(st, name);

    return v != NULL ? gz_stage_resolve(st, v) : NULL;
}

char *gz_stage_resolve(const struct gz_stage *st, const char *v)
{
    char *p;

    if (v[0] == '/' || access(v, R_OK) == 0)
        return gz_xstrdup(v);
    if (st->base_dir != NULL && (p = readable(st->base_dir, v)) != NULL)
        return p;
    if ((p = data_dir_file(v)) != NULL)
        return p;
    return gz_xstrdup(v);               /* let the stage report the open error */
}

static int check_value(const struct gz_option *o, const struct gz_cfg_node *n,
                       struct gz_error *err)
{
    int b;
    long l;
    double d;

    switch (o->type) {
    case GZ_OPT_BOOL:
        return gz_cfg_bool(n, &b, err);
    case GZ_OPT_INT:
        return gz_cfg_long(n, &l, err);
    case GZ_OPT_DOUBLE:
        return gz_cfg_double(n, &d, err);
    case GZ_OPT_LIST:
        if (n->kind == GZ_CFG_SEQ)
            return 0;
        return gz_cfg_fail(err, n, "option \"%s\" expects a list", o->name);
    case GZ_OPT_STRING:
    case GZ_OPT_PATH:
        if (n->kind == GZ_CFG_SCALAR)
            return 0;
        return gz_cfg_fail(err, n, "option \"%s\" expects a single value", o->name);
    }
    return 0;
}

int gz_stage_check_opts(const struct gz_stage *st, struct gz_error *err)
{
    const struct gz_option *o;
    const char *names[64];
    const struct gz_cfg_node *c;
    size_t n = 0;
    char what[128];

    for (o = st->ops->options; o != NULL && o->name != NULL && n < 63; o++)
        names[n++] = o->name;
    names[n] = NULL;
    if (st->opts != NULL) {
        snprintf(what, sizeof(what), "options of stage %s", st->ops->name);
        if (gz_cfg_check_keys(st->opts, names, what, err) < 0)
            return -1;
        for (c = st->opts->child; c != NULL; c = c->next)
            if (check_value(find_option(st->ops, c->key), c, err) < 0)
                return -1;
    }
    for (o = st->ops->options; o != NULL && o->name != NULL; o++)
        if (o->required && gz_stage_opt(st, o->name) == NULL)
            return gz_fail(err, EX_CONFIG, "stage %s: option \"%s\" is required",
                           st->ops->name, o->name);
    return 0;
}
