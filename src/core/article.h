/*
 * article.h - one news article as it flows source -> stages -> sink.
 *
 * A source fills uri/line, the publication date, title and body (cleaned to
 * valid UTF-8 with LF line ends); stages add entity and date mentions; the
 * sink loads it. Everything hanging off an article is allocated in its arena
 * and released with gz_article_free().
 *
 * Offsets (start_char/end_char) are Unicode code point offsets into the body,
 * end-exclusive, as SQL clients and Python count them.
 */
#ifndef GZ_ARTICLE_H
#define GZ_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/mem.h"

/* Repairs a source or clean_text made; recorded on the article row. */
enum gz_repair {
    GZ_REPAIR_BOM          = 1u << 0,   /* leading UTF-8 byte order mark removed */
    GZ_REPAIR_CRLF         = 1u << 1,   /* CRLF / CR line ends made LF */
    GZ_REPAIR_NUL          = 1u << 2,   /* NUL bytes removed */
    GZ_REPAIR_CP1252       = 1u << 3,   /* invalid UTF-8 decoded as Windows-1252 */
    GZ_REPAIR_LEADING_WS   = 1u << 4,   /* blank space before the header removed */
    GZ_REPAIR_NO_FINAL_EOL = 1u << 5,   /* file did not end with a newline */
    GZ_REPAIR_HTML_TAGS    = 1u << 6,   /* HTML tags removed */
    GZ_REPAIR_HTML_ENT     = 1u << 7,   /* HTML character references decoded */
    GZ_REPAIR_WHITESPACE   = 1u << 8,   /* runs of blank space collapsed */
};
#define GZ_REPAIR_COUNT 9

/* Name of repair bit i ("bom", "crlf", ...), for logs and the database. */
const char *gz_repair_name(int i);

/* A calendar date; year 0 means "none". */
struct gz_ymd {
    int year, month, day;
};

/* An entity mention found by extract_entities. */
struct gz_mention {
    int64_t     start_char, end_char;   /* code points into body, end-exclusive */
    const char *surface;                /* text of the span (arena) */
    const char *type;                   /* PERSON, ORG, LOC, MISC, MONEY, PERCENT, QUANTITY */
    int         sentence;               /* 0-based sentence number in the body */
    double      confidence;             /* 0..1 */
    int         entity;                 /* index into the article's entities (normalise_names);
                                           -1: none (amounts, stoplist, ambiguous, or no
                                           normalise_names stage) */
    const char *role;                   /* title split off the name ("Mr", "President"), or NULL */
};

/* An entity an article names (normalise_names): the mentions that point at
 * it by index are one person, organisation, place or other name.
 * (kind, key) names the same entity across articles. */
struct gz_entity {
    const char *kind;                   /* PERSON, ORG, LOC, MISC (countries are LOC) */
    const char *canonical;              /* display name: "Mark Rutte", "United Kingdom" */
    const char *key;                    /* matching key: "mark rutte", "united kingdom" */
    const char *country;                /* ISO 3166-1 alpha-2 when a country, else NULL */
    int         mentions;               /* mentions linked to it */
    int         ambiguous;              /* a short name fitting several entities of the
                                           article; no mention is linked to it */
};

/* A temporal expression found by normalise_dates. */
struct gz_date_mention {
    int64_t     start_char, end_char;   /* code points into body (or title), end-exclusive */
    int         in_title;               /* 1: the span is in the title */
    const char *surface;
    const char *timex_type;             /* DATE, TIME, DURATION, SET */
    const char *value;                  /* TIMEX3 value: 2024-02-22, P10Y, PAST_REF ... */
    struct gz_ymd range_start;          /* [start, end) when value is a calendar */
    struct gz_ymd range_end;            /* interval; year 0 otherwise */
};

struct gz_article {
    struct gz_arena *arena;

    /* where it came from */
    const char *uri;                    /* file path, "-" for stdin */
    long        line;                   /* 1-based line (file) or record number (CSV) */
    const char *ext_id;                 /* id column of a CSV row, else NULL */

    /* what it says */
    const char   *published_raw;        /* the date as written in the input */
    struct gz_ymd published;            /* year 0 until parsed */
    char         *title;                /* NUL-terminated UTF-8 */
    size_t        title_len;
    char         *body;                 /* NUL-terminated UTF-8, may be empty */
    size_t        body_len;
    unsigned      repairs;              /* enum gz_repair bits */

    /* what the stages found */
    struct gz_mention      *mentions;
    size_t                  n_mentions, cap_mentions;
    struct gz_date_mention *dates;
    size_t                  n_dates, cap_dates;
    struct gz_entity       *entities;   /* set by normalise_names; arena-owned */
    size_t                  n_entities;

    /* filled just before loading */
    char content_sha256[65];            /* hex SHA-256 of title "\n" body */
};

/* New empty article with its own arena; caller frees with gz_article_free. */
struct gz_article *gz_article_new(void);
void gz_article_free(struct gz_article *a);       /* NULL is a no-op */

/* Append a mention; returns it zeroed for the caller to fill (arena-owned). */
struct gz_mention      *gz_article_add_mention(struct gz_article *a);
struct gz_date_mention *gz_article_add_date(struct gz_article *a);

/* Compute content_sha256 from the current title and body. */
void gz_article_hash(struct gz_article *a);

#endif
