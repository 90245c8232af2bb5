/*
 * html.c - removing HTML tags, decoding character references, tidying space.
 */
#include "text/html.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/article.h"
#include "text/utf8.h"

/* Elements whose tags are removed; 'b' marks block elements (become line breaks). */
static const struct { const char *name; char kind; } elements[] = {
    {"a", 'i'}, {"abbr", 'i'}, {"article", 'b'}, {"aside", 'b'}, {"b", 'i'},
    {"big", 'i'}, {"blockquote", 'b'}, {"body", 'b'}, {"br", 'l'}, {"center", 'b'},
    {"cite", 'i'}, {"code", 'i'}, {"dd", 'b'}, {"div", 'b'}, {"dl", 'b'}, {"dt", 'b'},
    {"em", 'i'}, {"figcaption", 'b'}, {"figure", 'b'}, {"font", 'i'}, {"footer", 'b'},
    {"h1", 'b'}, {"h2", 'b'}, {"h3", 'b'}, {"h4", 'b'}, {"h5", 'b'}, {"h6", 'b'},
    {"head", 'b'}, {"header", 'b'}, {"hr", 'b'}, {"html", 'b'}, {"i", 'i'}, {"img", 'i'},
    {"li", 'l'}, {"link", 'i'}, {"main", 'b'}, {"mark", 'i'}, {"meta", 'i'}, {"nav", 'b'},
    {"noscript", 'b'}, {"ol", 'b'}, {"p", 'b'}, {"pre", 'b'}, {"q", 'i'}, {"s", 'i'},
    {"script", 'x'}, {"section", 'b'}, {"small", 'i'}, {"span", 'i'}, {"strong", 'i'},
    {"style", 'x'}, {"sub", 'i'}, {"sup", 'i'}, {"table", 'b'}, {"tbody", 'b'},
    {"td", 'i'}, {"th", 'i'}, {"thead", 'b'}, {"time", 'i'}, {"title", 'b'}, {"tr", 'l'},
    {"tt", 'i'}, {"u", 'i'}, {"ul", 'b'},
};

/* The named references that turn up in news text. */
static const struct { const char *name; unsigned cp; } entities[] = {
    {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
    {"nbsp", 0xA0}, {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026},
    {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
    {"sbquo", 0x201A}, {"bdquo", 0x201E}, {"laquo", 0xAB}, {"raquo", 0xBB},
    {"copy", 0xA9}, {"reg", 0xAE}, {"trade", 0x2122}, {"deg", 0xB0}, {"euro", 0x20AC},
    {"pound", 0xA3}, {"yen", 0xA5}, {"cent", 0xA2}, {"sect", 0xA7}, {"para", 0xB6},
    {"middot", 0xB7}, {"bull", 0x2022}, {"times", 0xD7}, {"divide", 0xF7},
    {"frac12", 0xBD}, {"frac14", 0xBC}, {"frac34", 0xBE}, {"plusmn", 0xB1},
    {"aacute", 0xE1}, {"Aacute", 0xC1}, {"agrave", 0xE0}, {"Agrave", 0xC0},
    {"acirc", 0xE2}, {"auml", 0xE4}, {"Auml", 0xC4}, {"aring", 0xE5}, {"Aring", 0xC5},
    {"atilde", 0xE3}, {"aelig", 0xE6}, {"ccedil", 0xE7}, {"Ccedil", 0xC7},
    {"eacute", 0xE9}, {"Eacute", 0xC9}, {"egrave", 0xE8}, {"Egrave", 0xC8},
    {"ecirc", 0xEA}, {"euml", 0xEB}, {"iacute", 0xED}, {"Iacute", 0xCD},
    {"igrave", 0xEC}, {"icirc", 0xEE}, {"iuml", 0xEF}, {"ntilde", 0xF1},
    {"Ntilde", 0xD1}, {"oacute", 0xF3}, {"Oacute", 0xD3}, {"ograve", 0xF2},
    {"ocirc", 0xF4}, {"ouml", 0xF6}, {"Ouml", 0xD6}, {"otilde", 0xF5}, {"oslash", 0xF8},
    {"Oslash", 0xD8}, {"uacute", 0xFA}, {"Uacute", 0xDA}, {"ugrave", 0xF9},
    {"ucirc", 0xFB}, {"uuml", 0xFC}, {"Uuml", 0xDC}, {"yacute", 0xFD}, {"szlig", 0xDF},
    {"scaron", 0x161}, {"Scaron", 0x160}, {"zcaron", 0x17E}, {"Zcaron", 0x17D},
    {"oelig", 0x153}, {"OElig", 0x152},
};

/* Element of the tag starting at s[0] == '<', and where the tag ends. */
static int tag_at(const char *s, size_t n, size_t *tag_len, char *kind, const char **name,
                  size_t *name_len)
{
    size_t i = 1, start, e;

    if (i < n && s[i] == '/')
        i++;
    if (n >= 4 && strncmp(s, "<!--", 4) == 0) {
        const char *end = memmem(s + 4, n - 4, "-->", 3);

        if (end == NULL)
            return 0;
        *tag_len = (size_t)(end - s) + 3;
        *kind = 'i';
        *name_len = 0;
        return 1;
    }
    start = i;
    while (i < n && isalnum((unsigned char)s[i]))
        i++;
    if (i == start || i - start > 10 || (i < n && !strchr(" \t\n/>", s[i])))
        return 0;
    for (e = 0; e < sizeof(elements) / sizeof(elements[0]); e++) {
        if (strlen(elements[e].name) == i - start
            && strncasecmp(elements[e].name, s + start, i - start) == 0)
            break;
    }
    if (e == sizeof(elements) / sizeof(elements[0]))
        return 0;
    while (i < n && s[i] != '>' && s[i] != '<')
        i++;
    if (i >= n || s[i] != '>')
        return 0;
    *tag_len = i + 1;
    *kind = elements[e].kind;
    *name = s + start;
    *name_len = (size_t)(i - start);
    return 1;
}

/* Decode a reference at s[0] == '&'; returns bytes consumed, 0 if none. */
static size_t entity_at(const char *s, size_t n, unsigned *cp)
{
    size_t i = 1, e;

    if (i < n && s[i] == '#') {
        int hex = i + 1 < n && (s[i + 1] == 'x' || s[i + 1] == 'X');
        char *end;
        unsigned long v;

        i += 1 + (size_t)hex;
        if (i >= n || !isxdigit((unsigned char)s[i]))
            return 0;
        v = strtoul(s + i, &end, hex ? 16 : 10);
        if ((size_t)(end - s) >= n || *end != ';' || v == 0 || v > 0x10FFFF
            || (v >= 0xD800 && v <= 0xDFFF))
            return 0;
        *cp = (unsigned)v;
        return (size_t)(end - s) + 1;
    }
    for (e = 0; e < sizeof(entities) / sizeof(entities[0]); e++) {
        size_t len = strlen(entities[e].name);

        if (len + 2 <= n && strncmp(s + 1, entities[e].name, len) == 0 && s[len + 1] == ';') {
            *cp = entities[e].cp;
            return len + 2;
        }
    }
    return 0;
}

/* Skip past "</script>" (or style) after the opening tag. */
static size_t skip_raw(const char *s, size_t n, size_t at, const char *name, size_t name_len)
{
    for (; at + name_len + 3 <= n; at++)
        if (s[at] == '<' && s[at + 1] == '/' && strncasecmp(s + at + 2, name, name_len) == 0) {
            const char *gt = memchr(s + at, '>', n - at);

            return gt ? (size_t)(gt - s) + 1 : n;
        }
    return n;
}

char *gz_html_clean(struct gz_arena *arena, const char *in, size_t n, size_t *out_len,
                    unsigned *repairs)
{
    char *out = gz_arena_alloc(arena, n + 1);      /* never grows: tags/refs shrink */
    size_t i = 0, o = 0;

    while (i < n) {
        size_t tag_len, name_len, used;
        const char *name = NULL;
        unsigned cp;
        char kind;

        if (in[i] == '<' && tag_at(in + i, n - i, &tag_len, &kind, &name, &name_len)) {
            *repairs |= GZ_REPAIR_HTML_TAGS;
            if (kind == 'x' && in[i + 1] != '/')
                i = skip_raw(in, n, i + tag_len, name, name_len);
            else
                i += tag_len;
            if (kind == 'b' || kind == 'l')
                out[o++] = '\n';
            if (kind == 'b')
                out[o++] = '\n';
            continue;
        }
        if (in[i] == '&' && (used = entity_at(in + i, n - i, &cp)) > 0
            && (size_t)gz_utf8_encode(cp, out + o) <= used) {
            *repairs |= GZ_REPAIR_HTML_ENT;
            o += (size_t)gz_utf8_encode(cp, out + o);
            i += used;
            continue;
        }
        out[o++] = in[i++];
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

size_t gz_space_normalise(char *s, size_t n, int single_line, unsigned *repairs)
{
    size_t i = 0, o = 0;
    int newlines = 0, space = 0, changed = 0;

    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        int blank = c == ' ' || c == '\t' || c == '\f' || c == '\v';
        size_t len = 1;

        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)
            blank = 1, len = 2;                 /* no-break space */
        if (c == '\n' && !single_line) {
            newlines++;
            space = 0;
            i++;
            continue;
        }
        if (blank || c == '\n') {
            space = 1;
            i += len;
            continue;
        }
        if (o > 0) {
            if (newlines > 0) {
                changed |= s[o] != '\n' || (newlines > 1 && s[o + 1] != '\n');
                s[o++] = '\n';
                if (newlines > 1)
                    s[o++] = '\n';
            } else if (space) {
                changed |= s[o] != ' ';
                s[o++] = ' ';
            }
        }
        newlines = space = 0;
        changed |= o != i;
        s[o++] = s[i++];
    }
    if (changed || o != n)
        *repairs |= GZ_REPAIR_WHITESPACE;
    s[o] = '\0';
    return o;
}
