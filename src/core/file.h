/*
 * file.h - reading input files: size and mtime, content fingerprint,
 * content whole or in pieces.
 *
 * Any file in gzip format is decompressed transparently; "-" is standard
 * input (gz_file_read_all and gz_file_open only). A failed read says which
 * kind of failure it was, because the runner treats them differently:
 *
 *   read(2) failed (EIO, EACCES, ...)   -> EX_IOERR   "cannot read: Input/output error"
 *   or zlib ran out of memory              the file may read fine next time
 *   gzip stream cut short (no trailer)  -> EX_TEMPFAIL "truncated gzip stream"
 *                                          a file still being written: complete next time
 *   gzip data corrupt, CRC or length    -> EX_DATAERR "corrupt gzip stream: incorrect data check"
 *   of the trailer wrong                   the same bytes will fail the same way
 *
 * A gzip file is only known to be whole once it has been read to its end,
 * where zlib checks the trailer's CRC-32 and length: what was read before
 * may be cut anywhere. Readers that hand out pieces before the end
 * (the CSV source) check the whole stream first (gz_file_verify, or for
 * standard input a copy into a temporary file).
 *
 * Messages do not name the file: callers say which.
 */
#ifndef GZ_FILE_H
#define GZ_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

struct gz_file_info {
    int64_t size;
    int64_t mtime_ns;
};

int gz_file_stat(const char *path, struct gz_file_info *info, struct gz_error *err);

/* Hex SHA-256 of the file's content, decompressed when it is gzip (out:
 * 65 bytes): the same fingerprint the sources compute while reading.
 * EX_NOINPUT when it cannot be opened, else as gz_file_read. */
int gz_file_sha256(const char *path, char out[65], struct gz_error *err);

/* Read a whole (possibly gzip-compressed) file or "-" into memory, up to
 * max bytes after decompression: reading stops at byte max + 1, the rest
 * is never read. Returns a new NUL-terminated buffer (gz_free) in *buf and
 * its length in *len; EX_NOINPUT when it cannot be opened, EX_DATAERR
 * "larger than MAX bytes" when over max, else as gz_file_read. */
int gz_file_read_all(const char *path, size_t max, char **buf, size_t *len,
                     struct gz_error *err);

/* An open input, read in pieces. */
struct gz_file;

/* Open path, or standard input for "-"; NULL with EX_NOINPUT
 * ("cannot open: No such file or directory") when it cannot be opened.
 * Close with gz_file_close. */
struct gz_file *gz_file_open(const char *path, struct gz_error *err);

/* Read up to n bytes (decompressed): returns how many, 0 at the end, or -1
 * with EX_IOERR or EX_DATAERR as above. GAZETTE_FAULT=read_error:N makes
 * the Nth call's file descriptor fail under zlib, as a disk would. */
long gz_file_read(struct gz_file *f, void *buf, size_t n, struct gz_error *err);

/* 1 when f is gzip data being decompressed (0: read as it is). Before
 * the first read this looks at the file's first bytes. */
int gz_file_compressed(struct gz_file *f);

/* Read path (not "-") to its end and discard it: 0 when the whole gzip
 * stream decompresses and its trailer's CRC and length match, else -1 as
 * gz_file_read. out (may be NULL) receives the content's SHA-256, as
 * gz_file_sha256. This is the first of two passes over a file: reading a
 * compressed CSV twice costs ~0.1 s per 17 MB (docs/RELIABILITY.md). */
int gz_file_verify(const char *path, char out[65], struct gz_error *err);

void gz_file_close(struct gz_file *f);                  /* NULL is a no-op */

#endif
