/*
 * article.c - the article record and its content hash.
 */
#include "core/article.h"

#include <stdio.h>

#include "core/sha256.h"

static const char *const repair_names[GZ_REPAIR_COUNT] = {
    "bom", "crlf", "nul", "cp1252", "leading_space", "no_final_newline",
    "html_tags", "html_entities", "whitespace",
};

const char *gz_repair_name(int i)
{
    return i >= 0 && i < GZ_REPAIR_COUNT ? repair_names[i] : "?";
}

struct gz_article *gz_article_new(void)
{
    struct gz_arena *arena = gz_arena_new();
    struct gz_article *a = gz_arena_alloc(arena, sizeof(*a));

    a->arena = arena;
    a->title = "";
    a->body = "";
    return a;
}

void gz_article_free(struct gz_article *a)
{
    if (a != NULL)
        gz_arena_free(a->arena);       /* the article itself lives in it */
}

/* Make room for one more element of an arena-held array. */
static void *grow(struct gz_article *a, void *arr, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return arr;
    *cap = *cap ? *cap * 2 : 8;
    return gz_arena_grow(a->arena, arr, n * size, *cap * size);
}

struct gz_mention *gz_article_add_mention(struct gz_article *a)
{
    struct gz_mention *m;

    a->mentions = grow(a, a->mentions, &a->cap_mentions, a->n_mentions, sizeof(*m));
    m = &a->mentions[a->n_mentions++];
    *m = (struct gz_mention){.entity = -1};
    return m;
}

struct gz_date_mention *gz_article_add_date(struct gz_article *a)
{
    struct gz_date_mention *d;

    a->dates = grow(a, a->dates, &a->cap_dates, a->n_dates, sizeof(*d));
    d = &a->dates[a->n_dates++];
    *d = (struct gz_date_mention){0};
    return d;
}

void gz_article_hash(struct gz_article *a)
{
    struct gz_sha256 h;

    gz_sha256_init(&h);
    gz_sha256_update(&h, a->title, a->title_len);
    gz_sha256_update(&h, "\n", 1);
    gz_sha256_update(&h, a->body, a->body_len);
    gz_sha256_final(&h, a->content_sha256);
}
