/*
 * role.c - the role written just before a person's name.
 */
#include "names/role.h"

#include <string.h>
#include <strings.h>

/* A byte a word of a role may hold: letters (any UTF-8), digits, and the
 * full stop, hyphen and apostrophe inside "Rep.", "Secretary-General". */
static int word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '\'';
}

/* Start of the word that ends at end (text[end-1] is its last byte), or
 * end when text[end-1] is not a word byte. */
static size_t word_start(const char *text, size_t end)
{
    size_t p = end;

    while (p > 0 && word_byte((unsigned char)text[p - 1]))
        p--;
    return p;
}

/* 1 when the word text[p..end) ends a sentence: a full stop after a word
 * of more than four letters with no other full stop ("officer.", not
 * "Sen.", "Gov.", "U.S."). */
static int ends_sentence(const char *text, size_t p, size_t end)
{
    return text[end - 1] == '.' && end - 1 - p > 4 && memchr(text + p, '.', end - 1 - p) == NULL;
}

/* Starts of up to GZ_ROLE_WORDS words before at, nearest first, each
 * parted from the next by blanks on one line. Returns how many. */
static int words_before(const char *text, size_t at, size_t starts[GZ_ROLE_WORDS])
{
    size_t p = at, gap;
    int n = 0;

    while (n < GZ_ROLE_WORDS) {
        for (gap = p; gap > 0 && (text[gap - 1] == ' ' || text[gap - 1] == '\t'); gap--)
            ;
        if (gap == p || gap == 0)
            break;
        p = word_start(text, gap);
        if (p == gap || (p > 0 && !(text[p - 1] == ' ' || text[p - 1] == '\t' ||
                                    text[p - 1] == '\n')) || ends_sentence(text, p, gap))
            break;
        starts[n++] = p;
    }
    return n;
}

/* 1 when a role starts with a word that only joins others ("of President
 * Reagan" is the end of "the office of President"). */
static int starts_inside(const char *role, size_t len)
{
    static const char *const joins[] = { "of ", "and ", "for ", "or ", NULL };
    size_t i, n;

    for (i = 0; joins[i] != NULL; i++) {
        n = strlen(joins[i]);
        if (len > n && strncasecmp(role, joins[i], n) == 0)
            return 1;
    }
    return 0;
}

size_t gz_name_role_before(const char *text, size_t at, size_t len,
                           const struct gz_countries *countries, char *buf, size_t cap)
{
    char alone[GZ_NAME_BUF], with[GZ_NAME_BUF];
    struct gz_name name, got;
    size_t starts[GZ_ROLE_WORDS], role_len = 0;
    int n, k;

    buf[0] = '\0';
    if (len == 0 || gz_name_canonical(text + at, len, "PERSON", countries, alone,
                                      sizeof(alone), &name) < 0 || name.role_len > 0)
        return 0;
    n = words_before(text, at, starts);
    for (k = 0; k < n; k++) {
        if (gz_name_canonical(text + starts[k], at + len - starts[k], "PERSON", countries,
                              with, sizeof(with), &got) < 0)
            continue;
        if (got.role_len == 0 || got.role_len >= cap || got.name_len != name.name_len ||
            memcmp(got.name, name.name, name.name_len) != 0 ||
            starts_inside(got.role, got.role_len))
            continue;
        memcpy(buf, got.role, got.role_len);
        buf[got.role_len] = '\0';
        role_len = got.role_len;
    }
    return role_len;
}
