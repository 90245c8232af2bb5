/*
 * files.c - source patterns to paths.
 */
#include "sources/files.h"

#include <errno.h>
#include <fnmatch.h>
#include <fts.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/mem.h"

struct expand {
    struct gz_files *out;
    int              follow;
    size_t           found;         /* of the pattern being expanded */
};

static int has_wildcard(const char *s)
{
    return strpbrk(s, "*?[") != NULL;
}

/* Record that path could not be listed: reason is "what: detail", once. */
static void problem(struct expand *x, const char *path, const char *what, const char *detail)
{
    struct gz_files *f = x->out;
    struct gz_files_problem *p;
    size_t len = strlen(what) + strlen(detail) + 3, i;

    for (i = 0; i < f->n_problems; i++)     /* met again through another pattern */
        if (strcmp(f->problems[i].path, path) == 0)
            return;
    f->problems = gz_xrealloc(f->problems, (f->n_problems + 1) * sizeof(*f->problems));
    p = &f->problems[f->n_problems++];
    p->path = gz_xstrdup(path);
    p->reason = gz_xmalloc(len);
    snprintf(p->reason, len, "%s: %s", what, detail);
}

static void add(struct expand *x, const char *path)
{
    gz_strlist_push(&x->out->paths, path);
    x->found++;
}

/* glob(3) reports a directory it cannot read to an error function without
 * a context argument: the expansion under way is kept here. */
static _Thread_local struct expand *globbing;

static int on_glob_error(const char *path, int errnum)
{
    if (errnum != ENOENT && errnum != ENOTDIR)  /* vanished, or not a directory: no match */
        problem(globbing, path, "cannot read directory", strerror(errnum));
    return 0;                           /* and carry on with the rest */
}

/* glob(3); g->gl_pathc 0 when nothing matched or it failed (a problem). */
static void glob_paths(struct expand *x, const char *pattern, glob_t *g)
{
    int rc;

    globbing = x;
    rc = glob(pattern, 0, on_glob_error, g);
    globbing = NULL;
    if (rc == 0)
        return;
    if (rc == GLOB_NOSPACE)
        problem(x, pattern, "cannot expand", "out of memory");
    globfree(g);
    g->gl_pathc = 0;
    g->gl_pathv = NULL;
}

int gz_glob_match(const char *pattern, const char *path)
{
    const char *slash;

    if (strncmp(pattern, "**", 2) == 0 && (pattern[2] == '/' || pattern[2] == '\0')) {
        const char *rest = pattern[2] == '/' ? pattern + 3 : pattern + 2;

        if (*rest == '\0')
            return 1;
        for (;;) {                       /* "**" eats zero or more directories */
            if (gz_glob_match(rest, path))
                return 1;
            slash = strchr(path, '/');
            if (slash == NULL)
                return 0;
            path = slash + 1;
        }
    }
    slash = strchr(pattern, '/');
    if (slash == NULL)
        return strchr(path, '/') == NULL && fnmatch(pattern, path, FNM_PERIOD) == 0;
    {
        size_t plen = (size_t)(slash - pattern);
        const char *pslash = strchr(path, '/');
        char seg[1024], pseg[1024];
        size_t slen;

        if (pslash == NULL || plen >= sizeof(seg))
            return 0;
        slen = (size_t)(pslash - path);
        if (slen >= sizeof(pseg))
            return 0;
        memcpy(seg, pattern, plen);
        seg[plen] = '\0';
        memcpy(pseg, path, slen);
        pseg[slen] = '\0';
        if (fnmatch(seg, pseg, FNM_PERIOD) != 0)
            return 0;
        return gz_glob_match(slash + 1, pslash + 1);
    }
}

/* Every regular file below root whose path (less its first skip characters)
 * matches pattern (NULL: all), with fts(3). Directories that cannot be read
 * and symlink loops are problems; the walk goes on. */
static void walk(struct expand *x, const char *root, const char *pattern, size_t skip)
{
    char *argv[2] = {(char *)root, NULL};
    int flags = FTS_NOCHDIR | FTS_COMFOLLOW | (x->follow ? FTS_LOGICAL : FTS_PHYSICAL);
    FTS *fts = fts_open(argv, flags, NULL);
    FTSENT *e;

    if (fts == NULL) {
        problem(x, root, "cannot read directory", strerror(errno));
        return;
    }
    while ((errno = 0, e = fts_read(fts)) != NULL) {
        const char *rel = strlen(e->fts_path) >= skip ? e->fts_path + skip : e->fts_path;

        switch (e->fts_info) {
        case FTS_D:
            if (e->fts_level > 0 && e->fts_name[0] == '.')
                fts_set(fts, e, FTS_SKIP);
            break;
        case FTS_DNR:
        case FTS_ERR:
            problem(x, e->fts_path, "cannot read directory", strerror(e->fts_errno));
            break;
        case FTS_DC: {
            char back[4096];

            /* entries share one path buffer: the ancestor's is its prefix */
            snprintf(back, sizeof(back), "leads back to %.*s", (int)e->fts_cycle->fts_pathlen,
                     e->fts_path);
            problem(x, e->fts_path, "symlink loop", back);
            break;
        }
        case FTS_NS:
            if (e->fts_errno != ENOENT && e->fts_errno != ENOTDIR)
                problem(x, e->fts_path, "cannot read", strerror(e->fts_errno));
            break;
        case FTS_F:
            if (e->fts_level > 0 && e->fts_name[0] == '.')
                break;
            if (pattern == NULL || gz_glob_match(pattern, rel))
                add(x, rel);
            break;
        default:                        /* symlinks not followed, postorder dirs */
            break;
        }
    }
    if (errno != 0)
        problem(x, root, "cannot read directory", strerror(errno));
    fts_close(fts);
}

// "a/b/**/*.txt": walk "a/b" and match the whole pattern.
static void expand_globstar(struct expand *x, const char *pattern)
{
    const char *star = strstr(pattern, "**");
    const char *cut = star;
    char *root;

    while (cut > pattern && cut[-1] != '/')
        cut--;
    root = cut > pattern ? gz_xstrndup(pattern, (size_t)(cut - pattern - 1)) : gz_xstrdup(".");
    if (root[0] == '\0') {
        gz_free(root);
        root = gz_xstrdup("/");
    }
    if (has_wildcard(root)) {            /* wildcards before "**": glob them first */
        glob_t g;
        size_t i;

        glob_paths(x, root, &g);
        for (i = 0; i < g.gl_pathc; i++)
            walk(x, g.gl_pathv[i], pattern, 0);
        if (g.gl_pathc > 0)
            globfree(&g);
    } else if (strcmp(root, ".") == 0) {
        walk(x, ".", pattern, 2);       /* match without the "./" prefix */
    } else {
        walk(x, root, pattern, 0);
    }
    gz_free(root);
}

/* Append the files pattern names. */
static void expand_one(struct expand *x, const char *pattern)
{
    struct stat st;
    size_t i;
    glob_t g;

    if (strcmp(pattern, "-") == 0) {
        add(x, "-");
        return;
    }
    if (strstr(pattern, "**") != NULL) {
        expand_globstar(x, pattern);
        return;
    }
    if (!has_wildcard(pattern)) {
        if (stat(pattern, &st) != 0) {
            if (errno != ENOENT && errno != ENOTDIR)
                problem(x, pattern, "cannot read", strerror(errno));
        } else if (S_ISDIR(st.st_mode)) {
            walk(x, pattern, NULL, 0);
        } else {
            add(x, pattern);
        }
        return;
    }
    glob_paths(x, pattern, &g);
    for (i = 0; i < g.gl_pathc; i++) {
        int rc = x->follow ? stat(g.gl_pathv[i], &st) : lstat(g.gl_pathv[i], &st);

        if (rc != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            walk(x, g.gl_pathv[i], NULL, 0);
        else if (S_ISREG(st.st_mode))
            add(x, g.gl_pathv[i]);
    }
    if (g.gl_pathc > 0)
        globfree(&g);
}

// 1 when the directory a pattern names before its first wildcard exists
// ("in/**/*.txt" -> "in", "*.csv" -> "."), or the path itself does.
static int root_exists(const char *pattern)
{
    const char *w = strpbrk(pattern, "*?[");
    struct stat st;
    char *dir;
    int ok;

    if (w == NULL)
        return stat(pattern, &st) == 0;
    while (w > pattern && w[-1] != '/')
        w--;
    if (w == pattern)
        dir = gz_xstrdup(".");
    else if (w - pattern == 1)
        dir = gz_xstrdup("/");
    else
        dir = gz_xstrndup(pattern, (size_t)(w - pattern - 1));
    ok = !has_wildcard(dir) && stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
    gz_free(dir);
    return ok;
}

void gz_files_expand(const char *const *patterns, size_t n, int follow_symlinks,
                     struct gz_files *out)
{
    struct expand x = {out, follow_symlinks, 0};
    size_t i;

    out->n_patterns = n;
    out->found = gz_xcalloc(n ? n : 1, sizeof(*out->found));
    out->missing = gz_xcalloc(n ? n : 1, sizeof(*out->missing));
    for (i = 0; i < n; i++) {
        size_t problems = out->n_problems;

        x.found = 0;
        expand_one(&x, patterns[i]);
        out->found[i] = x.found;
        out->missing[i] = x.found == 0 && out->n_problems == problems
                          && !root_exists(patterns[i]);
    }
    gz_strlist_sort_unique(&out->paths);
}

void gz_files_release(struct gz_files *f)
{
    size_t i;

    if (f == NULL)
        return;
    gz_strlist_free(&f->paths);
    for (i = 0; i < f->n_problems; i++) {
        gz_free(f->problems[i].path);
        gz_free(f->problems[i].reason);
    }
    gz_free(f->problems);
    gz_free(f->found);
    gz_free(f->missing);
    memset(f, 0, sizeof(*f));
}
