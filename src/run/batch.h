/*
 * batch.h - what the runner gathers for one transaction: articles, the
 * rejects of finished files, and the files they finish. It grows as the
 * reader adds to it and is handed to the loader as a gz_load_rows view.
 *
 *   gz_batch_add_article(&b, a);                 // b owns a from then on
 *   gz_batch_add_reject(&b, "in/x.txt", 0, "empty file", NULL, 0);
 *   s = gz_batch_add_source(&b, "in/x.txt");     // fill size, mtime, ...
 *   rows = gz_batch_rows(&b);                    // borrowed by the loader
 *   gz_load_batch(pg, run_id, &rows, &counts, &loaded, err);
 *   gz_batch_clear(&b);                          // empty, capacity kept
 */
#ifndef GZ_BATCH_H
#define GZ_BATCH_H

#include <stddef.h>

#include "core/article.h"
#include "sinks/loader.h"

struct gz_batch {
    struct gz_article   **articles;
    size_t                n_articles, cap_articles;
    struct gz_reject_row *rejects;
    size_t                n_rejects, cap_rejects;
    struct gz_source_row *sources;
    size_t                n_sources, cap_sources;
    int                   reprocess;    /* replace the mentions and dates of
                                           articles already loaded */
};

/* Add to a batch. Articles are owned by the batch from then on; uri,
 * reason and excerpt are copied (the excerpt repaired to valid UTF-8). */
void gz_batch_add_article(struct gz_batch *b, struct gz_article *a);
void gz_batch_add_reject(struct gz_batch *b, const char *uri, long line, const char *reason,
                         const char *excerpt, size_t excerpt_len);
/* A zeroed sources row for uri, to fill in. */
struct gz_source_row *gz_batch_add_source(struct gz_batch *b, const char *uri);

/* Forget the sources row of uri, if the batch has one: the file is not
 * marked done after all (an article of it was given up on a signal). */
void gz_batch_drop_source(struct gz_batch *b, const char *uri);

/* What the batch holds, as the loader takes it (borrowed from b). */
struct gz_load_rows gz_batch_rows(const struct gz_batch *b);

/* Free what the batch holds and empty it (the arrays are kept). */
void gz_batch_clear(struct gz_batch *b);
/* Clear and free the arrays too; the struct itself is the caller's. */
void gz_batch_release(struct gz_batch *b);

#endif
