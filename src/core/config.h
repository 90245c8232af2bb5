/*
 * config.h - pipeline files (YAML, via libyaml) as a tree that remembers
 * where every value came from.
 *
 *   pipeline: daily                      -> map { pipeline: "daily", ... }
 *   dsn: ${GAZETTE_DSN}                  -> scalar, expanded from the environment
 *
 * Every node keeps file:line:col (1-based) so errors point at their line:
 * "pipelines/daily.yaml:12:7: unknown option \"modle\" for stage extract_entities".
 */
#ifndef GZ_CONFIG_H
#define GZ_CONFIG_H

#include <stddef.h>

#include "core/error.h"

enum gz_cfg_kind { GZ_CFG_SCALAR, GZ_CFG_SEQ, GZ_CFG_MAP };

struct gz_cfg_node {
    enum gz_cfg_kind    kind;
    const char         *file;          /* shared, owned by the tree */
    int                 line, col;     /* 1-based position of the value */
    int                 key_line, key_col; /* position of the key, in a map */
    char               *key;           /* key when this node is a map entry */
    char               *value;         /* scalar text, ${VAR} expanded */
    int                 secret;        /* value came from ${VAR}: never log it */
    struct gz_cfg_node *child;         /* first element / entry */
    struct gz_cfg_node *next;          /* next sibling */
};

/* Parse YAML text (named for messages) into a tree. Returns NULL and fills
 * err (EX_CONFIG, "name:line:col: reason") on failure. Free with gz_cfg_free. */
struct gz_cfg_node *gz_cfg_parse_string(const char *name, const char *text,
                                        size_t len, struct gz_error *err);
void gz_cfg_free(struct gz_cfg_node *root);

/* Entry of a map by key, or NULL. */
const struct gz_cfg_node *gz_cfg_get(const struct gz_cfg_node *map, const char *key);

/* Fill err with "file:line:col: message" for node n and return -1. */
int gz_cfg_fail(struct gz_error *err, const struct gz_cfg_node *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Check that every key of map is in allowed[] (NULL-terminated); the error
 * names the first unknown key and suggests the closest allowed one. */
int gz_cfg_check_keys(const struct gz_cfg_node *map, const char *const allowed[],
                      const char *what, struct gz_error *err);

/* Scalar conversions with positioned errors. */
int gz_cfg_bool(const struct gz_cfg_node *n, int *out, struct gz_error *err);
int gz_cfg_long(const struct gz_cfg_node *n, long *out, struct gz_error *err);
int gz_cfg_double(const struct gz_cfg_node *n, double *out, struct gz_error *err);

/* Closest of candidates[] to word by edit distance, or NULL when none is close. */
const char *gz_closest(const char *word, const char *const candidates[]);

#endif
