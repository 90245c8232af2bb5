/*
 * file.c - reading input files, gzip-transparent: stat, fingerprint, content.
 */
#include "core/file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "core/fault.h"
#include "core/mem.h"
#include "core/sha256.h"

struct gz_file {
    gzFile z;
    int    fd;          /* zlib's descriptor (it closes it) */
    long   reads;       /* gz_file_read calls so far */
    long   fail_at;     /* GAZETTE_FAULT=read_error:N, else 0 */
};

int gz_file_stat(const char *path, struct gz_file_info *info, struct gz_error *err)
{
    struct stat st;

    if (stat(path, &st) != 0)
        return gz_fail(err, EX_NOINPUT, "%s: %s", path, strerror(errno));
    info->size = (int64_t)st.st_size;
    info->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    return 0;
}

struct gz_file *gz_file_open(const char *path, struct gz_error *err)
{
    int is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC);
    struct gz_file *f;
    gzFile z;

    if (fd < 0) {
        gz_fail(err, EX_NOINPUT, "cannot open: %s", strerror(errno));
        return NULL;
    }
    if ((z = gzdopen(fd, "rb")) == NULL) {
        close(fd);
        gz_fail(err, EX_NOINPUT, "cannot open: %s", errno ? strerror(errno) : "out of memory");
        return NULL;
    }
    gzbuffer(z, 131072);
    f = gz_xmalloc(sizeof(*f));
    f->z = z;
    f->fd = fd;
    f->reads = 0;
    f->fail_at = gz_fault_value("read_error");
    return f;
}

/* GAZETTE_FAULT=read_error:N: from the file's Nth read on, the descriptor
 * zlib reads from is /proc/self/mem at offset 0, where read(2) fails with
 * EIO for real; zlib reports it as it would a failing disk (what zlib
 * already holds in its buffer is still returned first). */
static void fault_read_error(struct gz_file *f)
{
    int bad;

    if (++f->reads != f->fail_at)
        return;
    bad = open("/proc/self/mem", O_RDONLY | O_CLOEXEC);
    if (bad < 0)
        bad = open("/dev/null", O_WRONLY | O_CLOEXEC);  /* read(2): EBADF */
    if (bad >= 0) {
        dup2(bad, f->fd);
        close(bad);
    }
}

/* zlib prefixes its messages with the file's name, "<fd:N>: " here. */
static const char *without_path(const struct gz_file *f, const char *msg)
{
    char prefix[32];
    int n = snprintf(prefix, sizeof(prefix), "<fd:%d>: ", f->fd);

    return strncmp(msg, prefix, (size_t)n) == 0 ? msg + n : msg;
}

long gz_file_read(struct gz_file *f, void *buf, size_t n, struct gz_error *err)
{
    int got, zerr;
    const char *msg;

    fault_read_error(f);
    got = gzread(f->z, buf, n > INT_MAX ? INT_MAX : (unsigned)n);
    if (got > 0)
        return got;
    /* At the end, zlib has checked the gzip trailer (CRC-32 and length):
     * a stream that stops early, or whose trailer is missing, leaves
     * Z_BUF_ERROR behind; a bad CRC or bad deflate data Z_DATA_ERROR. */
    msg = without_path(f, gzerror(f->z, &zerr));
    if (got == 0 && zerr == Z_OK)
        return 0;
    if (zerr == Z_ERRNO)                /* zlib's message is strerror(errno) */
        return gz_fail(err, EX_IOERR, "cannot read: %s", msg);
    if (zerr == Z_MEM_ERROR)
        return gz_fail(err, EX_IOERR, "cannot read: out of memory");
    if (zerr == Z_BUF_ERROR)
        return gz_fail(err, EX_TEMPFAIL, "truncated gzip stream");
    return gz_fail(err, EX_DATAERR, "corrupt gzip stream: %s", msg);
}

int gz_file_compressed(struct gz_file *f)
{
    return gzdirect(f->z) == 0;
}

void gz_file_close(struct gz_file *f)
{
    if (f == NULL)
        return;
    gzclose(f->z);
    gz_free(f);
}

int gz_file_sha256(const char *path, char out[65], struct gz_error *err)
{
    struct gz_file *f = gz_file_open(path, err);
    struct gz_sha256 h;
    char buf[65536];
    long got;

    if (f == NULL)
        return -1;
    gz_sha256_init(&h);
    while ((got = gz_file_read(f, buf, sizeof(buf), err)) > 0)
        gz_sha256_update(&h, buf, (size_t)got);
    gz_sha256_final(&h, out);
    gz_file_close(f);
    return got < 0 ? -1 : 0;
}

int gz_file_verify(const char *path, char out[65], struct gz_error *err)
{
    char ignore[65];

    return gz_file_sha256(path, out != NULL ? out : ignore, err);
}

int gz_file_read_all(const char *path, size_t max, char **buf, size_t *len,
                     struct gz_error *err)
{
    struct gz_file *f = gz_file_open(path, err);
    size_t cap = 65536, n = 0;
    char *b;
    long got;

    if (f == NULL)
        return -1;
    if (cap > max)
        cap = max + 1;
    b = gz_xmalloc(cap + 1);
    for (;;) {
        if (n == cap) {
            if (n > max) {              /* one byte past the limit: stop here */
                gz_free(b);
                gz_file_close(f);
                return gz_fail(err, EX_DATAERR, "larger than %zu bytes", max);
            }
            cap = cap > max / 2 ? max + 1 : cap * 2;
            b = gz_xrealloc(b, cap + 1);
        }
        got = gz_file_read(f, b + n, cap - n, err);
        if (got < 0) {
            gz_free(b);
            gz_file_close(f);
            return -1;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    gz_file_close(f);
    if (n > max) {
        gz_free(b);
        return gz_fail(err, EX_DATAERR, "larger than %zu bytes", max);
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return 0;
}
