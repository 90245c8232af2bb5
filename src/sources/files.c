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

/* Every regular file below dir whose path matches pattern (NULL: all). */
static void walk(const char *dir, const char *pattern, struct gz_strlist *out, size_t *found)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
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
            walk(path, pattern, out, found);
        else if (S_ISREG(st.st_mode) && (pattern == NULL || gz_glob_match(pattern, path))) {
            gz_strlist_push(out, path);
            (*found)++;
        }
        gz_free(path);
    }
    closedir(d);
}

// "a/b/**/*.txt": walk "a/b" and match the whole pattern.
static size_t expand_globstar(const char *pattern, struct gz_strlist *out)
{
    const char *star = strstr(pattern, "**");
    const char *cut = star;
    size_t found = 0;
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

        if (glob(root, 0, NULL, &g) == 0) {
            for (i = 0; i < g.gl_pathc; i++)
                walk(g.gl_pathv[i], pattern, out, &found);
            globfree(&g);
        }
    } else if (strcmp(root, ".") == 0) {
        struct gz_strlist tmp = {0};
        size_t i, n = 0;

        walk(".", NULL, &tmp, &n);
        for (i = 0; i < tmp.n; i++)      /* match without the "./" prefix */
            if (gz_glob_match(pattern, tmp.items[i] + 2)) {
                gz_strlist_push(out, tmp.items[i] + 2);
                found++;
            }
        gz_strlist_free(&tmp);
    } else {
        walk(root, pattern, out, &found);
    }
    gz_free(root);
    return found;
}

static size_t expand_one(const char *pattern, struct gz_strlist *out)
{
    struct stat st;
    size_t found = 0, i;
    glob_t g;

    if (strcmp(pattern, "-") == 0) {
        gz_strlist_push(out, "-");
        return 1;
    }
    if (strstr(pattern, "**") != NULL)
        return expand_globstar(pattern, out);
    if (!has_wildcard(pattern)) {
        if (stat(pattern, &st) != 0)
            return 0;
        if (S_ISDIR(st.st_mode))
            walk(pattern, NULL, out, &found);
        else {
            gz_strlist_push(out, pattern);
            found = 1;
        }
        return found;
    }
    if (glob(pattern, 0, NULL, &g) != 0)
        return 0;
    for (i = 0; i < g.gl_pathc; i++) {
        if (stat(g.gl_pathv[i], &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            walk(g.gl_pathv[i], NULL, out, &found);
        else if (S_ISREG(st.st_mode)) {
            gz_strlist_push(out, g.gl_pathv[i]);
            found++;
        }
    }
    globfree(&g);
    return found;
}

int gz_files_expand(const char *const *patterns, size_t n, struct gz_strlist *out,
                    size_t *unmatched, struct gz_error *err)
{
    size_t i;

    (void)err;
    *unmatched = 0;
    for (i = 0; i < n; i++)
        if (expand_one(patterns[i], out) == 0)
            (*unmatched)++;
    gz_strlist_sort_unique(out);
    return 0;
}
