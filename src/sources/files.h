// files.h - which files a pipeline reads.
//
//   "fixtures/articles"            -> every file below it, recursively
//   "/srv/news/**/*.txt"           -> *.txt at any depth below /srv/news
//   "data/2024-0[12]-*.csv.gz"     -> glob(3), sorted
//   "-"                            -> standard input
//
// Files and directories whose name starts with "." are skipped when walking.
// Reading them is core/file.h.
#ifndef GZ_FILES_H
#define GZ_FILES_H

#include <stddef.h>

#include "core/error.h"
#include "core/strlist.h"

/* Expand patterns into a sorted list of unique paths (appended to out).
 * A pattern that matches nothing is not an error; *unmatched counts them.
 * A directory on the way that cannot be read (permissions, I/O) is one:
 * -1 with err naming it (EX_NOINPUT), rather than its files going missing
 * without a word. */
int gz_files_expand(const char *const *patterns, size_t n, struct gz_strlist *out,
                    size_t *unmatched, struct gz_error *err);

/* 1 when pattern matches path; "**" matches any number of directories. */
int gz_glob_match(const char *pattern, const char *path);

#endif
