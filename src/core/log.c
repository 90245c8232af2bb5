#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>


static enum gz_log_level min_level = GZ_LOG_INFO;
static int level_fixed;                 /* set by the command line */
static enum gz_log_format log_format = GZ_LOG_LOGFMT;
static int format_fixed;

/* The status line (gz_log_status); guarded by the lock of stderr. */
static char status_text[512];
static int status_shown;

static const char *const level_names[] = {"debug", "info", "warn", "error"};

int gz_log_level_check_env(struct gz_error *err)
{
    const char *v = getenv("GAZETTE_LOG");
    int i;

    if (level_fixed || v == NULL || *v == '\0')
        return 0;
    for (i = 0; i < 4; i++)
        if (strcmp(v, level_names[i]) == 0) {
            min_level = (enum gz_log_level)i;
            return 0;
        }
    return gz_fail(err, EX_CONFIG, "invalid GAZETTE_LOG \"%s\": expected debug, info, warn or "
                   "error", v);
}

void gz_log_level_from_env(void)
{
    gz_log_level_check_env(NULL);
}

void gz_log_set_level(enum gz_log_level level)
{
    min_level = level;
    level_fixed = 1;
}

enum gz_log_level gz_log_level(void)
{
    return min_level;
}

int gz_log_format_parse(const char *name, enum gz_log_format *out)
{
    if (strcmp(name, "logfmt") == 0)
        *out = GZ_LOG_LOGFMT;
    else if (strcmp(name, "json") == 0)
        *out = GZ_LOG_JSON;
    else
        return -1;
    return 0;
}

int gz_log_format_check_env(struct gz_error *err)
{
    const char *v = getenv("GAZETTE_LOG_FORMAT");

    if (format_fixed || v == NULL || *v == '\0')
        return 0;
    if (gz_log_format_parse(v, &log_format) == 0)
        return 0;
    return gz_fail(err, EX_CONFIG, "invalid GAZETTE_LOG_FORMAT \"%s\": expected logfmt or json",
                   v);
}

void gz_log_set_format(enum gz_log_format format)
{
    log_format = format;
    format_fixed = 1;
}

enum gz_log_format gz_log_format(void)
{
    return log_format;
}

/* ---- logfmt tail -> JSON fields -------------------------------------- */

/* 1 when s[0..n) is a JSON number (what a %ld or %.2f prints). */
static int plain_number(const char *s, size_t n)
{
    size_t i = 0;

    if (i < n && s[i] == '-')
        i++;
    if (i == n || s[i] < '0' || s[i] > '9')
        return 0;
    if (s[i] == '0')
        i++;
    else
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    if (i < n && s[i] == '.') {
        if (++i == n || s[i] < '0' || s[i] > '9')
            return 0;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i == n || s[i] < '0' || s[i] > '9')
            return 0;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    return i == n;
}

/* Length of the valid UTF-8 sequence at s[0..n), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    size_t len, i;
    unsigned cp;

    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        len = 2, cp = s[0] & 0x1fu;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        len = 3, cp = s[0] & 0x0fu;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        len = 4, cp = s[0] & 0x07u;
    else
        return 0;
    if (len > n)
        return 0;
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3fu);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)))
        || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
        return 0;
    return len;
}

/* s[0..n) escaped for inside a JSON string. */
static void escape(FILE *out, const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '"' || c == '\\')
            fputc('\\', out), fputc(c, out);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c == '\r')
            fputs("\\r", out);
        else if (c < 0x20 || c == 0x7f)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
}

/* s[0..n) as a JSON string; bytes that are not UTF-8 (a file name in
 * Latin-1) become U+FFFD, so that the line stays valid JSON. */
static void json_text(FILE *out, const char *s, size_t n)
{
    size_t i = 0, start = 0;

    fputc('"', out);
    while (i < n) {
        size_t len = utf8_seq((const unsigned char *)s + i, n - i);

        if (len > 0) {
            i += len;
            continue;
        }
        escape(out, s + start, i - start);
        fputs("\\ufffd", out);
        start = ++i;
    }
    escape(out, s + start, n - start);
    fputc('"', out);
}

/* Length of the word at s: up to a blank or the end. */
static size_t word_len(const char *s)
{
    return strcspn(s, " ");
}

/* 1 when the word at s is a key=value pair (a key before '='). */
static int is_pair(const char *s)
{
    size_t w = word_len(s), k = strcspn(s, "=\" ");

    return k > 0 && k < w && s[k] == '=';
}

/* Write the pairs of a logfmt tail as ,"key":value members. A quoted value
 * (gz_q) is unescaped; an unquoted one runs to the next blank, and words
 * that follow it and are no pairs are taken as part of it (a value that was
 * not quoted); words before any pair are a "msg". */
static void json_fields(FILE *out, const char *s)
{
    char *val = NULL;
    size_t cap = 0;

    while (*s != '\0') {
        const char *key = "msg";
        size_t klen = 3, n = 0;
        int quoted = 0;

        while (*s == ' ')
            s++;
        if (*s == '\0')
            break;
        if (is_pair(s)) {
            key = s;
            klen = strcspn(s, "=");
            s += klen + 1;
        }
        if (cap < strlen(s) + 1) {
            cap = strlen(s) + 1;
            val = realloc(val, cap);
            if (val == NULL)
                abort();
        }
        if (*s == '"') {
            quoted = 1;
            for (s++; *s != '\0' && *s != '"'; s++) {
                if (*s == '\\' && s[1] != '\0') {
                    s++;
                    val[n++] = *s == 'n' ? '\n' : *s;
                } else {
                    val[n++] = *s;
                }
            }
            if (*s == '"')
                s++;
        }
        for (;;) {                      /* unquoted: up to a blank, then more words */
            size_t w = word_len(s);

            memcpy(val + n, s, w);
            n += w;
            s += w;
            if (*s != ' ')
                break;
            while (*s == ' ')
                s++;
            if (*s == '\0' || is_pair(s))
                break;
            val[n++] = ' ';
        }
        fputc(',', out);
        json_text(out, key, klen);
        fputc(':', out);
        if (!quoted && plain_number(val, n))
            fwrite(val, 1, n, out);
        else
            json_text(out, val, n);
    }
    free(val);
}

static void write_line(const char *line, size_t n)
{
    flockfile(stderr);
    if (status_shown)
        fputs("\r\033[K", stderr);
    fwrite(line, 1, n, stderr);
    if (status_shown)
        fputs(status_text, stderr);
    fflush(stderr);
    funlockfile(stderr);
}

void gz_log(enum gz_log_level level, const char *event, const char *fmt, ...)
{
    char ts[32], small[1024], *tail = small;
    char *line = NULL;
    size_t line_len = 0;
    time_t now;
    struct tm tm;
    va_list ap;
    FILE *out;
    int n = 0;

    if (level < min_level)
        return;
    now = time(NULL);
    gmtime_r(&now, &tm);
    strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
    small[0] = '\0';
    if (fmt != NULL && fmt[0] != '\0') {
        va_start(ap, fmt);
        n = vsnprintf(small, sizeof(small), fmt, ap);
        va_end(ap);
        if (n >= (int)sizeof(small) && (tail = malloc((size_t)n + 1)) != NULL) {
            va_start(ap, fmt);
            vsnprintf(tail, (size_t)n + 1, fmt, ap);
            va_end(ap);
        } else if (tail == NULL) {
            tail = small;
        }
    }
    out = open_memstream(&line, &line_len);
    if (out == NULL)
        abort();
    if (log_format == GZ_LOG_JSON) {
        fprintf(out, "{\"ts\":\"%s\",\"level\":\"%s\",\"event\":", ts, level_names[level]);
        json_text(out, event, strlen(event));
        json_fields(out, tail);
        fputs("}\n", out);
    } else {
        fprintf(out, "ts=%s level=%s event=%s%s%s\n", ts, level_names[level], event,
                tail[0] != '\0' ? " " : "", tail);
    }
    fclose(out);
    write_line(line, line_len);
    free(line);
    if (tail != small)
        free(tail);
}

void gz_log_status(const char *line)
{
    flockfile(stderr);
    if (status_shown)
        fputs("\r\033[K", stderr);
    status_shown = line != NULL;
    if (line != NULL) {
        snprintf(status_text, sizeof(status_text), "%s", line);
        fputs(status_text, stderr);
    }
    fflush(stderr);
    funlockfile(stderr);
}

const char *gz_q(const char *s)
{
    static _Thread_local char bufs[8][512];
    static _Thread_local int next;
    char *b = bufs[next++ & 7];
    size_t o = 0;

    if (s == NULL)
        return "\"\"";
    if (s[0] != '\0' && strpbrk(s, " \t\n\r\"=\\") == NULL)
        return s;
    b[o++] = '"';
    for (; *s && o < sizeof(bufs[0]) - 4; s++) {
        if (*s == '"' || *s == '\\')
            b[o++] = '\\', b[o++] = *s;
        else if (*s == '\n')
            b[o++] = '\\', b[o++] = 'n';
        else if (*s == '\r' || *s == '\t')
            b[o++] = ' ';
        else
            b[o++] = *s;
    }
    b[o++] = '"';
    b[o] = '\0';
    return b;
}
