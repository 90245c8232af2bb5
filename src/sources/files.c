/*
 * files.c - source patterns to paths.
 */
#include "sources/files.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/mem.h"

static int has_wildcard(const char *s)
{
    return strpbrk(s, "*?[") != NULL;
}

static int cannot_read(const char *path, int errnum, struct gz_error *err)
{
    return gz_fail(err, EX_NOINPUT, "cannot read directory \"%s\": %s", path, strerror(errnum));
}

/* glob(3) reports a directory it cannot read to an error function without
 * a context argument; the first one is kept here for glob_paths. */
static _Thread_local struct { char path[1024]; int errnum; } glob_failure;

static int on_glob_error(const char *path, int errnum)
{
    if (errnum == ENOENT || errnum == ENOTDIR)
        return 0;                       /* vanished, or not a directory: no match */
    snprintf(glob_failure.path, sizeof(glob_failure.path), "%s", path);
    glob_failure.errnum = errnum;
    return 1;                           /* stop: glob returns GLOB_ABORTED */
}

/* glob(3) with its failures as errors; no match is not one (g->gl_pathc 0). */
static int glob_paths(const char *pattern, glob_t *g, struct gz_error *err)
{
    int rc;

    glob_failure.errnum = 0;
    rc = glob(pattern, 0, on_glob_error, g);
    if (rc == 0)
        return 0;
    globfree(g);
    g->gl_pathc = 0;
    g->gl_pathv = NULL;
    if (rc == GLOB_NOMATCH)
        return 0;
    if (rc == GLOB_ABORTED && glob_failure.errnum != 0)
        return cannot_read(glob_failure.path, glob_failure.errnum, err);
    return gz_fail(err, rc == GLOB_NOSPACE ? EX_OSERR : EX_NOINPUT, "cannot expand \"%s\": %s",
                   pattern, rc == GLOB_NOSPACE ? "out of memory" : "read error");
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

/* Every regular file below dir whose path matches pattern (NULL: all).
 * A directory that cannot be opened is an error (one that vanished since
 * it was listed is not): its files would otherwise be silently missing. */
static int walk(const char *dir, const char *pattern, struct gz_strlist *out, size_t *found,
                struct gz_error *err)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int rc = 0;

    if (d == NULL)
        return errno == ENOENT ? 0 : cannot_read(dir, errno, err);
    while (rc == 0 && (errno = 0, e = readdir(d)) != NULL) {
        struct stat st;
        size_t len;
        char *path;

        if (e->d_name[0] == '.')
            continue;
        len = strlen(dir) + strlen(e->d_name) + 2;
        path = gz_xmalloc(len);
        snprintf(path, len, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, e->d_name);
        /* d_type spares a stat() per file; some filesystems leave it unknown */
        if (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) {
            if (stat(path, &st) != 0)
                st.st_mode = 0;
        } else {
            st.st_mode = e->d_type == DT_DIR ? S_IFDIR : e->d_type == DT_REG ? S_IFREG : 0;
        }
        if (S_ISDIR(st.st_mode))
            rc = walk(path, pattern, out, found, err);
        else if (S_ISREG(st.st_mode) && (pattern == NULL || gz_glob_match(pattern, path))) {
            gz_strlist_push(out, path);
            (*found)++;
        }
        gz_free(path);
    }
    if (rc == 0 && e == NULL && errno != 0)     /* readdir failed part-way */
        rc = cannot_read(dir, errno, err);
    closedir(d);
    return rc;
}

// "a/b/**/*.txt": walk "a/b" and match the whole pattern.
static int expand_globstar(const char *pattern, struct gz_strlist *out, size_t *found,
                           struct gz_error *err)
{
    const char *star = strstr(pattern, "**");
    const char *cut = star;
    char *root;
    int rc = 0;

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

        rc = glob_paths(root, &g, err);
        for (i = 0; rc == 0 && i < g.gl_pathc; i++)
            rc = walk(g.gl_pathv[i], pattern, out, found, err);
        if (g.gl_pathc > 0)
            globfree(&g);
    } else if (strcmp(root, ".") == 0) {
        struct gz_strlist tmp = {0};
        size_t i, n = 0;

        rc = walk(".", NULL, &tmp, &n, err);
        for (i = 0; rc == 0 && i < tmp.n; i++)      /* match without the "./" prefix */
            if (gz_glob_match(pattern, tmp.items[i] + 2)) {
                gz_strlist_push(out, tmp.items[i] + 2);
                (*found)++;
            }
        gz_strlist_free(&tmp);
    } else {
        rc = walk(root, pattern, out, found, err);
    }
    gz_free(root);
    return rc;
}

/* Append the files pattern names to out, counting them in *found. */
static int expand_one(const char *pattern, struct gz_strlist *out, size_t *found,
                      struct gz_error *err)
{
    struct stat st;
    size_t i;
    glob_t g;
    int rc = 0;

    if (strcmp(pattern, "-") == 0) {
        gz_strlist_push(out, "-");
        (*found)++;
        return 0;
    }
    if (strstr(pattern, "**") != NULL)
        return expand_globstar(pattern, out, found, err);
    if (!has_wildcard(pattern)) {
        if (stat(pattern, &st) != 0)
            return errno == ENOENT || errno == ENOTDIR ? 0
                   : gz_fail(err, EX_NOINPUT, "cannot read \"%s\": %s", pattern,
                             strerror(errno));
        if (S_ISDIR(st.st_mode))
            return walk(pattern, NULL, out, found, err);
        gz_strlist_push(out, pattern);
        (*found)++;
        return 0;
    }
    if (glob_paths(pattern, &g, err) < 0)
        return -1;
    for (i = 0; rc == 0 && i < g.gl_pathc; i++) {
        if (stat(g.gl_pathv[i], &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            rc = walk(g.gl_pathv[i], NULL, out, found, err);
        else if (S_ISREG(st.st_mode)) {
            gz_strlist_push(out, g.gl_pathv[i]);
            (*found)++;
        }
    }
    if (g.gl_pathc > 0)
        globfree(&g);
    return rc;
}

int gz_files_expand(const char *const *patterns, size_t n, struct gz_strlist *out,
                    size_t *unmatched, struct gz_error *err)
{
    size_t i;

    *unmatched = 0;
    for (i = 0; i < n; i++) {
        size_t found = 0;

        if (expand_one(patterns[i], out, &found, err) < 0)
            return -1;
        if (found == 0)
            (*unmatched)++;
    }
    gz_strlist_sort_unique(out);
    return 0;
}
