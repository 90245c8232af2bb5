/*
 * tokenize.c - the news tokenizer (see tokenize.h).
 *
 * A scan over code points: blank space separates; a URL runs to the next
 * blank; a word is a run of letters, digits and marks that may be joined by
 * a hyphen, by '.' or ',' between digits, by '&' between capitals, or by an
 * apostrophe (O'Neill) - except that English clitics ('s, n't, 're, 'll,
 * 've, 'm, 'd) become tokens of their own; letter-period chains (U.S.,
 * p.m.), initials (F.) and known abbreviations (Mr., Corp.) keep their
 * period; any other symbol is a token, with runs of the same one ("...",
 * "--") kept together.
 */
#include "text/tokenize.h"

#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "core/mem.h"

struct scan {
    const char *s;
    size_t      len;
};

/* Code point at byte i (U+FFFD for a bad byte, 0 at the end); *n its size. */
static int32_t cp_at(const struct scan *sc, size_t i, size_t *n)
{
    int32_t cp;
    utf8proc_ssize_t k;

    if (i >= sc->len) { *n = 0; return 0; }
    k = utf8proc_iterate((const utf8proc_uint8_t *)sc->s + i, (utf8proc_ssize_t)(sc->len - i), &cp);
    if (k <= 0) { *n = 1; return 0xFFFD; }
    *n = (size_t)k;
    return cp;
}

/* Code point that ends just before byte i, or 0 at the start. */
static int32_t cp_before(const struct scan *sc, size_t i)
{
    size_t k = i, n;

    if (i == 0)
        return 0;
    do
        k--;
    while (k > 0 && i - k < 4 && ((unsigned char)sc->s[k] & 0xC0) == 0x80);
    return cp_at(sc, k, &n);
}

static int is_space(int32_t cp)
{
    utf8proc_category_t c;

    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v')
        return 1;
    if (cp < 0x80) return 0;
    c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP
           || cp == 0x200B || cp == 0xFEFF;
}

static int is_wordch(int32_t cp)
{
    utf8proc_category_t c;

    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO)
           || (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME)
           || (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

static int is_digit(int32_t cp) { return cp >= '0' && cp <= '9'; }
static int is_upper(int32_t cp) { return cp >= 'A' && cp <= 'Z'; }
static int is_apos(int32_t cp) { return cp == '\'' || cp == 0x2019; }
static int is_letter(int32_t cp) { return is_wordch(cp) && !(cp >= '0' && cp <= '9'); }

static int starts_with_ci(const struct scan *sc, size_t i, const char *p)
{
    size_t n = strlen(p);

    return i + n <= sc->len && strncasecmp(sc->s + i, p, n) == 0;
}

/* End of a URL starting at i, or i when there is none. */
static size_t url_end(const struct scan *sc, size_t i)
{
    size_t e = i, n;

    if (!starts_with_ci(sc, i, "http://") && !starts_with_ci(sc, i, "https://")
        && !starts_with_ci(sc, i, "www."))
        return i;
    while (e < sc->len && !is_space(cp_at(sc, e, &n)))
        e += n;
    while (e > i && strchr(".,;:!?)]}\"'", sc->s[e - 1]) != NULL)
        e--;
    return e;
}

/* Length of the clitic ('s, n't, 're, ...) at byte i, or 0. */
static size_t clitic_at(const struct scan *sc, size_t i)
{
    static const char *const tails[] = { "s", "re", "ll", "ve", "m", "d", NULL };
    size_t n, k, alen;
    int32_t a = cp_at(sc, i, &alen), after;

    if (!is_apos(a))
        return 0;
    for (k = 0; tails[k] != NULL; k++) {
        size_t tl = strlen(tails[k]);
        if (i + alen + tl <= sc->len && strncasecmp(sc->s + i + alen, tails[k], tl) == 0) {
            after = cp_at(sc, i + alen + tl, &n);
            if (!is_wordch(after))
                return alen + tl;
        }
    }
    return 0;
}

/* Length of "n't" (or "n’t") starting at byte p and ending a word, or 0. */
static size_t nt_len(const struct scan *sc, size_t p)
{
    size_t a, n;

    if (p >= sc->len || (sc->s[p] != 'n' && sc->s[p] != 'N'))
        return 0;
    if (!is_apos(cp_at(sc, p + 1, &a)))
        return 0;
    if (p + 1 + a >= sc->len || (sc->s[p + 1 + a] != 't' && sc->s[p + 1 + a] != 'T'))
        return 0;
    return is_wordch(cp_at(sc, p + 2 + a, &n)) ? 0 : 2 + a;
}

/* Can the joiner at byte i (code point j, size jn) continue the word? */
static int joins(const struct scan *sc, size_t i, int32_t prev, int32_t j, size_t jn)
{
    size_t n;
    int32_t next = cp_at(sc, i + jn, &n);

    if (j == '-' || j == 0x2010 || j == 0x2011)
        return is_wordch(prev) && is_wordch(next);
    if (j == '.' || j == ',' || j == '/' || j == ':')
        return is_digit(prev) && is_digit(next);
    if (j == '&')
        return is_upper(prev) && is_upper(next);
    if (is_apos(j))
        return is_letter(prev) && is_letter(next) && clitic_at(sc, i) == 0
               && !(i > 0 && nt_len(sc, i - 1) > 0);
    return 0;
}

/* End of the word starting at i (i is a word character). */
static size_t word_end(const struct scan *sc, size_t i)
{
    size_t e = i, n;
    int32_t prev = 0, cp;

    for (;;) {
        cp = cp_at(sc, e, &n);
        if (n == 0)
            break;
        if (is_wordch(cp)) { prev = cp; e += n; continue; }
        if (joins(sc, e, prev, cp, n)) { prev = cp; e += n; continue; }
        break;
    }
    if (e - i > 1 && nt_len(sc, e - 1) > 0)
        e--;    /* "didn't" -> "did" + "n't" */
    return e;
}

static const char *const abbrevs[] = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt",
    "st", "jr", "sr", "co", "corp", "inc", "ltd", "bros", "vs", "no", "nos", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft",
    "ave", "rev", "fig", "approx", "dept", "est", "plc", "cie", "messrs", NULL,
};

static int known_abbrev(const char *s, size_t n)
{
    size_t k;

    for (k = 0; abbrevs[k] != NULL; k++)
        if (strlen(abbrevs[k]) == n && strncasecmp(abbrevs[k], s, n) == 0)
            return 1;
    return 0;
}

/* Extend a word s[b..e) over a final period when it is an abbreviation:
 * a letter-period chain (U.S., p.m.), an initial (F.) or a known one (Mr.). */
static size_t abbrev_end(const struct scan *sc, size_t b, size_t e)
{
    size_t k = e, n;

    if (e >= sc->len || sc->s[e] != '.')
        return e;
    /* letter-period chain: L.L. ... */
    while (e - b == 1 && k + 2 < sc->len && sc->s[k] == '.' && is_letter(cp_at(sc, k + 1, &n))
           && n == 1 && sc->s[k + 2] == '.')
        k += 2;
    if (k > e)
        return k + 1;
    if (e - b == 1 && is_upper((unsigned char)sc->s[b]))
        return e + 1;
    if (known_abbrev(sc->s + b, e - b))
        return e + 1;
    return e;
}

/* End of the token starting at i (not a blank). */
static size_t token_end(const struct scan *sc, size_t i)
{
    size_t n, e, c;
    int32_t cp = cp_at(sc, i, &n);

    if ((e = url_end(sc, i)) > i)
        return e;
    if (is_apos(cp) && (c = clitic_at(sc, i)) > 0 && is_wordch(cp_before(sc, i)))
        return i + c;
    if ((c = nt_len(sc, i)) > 0)
        return i + c;
    if (is_wordch(cp))
        return abbrev_end(sc, i, word_end(sc, i));
    e = i + n;
    if (cp < 0x80)      /* "...", "--", "''" stay one token */
        while (e < sc->len && sc->s[e] == (char)cp && (cp == '.' || cp == '-' || cp == '\''
                                                       || cp == '`' || cp == '*' || cp == '='))
            e++;
    return e;
}

static int64_t count_cps(const char *s, size_t n)
{
    int64_t c = 0;
    size_t i;

    for (i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

size_t gz_tokenize(const char *text, size_t len, struct gz_token **out)
{
    struct scan sc = { text, len };
    struct gz_token *t = NULL;
    size_t i = 0, n = 0, cap = 0, k, last = 0;
    int64_t cpos = 0;

    while (i < len) {
        int32_t cp = cp_at(&sc, i, &k);
        size_t e;
        if (is_space(cp)) { i += k; continue; }
        e = token_end(&sc, i);
        if (n == cap) {
            cap = cap ? 2 * cap : 256;
            t = gz_xrealloc(t, cap * sizeof *t);
        }
        cpos += count_cps(text + last, i - last);
        t[n].start = i;
        t[n].end = e;
        t[n].cstart = cpos;
        cpos += count_cps(text + i, e - i);
        t[n].cend = cpos;
        t[n].sentence = 0;
        n++;
        last = i = e;
    }
    *out = t;
    return n;
}
