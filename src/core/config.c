/*
 * config.c - YAML pipeline files into a positioned tree (libyaml events).
 */
#include "core/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "core/mem.h"

struct parser {
    yaml_parser_t yp;
    const char   *file;
    struct gz_error *err;
};

static void node_free(struct gz_cfg_node *n)
{
    struct gz_cfg_node *c, *next;

    if (n == NULL)
        return;
    for (c = n->child; c != NULL; c = next) {
        next = c->next;
        node_free(c);
    }
    gz_free(n->key);
    gz_free(n->value);
    gz_free(n);
}

void gz_cfg_free(struct gz_cfg_node *root)
{
    const char *file;

    if (root == NULL)
        return;
    file = root->file;
    node_free(root);
    gz_free((char *)file);
}

static struct gz_cfg_node *node_new(struct parser *p, enum gz_cfg_kind kind,
                                    const yaml_mark_t *mark)
{
    struct gz_cfg_node *n = gz_xcalloc(1, sizeof(*n));

    n->kind = kind;
    n->file = p->file;
    n->line = (int)mark->line + 1;
    n->col = (int)mark->column + 1;
    return n;
}

/* Expand ${VAR} from the environment; an unset variable is an error. */
static int expand_vars(struct parser *p, struct gz_cfg_node *n, const char *in)
{
    size_t cap = strlen(in) + 64, len = 0;
    char *out = gz_xmalloc(cap);
    const char *s = in;

    while (*s) {
        const char *val, *end;
        char name[256];
        size_t vlen, nlen;

        if (s[0] != '$' || s[1] != '{') {
            if (len + 2 > cap)
                out = gz_xrealloc(out, cap *= 2);
            out[len++] = *s++;
            continue;
        }
        end = strchr(s + 2, '}');
        nlen = end ? (size_t)(end - s - 2) : 0;
        if (end == NULL || nlen == 0 || nlen >= sizeof(name)) {
            gz_free(out);
            return gz_cfg_fail(p->err, n, "malformed variable reference, expected ${NAME}");
        }
        memcpy(name, s + 2, nlen);
        name[nlen] = '\0';
        val = getenv(name);
        if (val == NULL) {
            gz_free(out);
            return gz_cfg_fail(p->err, n, "environment variable %s is not set", name);
        }
        vlen = strlen(val);
        while (len + vlen + 1 > cap)
            out = gz_xrealloc(out, cap *= 2);
        memcpy(out + len, val, vlen);
        len += vlen;
        n->secret = 1;
        s = end + 1;
    }
    out[len] = '\0';
    n->value = out;
    return 0;
}

static int next_event(struct parser *p, yaml_event_t *ev)
{
    if (yaml_parser_parse(&p->yp, ev))
        return 0;
    return gz_fail(p->err, EX_CONFIG, "%s:%zu:%zu: %s%s%s", p->file,
                   p->yp.problem_mark.line + 1, p->yp.problem_mark.column + 1,
                   p->yp.problem ? p->yp.problem : "invalid YAML",
                   p->yp.context ? " " : "", p->yp.context ? p->yp.context : "");
}

static struct gz_cfg_node *parse_node(struct parser *p, yaml_event_t *ev);

/* Children of a sequence or mapping until its end event. */
static int parse_children(struct parser *p, struct gz_cfg_node *n, yaml_event_type_t end)
{
    struct gz_cfg_node **tail = &n->child;
    yaml_event_t ev;

    for (;;) {
        struct gz_cfg_node *c;
        char *key = NULL;
        int kl = 0, kc = 0;

        if (next_event(p, &ev) < 0)
            return -1;
        if (ev.type == end) {
            yaml_event_delete(&ev);
            return 0;
        }
        if (n->kind == GZ_CFG_MAP) {
            if (ev.type != YAML_SCALAR_EVENT) {
                struct gz_cfg_node where = {.file = p->file,
                    .line = (int)ev.start_mark.line + 1, .col = (int)ev.start_mark.column + 1};
                yaml_event_delete(&ev);
                return gz_cfg_fail(p->err, &where, "mapping keys must be plain words");
            }
            key = gz_xstrdup((const char *)ev.data.scalar.value);
            kl = (int)ev.start_mark.line + 1;
            kc = (int)ev.start_mark.column + 1;
            yaml_event_delete(&ev);
            for (c = n->child; c != NULL; c = c->next)
                if (strcmp(c->key, key) == 0) {
                    struct gz_cfg_node where = {.file = p->file, .line = kl, .col = kc};
                    gz_free(key);
                    return gz_cfg_fail(p->err, &where, "duplicate key \"%s\" (first at line %d)",
                                       c->key, c->key_line);
                }
            if (next_event(p, &ev) < 0) {
                gz_free(key);
                return -1;
            }
        }
        c = parse_node(p, &ev);
        if (c == NULL) {
            gz_free(key);
            return -1;
        }
        c->key = key;
        c->key_line = key ? kl : c->line;
        c->key_col = key ? kc : c->col;
        *tail = c;
        tail = &c->next;
    }
}

/* Build the node whose first event is *ev (consumed). */
static struct gz_cfg_node *parse_node(struct parser *p, yaml_event_t *ev)
{
    struct gz_cfg_node *n = NULL;

    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        n = node_new(p, GZ_CFG_SCALAR, &ev->start_mark);
        if (expand_vars(p, n, (const char *)ev->data.scalar.value) < 0)
            goto fail;
        /* a plain "~" or "null" stays text: stages interpret it */
        break;
    case YAML_SEQUENCE_START_EVENT:
        n = node_new(p, GZ_CFG_SEQ, &ev->start_mark);
        if (parse_children(p, n, YAML_SEQUENCE_END_EVENT) < 0)
            goto fail;
        break;
    case YAML_MAPPING_START_EVENT:
        n = node_new(p, GZ_CFG_MAP, &ev->start_mark);
        if (parse_children(p, n, YAML_MAPPING_END_EVENT) < 0)
            goto fail;
        break;
    case YAML_ALIAS_EVENT:
        gz_fail(p->err, EX_CONFIG, "%s:%zu:%zu: YAML aliases are not supported", p->file,
                ev->start_mark.line + 1, ev->start_mark.column + 1);
        goto fail;
    default:
        gz_fail(p->err, EX_CONFIG, "%s:%zu:%zu: unexpected YAML event", p->file,
                ev->start_mark.line + 1, ev->start_mark.column + 1);
        goto fail;
    }
    yaml_event_delete(ev);
    return n;
fail:
    yaml_event_delete(ev);
    node_free(n);
    return NULL;
}

struct gz_cfg_node *gz_cfg_parse_string(const char *name, const char *text, size_t len,
                                        struct gz_error *err)
{
    struct parser p = {.file = gz_xstrdup(name), .err = err};
    struct gz_cfg_node *root = NULL;
    yaml_event_t ev;

    yaml_parser_initialize(&p.yp);
    yaml_parser_set_input_string(&p.yp, (const unsigned char *)text, len);
    for (;;) {
        if (next_event(&p, &ev) < 0)
            goto fail;
        if (ev.type == YAML_STREAM_START_EVENT || ev.type == YAML_DOCUMENT_START_EVENT) {
            yaml_event_delete(&ev);
            continue;
        }
        if (ev.type == YAML_STREAM_END_EVENT) {
            yaml_event_delete(&ev);
            gz_fail(err, EX_CONFIG, "%s: empty pipeline file", name);
            goto fail;
        }
        break;
    }
    root = parse_node(&p, &ev);
    if (root == NULL)
        goto fail;
    if (next_event(&p, &ev) < 0)
        goto fail;
    if (ev.type != YAML_DOCUMENT_END_EVENT) {
        gz_fail(err, EX_CONFIG, "%s:%zu:%zu: only one YAML document is allowed", name,
                ev.start_mark.line + 1, ev.start_mark.column + 1);
        yaml_event_delete(&ev);
        goto fail;
    }
    yaml_event_delete(&ev);
    yaml_parser_delete(&p.yp);
    return root;
fail:
    yaml_parser_delete(&p.yp);
    if (root != NULL)
        gz_cfg_free(root);
    else
        gz_free((char *)p.file);
    return NULL;
}

const struct gz_cfg_node *gz_cfg_get(const struct gz_cfg_node *map, const char *key)
{
    const struct gz_cfg_node *c;

    if (map == NULL || map->kind != GZ_CFG_MAP)
        return NULL;
    for (c = map->child; c != NULL; c = c->next)
        if (strcmp(c->key, key) == 0)
            return c;
    return NULL;
}

int gz_cfg_fail(struct gz_error *err, const struct gz_cfg_node *n, const char *fmt, ...)
{
    char msg[GZ_ERR_MSG_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return gz_fail(err, EX_CONFIG, "%s:%d:%d: %s", n->file, n->line, n->col, msg);
}

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i, j, prev[64], cur[64];

    if (la >= 63 || lb >= 63)
        return 99;
    for (j = 0; j <= lb; j++)
        prev[j] = j;
    for (i = 1; i <= la; i++) {
        cur[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (tolower((unsigned char)a[i - 1])
                                        != tolower((unsigned char)b[j - 1]));
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, (lb + 1) * sizeof(size_t));
    }
    return prev[lb];
}

const char *gz_closest(const char *word, const char *const candidates[])
{
    const char *best = NULL;
    size_t best_d = (size_t)-1, i;

    for (i = 0; candidates[i] != NULL; i++) {
        size_t d = edit_distance(word, candidates[i]);

        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    return best_d <= 2 || (best && best_d * 3 <= strlen(word)) ? best : NULL;
}

int gz_cfg_check_keys(const struct gz_cfg_node *map, const char *const allowed[],
                      const char *what, struct gz_error *err)
{
    const struct gz_cfg_node *c;

    for (c = map->child; c != NULL; c = c->next) {
        const char *near;
        size_t i;
        int ok = 0;

        for (i = 0; allowed[i] != NULL && !ok; i++)
            ok = strcmp(allowed[i], c->key) == 0;
        if (ok)
            continue;
        near = gz_closest(c->key, allowed);
        return gz_fail(err, EX_CONFIG, "%s:%d:%d: unknown key \"%s\" in %s%s%s%s", c->file,
                       c->key_line, c->key_col, c->key, what,
                       near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
    }
    return 0;
}

static int want_scalar(const struct gz_cfg_node *n, const char *what, struct gz_error *err)
{
    if (n->kind == GZ_CFG_SCALAR)
        return 0;
    return gz_cfg_fail(err, n, "expected %s, found a %s", what,
                       n->kind == GZ_CFG_MAP ? "mapping" : "list");
}

int gz_cfg_bool(const struct gz_cfg_node *n, int *out, struct gz_error *err)
{
    static const char *const yes[] = {"true", "yes", "on", "1", NULL};
    static const char *const no[] = {"false", "no", "off", "0", NULL};
    size_t i;

    if (want_scalar(n, "true or false", err) < 0)
        return -1;
    for (i = 0; yes[i] != NULL; i++)
        if (strcasecmp(n->value, yes[i]) == 0)
            return *out = 1, 0;
    for (i = 0; no[i] != NULL; i++)
        if (strcasecmp(n->value, no[i]) == 0)
            return *out = 0, 0;
    return gz_cfg_fail(err, n, "expected true or false, found \"%s\"", n->value);
}

int gz_cfg_long(const struct gz_cfg_node *n, long *out, struct gz_error *err)
{
    char *end;

    if (want_scalar(n, "an integer", err) < 0)
        return -1;
    errno = 0;
    *out = strtol(n->value, &end, 10);
    if (errno != 0 || end == n->value || *end != '\0')
        return gz_cfg_fail(err, n, "expected an integer, found \"%s\"", n->value);
    return 0;
}

int gz_cfg_double(const struct gz_cfg_node *n, double *out, struct gz_error *err)
{
    char *end;

    if (want_scalar(n, "a number", err) < 0)
        return -1;
    errno = 0;
    *out = strtod(n->value, &end);
    if (errno != 0 || end == n->value || *end != '\0')
        return gz_cfg_fail(err, n, "expected a number, found \"%s\"", n->value);
    return 0;
}
