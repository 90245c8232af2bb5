/*
 * utf8.h - UTF-8 repair and counting.
 *
 *   "caf\xE9"          -> "café"   (invalid UTF-8 read as Windows-1252)
 *   "\x93quoted\x94"   -> "“quoted”"
 *   "a\0b"             -> "ab"     (NUL removed)
 */
#ifndef GZ_UTF8_H
#define GZ_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Repair in[0..n) into valid UTF-8 without NUL bytes. Returns a new
 * NUL-terminated string (gz_free) and its length in *out_len; ORs
 * GZ_REPAIR_CP1252 / GZ_REPAIR_NUL into *repairs when it did either. */
char *gz_utf8_repair(const char *in, size_t n, size_t *out_len, unsigned *repairs);

/* 1 when s[0..n) is valid UTF-8 (NUL bytes allowed). */
int gz_utf8_valid(const char *s, size_t n);

/* Number of code points in s[0..n) (valid UTF-8 assumed). */
int64_t gz_utf8_count(const char *s, size_t n);

/* Turns byte offsets into code point offsets for offsets met in increasing
 * order, counting each byte once: set text, leave the rest zero. */
struct gz_cp_cursor {
    const char *text;
    size_t      byte;           /* a byte offset ... */
    int64_t     cp;             /* ... and its code point offset */
};

/* Code point offset of byte (>= the previous call's byte). */
int64_t gz_cp_cursor_at(struct gz_cp_cursor *c, size_t byte);

/* Append the UTF-8 encoding of code point cp to buf; returns bytes written (1-4). */
int gz_utf8_encode(uint32_t cp, char *buf);

#endif
