/*
 * csvbody.h - the "body" column of a news CSV file (gzip or plain), for
 * the trainers that learn from unlabelled text (nerlex.c, brown.c).
 *
 *   id,published,title,body,...\n1,...,"Tokyo stocks rose ..."\n
 *       -> fn(ctx, "Tokyo stocks rose ...", 21), once per row
 */
#ifndef GZ_CSVBODY_H
#define GZ_CSVBODY_H

#include <stddef.h>

#include "core/error.h"

typedef void gz_csv_body_fn(void *ctx, const char *s, size_t n);

/* Call fn for the body of every row of path; fails when the file cannot
 * be opened or its header has no "body" column. */
int gz_csv_each_body(const char *path, gz_csv_body_fn *fn, void *ctx, struct gz_error *err);

#endif
