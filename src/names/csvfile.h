/*
 * csvfile.h - small CSV tables (gazetteers, alias files) read with libcsv.
 *
 * RFC 4180 records, one per line; blank lines and lines starting with '#'
 * (outside a quoted field) are skipped; a first record equal to the expected
 * header is skipped too; a field that is not valid UTF-8 is an error. Each
 * record reaches the callback with the line it starts on; any error comes
 * back as "PATH:LINE: reason":
 *
 *   aliases.csv:7: expected 3 fields (kind,alias,canonical), found 2
 */
#ifndef GZ_NAMES_CSVFILE_H
#define GZ_NAMES_CSVFILE_H

#include "core/error.h"

/* Called once per record of exactly the expected number of fields (NUL-
 * terminated, valid only during the call). Return 0, or -1 with err filled
 * (without the file:line prefix, which the reader adds). */
typedef int (*gz_csvfile_row_fn)(void *ctx, char **fields, long line, struct gz_error *err);

/* Read path (plain or gzip); header is the expected header ("kind,alias,
 * canonical"), whose field count every record must have. Returns the number
 * of records handed over, or -1 with err filled (EX_NOINPUT when the file
 * cannot be read, EX_DATAERR for its content). */
long gz_csvfile_read(const char *path, const char *header, gz_csvfile_row_fn fn, void *ctx,
                     struct gz_error *err);

#endif
