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

    if (out->sha256 != NULL)
        out->sha256[0] = '\0';
    if (gz_file_read_all(path, GZ_MAX_ARTICLE_FILE, &buf, &len, &ferr) < 0) {
        snprintf(rej.reason, sizeof(rej.reason), "%s", ferr.msg);
        rej.transient = ferr.code == EX_NOINPUT || ferr.code == EX_IOERR;
        return out->reject(out->ctx, &rej, err);
    }
    if (out->sha256 != NULL)
        gz_sha256_hex(buf, len, out->sha256);
    a = gz_article_parse(path, buf, len, &opts->dates, &rej);
    rc = a ? out->article(out->ctx, a, err) : out->reject(out->ctx, &rej, err);
    gz_free(buf);
    return rc;
}

int gz_source_read(const char *path, const struct gz_source_opts *opts,
                   const struct gz_source_out *out, struct gz_error *err)
{
    if (opts->format == GZ_FORMAT_CSV)
        return gz_csv_read(path, opts, out, err);
    return read_article_file(path, opts, out, err);
}
