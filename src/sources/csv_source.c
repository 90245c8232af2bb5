/*
 * csv_source.c - CSV exports, one article per row (libcsv, RFC 4180).
 *
 *   id,published,title,body
 *   r1,2024-02-22,"Rutte backed","Line one.\n\nLine two."
 *       -> article ext_id "r1", published 2024-02-22, line 2
 *
 * Columns are found by header name (remappable with `columns:`); extra
 * columns are ignored. A row with the wrong number of fields, an empty
 * title, a bad date, an unterminated quote or a field over
 * max_article_bytes becomes a reject.
 *
 * A gzip file is read to its end first (gz_file_verify): rows are handed
 * out as they are parsed, so a stream cut or damaged half-way would
 * otherwise load its first half. A field over max_article_bytes is
 * neither kept whole by libcsv nor by us: libcsv's buffer may not grow
 * past the limit (capped_realloc), and when it stops there the rest of
 * the field is skipped here (skip_field) and the row rejected.
 */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/file.h"
#include "core/mem.h"
#include "core/sha256.h"
#include "sources/source.h"
#include "text/utf8.h"

enum { COL_ID, COL_PUBLISHED, COL_TITLE, COL_BODY, N_COLS };

/* libcsv's parser states (csv_parser.pstate) */
enum { CSV_FIELD_BEGUN = 2, CSV_FIELD_MIGHT_HAVE_ENDED = 3 };

struct field {
    char  *data;
    size_t len;
};

struct csv_state {
    const char                  *uri;
    const struct gz_source_opts *opts;
    const struct gz_source_out  *out;
    struct gz_error             *err;
    int     stop;                   /* out asked to stop */
    int     header_done;
    int     n_header;               /* fields in the header */
    int     col[N_COLS];            /* field index of each column, -1 absent */
    struct field *fields;           /* current record */
    int     n_fields, cap_fields;
    long    line;                   /* line where the current record starts */
    long    newlines;               /* newlines inside the current record's fields */
    long    row;                    /* data rows met so far, blank lines aside */
    int     header_error;           /* missing required column: reject the file */
    int     unterminated;           /* input ended inside a quoted field */
    size_t  max;                    /* max_article_bytes, for any field */
    int     skipping;               /* inside a field over max, not fed to libcsv */
    int     skip_quoted, skip_pstate;   /* libcsv's state, carried on while skipping */
    size_t  skip_spaces;
    int     field_too_large;        /* the next field libcsv gives was cut at max */
    int     row_too_large;          /* the current record has a field over max */
};

/* libcsv grows its field buffer through this; past the cap it refuses,
 * and csv_parse stops with CSV_ENOMEM where the field outgrew the limit.
 * (libcsv's realloc hook takes no context: the reader sets the cap.) */
static _Thread_local size_t field_cap;

static void *capped_realloc(void *p, size_t n)
{
    return n > field_cap ? NULL : gz_xrealloc(p, n);
}

static void on_field(void *data, size_t len, void *ctx)
{
    struct csv_state *s = ctx;
    struct field *f;
    size_t i;

    if (s->n_fields == s->cap_fields) {
        s->cap_fields = s->cap_fields ? s->cap_fields * 2 : 8;
        s->fields = gz_xrealloc(s->fields, (size_t)s->cap_fields * sizeof(*s->fields));
    }
    f = &s->fields[s->n_fields++];
    if (data != NULL && (s->field_too_large || len > s->max)) {
        s->row_too_large = 1;           /* kept: its start, for the reject's excerpt */
        s->field_too_large = 0;
        len = len < GZ_EXCERPT_MAX ? len : GZ_EXCERPT_MAX;
    }
    f->data = gz_xstrndup(data ? data : "", data ? len : 0);
    f->len = data ? len : 0;
    for (i = 0; i < f->len; i++)
        s->newlines += f->data[i] == '\n';
}

static void clear_record(struct csv_state *s)
{
    int i;

    for (i = 0; i < s->n_fields; i++)
        gz_free(s->fields[i].data);
    s->n_fields = 0;
    s->row_too_large = 0;
}

static void reject_row(struct csv_state *s, const char *fmt, const char *arg)
{
    struct gz_reject r = {.uri = s->uri, .line = s->line};
    char excerpt[GZ_EXCERPT_MAX];
    size_t n = 0;
    int i;

    snprintf(r.reason, sizeof(r.reason), fmt, arg);
    for (i = 0; i < s->n_fields && n < sizeof(excerpt); i++) {
        size_t k = s->fields[i].len < sizeof(excerpt) - n ? s->fields[i].len : sizeof(excerpt) - n;

        memcpy(excerpt + n, s->fields[i].data, k);
        n += k;
        if (n < sizeof(excerpt) && i + 1 < s->n_fields)
            excerpt[n++] = ',';
    }
    r.excerpt = excerpt;
    r.excerpt_len = n;
    if (s->out->reject(s->out->ctx, &r, s->err) < 0)
        s->stop = 1;
}

static void read_header(struct csv_state *s)
{
    const char *names[N_COLS] = {s->opts->col_id, s->opts->col_published,
                                 s->opts->col_title, s->opts->col_body};
    int c, i;

    s->n_header = s->n_fields;
    for (c = 0; c < N_COLS; c++) {
        s->col[c] = -1;
        for (i = 0; i < s->n_fields; i++) {
            const char *name = s->fields[i].data;

            if (i == 0 && strncmp(name, "\xEF\xBB\xBF", 3) == 0)
                name += 3;
            if (strcmp(name, names[c]) == 0)
                s->col[c] = i;
        }
        if (s->col[c] < 0 && c != COL_ID && !s->header_error) {
            s->header_error = 1;
            s->line = 1;
            reject_row(s, "missing required column \"%s\" in the header", names[c]);
        }
    }
    s->header_done = 1;
}

static char *column(struct csv_state *s, struct gz_article *a, int c, size_t *len)
{
    struct field *f = &s->fields[s->col[c]];

    return gz_text_repair(a->arena, f->data, f->len, len, &a->repairs);
}

static void trim_field(char **p, size_t *len)
{
    while (*len > 0 && (**p == ' ' || **p == '\t' || **p == '\n'))
        (*p)++, (*len)--;
    while (*len > 0 && ((*p)[*len - 1] == ' ' || (*p)[*len - 1] == '\t'
                        || (*p)[*len - 1] == '\n'))
        (*len)--;
    (*p)[*len] = '\0';
}

static void read_row(struct csv_state *s)
{
    struct gz_article *a;
    const char *why = NULL;
    char *pub, count[64];
    size_t pub_len, used = 0;

    if (s->n_fields != s->n_header) {
        snprintf(count, sizeof(count), "%d fields, the header has %d", s->n_fields, s->n_header);
        reject_row(s, "row has %s", count);
        return;
    }
    a = gz_article_new();
    a->uri = gz_arena_strdup(a->arena, s->uri);
    a->line = s->line;
    if (s->col[COL_ID] >= 0)
        a->ext_id = gz_arena_strdup(a->arena, s->fields[s->col[COL_ID]].data);
    pub = column(s, a, COL_PUBLISHED, &pub_len);
    trim_field(&pub, &pub_len);
    a->title = column(s, a, COL_TITLE, &a->title_len);
    trim_field(&a->title, &a->title_len);
    a->body = column(s, a, COL_BODY, &a->body_len);
    trim_field(&a->body, &a->body_len);
    if (a->title_len == 0) {
        gz_article_free(a);
        reject_row(s, "%sempty title", "");
        return;
    }
    if (gz_pubdate_parse(pub, pub_len, &s->opts->dates, &a->published, &used, &why) < 0
        || used != pub_len) {
        char msg[200];

        snprintf(msg, sizeof(msg), "%s \"%.*s\"", why ? why : "unrecognised date",
                 (int)(pub_len < 64 ? pub_len : 64), pub);
        gz_article_free(a);
        reject_row(s, "%s", msg);
        return;
    }
    a->published_raw = pub;
    if (s->out->article(s->out->ctx, a, s->err) < 0)
        s->stop = 1;
}

static void on_record(int term, void *ctx)
{
    struct csv_state *s = ctx;

    (void)term;
    if (s->stop || (s->n_fields == 1 && s->fields[0].len == 0)) {
        /* blank line */
    } else if (s->unterminated) {
        reject_row(s, "%sunterminated quoted field", "");
    } else if (s->row_too_large && !s->header_error) {
        char what[64];

        snprintf(what, sizeof(what), "%zu", s->max);
        if (!s->header_done) {
            reject_row(s, "article larger than max_article_bytes (%s)", what);
            s->header_error = 1;        /* no header to map the rows by */
        } else if (gz_shard_takes(s->opts->shard, s->uri, ++s->row)) {
            reject_row(s, "article larger than max_article_bytes (%s)", what);
        }
    } else if (!s->header_done) {
        read_header(s);
    } else if (!s->header_error && gz_shard_takes(s->opts->shard, s->uri, ++s->row)) {
        read_row(s);
    }
    s->line += s->newlines + 1;
    s->newlines = 0;
    clear_record(s);
}

static void reject_file(const char *uri, const char *reason, int transient,
                        const struct gz_source_out *out, struct gz_error *err, int *stop)
{
    struct gz_reject r = {.uri = uri, .line = 0, .transient = transient};

    snprintf(r.reason, sizeof(r.reason), "%s", reason);
    if (out->reject(out->ctx, &r, err) < 0)
        *stop = 1;
}

/* Go on through a field libcsv stopped buffering (it outgrew s->max)
 * without keeping it, by libcsv's own rules (csv_parse, non-strict): up to
 * the delimiter or line end that closes it, which is left for libcsv.
 * Returns the bytes consumed. */
static size_t skip_field(struct csv_state *s, struct csv_parser *p, const char *b, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)b[i];
        int ends = c == ',' || c == '\r' || c == '\n';

        if (!s->skip_quoted) {
            if (ends)
                break;
        } else if (s->skip_pstate == CSV_FIELD_MIGHT_HAVE_ENDED) {
            if (ends)
                break;
            if (c == ' ' || c == '\t') {
                s->skip_spaces++;
            } else if (c == '"' && s->skip_spaces > 0) {
                s->skip_spaces = 0;
            } else {                    /* "" is a quote; anything else goes on */
                s->skip_pstate = CSV_FIELD_BEGUN;
                s->skip_spaces = 0;
            }
        } else if (c == '"') {
            s->skip_pstate = CSV_FIELD_MIGHT_HAVE_ENDED;
        }
        s->newlines += c == '\n';
    }
    if (i < len) {
        /* libcsv takes it from the terminator on, as the end of an
         * unquoted field: it submits the start it holds (see parse) */
        p->pstate = CSV_FIELD_BEGUN;
        p->quoted = 0;
        p->spaces = 0;
        s->skipping = 0;
    }
    return i;
}

/* Feed a piece of the file to libcsv, skipping what is over the limit. */
static void parse(struct csv_state *s, struct csv_parser *p, const char *buf, size_t len)
{
    size_t pos = 0;

    while (pos < len) {
        if (s->skipping) {
            pos += skip_field(s, p, buf + pos, len - pos);
            continue;
        }
        pos += csv_parse(p, buf + pos, len - pos, on_field, on_record, s);
        if (pos < len) {                /* the buffer reached field_cap */
            size_t i;

            /* keep the start, for the excerpt, and count the lines of the rest */
            for (i = GZ_EXCERPT_MAX; i < p->entry_pos; i++)
                s->newlines += p->entry_buf[i] == '\n';
            if (p->entry_pos > GZ_EXCERPT_MAX)
                p->entry_pos = GZ_EXCERPT_MAX;
            p->status = 0;
            s->skipping = 1;
            s->field_too_large = 1;
            s->skip_quoted = p->quoted;
            s->skip_pstate = p->pstate;
            s->skip_spaces = p->spaces;
        }
    }
}

/* Decompress all of *f (standard input) into an unlinked temporary file
 * and make *f that file: 0, or -1 with err as gz_file_read (*f is left
 * for the caller to close). */
static int spool(struct gz_file **f, struct gz_error *err)
{
    FILE *tmp = tmpfile();
    char buf[65536], path[64];
    struct gz_file *again;
    long got;

    if (tmp == NULL)
        return gz_fail(err, EX_IOERR, "cannot read: no temporary file for standard input: %s",
                       strerror(errno));
    while ((got = gz_file_read(*f, buf, sizeof(buf), err)) > 0)
        if (fwrite(buf, 1, (size_t)got, tmp) != (size_t)got) {
            got = gz_fail(err, EX_IOERR, "cannot read: temporary file for standard input: %s",
                          strerror(errno));
            break;
        }
    if (got == 0 && fflush(tmp) != 0)
        got = gz_fail(err, EX_IOERR, "cannot read: temporary file for standard input: %s",
                      strerror(errno));
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fileno(tmp));
    again = got == 0 ? gz_file_open(path, err) : NULL;
    fclose(tmp);                        /* the descriptor gz_file_open made stays */
    if (again == NULL)
        return -1;
    gz_file_close(*f);
    *f = again;
    return 0;
}

int gz_csv_read(const char *path, const struct gz_source_opts *opts,
                const struct gz_source_out *out, struct gz_error *err)
{
    struct csv_state s = {.uri = path, .opts = opts, .out = out, .err = err, .line = 1};
    struct gz_error ferr = {0};
    struct csv_parser p;
    struct gz_sha256 h;
    struct gz_file *f;
    char buf[65536], verified[65] = "";
    long got = 0;
    int first = 1;

    s.max = gz_max_article_bytes(opts);
    if (out->sha256 != NULL)
        out->sha256[0] = '\0';
    if ((f = gz_file_open(path, &ferr)) == NULL) {
        reject_file(path, ferr.msg, 1, out, err, &s.stop);
        return s.stop ? -1 : 0;
    }
    /* No row of a gzip file before its whole stream and trailer check out:
     * a file is read through once first; standard input, which cannot be
     * read twice, is decompressed into a temporary file and read from it. */
    if (gz_file_compressed(f)
        && (strcmp(path, "-") == 0 ? spool(&f, &ferr) : gz_file_verify(path, verified, &ferr)) < 0) {
        gz_file_close(f);
        reject_file(path, ferr.msg, ferr.code != EX_DATAERR, out, err, &s.stop);
        return s.stop ? -1 : 0;
    }
    csv_init(&p, CSV_APPEND_NULL);
    field_cap = s.max + 16;             /* a field of exactly max fits, with its quote */
    csv_set_realloc_func(&p, capped_realloc);
    csv_set_blk_size(&p, 65536);
    if (out->sha256 != NULL && verified[0] == '\0')
        gz_sha256_init(&h);
    while (!s.stop && !s.header_error && (got = gz_file_read(f, buf, sizeof(buf), &ferr)) > 0) {
        if (out->sha256 != NULL && verified[0] == '\0')
            gz_sha256_update(&h, buf, (size_t)got);
        if (first && gz_looks_binary(buf, (size_t)got)) {
            reject_file(path, "binary file", 0, out, err, &s.stop);
            s.header_error = 1;         /* nothing more to read or report */
            first = 0;
            break;
        }
        first = 0;
        parse(&s, &p, buf, (size_t)got);
    }
    if (got < 0) {
        /* read failed: the record it was in is dropped, not parsed half */
    } else if (first && !s.stop && !s.header_error) {
        reject_file(path, "empty file", 0, out, err, &s.stop);
    } else if (!s.stop && !s.header_error) {
        if (s.skipping) {               /* the file ended inside a field over max */
            p.quoted = s.skip_quoted;
            p.pstate = s.skip_pstate;
            p.spaces = 0;
        }
        /* libcsv's FIELD_BEGUN state (2) in a quoted field: no closing quote */
        s.unterminated = p.quoted && p.pstate == CSV_FIELD_BEGUN;
        csv_fini(&p, on_field, on_record, &s);
    }
    if (out->sha256 != NULL && verified[0] != '\0') {
        memcpy(out->sha256, verified, 65);
    } else if (out->sha256 != NULL) {   /* the fingerprint covers the whole file */
        while (!s.stop && got > 0 && (got = gz_file_read(f, buf, sizeof(buf), &ferr)) > 0)
            gz_sha256_update(&h, buf, (size_t)got);
        gz_sha256_final(&h, out->sha256);
    }
    if (got < 0) {
        /* An I/O error (or a stream cut short: standard input) is worth
         * another try next run (transient); corrupt gzip data is not. The
         * rows read before it stand either way. */
        if (out->sha256 != NULL)
            out->sha256[0] = '\0';
        if (!s.stop)
            reject_file(path, ferr.msg, ferr.code != EX_DATAERR, out, err, &s.stop);
    }
    clear_record(&s);
    gz_free(s.fields);
    csv_free(&p);
    gz_file_close(f);
    return s.stop ? -1 : 0;
}
