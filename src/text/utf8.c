/*
 * utf8.c - UTF-8 validation (utf8proc) and Windows-1252 fallback decoding.
 */
#include "text/utf8.h"

#include <string.h>
#include <utf8proc.h>

#include "core/article.h"
#include "core/mem.h"

/* Windows-1252 0x80..0x9F; 0 marks the five undefined bytes (kept as U+FFFD). */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

int gz_utf8_encode(uint32_t cp, char *buf)
{
    return (int)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)buf);
}

/* Length of the valid sequence at s (n bytes left), or -1. */
static int valid_seq(const unsigned char *s, size_t n)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t len;

    if (s[0] < 0x80)
        return 1;
    len = utf8proc_iterate(s, (utf8proc_ssize_t)(n < 4 ? n : 4), &cp);
    return len > 0 ? (int)len : -1;
}

int gz_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < n) {
        int len = valid_seq(p + i, n - i);

        if (len < 0)
            return 0;
        i += (size_t)len;
    }
    return 1;
}

char *gz_utf8_repair(const char *in, size_t n, size_t *out_len, unsigned *repairs)
{
    const unsigned char *p = (const unsigned char *)in;
    char *out = gz_xmalloc(n * 3 + 1);      /* one byte never grows past 3 */
    size_t i = 0, o = 0;

    while (i < n) {
        int len;
        uint32_t cp;

        if (p[i] == 0) {
            *repairs |= GZ_REPAIR_NUL;
            i++;
            continue;
        }
        len = valid_seq(p + i, n - i);
        if (len > 0) {
            memcpy(out + o, p + i, (size_t)len);
            o += (size_t)len;
            i += (size_t)len;
            continue;
        }
        cp = p[i] >= 0x80 && p[i] < 0xA0 ? cp1252_high[p[i] - 0x80] : p[i];
        if (cp == 0)
            cp = 0xFFFD;
        o += (size_t)gz_utf8_encode(cp, out + o);
        *repairs |= GZ_REPAIR_CP1252;
        i++;
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

int64_t gz_utf8_count(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    int64_t count = 0;
    size_t i;

    for (i = 0; i < n; i++)
        count += (p[i] & 0xC0) != 0x80;
    return count;
}

int64_t gz_cp_cursor_at(struct gz_cp_cursor *c, size_t byte)
{
    c->cp += gz_utf8_count(c->text + c->byte, byte - c->byte);
    c->byte = byte;
    return c->cp;
}
