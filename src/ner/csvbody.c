/*
 * csvbody.c - the "body" column of a news CSV file (see csvbody.h).
 */
#include "ner/csvbody.h"

#include <csv.h>
#include <errno.h>
#include <string.h>
#include <sysexits.h>
#include <zlib.h>

struct csv_state {
    gz_csv_body_fn *fn;
    void           *ctx;
    int             col, body_col, row;
};

static void on_field(void *s, size_t len, void *data)
{
    struct csv_state *st = data;

    if (st->row == 0 && len == 4 && memcmp(s, "body", 4) == 0)
        st->body_col = st->col;
    else if (st->row > 0 && st->col == st->body_col)
        st->fn(st->ctx, s, len);
    st->col++;
}

static void on_row(int c, void *data)
{
    struct csv_state *st = data;

    (void)c;
    st->col = 0;
    st->row++;
}

int gz_csv_each_body(const char *path, gz_csv_body_fn *fn, void *ctx, struct gz_error *err)
{
    struct csv_state st = { fn, ctx, 0, -1, 0 };
    struct csv_parser p;
    gzFile f = gzopen(path, "rb");
    char buf[65536];
    int n;

    if (f == NULL)
        return gz_fail(err, EX_NOINPUT, "could not open \"%s\": %s", path, strerror(errno));
    if (csv_init(&p, 0) != 0) {
        gzclose(f);
        return gz_fail(err, EX_SOFTWARE, "could not start the CSV parser");
    }
    while ((n = gzread(f, buf, sizeof buf)) > 0)
        csv_parse(&p, buf, (size_t)n, on_field, on_row, &st);
    csv_fini(&p, on_field, on_row, &st);
    csv_free(&p);
    gzclose(f);
    if (st.body_col < 0)
        return gz_fail(err, EX_DATAERR, "%s: no \"body\" column in the header", path);
    return 0;
}
