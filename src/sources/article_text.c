/*
 * article_text.c - the article text format.
 *
 *   " date 2024-02-22 Title\n\nPara one.\n\nPara two."
 *       -> published 2024-02-22, title "Title", body "Para one.\n\nPara two."
 *          repairs: leading_space, no_final_newline
 *   "\xEF\xBB\xBFdate 2024-02-22 T\r\n\r\nBody\r\n" -> repairs: bom, crlf
 *   "date 2024-02-30 T\n"   -> reject "impossible date \"2024-02-30\""
 *   ""                      -> reject "empty file"
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/mem.h"
#include "sources/source.h"
#include "text/utf8.h"

int gz_looks_binary(const char *buf, size_t len)
{
    static const struct { const char *magic; size_t n; } magics[] = {
        {"%PDF", 4}, {"\x89PNG", 4}, {"PK\x03\x04", 4}, {"\x7f" "ELF", 4},
        {"GIF8", 4}, {"\xff\xd8\xff", 3}, {"\x1f\x8b", 2}, {"BZh", 3},
    };
    size_t i, n = len < 4096 ? len : 4096, ctl = 0;

    for (i = 0; i < sizeof(magics) / sizeof(magics[0]); i++)
        if (len >= magics[i].n && memcmp(buf, magics[i].magic, magics[i].n) == 0)
            return 1;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)buf[i];

        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
            ctl++;
    }
    return n > 0 && ctl * 10 > n;       /* over 10% control bytes */
}

char *gz_text_repair(struct gz_arena *arena, const char *in, size_t n, size_t *out_len,
                     unsigned *repairs)
{
    size_t len, i, o = 0;
    char *fixed, *out;

    if (n >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0) {
        *repairs |= GZ_REPAIR_BOM;
        in += 3;
        n -= 3;
    }
    fixed = gz_utf8_repair(in, n, &len, repairs);
    out = gz_arena_alloc(arena, len + 1);
    for (i = 0; i < len; i++) {
        if (fixed[i] == '\r') {
            *repairs |= GZ_REPAIR_CRLF;
            out[o++] = '\n';
            if (i + 1 < len && fixed[i + 1] == '\n')
                i++;
        } else {
            out[o++] = fixed[i];
        }
    }
    out[o] = '\0';
    gz_free(fixed);
    *out_len = o;
    return out;
}

static struct gz_article *reject(struct gz_article *a, struct gz_reject *rej, long line,
                                 const char *fmt, const char *arg)
{
    rej->line = line;
    snprintf(rej->reason, sizeof(rej->reason), fmt, arg);
    gz_article_free(a);
    return NULL;
}

/* Trim blank space at both ends of s[*start..*end). */
static void trim(const char *s, size_t *start, size_t *end)
{
    while (*start < *end && isspace((unsigned char)s[*start]))
        (*start)++;
    while (*end > *start && isspace((unsigned char)s[*end - 1]))
        (*end)--;
}

/* Parse "date <DATE> <Title>" at text[0..eol). */
static int parse_header(struct gz_article *a, const char *text, size_t eol,
                        const struct gz_pubdate_opts *dates, struct gz_reject *rej)
{
    size_t at = 4, used = 0, end = eol, ts;
    const char *why = NULL;

    if (eol < 5 || strncmp(text, "date", 4) != 0 || (text[4] != ' ' && text[4] != '\t')) {
        snprintf(rej->reason, sizeof(rej->reason), "no \"date\" header line");
        return -1;
    }
    while (at < eol && (text[at] == ' ' || text[at] == '\t'))
        at++;
    if (gz_pubdate_parse(text + at, eol - at, dates, &a->published, &used, &why) < 0) {
        size_t w = at;

        while (w < eol && !isspace((unsigned char)text[w]))
            w++;
        snprintf(rej->reason, sizeof(rej->reason), "%s \"%.*s\"", why, (int)(w - at), text + at);
        return -1;
    }
    a->published_raw = gz_arena_strndup(a->arena, text + at, used);
    ts = at + used;
    trim(text, &ts, &end);
    if (ts == end) {
        snprintf(rej->reason, sizeof(rej->reason), "no title after the date");
        return -1;
    }
    a->title = gz_arena_strndup(a->arena, text + ts, end - ts);
    a->title_len = end - ts;
    return 0;
}

struct gz_article *gz_article_parse(const char *uri, const char *buf, size_t len,
                                    const struct gz_pubdate_opts *dates, struct gz_reject *rej)
{
    struct gz_article *a = gz_article_new();
    size_t n, start = 0, eol, bs, be;
    long line = 1;
    char *text;

    rej->uri = uri;
    rej->excerpt = buf;
    rej->excerpt_len = len < GZ_EXCERPT_MAX ? len : GZ_EXCERPT_MAX;
    a->uri = gz_arena_strdup(a->arena, uri);
    if (gz_looks_binary(buf, len))
        return reject(a, rej, 0, "%sbinary file", "");
    text = gz_text_repair(a->arena, buf, len, &n, &a->repairs);
    while (start < n && isspace((unsigned char)text[start])) {
        line += text[start] == '\n';
        start++;
    }
    if (start == n)
        return reject(a, rej, 0, "%sempty file", "");
    if (start > 0)
        a->repairs |= GZ_REPAIR_LEADING_WS;
    if (text[n - 1] != '\n')
        a->repairs |= GZ_REPAIR_NO_FINAL_EOL;
    a->line = line;
    eol = start;
    while (eol < n && text[eol] != '\n')
        eol++;
    if (parse_header(a, text + start, eol - start, dates, rej) < 0) {
        rej->line = line;
        gz_article_free(a);
        return NULL;
    }
    bs = eol;
    be = n;
    trim(text, &bs, &be);
    a->body = text + bs;            /* in the arena; cut in place */
    a->body[be - bs] = '\0';
    a->body_len = be - bs;
    return a;
}
