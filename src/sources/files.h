// files.h - which files a pipeline reads.
//
//   "fixtures/articles"            -> every file below it, recursively
//   "/srv/news/**/*.txt"           -> *.txt at any depth below /srv/news
//   "data/2024-0[12]-*.csv.gz"     -> glob(3), sorted
//   "-"                            -> standard input
//
// Directories are walked with fts(3), physically: a symbolic link met on the
// way is not followed unless follow_symlinks is set, and then a link that
// leads back to a directory above it is a problem ("symlink loop"), not a
// walk 40 levels deep. A path named without wildcards is followed either way.
// Files and directories whose name starts with "." are skipped when walking.
// Reading them is core/file.h.
#ifndef GZ_FILES_H
#define GZ_FILES_H

#include <stddef.h>

#include "core/error.h"
#include "core/strlist.h"

/* A path that could not be listed, and why ("cannot read directory:
 * Permission denied", "symlink loop: back to /a"). */
struct gz_files_problem {
    char *path;
    char *reason;
};

/* What a list of patterns expands to. Release with gz_files_release. */
struct gz_files {
    struct gz_strlist        paths;     /* in version order, unique */
    size_t                   n_patterns;
    size_t                  *found;     /* per pattern: the files it matched */
    int                     *missing;   /* per pattern: matched nothing and its
                                           directory does not exist either */
    struct gz_files_problem *problems;  /* directories that could not be read, loops */
    size_t                   n_problems;
};

/* Expand patterns into out (zeroed by the caller). Nothing here stops the
 * expansion: an unreadable directory or a loop is a problem and the rest is
 * listed. A pattern that matches nothing is "missing" unless the directory
 * it names (the part before the first wildcard) exists: an empty incoming
 * directory is "nothing arrived", a typo in it is not. */
void gz_files_expand(const char *const *patterns, size_t n, int follow_symlinks,
                     struct gz_files *out);

void gz_files_release(struct gz_files *f);

/* 1 when pattern matches path; "**" matches any number of directories. */
int gz_glob_match(const char *pattern, const char *path);

#endif
