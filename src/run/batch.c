/*
 * batch.c - growing arrays of articles, rejects and sources rows.
 */
#include "run/batch.h"

#include <string.h>

#include "core/mem.h"
#include "text/utf8.h"

#define GROW(arr, n, cap) do { \
        if ((n) == (cap)) { \
            (cap) = (cap) ? (cap) * 2 : 64; \
            (arr) = gz_xrealloc((arr), (cap) * sizeof(*(arr))); \
        } \
    } while (0)

void gz_batch_add_article(struct gz_batch *b, struct gz_article *a)
{
    GROW(b->articles, b->n_articles, b->cap_articles);
    b->articles[b->n_articles++] = a;
}

void gz_batch_add_reject(struct gz_batch *b, const char *uri, long line, const char *reason,
                         const char *excerpt, size_t excerpt_len)
{
    struct gz_reject_row *r;
    unsigned repairs = 0;
    size_t len;

    GROW(b->rejects, b->n_rejects, b->cap_rejects);
    r = &b->rejects[b->n_rejects++];
    r->uri = gz_xstrdup(uri);
    r->line = line;
    r->reason = gz_xstrdup(reason);
    r->excerpt = excerpt ? gz_utf8_repair(excerpt, excerpt_len, &len, &repairs) : NULL;
}

struct gz_source_row *gz_batch_add_source(struct gz_batch *b, const char *uri)
{
    struct gz_source_row *s;

    GROW(b->sources, b->n_sources, b->cap_sources);
    s = &b->sources[b->n_sources++];
    memset(s, 0, sizeof(*s));
    s->uri = gz_xstrdup(uri);
    return s;
}

void gz_batch_drop_source(struct gz_batch *b, const char *uri)
{
    size_t i, kept = 0;

    for (i = 0; i < b->n_sources; i++) {
        if (strcmp(b->sources[i].uri, uri) == 0)
            gz_free(b->sources[i].uri);
        else
            b->sources[kept++] = b->sources[i];
    }
    b->n_sources = kept;
}

struct gz_load_rows gz_batch_rows(const struct gz_batch *b)
{
    return (struct gz_load_rows){b->articles, b->n_articles, b->rejects, b->n_rejects,
                                 b->sources, b->n_sources, b->reprocess};
}

void gz_batch_clear(struct gz_batch *b)
{
    size_t i;

    for (i = 0; i < b->n_articles; i++)
        gz_article_free(b->articles[i]);
    for (i = 0; i < b->n_rejects; i++) {
        gz_free(b->rejects[i].uri);
        gz_free(b->rejects[i].reason);
        gz_free(b->rejects[i].excerpt);
    }
    for (i = 0; i < b->n_sources; i++)
        gz_free(b->sources[i].uri);
    b->n_articles = b->n_rejects = b->n_sources = 0;
}

void gz_batch_release(struct gz_batch *b)
{
    gz_batch_clear(b);
    gz_free(b->articles);
    gz_free(b->rejects);
    gz_free(b->sources);
    b->articles = NULL;
    b->rejects = NULL;
    b->sources = NULL;
    b->cap_articles = b->cap_rejects = b->cap_sources = 0;
}
