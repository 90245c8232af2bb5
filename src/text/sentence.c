/*
 * sentence.c - sentence splitter (see sentence.h).
 */
#include "text/sentence.h"

#include <string.h>

static int tok_is(const char *text, const struct gz_token *t, const char *s)
{
    size_t n = strlen(s);

    return t->end - t->start == n && memcmp(text + t->start, s, n) == 0;
}

static int starts_upper(const char *text, const struct gz_token *t)
{
    unsigned char c = (unsigned char)text[t->start];

    return c >= 'A' && c <= 'Z';
}

/* "..." ends a sentence only before a capital: "fine... (really)" goes on. */
static int is_final(const char *text, const struct gz_token *t)
{
    if (tok_is(text, t, "..."))
        return starts_upper(text, t + 1);
    return tok_is(text, t, ".") || tok_is(text, t, "!") || tok_is(text, t, "?");
}

static int is_closer(const char *text, const struct gz_token *t)
{
    return tok_is(text, t, "\"") || tok_is(text, t, "'") || tok_is(text, t, "''")
           || tok_is(text, t, ")") || tok_is(text, t, "]")
           || tok_is(text, t, "\xe2\x80\x9d") || tok_is(text, t, "\xe2\x80\x99")
           || tok_is(text, t, "\xc2\xbb");
}

/* A blank line between the end of a and the start of b. */
static int blank_line_between(const char *text, const struct gz_token *a, const struct gz_token *b)
{
    size_t i;
    int newlines = 0;

    for (i = a->end; i < b->start; i++)
        if (text[i] == '\n')
            newlines++;
    return newlines >= 2;
}

static int starts_lower(const char *text, const struct gz_token *t)
{
    unsigned char c = (unsigned char)text[t->start];

    return c >= 'a' && c <= 'z';
}

int gz_sentence_split(const char *text, struct gz_token *t, size_t n)
{
    size_t i, len = 0;
    int s = 0;

    for (i = 0; i < n; i++) {
        int cut;
        t[i].sentence = s;
        len++;
        if (i + 1 == n)
            break;
        cut = len >= GZ_SENTENCE_MAX || blank_line_between(text, &t[i], &t[i + 1]);
        if (!cut && (is_final(text, &t[i]) || (is_closer(text, &t[i]) && i > 0
                                              && is_final(text, &t[i - 1])
                                              && t[i - 1].end == t[i].start))) {
            cut = !is_closer(text, &t[i + 1]) && !starts_lower(text, &t[i + 1]);
        }
        if (cut) {
            s++;
            len = 0;
        }
    }
    return n ? s + 1 : 0;
}
