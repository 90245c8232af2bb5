/*
 * file.h - reading whole files: size and mtime, content fingerprint, content.
 *
 * Any file in gzip format is decompressed transparently; "-" is standard
 * input (gz_file_read_all only).
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
