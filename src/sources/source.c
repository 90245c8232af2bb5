/*
 * source.c - read one input file in the pipeline's format.
 */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "core/mem.h"
#include "core/sha256.h"
#include "core/file.h"
#include "sources/source.h"

static int read_article_file(const char *path, const struct gz_source_opts *opts,
                             const struct gz_source_out *out, struct gz_error *err)
{
    struct gz_reject rej = {.uri = path};
    struct gz_error ferr = {0};
    struct gz_article *a;
    char *buf = NULL;
    size_t len = 0;
    int rc;

    size_t max = gz_max_article_bytes(opts);

    if (out->sha256 != NULL)
        out->sha256[0] = '\0';
    if (gz_file_read_all(path, max, &buf, &len, &ferr) < 0) {
        /* read_all stops one byte past max: the rest is never read */
        if (ferr.code == EX_DATAERR && strncmp(ferr.msg, "larger than ", 12) == 0)
            snprintf(rej.reason, sizeof(rej.reason), "article larger than max_article_bytes (%zu)",
                     max);
        else
            snprintf(rej.reason, sizeof(rej.reason), "%s", ferr.msg);
        /* cannot open or read, or cut short: worth another try next run */
        rej.transient = ferr.code == EX_NOINPUT || ferr.code == EX_IOERR
                        || ferr.code == EX_TEMPFAIL;
        return out->reject(out->ctx, &rej, err);
    }
    if (out->sha256 != NULL)
        gz_sha256_hex(buf, len, out->sha256);
    a = gz_article_parse(path, buf, len, &opts->dates, &rej);
    rc = a ? out->article(out->ctx, a, err) : out->reject(out->ctx, &rej, err);
    gz_free(buf);
    return rc;
}

size_t gz_max_article_bytes(const struct gz_source_opts *opts)
{
    return opts->max_article_bytes > 0 ? opts->max_article_bytes : GZ_MAX_ARTICLE_BYTES;
}

int gz_source_read(const char *path, const struct gz_source_opts *opts,
                   const struct gz_source_out *out, struct gz_error *err)
{
    if (opts->format == GZ_FORMAT_CSV)
        return gz_csv_read(path, opts, out, err);
    return read_article_file(path, opts, out, err);
}
