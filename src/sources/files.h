// files.h - which files a pipeline reads, and reading them.
//
//   "fixtures/articles"            -> every file below it, recursively
//   "/srv/news/**/*.txt"           -> *.txt at any depth below /srv/news
//   "data/2024-0[12]-*.csv.gz"     -> glob(3), sorted
//   "-"                            -> standard input
//
/* Files and directories whose name starts with "." are skipped when walking.
 * ".gz" files (any file in gzip format) are decompressed transparently.
 */
#ifndef GZ_FILES_H
#define GZ_FILES_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/error.h"
#include "core/strlist.h"

/* Expand patterns into a sorted list of unique paths (appended to out).
 * A pattern that matches nothing is not an error; *unmatched counts them. */
int gz_files_expand(const char *const *patterns, size_t n, struct gz_strlist *out,
                    size_t *unmatched, struct gz_error *err);

/* 1 when pattern matches path; "**" matches any number of directories. */
int gz_glob_match(const char *pattern, const char *path);

struct gz_file_info {
    int64_t size;
    int64_t mtime_ns;
};

int gz_file_stat(const char *path, struct gz_file_info *info, struct gz_error *err);

/* Hex SHA-256 of the file's content, decompressed when it is gzip (out:
 * 65 bytes): the same fingerprint the sources compute while reading. */
int gz_file_sha256(const char *path, char out[65], struct gz_error *err);

/* Read a whole (possibly gzip-compressed) file or "-" into memory, up to
 * max bytes after decompression. Returns a new NUL-terminated buffer
 * (gz_free) in *buf and its length in *len; EX_DATAERR with "too large" when
 * over max, EX_NOINPUT/EX_IOERR when it cannot be read. The message does not
 * name the file: callers say which. */
int gz_file_read_all(const char *path, size_t max, char **buf, size_t *len,
                     struct gz_error *err);

#endif
