/*
 * file.c - reading whole files, gzip-transparent: stat, fingerprint, content.
 */
#include "core/file.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "core/mem.h"
#include "core/sha256.h"

int gz_file_stat(const char *path, struct gz_file_info *info, struct gz_error *err)
{
    struct stat st;

    if (stat(path, &st) != 0)
        return gz_fail(err, EX_NOINPUT, "%s: %s", path, strerror(errno));
    info->size = (int64_t)st.st_size;
    info->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    return 0;
}

int gz_file_sha256(const char *path, char out[65], struct gz_error *err)
{
    gzFile f = gzopen(path, "rb");
    struct gz_sha256 h;
    char buf[65536];
    int got;

    if (f == NULL)
        return gz_fail(err, EX_NOINPUT, "cannot open: %s", strerror(errno));
    gz_sha256_init(&h);
    while ((got = gzread(f, buf, sizeof(buf))) > 0)
        gz_sha256_update(&h, buf, (size_t)got);
    gz_sha256_final(&h, out);
    gzclose(f);
    if (got < 0)
        return gz_fail(err, EX_IOERR, "cannot read: %s", path);
    return 0;
}

int gz_file_read_all(const char *path, size_t max, char **buf, size_t *len,
                     struct gz_error *err)
{
    int is_stdin = strcmp(path, "-") == 0;
    gzFile f = is_stdin ? gzdopen(dup(STDIN_FILENO), "rb") : gzopen(path, "rb");
    size_t cap = 65536, n = 0;
    char *b;
    int got;

    if (f == NULL)
        return gz_fail(err, EX_NOINPUT, "cannot open: %s",
                       errno ? strerror(errno) : "out of memory");
    gzbuffer(f, 131072);
    b = gz_xmalloc(cap + 1);
    for (;;) {
        if (n == cap) {
            if (cap >= max) {
                gz_free(b);
                gzclose(f);
                return gz_fail(err, EX_DATAERR, "file too large (over %zu MB)", max >> 20);
            }
            cap *= 2;
            b = gz_xrealloc(b, cap + 1);
        }
        got = gzread(f, b + n, (unsigned)(cap - n));
        if (got < 0) {
            int zerr;
            const char *msg = gzerror(f, &zerr);

            gz_fail(err, EX_DATAERR, "cannot decompress: %s", msg);
            gz_free(b);
            gzclose(f);
            return -1;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    gzclose(f);
    if (n > max) {
        gz_free(b);
        return gz_fail(err, EX_DATAERR, "file too large (over %zu MB)", max >> 20);
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return 0;
}
