/*
 * csvfile.c - CSV tables fed to libcsv line by line, so that each record
 * knows its line and comment lines can be told from quoted text.
 */
#include "names/csvfile.h"

#include <csv.h>
#include <stdio.h>
#include <string.h>

#include "core/file.h"
#include "core/mem.h"
#include "text/utf8.h"

#define MAX_FIELDS 16
#define MAX_TABLE  ((size_t)64 << 20)

struct reader {
    const char       *path;
    const char       *header;
    int               want;             /* fields per record */
    gz_csvfile_row_fn fn;
    void             *ctx;
    struct gz_error  *err;
    char             *fields[MAX_FIELDS];
    int               n;                /* fields of the current record; may pass MAX_FIELDS */
    long              line;             /* where the current record starts */
    long              records;          /* records seen (header included) */
    long              handed;           /* records handed to fn */
    int               ended;            /* a record ended during the last csv_parse */
    int               failed;
};

static int count_fields(const char *header)
{
    int n = 1;

    for (; *header; header++)
        n += *header == ',';
    return n;
}

static void on_field(void *data, size_t len, void *ctx)
{
    struct reader *r = ctx;

    if (r->n < MAX_FIELDS)
        r->fields[r->n] = gz_xstrndup(data ? data : "", data ? len : 0);
    r->n++;
}

static int is_header(const struct reader *r)
{
    const char *h = r->header;
    int i;

    for (i = 0; i < r->n; i++) {
        size_t k = strcspn(h, ",");

        if (strlen(r->fields[i]) != k || strncmp(r->fields[i], h, k) != 0)
            return 0;
        h += k + (h[k] == ',');
    }
    return 1;
}

static int fields_valid(const struct reader *r)
{
    int i;

    for (i = 0; i < r->n; i++)
        if (!gz_utf8_valid(r->fields[i], strlen(r->fields[i])))
            return 0;
    return 1;
}

static void on_record(int c, void *ctx)
{
    struct reader *r = ctx;
    int i;

    (void)c;
    r->ended = 1;
    if (!r->failed) {
        if (r->n != r->want) {
            r->failed = 1;
            gz_fail(r->err, EX_DATAERR, "%s:%ld: expected %d fields (%s), found %d",
                    r->path, r->line, r->want, r->header, r->n);
        } else if (!fields_valid(r)) {
            r->failed = 1;
            gz_fail(r->err, EX_DATAERR, "%s:%ld: not valid UTF-8", r->path, r->line);
        } else if (!(r->records == 0 && is_header(r))) {
            if (r->fn(r->ctx, r->fields, r->line, r->err) < 0) {
                r->failed = 1;
                gz_error_prefix(r->err, "%s:%ld", r->path, r->line);
            } else {
                r->handed++;
            }
        }
    }
    r->records++;
    for (i = 0; i < r->n && i < MAX_FIELDS; i++)
        gz_free(r->fields[i]);
    r->n = 0;
}

static int blank(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

long gz_csvfile_read(const char *path, const char *header, gz_csvfile_row_fn fn, void *ctx,
                     struct gz_error *err)
{
    struct reader r = {.path = path, .header = header, .fn = fn, .ctx = ctx, .err = err};
    struct csv_parser p;
    struct gz_error ferr = {0};
    char *buf = NULL;
    size_t len = 0, pos = 0;
    long lineno = 0;
    int at_start = 1, rc;

    r.want = count_fields(header);
    if (gz_file_read_all(path, MAX_TABLE, &buf, &len, &ferr) < 0)
        return gz_fail(err, ferr.code, "%s: %s", path, ferr.msg);
    csv_init(&p, CSV_APPEND_NULL);
    while (pos < len && !r.failed) {
        const char *s = buf + pos, *nl = memchr(s, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - s) + 1 : len - pos;

        pos += n;
        lineno++;
        if (at_start) {
            if (s[0] == '#' || blank(s, n))
                continue;
            r.line = lineno;
        }
        r.ended = 0;
        if (csv_parse(&p, s, n, on_field, on_record, &r) != n) {
            r.failed = 1;
            gz_fail(err, EX_DATAERR, "%s:%ld: %s", path, lineno, csv_strerror(csv_error(&p)));
        }
        at_start = r.ended && (n == 0 || s[n - 1] == '\n');
    }
    if (!r.failed && p.quoted && p.pstate == 2) {       /* FIELD_BEGUN in quotes */
        r.failed = 1;
        gz_fail(err, EX_DATAERR, "%s:%ld: unterminated quoted field", path, r.line);
    }
    if (!r.failed)
        csv_fini(&p, on_field, on_record, &r);
    for (rc = 0; rc < r.n && rc < MAX_FIELDS; rc++)
        gz_free(r.fields[rc]);
    csv_free(&p);
    gz_free(buf);
    return r.failed ? -1 : r.handed;
}
