/*
 * brown.h - hierarchical word clusters (Brown et al. 1992) from unlabelled
 * text, with Liang's (2005) window: the most frequent words start as one
 * cluster each, the next word by frequency enters as a cluster of its own,
 * and the two clusters whose merge loses the least mutual information
 * between neighbouring clusters are merged; at the end the remaining
 * clusters are merged down to one, and the merge tree gives each word a
 * bit path:
 *
 *   "japan"  -> 0110111010      "taiwan" -> 0110111010
 *   "monday" -> 1011100         "friday" -> 1011100
 *
 * Words are tokens of gz_tokenize, lower-cased (ASCII) unless the case is
 * kept (gz_brown_keep_case). The table written
 * is gzip'd text, one `word<TAB>path<TAB>count` line a word, sorted by
 * path and then by falling count; the same text gives the same bytes.
 */
#ifndef GZ_BROWN_H
#define GZ_BROWN_H

#include <stddef.h>
#include <stdio.h>

#include "core/error.h"

struct gz_brown_opts {
    unsigned clusters;          /* leaves of the tree (the window), >= 2 */
    unsigned min_count;         /* occurrences before a word is clustered */
    size_t   max_words;         /* at most this many words, the most frequent */
    FILE    *log;               /* progress, or NULL */
};

void gz_brown_defaults(struct gz_brown_opts *o);

struct gz_brown;
struct gz_brown *gz_brown_new(void);
void gz_brown_free(struct gz_brown *b);        /* NULL is a no-op */
/* Cluster words as written ("Japan" and "japan" apart); call before adding text. */
void gz_brown_keep_case(struct gz_brown *b);

/* Text: one text (paragraph or article) at a time ... */
void gz_brown_add_text(struct gz_brown *b, const char *text, size_t len);
/* ... or every line of a plain-text file (gzip or plain) as one text ... */
int gz_brown_add_lines(struct gz_brown *b, const char *path, struct gz_error *err);
/* ... or the "body" column of a CSV file (gzip or plain) ... */
int gz_brown_add_csv(struct gz_brown *b, const char *path, struct gz_error *err);
/* ... or the tokens of a GMB file (token POS tag lines, blank between sentences). */
int gz_brown_add_gmb(struct gz_brown *b, const char *path, struct gz_error *err);

/* Cluster the text seen and write the table to path. */
int gz_brown_write(struct gz_brown *b, const struct gz_brown_opts *o, const char *path,
                   struct gz_error *err);

#endif
