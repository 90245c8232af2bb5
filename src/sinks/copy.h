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

#endif
