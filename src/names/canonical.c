/*
 * canonical.c - display names, roles and matching keys of mentions.
 *
 * The surface is decoded into code points on the stack (utf8proc), worked
 * on as a list of words, and encoded into the caller's buffer: no heap
 * allocation per call.
 */
#include "names/canonical.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "names/countries.h"

#define CP_MAX   (2 * GZ_NAME_MAX)      /* code points after decomposition */
#define WORD_MAX GZ_NAME_MAX

typedef utf8proc_int32_t cp_t;

struct word {
    int s, e;                           /* code points [s, e) */
};

/* ---- decoding and encoding ---------------------------------------------- */

/* Decode s[0..len) into cps with utf8proc's options; ASCII goes straight
 * through (folded to lower case when CASEFOLD is asked for). Returns the
 * number of code points or -1. */
static int decode(const char *s, size_t len, cp_t *cps, int cap, utf8proc_option_t options)
{
    utf8proc_ssize_t n;
    size_t i;

    if (len > GZ_NAME_MAX)
        return -1;
    for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
        ;
    if (i == len) {
        int fold = (options & UTF8PROC_CASEFOLD) != 0;

        for (i = 0; i < len; i++)
            cps[i] = fold && s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i];
        return (int)len;
    }
    n = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, cps, cap, options);
    if (n < 0 || n > cap)
        return -1;
    if (options & UTF8PROC_COMPOSE)
        n = utf8proc_normalize_utf32(cps, n, options);
    return n < 0 ? -1 : (int)n;
}

/* Append cps[s..e) to out[*pos..cap); returns -1 when it does not fit (one
 * byte is always kept for the NUL). */
static int encode(const cp_t *cps, int s, int e, char *out, size_t cap, size_t *pos)
{
    int i;

    for (i = s; i < e; i++) {
        if (cps[i] < 0x80) {
            if (*pos + 1 >= cap)
                return -1;
            out[(*pos)++] = (char)cps[i];
        } else {
            if (*pos + 5 >= cap)
                return -1;
            *pos += (size_t)utf8proc_encode_char(cps[i], (utf8proc_uint8_t *)out + *pos);
        }
    }
    return 0;
}

/* Words w[0..n) joined by single spaces into out at *pos, NUL-terminated. */
static int encode_words(const cp_t *cps, const struct word *w, int n, char *out, size_t cap,
                        size_t *pos)
{
    int i;

    for (i = 0; i < n; i++) {
        if (i > 0 && encode((const cp_t[]){' '}, 0, 1, out, cap, pos) < 0)
            return -1;
        if (encode(cps, w[i].s, w[i].e, out, cap, pos) < 0)
            return -1;
    }
    if (*pos >= cap)
        return -1;
    out[*pos] = '\0';
    return 0;
}

/* Split cps[0..n) at spaces. */
static int split_words(const cp_t *cps, int n, struct word *w)
{
    int i = 0, nw = 0;

    while (i < n) {
        while (i < n && cps[i] == ' ')
            i++;
        if (i == n)
            break;
        w[nw].s = i;
        while (i < n && cps[i] != ' ')
            i++;
        w[nw++].e = i;
    }
    return nw;
}

/* The word as lower-case ASCII without a final '.', for the word lists;
 * "" when it holds anything else or is too long. */
static const char *ascii_lower(const cp_t *cps, struct word w, char *buf, size_t cap)
{
    int i, e = w.e;
    size_t k = 0;

    if (e - w.s > 1 && cps[e - 1] == '.')
        e--;
    if ((size_t)(e - w.s) >= cap)
        return "";
    for (i = w.s; i < e; i++) {
        cp_t c = cps[i];

        if (c >= 0x80)
            return "";
        buf[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    buf[k] = '\0';
    return buf;
}

static int in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if ((*list)[0] == s[0] && strcmp(s, *list) == 0)
            return 1;
    return 0;
}

/* ---- word lists ----------------------------------------------------------- */

/* Words that make a role and end it: honorifics, titles, and the portfolios
 * that close "Secretary of State", "Minister of Finance". */
static const char *const titles[] = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "prof", "professor", "sir", "dame",
    "lord", "lady", "rev", "reverend", "fr", "father", "sheikh", "sheik",
    "president", "premier", "minister", "chancellor", "secretary", "general", "governor",
    "gov", "senator", "sen", "congressman", "congresswoman", "representative", "rep",
    "ambassador", "envoy", "judge", "justice", "king", "queen", "prince", "princess",
    "pope", "cardinal", "archbishop", "bishop", "rabbi", "imam", "ayatollah", "emperor",
    "empress", "sultan", "emir", "shah", "mayor", "speaker", "chairman", "chairwoman",
    "chairperson", "ceo", "cfo", "spokesman", "spokeswoman", "spokesperson",
    "commissioner", "director", "officer", "leader", "colonel", "col", "lieutenant", "lt",
    "major", "maj", "captain", "capt", "admiral", "adm", "sergeant", "sgt", "gen",
    "marshal", "commander", "brigadier", "state", "treasury", "defense", "defence",
    "commerce", "agriculture", "energy", "interior", "labor", "labour", "health",
    "education", "transport", "trade", "finance", "economy", "pm", NULL,
};

/* Words that may sit in a role before its title. */
static const char *const modifiers[] = {
    "former", "ex", "late", "then", "outgoing", "incoming", "acting", "interim", "deputy",
    "vice", "first", "the", "of", "and", "for", "foreign", "elect", "designate", "chief",
    "executive", "managing", "senior", "assistant", "under", "permanent", "democratic",
    "republican", "conservative", "liberal", "socialist", "communist", "opposition",
    "party", "prime", "attorney", "supreme", "crown", "grand", "national", "federal",
    NULL,
};

/* Kept in capitals when a name in capitals is cased for display. */
static const char *const acronyms[] = {
    "nato", "ibm", "un", "unesco", "unicef", "unhcr", "unctad", "eu", "ec", "eec", "us",
    "usa", "uk", "uae", "ussr", "opec", "imf", "who", "wto", "gatt", "oecd", "nasa",
    "fbi", "cia", "kgb", "bbc", "cnn", "abc", "itt", "gm", "ge", "bp", "hsbc", "ubs",
    "ing", "mci", "bmw", "aig", "ira", "plo", "anc", "asean", "fifa", "uefa", "ioc", "nyse",
    "sec", "epa", "fda", "icbm", "eib", "ebrd", "bis", "ilo", "fao", "iaea", "apec",
    "nafta", "mercosur", "ecb", "gdp", "ici", "rca", "amd", "ups", "dhl", "tui", NULL,
};

/* Lower-case inside a name in capitals, except first. */
static const char *const small_words[] = {
    "of", "the", "and", "for", "de", "la", "le", "du", "des", "del", "van", "von", "der",
    "den", "y", "da", "di", "et", "on", "in", "at", "to", "a", "an", NULL,
};

/* Two-letter words cased like words, not kept as acronyms ("ST ELMO",
 * "SANTA FE"). */
static const char *const two_letter_words[] = {
    "co", "st", "fe", "mt", "ft", "jr", "sr", "el", "al", NULL,
};

/* Legal forms dropped from the end of an organisation's key. */
static const char *const legal_forms[] = {
    "corp", "corporation", "inc", "incorporated", "ltd", "limited", "plc", "co",
    "company", "llc", "ag", "sa", "nv", "bv", "gmbh", "spa", NULL,
};

/* ---- display form ----------------------------------------------------------- */

/* Blank space, dashes and quotes in one form each; format and control
 * characters dropped (0). */
static cp_t unify(cp_t c)
{
    if (c < 0x80)
        return c == '\t' || c == '\n' || c == '\r' ? ' ' : c < 0x20 || c == 0x7f ? 0 : c;
    switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC:
    case 0x00B4: case 0x2035:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
    case 0x2033: case 0x2036:
        return '"';
    case 0x2212: case 0x2043: case 0xFE63: case 0xFF0D:
        return '-';
    }
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
        return ' ';
    case UTF8PROC_CATEGORY_PD:
        return '-';
    case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF:
        return 0;
    default:
        return c;
    }
}

static int is_upper(cp_t c)
{
    utf8proc_category_t k = utf8proc_category(c);

    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static int is_lower(cp_t c)
{
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

static int is_letter(cp_t c)
{
    utf8proc_category_t k = utf8proc_category(c);

    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static int is_vowel(cp_t c)
{
    return c < 0x80 && strchr("aeiouyAEIOUY", (int)c) != NULL && c != 0;
}

/* Case one word of a name written in capitals: "PETROLEUM" -> "Petroleum",
 * "ROLLS-ROYCE" -> "Rolls-Royce", "O'NEILL" -> "O'Neill", "MCDONALD" ->
 * "McDonald", "OF" -> "of"; acronyms ("NATO"), words without vowels
 * ("HSBC"), short words, and words with digits, '.' or '&' stay. */
static void recase_word(cp_t *cps, struct word w, int first)
{
    char low[32];
    const char *a = ascii_lower(cps, w, low, sizeof low);
    int i, letters = 0, vowels = 0, title = 0, mc;

    for (i = w.s; i < w.e; i++) {
        if ((cps[i] >= '0' && cps[i] <= '9') || cps[i] == '.' || cps[i] == '&')
            return;
        letters += is_letter(cps[i]);
        vowels += is_vowel(cps[i]);
    }
    if (in_list(a, acronyms))
        return;
    if (!first && in_list(a, small_words)) {
        for (i = w.s; i < w.e; i++)
            cps[i] = utf8proc_tolower(cps[i]);
        return;
    }
    title = in_list(a, titles) || in_list(a, modifiers);
    if (!title && (vowels == 0 || letters <= 2) && !in_list(a, two_letter_words))
        return;
    mc = w.e - w.s >= 4 && cps[w.s] == 'M' && cps[w.s + 1] == 'C';
    for (i = w.s; i < w.e; i++) {
        int start = i == w.s || cps[i - 1] == '-' ||
                    (cps[i - 1] == '\'' && i - 2 == w.s) || (mc && i == w.s + 2);
        cps[i] = start ? utf8proc_totitle(cps[i]) : utf8proc_tolower(cps[i]);
    }
}

/* 1 when the word is s exactly (case and all). */
static int word_is(const cp_t *cps, struct word w, const char *s)
{
    int i;

    for (i = w.s; i < w.e && *s; i++, s++)
        if (cps[i] != (unsigned char)*s)
            return 0;
    return i == w.e && *s == '\0';
}

/* 1 when the word may stand in a role; 2 when it is a title (ends one). */
static int role_word(const cp_t *cps, struct word w, const struct gz_countries *countries)
{
    char low[32], buf[96];
    const char *a;
    int i, s, any_title = 0, letters = 0, caps = 0;

    /* "Secretary-General", "President-elect", "ex-President": every part */
    for (i = w.s; i < w.e && cps[i] != '-'; i++)
        ;
    if (i < w.e) {
        for (s = w.s, i = w.s; i <= w.e; i++) {
            int r;
            if (i < w.e && cps[i] != '-')
                continue;
            if (i > s) {
                if ((r = role_word(cps, (struct word){s, i}, countries)) == 0)
                    return 0;
                any_title |= r == 2;
            }
            s = i + 1;
        }
        return any_title ? 2 : 1;
    }
    a = ascii_lower(cps, w, low, sizeof low);
    if (in_list(a, titles))
        return 2;
    if (in_list(a, modifiers))
        return 1;
    for (i = w.s; i < w.e; i++) {
        letters += is_letter(cps[i]);
        caps += is_upper(cps[i]);
        if (cps[i] != '.' && !is_upper(cps[i]))
            break;
    }
    if (i == w.e && caps >= 2 && letters <= 5)     /* US, U.S., UN, OPEC */
        return 1;
    if (countries != NULL && is_upper(cps[w.s])) {
        size_t pos = 0;
        char name[96];
        int k;

        if (encode(cps, w.s, w.e, name, sizeof name, &pos) == 0) {
            name[pos] = '\0';
            k = gz_name_key(name, pos, "LOC", buf, sizeof buf);
            if (k > 0 && gz_countries_find(countries, buf, NULL) != NULL)
                return 1;
        }
    }
    return 0;
}

int gz_name_canonical(const char *surface, size_t len, const char *type,
                      const struct gz_countries *countries, char *buf, size_t cap,
                      struct gz_name *out)
{
    cp_t cps[CP_MAX];
    struct word w[WORD_MAX];
    int n, i, k, nw, upper = 0, lower = 0, name_at = 0, role_at;
    size_t pos = 0;
    char low[8];

    n = decode(surface, len, cps, CP_MAX, UTF8PROC_COMPOSE);
    if (n < 0)
        return -1;
    /* unify, collapse blank space */
    for (i = 0, k = 0; i < n; i++) {
        cp_t c = unify(cps[i]);
        if (c == 0 || (c == ' ' && (k == 0 || cps[k - 1] == ' ')))
            continue;
        cps[k++] = c;
        upper += is_upper(c);
        lower += is_lower(c);
    }
    n = k;
    /* surrounding quotes and stray punctuation */
    while (n > 0 && cps[n - 1] < 0x80 && strchr(" \",;:", (int)cps[n - 1]) != NULL)
        n--;
    for (k = 0; k < n && cps[k] < 0x80 && strchr(" \",;:", (int)cps[k]) != NULL; k++)
        ;
    nw = split_words(cps + k, n - k, w);
    for (i = 0; i < nw; i++)
        w[i].s += k, w[i].e += k;
    /* possessive: "Reagan's", "Reagan 's", "Jones'"; not for companies,
     * whose names hold one ("Moody's", "Lloyd's", "McDonald's") */
    if (nw > 0 && (type == NULL || strcmp(type, "ORG") != 0)) {
        struct word *l = &w[nw - 1];
        int wl = l->e - l->s;

        if (wl == 2 && nw > 1 && cps[l->s] == '\'' && (cps[l->s + 1] | 32) == 's')
            nw--;
        else if (wl > 2 && cps[l->e - 2] == '\'' && (cps[l->e - 1] | 32) == 's')
            l->e -= 2;
        else if (wl > 2 && cps[l->e - 1] == '\'' && (cps[l->e - 2] | 32) == 's')
            l->e -= 1;
    }
    /* headline capitals: a name of two words or more; one word alone is
     * more often an acronym ("PDVSA", "LIFFE") than a name in capitals */
    if (upper >= 2 && lower == 0) {
        int worded = 0;

        for (i = 0; i < nw; i++)
            for (k = w[i].s; k < w[i].e; k++)
                if (is_letter(cps[k])) {
                    worded++;
                    break;
                }
        for (i = 0; worded >= 2 && i < nw; i++)
            recase_word(cps, w[i], i == 0);
    }
    /* role: the longest run of role words that ends on a title and leaves
     * at least one word of name */
    if (type != NULL && strcmp(type, "PERSON") == 0) {
        int last_title = -1;

        for (i = 0; i < nw - 1; i++) {
            int r = role_word(cps, w[i], countries);
            if (r == 0)
                break;
            if (r == 2)
                last_title = i;
        }
        name_at = last_title + 1;
        /* "Prince Sultan ibn Abdulaziz": a title word before "bin", "ibn"
         * was a given name; the role ends at the title before it, if any */
        if (name_at > 0 && (word_is(cps, w[name_at], "bin") || word_is(cps, w[name_at], "ibn") ||
                            word_is(cps, w[name_at], "bint") || word_is(cps, w[name_at], "ben"))) {
            for (name_at -= 1; name_at > 0; name_at--)
                if (role_word(cps, w[name_at - 1], countries) == 2)
                    break;
        }
    }
    out->name = buf;
    if (encode_words(cps, w + name_at, nw - name_at, buf, cap, &pos) < 0)
        return -1;
    out->name_len = pos;
    pos++;
    role_at = name_at > 0 && strcmp(ascii_lower(cps, w[0], low, sizeof low), "the") == 0;
    out->role = buf + pos;
    if (encode_words(cps, w + role_at, name_at - role_at, buf, cap, &pos) < 0)
        return -1;
    out->role_len = (size_t)(buf + pos - out->role);
    return 0;
}

/* ---- key ---------------------------------------------------------------------- */

static int in_word_list(const cp_t *cps, struct word w, const char *const *list)
{
    for (; *list; list++)
        if (word_is(cps, w, *list))
            return 1;
    return 0;
}

/* Letters that do not decompose into a Latin base letter and a mark. */
static const char *latin_fold(cp_t c)
{
    switch (c) {
    case 0x00F8: return "o";    /* ø */
    case 0x0142: return "l";    /* ł */
    case 0x0111: return "d";    /* đ */
    case 0x00F0: return "d";    /* ð */
    case 0x0127: return "h";    /* ħ */
    case 0x0131: return "i";    /* ı */
    case 0x00E6: return "ae";   /* æ */
    case 0x0153: return "oe";   /* œ */
    case 0x00FE: return "th";   /* þ */
    default: return NULL;
    }
}

int gz_name_key(const char *name, size_t len, const char *type, char *buf, size_t cap)
{
    cp_t in[CP_MAX], cps[2 * CP_MAX];
    struct word w[WORD_MAX];
    int n, i, k = 0, nw, first = 0;
    size_t pos = 0;

    n = decode(name, len, in, CP_MAX, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                          UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    if (n < 0)
        return -1;
    for (i = 0; i < n; i++) {
        cp_t c = in[i];
        const char *f;
        utf8proc_category_t cat;

        if (c == '.' || c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x00B4 ||
            c == '`')
            continue;
        if (c == '&') {
            cps[k++] = ' ', cps[k++] = 'a', cps[k++] = 'n', cps[k++] = 'd', cps[k++] = ' ';
            continue;
        }
        if ((f = latin_fold(c)) != NULL) {
            while (*f)
                cps[k++] = *f++;
            continue;
        }
        if (c < 0x80) {
            cps[k++] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : ' ';
            continue;
        }
        cat = utf8proc_category(c);
        cps[k++] = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                   (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) ? c : ' ';
    }
    nw = split_words(cps, k, w);
    if (nw > 1 && word_is(cps, w[0], "the"))
        first = 1;
    if (type == NULL || strcmp(type, "ORG") == 0) {
        while (nw - first > 1 && in_word_list(cps, w[nw - 1], legal_forms)) {
            nw--;
            if (nw - first > 1 && word_is(cps, w[nw - 1], "and"))
                nw--;
        }
    }
    for (i = first; i < nw; i++) {
        int l = w[i].e - w[i].s;
        cp_t *e = cps + w[i].e;

        if (word_is(cps, w[i], "saint")) {         /* "Saint Louis" = "St. Louis" */
            cps[w[i].s + 1] = 't';
            w[i].e = w[i].s + 2;
        } else if (l >= 4 && e[-1] == 'y' && e[-2] == 'y') {
            w[i].e--;
        } else if (l >= 4 && e[-1] == 'y' && e[-2] == 'i' && e[-3] < 0x80 &&
                   strchr("aeiouy", (int)e[-3]) == NULL) {
            e[-2] = 'y';
            w[i].e--;
        }
    }
    if (encode_words(cps, w + first, nw - first, buf, cap, &pos) < 0)
        return -1;
    return (int)pos;
}

int gz_name_has_legal_form(const char *name, size_t len)
{
    char low[16];
    size_t s = len, k;

    while (s > 0 && name[s - 1] == '.')
        len = --s;
    while (s > 0 && name[s - 1] != ' ')
        s--;
    if (s == 0 || len - s >= sizeof low)
        return 0;
    for (k = 0; s + k < len; k++)
        low[k] = (char)(name[s + k] >= 'A' && name[s + k] <= 'Z' ? name[s + k] + 32 : name[s + k]);
    low[k] = '\0';
    return in_list(low, legal_forms);
}
