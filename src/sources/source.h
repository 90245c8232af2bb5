/*
 * source.h - turning input files into articles (or rejects with a reason).
 *
 * src/sources/ owns the inputs: which files a pipeline's patterns name
 * (files.h), and reading each one in its format into gz_article records
 * (this file; article_text.c, csv_source.c), with its text repaired to
 * clean UTF-8. It reads bytes through core/file.h and hands out what it
 * made through a gz_source_out; it knows nothing of stages or databases.
 *
 * Two formats:
 *   article  one article per file: "date 2024-02-22 Title", blank line, paragraphs
 *   csv      one article per row (RFC 4180 via libcsv), columns found by header name
 *
 * A source never stops at a bad input: each one becomes a reject naming the
 * file, line and reason, and reading goes on.
 *
 * Integrity and limits (docs/RELIABILITY.md):
 *   - a gzip file gives articles only once the whole stream has been read
 *     and its trailer checked: a cut one is one reject "truncated gzip
 *     stream" (transient: the file is tried again next run), a damaged one
 *     "corrupt gzip stream: <zlib's message>", and no article of it loads;
 *   - an article file, or a CSV field, over max_article_bytes is a reject
 *     "article larger than max_article_bytes (N)", found while reading: no
 *     more than N + 1 bytes of it are ever held in memory.
 */
#ifndef GZ_SOURCE_H
#define GZ_SOURCE_H

#include <stddef.h>

#include "core/article.h"
#include "core/error.h"
#include "core/shard.h"
#include "dates/pubdate.h"

enum gz_format { GZ_FORMAT_ARTICLE, GZ_FORMAT_CSV };

#define GZ_MAX_ARTICLE_BYTES ((size_t)16 << 20)  /* default limits.max_article_bytes */
#define GZ_EXCERPT_MAX 200                        /* bytes of input kept with a reject */

struct gz_source_opts {
    enum gz_format         format;
    const char            *col_id, *col_published, *col_title, *col_body;  /* CSV header names */
    struct gz_pubdate_opts dates;
    const struct gz_shard *shard;     /* NULL or not split: every CSV row; else only
                                         the rows gz_shard_takes gives this shard */
    size_t                 max_article_bytes; /* an article file or any CSV field,
                                                 decompressed; 0: GZ_MAX_ARTICLE_BYTES */
};

struct gz_reject {
    const char *uri;
    long        line;                 /* 1-based line (record start for CSV); 0 = whole file */
    char        reason[256];
    const char *excerpt;              /* borrowed; up to GZ_EXCERPT_MAX bytes, may be invalid UTF-8 */
    size_t      excerpt_len;
    int         transient;            /* could not be read (permissions, I/O): try again next run */
};

/* Where a source delivers what it read. article() takes ownership of a;
 * reject() borrows r for the duration of the call. Either may return -1
 * (with err filled) to stop reading. */
struct gz_source_out {
    int  (*article)(void *ctx, struct gz_article *a, struct gz_error *err);
    int  (*reject)(void *ctx, const struct gz_reject *r, struct gz_error *err);
    void  *ctx;
    char  *sha256;      /* when not NULL: receives the hex SHA-256 of the whole
                           content read (as gz_file_sha256 computes it), or ""
                           when the file could not be read */
};

/* opts->max_article_bytes, or its default. */
size_t gz_max_article_bytes(const struct gz_source_opts *opts);

/* Read one file (or "-") in the given format. Returns -1 only when out
 * asked to stop; unreadable or malformed inputs become rejects. */
int gz_source_read(const char *path, const struct gz_source_opts *opts,
                   const struct gz_source_out *out, struct gz_error *err);

/* Parse one article-format text (the bytes of a file). Returns a new
 * article (gz_article_free), or NULL with rej->reason/line/excerpt set. */
struct gz_article *gz_article_parse(const char *uri, const char *buf, size_t len,
                                    const struct gz_pubdate_opts *dates, struct gz_reject *rej);

/* Read CSV text from a file; exposed for tests of the CSV reader. */
int gz_csv_read(const char *path, const struct gz_source_opts *opts,
                const struct gz_source_out *out, struct gz_error *err);

/* 1 when the first bytes of buf look like a binary (non-text) file. */
int gz_looks_binary(const char *buf, size_t len);

/* Shared by both formats: repair raw bytes into clean UTF-8 with LF line
 * ends, stored in the article's arena; ORs repairs into *repairs. */
char *gz_text_repair(struct gz_arena *arena, const char *in, size_t n, size_t *out_len,
                     unsigned *repairs);

#endif
