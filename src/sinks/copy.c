/*
 * copy.c - COPY text format and sending it.
 */
#include "sinks/copy.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "core/fault.h"
#include "core/mem.h"

void gz_copy_put(struct gz_copybuf *c, const char *s, size_t n)
{
    if (c->len + n > c->cap) {
        while (c->len + n > c->cap)
            c->cap = c->cap ? c->cap * 2 : 65536;
        c->data = gz_xrealloc(c->data, c->cap);
    }
    memcpy(c->data + c->len, s, n);
    c->len += n;
}

void gz_copy_text(struct gz_copybuf *c, const char *s, size_t n)
{
    size_t i, run = 0;

    if (s == NULL) {
        gz_copy_put(c, "\\N", 2);
        return;
    }
    for (i = 0; i < n; i++) {
        const char *esc = NULL;

        switch (s[i]) {
        case '\\': esc = "\\\\"; break;
        case '\t': esc = "\\t"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        default: continue;
        }
        gz_copy_put(c, s + run, i - run);
        gz_copy_put(c, esc, 2);
        run = i + 1;
    }
    gz_copy_put(c, s + run, n - run);
}

void gz_copy_str(struct gz_copybuf *c, const char *s)
{
    gz_copy_text(c, s, s ? strlen(s) : 0);
}

void gz_copy_fmt(struct gz_copybuf *c, const char *fmt, ...)
{
    char buf[128];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    gz_copy_put(c, buf, (size_t)n);
}

void gz_copy_ymd(struct gz_copybuf *c, const struct gz_ymd *d)
{
    if (d->year == 0)
        gz_copy_put(c, "\\N", 2);
    else
        gz_copy_fmt(c, "%04d-%02d-%02d", d->year, d->month, d->day);
}

int gz_copy_start(struct gz_pg *pg, const char *sql, struct gz_error *err)
{
    char *text = gz_pg_with_schema(pg, sql);
    PGresult *res = PQexec(pg->conn, text);
    int rc = 0;

    gz_free(text);
    if (PQresultStatus(res) != PGRES_COPY_IN)
        rc = gz_pg_fail(pg, res, "COPY failed", err);
    PQclear(res);
    return rc;
}

/* Rows go in messages of 64 kB: libpq grows its output buffer to the
 * largest message sent and keeps it for the connection's life. */
#define COPY_MESSAGE (64u << 10)

int gz_copy_send(struct gz_pg *pg, struct gz_copybuf *rows, struct gz_error *err)
{
    size_t at;

    for (at = 0; at < rows->len; at += COPY_MESSAGE) {
        size_t n = rows->len - at < COPY_MESSAGE ? rows->len - at : COPY_MESSAGE;

        if (PQputCopyData(pg->conn, rows->data + at, (int)n) != 1) {
            rows->len = 0;
            return gz_pg_fail(pg, NULL, "COPY failed", err);   /* the connection: retried */
        }
    }
    rows->len = 0;
    return 0;
}

int gz_copy_end(struct gz_pg *pg, int rc, struct gz_error *err)
{
    PGresult *res;

    if (gz_fault_at("kill_in_copy")) {     /* the rows sent, the COPY not ended */
        PQflush(pg->conn);
        raise(SIGKILL);
    }
    if (PQputCopyEnd(pg->conn, rc == 0 ? NULL : "gazette aborted the COPY") != 1 && rc == 0)
        rc = gz_pg_fail(pg, NULL, "COPY failed", err);
    while ((res = PQgetResult(pg->conn)) != NULL) {
        if (PQresultStatus(res) != PGRES_COMMAND_OK && rc == 0)
            rc = gz_pg_fail(pg, res, "COPY failed", err);
        PQclear(res);
    }
    return rc;
}

int gz_copy_in(struct gz_pg *pg, const char *sql, const struct gz_copybuf *rows,
               struct gz_error *err)
{
    struct gz_copybuf view = *rows;     /* sending empties it: the caller's stays */

    if (gz_copy_start(pg, sql, err) < 0)
        return -1;
    return gz_copy_end(pg, gz_copy_send(pg, &view, err), err);
}
