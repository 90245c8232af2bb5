/*
 * copy.h - COPY ... FROM STDIN in text format: rows built in a buffer with
 * their values escaped, then sent the way psql's copy.c sends them.
 *
 *   a<TAB>b -> a\tb ;  x\y -> x\\y ;  line<LF> -> line\n ;  NULL -> \N
 */
#ifndef GZ_COPY_H
#define GZ_COPY_H

#include <stddef.h>

#include "core/article.h"
#include "sinks/pg.h"

struct gz_copybuf {
    char  *data;            /* gz_free when done */
    size_t len, cap;
};

/* Raw bytes (delimiters, ready-made values). */
void gz_copy_put(struct gz_copybuf *c, const char *s, size_t n);
/* A text value, escaped; NULL becomes \N. */
void gz_copy_text(struct gz_copybuf *c, const char *s, size_t n);
void gz_copy_str(struct gz_copybuf *c, const char *s);
/* Formatted raw bytes (numbers); at most 127 of them. */
void gz_copy_fmt(struct gz_copybuf *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A date as YYYY-MM-DD, \N when its year is 0 (unknown). */
void gz_copy_ymd(struct gz_copybuf *c, const struct gz_ymd *d);

/* Run sql (a COPY ... FROM STDIN; "@S" names the schema) and send the
 * rows; a failed send aborts the COPY, so the connection never stays in
 * COPY_IN. */
int gz_copy_in(struct gz_pg *pg, const char *sql, const struct gz_copybuf *rows,
               struct gz_error *err);

/* The same in parts, for rows too many to hold at once: start the COPY,
 * send what the buffer holds whenever it passes GZ_COPY_CHUNK (sending
 * empties the buffer and keeps its capacity), then end it with the rc so
 * far (non-zero aborts the COPY); gz_copy_end returns the final rc.
 *
 *   if (gz_copy_start(pg, sql, err) < 0) return -1;
 *   for (...; rc == 0; ...) { put a row; if (c.len >= GZ_COPY_CHUNK) rc = gz_copy_send(pg, &c, err); }
 *   rc = gz_copy_end(pg, rc == 0 ? gz_copy_send(pg, &c, err) : rc, err);
 */
#define GZ_COPY_CHUNK (256u << 10)
int gz_copy_start(struct gz_pg *pg, const char *sql, struct gz_error *err);
int gz_copy_send(struct gz_pg *pg, struct gz_copybuf *rows, struct gz_error *err);
int gz_copy_end(struct gz_pg *pg, int rc, struct gz_error *err);

#endif
