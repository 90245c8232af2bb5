#include "core/scrub.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"

#define MASK "***"

/* The growing copy being written. */
struct out {
    char  *s;
    size_t n;
};

static void put(struct out *o, const char *s, size_t n)
{
    memcpy(o->s + o->n, s, n);
    o->n += n;
}

/* Copy in to out with the password of every "scheme://user:password@" masked. */
static int scrub_uris(const char *in, struct out *o)
{
    const char *p = in, *a;
    int count = 0;

    while ((a = strstr(p, "://")) != NULL) {
        const char *start = a + 3, *end = start, *at = NULL, *colon;

        while (*end != '\0' && !isspace((unsigned char)*end))
            end++;
        for (const char *q = start; q < end; q++)
            if (*q == '@')
                at = q;
        colon = at ? memchr(start, ':', (size_t)(at - start)) : NULL;
        if (colon == NULL || colon + 1 == at) {
            put(o, p, (size_t)(start - p));
            p = start;
            continue;
        }
        put(o, p, (size_t)(colon + 1 - p));
        put(o, MASK, strlen(MASK));
        p = at;
        count++;
    }
    put(o, p, strlen(p));
    return count;
}

static int word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* Copy in to out with the value of every keyword "...password" followed by
 * "=" masked. */
static int scrub_keywords(const char *in, struct out *o)
{
    const char *p = in, *k;
    int count = 0;

    while ((k = strcasestr(p, "password")) != NULL) {
        const char *w = k, *v = k + 8, *end;
        int query;

        while (w > in && word_char(w[-1]))
            w--;
        query = w > in && (w[-1] == '?' || w[-1] == '&');
        while (*v == ' ' || *v == '\t')
            v++;
        if (*v != '=' || word_char(k[8])) {
            put(o, p, (size_t)(k + 8 - p));
            p = k + 8;
            continue;
        }
        v++;
        if (!query)
            while (*v == ' ' || *v == '\t')
                v++;
        end = v;
        if (*v == '\'' && !query) {
            for (end = v + 1; *end != '\0' && *end != '\''; end++)
                if (*end == '\\' && end[1] != '\0')
                    end++;
            if (*end == '\'')
                end++;
            /* libpq reads what sticks to the closing quote as the next
             * keyword and echoes it: part of a mistyped password */
            while (*end != '\0' && !isspace((unsigned char)*end))
                end++;
        } else {
            while (*end != '\0' && !isspace((unsigned char)*end)
                   && !(query && (*end == '&' || *end == '#')))
                end++;
        }
        put(o, p, (size_t)(v - p));
        if (end > v) {
            put(o, MASK, strlen(MASK));
            count++;
        }
        p = end;
    }
    put(o, p, strlen(p));
    return count;
}

/* Some libpq errors quote a token alone, which may be the password or a
 * piece of it: a percent-decoding error, or the word after an unquoted
 * password with a blank in it ("password=my secret": missing "=" after
 * "secret"). Mask what stands between the first '"' after such a message
 * and the last '"' of that line. */
static int scrub_decoding(const char *in, struct out *o)
{
    static const char *const marks[] = {"percent-encoded token", "percent-encoded value",
                                        "missing \"=\" after", NULL};
    const char *p = in;
    int count = 0;

    for (;;) {
        const char *m = NULL, *q, *close = NULL, *le;
        size_t mlen = 0;

        for (size_t i = 0; marks[i] != NULL; i++) {
            const char *f = strstr(p, marks[i]);

            if (f != NULL && (m == NULL || f < m)) {
                m = f;
                mlen = strlen(marks[i]);
            }
        }
        if (m == NULL || (q = strchr(m + mlen, '"')) == NULL) {
            put(o, p, strlen(p));
            return count;
        }
        le = strchr(q + 1, '\n');
        if (le == NULL)
            le = q + 1 + strlen(q + 1);
        for (const char *c = q + 1; c < le; c++)
            if (*c == '"')
                close = c;
        put(o, p, (size_t)(q + 1 - p));
        p = q + 1;
        if (close == NULL || close == q + 1)
            continue;
        put(o, MASK, strlen(MASK));
        p = close;
        count++;
    }
}

int gz_scrub_secrets(char *msg, size_t size)
{
    size_t len, cap;
    struct out a, b, c;
    int count;

    if (msg == NULL || size == 0)
        return 0;
    len = strnlen(msg, size - 1);
    msg[len] = '\0';
    if (strstr(msg, "://") == NULL && strcasestr(msg, "password") == NULL
        && strstr(msg, "percent-encoded") == NULL && strstr(msg, "missing \"=\" after") == NULL)
        return 0;
    /* a pass replaces secrets of one byte or more by strlen(MASK) bytes:
     * its output is at most strlen(MASK) times its input */
    cap = len * strlen(MASK) + 1;
    a = (struct out){gz_xmalloc(cap), 0};
    b = (struct out){gz_xmalloc(cap * strlen(MASK)), 0};
    c = (struct out){gz_xmalloc(cap * strlen(MASK) * strlen(MASK)), 0};
    count = scrub_uris(msg, &a);
    a.s[a.n] = '\0';
    count += scrub_keywords(a.s, &b);
    b.s[b.n] = '\0';
    count += scrub_decoding(b.s, &c);
    c.s[c.n] = '\0';
    if (count > 0) {
        size_t n = c.n < size - 1 ? c.n : size - 1;

        memcpy(msg, c.s, n);
        msg[n] = '\0';
    }
    gz_free(a.s);
    gz_free(b.s);
    gz_free(c.s);
    return count;
}
