/*
 * timex.c - the temporal tagger: tokens, a table of patterns over word
 * classes (timex_rules.c, with one small resolver per kind of expression),
 * and the matcher that runs them.
 *
 * A pattern is a line of elements: a class name (MONTH, DAY, YEAR, NUM,
 * UNIT, ...), a literal word or punctuation, alternatives joined by "|",
 * and "?" for an optional element:
 *
 *   "MONTH DAY ,? YEAR"       Feb. 22, 2024        -> 2024-02-22
 *   "the? REL UNIT"           the past year        -> 2023 (ref 2024-02-22)
 *   "NUM -? UNIT|UNITS"       ten years, two-day   -> P10Y, P2D
 *   "NUM -? UNIT -? old"      57-year-old          -> nothing (an age)
 *
 * At each token every rule is tried; the longest match whose resolver
 * accepts it wins (the earlier rule on a tie), and scanning resumes after it.
 */
#include "dates/timex.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"
#include "core/stop.h"
#include "dates/calendar.h"
#include "dates/pubdate.h"
#include "dates/timex_internal.h"
#include "dates/timex_rules.h"

/* ---- lexicon -------------------------------------------------------- */

/* A hash table of LEX_SLOTS entries, at most half of them used (the
 * build aborts past that). */
#define LEX_SLOTS 1024

static struct lex_entry lexicon[LEX_SLOTS];
static int lex_words;                   /* entries in use */

static unsigned hash_word(const char *w, size_t n)
{
    unsigned h = 2166136261u;
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h;
}

/* A word the lexicon cannot hold: a mistake in the tables or the rule
 * table, caught by any test. */
static void lex_refuse(const char *w, size_t n, const char *why)
{
    fprintf(stderr, "gazette: timex lexicon: \"%.*s\": %s\n", (int)n, w, why);
    abort();
}

/* Find the entry of lowercase word w[0..n); create it when asked. */
static struct lex_entry *lex_slot(const char *w, size_t n, int create)
{
    unsigned i = hash_word(w, n) & (LEX_SLOTS - 1);

    for (;; i = (i + 1) & (LEX_SLOTS - 1)) {
        struct lex_entry *e = &lexicon[i];

        if (e->word[0] == '\0') {
            if (!create)
                return NULL;
            if (n >= WORD_MAX)
                lex_refuse(w, n, "longer than WORD_MAX - 1 letters");
            if (++lex_words > LEX_SLOTS / 2)
                lex_refuse(w, n, "more than LEX_SLOTS / 2 words");
            memcpy(e->word, w, n);
            return e;
        }
        if (strncmp(e->word, w, n) == 0 && e->word[n] == '\0')
            return e;
    }
}

static void lex_build(void)
{
    int i;

    for (i = 0; i < gz_tx_nwords; i++) {
        const struct tx_word *r = &gz_tx_words[i];
        struct lex_entry *e = lex_slot(r->word, strlen(r->word), 1);

        e->mask |= TX_BIT(r->cls);
        e->val[r->cls] = r->value;
        if (r->flags & (TX_F_CAP | TX_F_ABBR))
            e->capmask |= TX_BIT(r->cls);
        if (r->flags & (TX_F_ABBR | TX_F_DOT))
            e->abbrmask |= TX_BIT(r->cls);
    }
}

/* ---- tokens --------------------------------------------------------- */

struct toks {
    struct tok *v;
    int n, cap;
};

static struct tok *tok_push(struct toks *t)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 256;
        t->v = gz_xrealloc(t->v, (size_t)t->cap * sizeof(*t->v));
    }
    memset(&t->v[t->n], 0, sizeof(t->v[0]));
    return &t->v[t->n++];
}

/* Classes of a word: the lexicon's, or Q3 / W08. */
static void classify_word(struct tok *k, const char *s)
{
    char low[WORD_MAX];
    size_t n = k->end - k->start, i;

    if (n >= WORD_MAX)
        return;
    for (i = 0; i < n; i++)
        low[i] = (char)(s[k->start + i] | (is_alpha(s[k->start + i]) ? 32 : 0));
    if (n == 2 && low[0] == 'q' && low[1] >= '1' && low[1] <= '4') {
        k->mask = TX_BIT(TX_QNUM), k->num = low[1] - '0';
        return;
    }
    if (n == 3 && low[0] == 'w' && is_digit(low[1]) && is_digit(low[2])) {
        k->mask = TX_BIT(TX_WEEKNUM), k->num = (low[1] - '0') * 10 + low[2] - '0';
        return;
    }
    k->lex = lex_slot(low, n, 0);
    if (k->lex == NULL)
        return;
    k->mask = k->lex->mask;
    if (!(s[k->start] >= 'A' && s[k->start] <= 'Z'))
        k->mask &= ~k->lex->capmask;
}

/* Classes of a number token d[,d][.d][:dd][suffix]. */
static void classify_number(struct tok *k, const char *s, unsigned digits_end, int sep)
{
    unsigned nd = digits_end - k->start, i;
    const char *suf = s + digits_end;
    unsigned slen = k->end - digits_end;
    long v = 0;

    if (sep == ':') {
        k->mask = TX_BIT(TX_CLOCK);
        return;
    }
    if (sep || nd > 6)
        return;
    for (i = k->start; i < digits_end; i++)
        v = v * 10 + (s[i] - '0');
    k->num = (int)v;
    if (slen == 0) {
        k->mask = TX_BIT(TX_NUM);
        if (nd == 4)
            k->mask |= TX_BIT(TX_YEAR);
        if (nd <= 2 && v >= 1 && v <= 31)
            k->mask |= TX_BIT(TX_DAY);
    } else if (slen == 2 && (strncmp(suf, "st", 2) == 0 || strncmp(suf, "nd", 2) == 0
                             || strncmp(suf, "rd", 2) == 0 || strncmp(suf, "th", 2) == 0)) {
        k->mask = TX_BIT(TX_ORD) | (v >= 1 && v <= 31 ? TX_BIT(TX_DAY) : 0);
    } else if (slen == 1 && suf[0] == 's' && v % 10 == 0 && (nd == 4 || nd == 2)) {
        k->mask = TX_BIT(TX_DECADE);
    } else if (slen == 2 && ((suf[0] | 32) == 'a' || (suf[0] | 32) == 'p')
               && (suf[1] | 32) == 'm' && v >= 1 && v <= 12) {        /* 10am, 3pm */
        k->mask = TX_BIT(TX_CLOCK);
        k->num = (int)(v % 12 + ((suf[0] | 32) == 'p' ? 12 : 0)) * 100;
    }
}

/* hhmm of "h:mm" or "hh:mm" in s[a..b), or -1. */
static int clock_value(const char *s, size_t a, size_t b)
{
    size_t len = b - a, colon = len == 4 ? 1 : 2;
    int h, m;

    if ((len != 4 && len != 5) || s[a + colon] != ':')
        return -1;
    h = colon == 1 ? s[a] - '0' : (s[a] - '0') * 10 + s[a + 1] - '0';
    m = (s[a + colon + 1] - '0') * 10 + s[a + colon + 2] - '0';
    return h <= 24 && m < 60 ? h * 100 + m : -1;
}

static size_t scan_number(struct tok *k, const char *s, size_t i, size_t n)
{
    unsigned digits_end;
    int sep = 0;

    while (i < n && is_digit(s[i]))
        i++;
    while (i + 1 < n && (s[i] == ',' || s[i] == '.' || s[i] == ':') && is_digit(s[i + 1])) {
        sep = sep ? sep : s[i];
        for (i++; i < n && is_digit(s[i]); i++)
            ;
    }
    digits_end = (unsigned)i;
    if (sep == ':') {
        k->num = clock_value(s, k->start, i);
        sep = k->num < 0 ? '?' : sep;
    }
    while (i < n && is_alpha(s[i]))
        i++;
    k->end = (unsigned)i;
    k->kind = T_NUM;
    classify_number(k, s, digits_end, sep == ':' && k->end != digits_end ? '?' : sep);
    return i;
}

static size_t scan_word(struct tok *k, const char *s, size_t i, size_t n)
{
    while (i < n && (is_alpha(s[i]) || is_digit(s[i])
                     || (s[i] == '.' && i + 1 < n && is_alpha(s[i + 1]) && i + 2 <= n
                         && (i + 2 == n || !is_alpha(s[i + 2])))))
        i++;
    k->end = (unsigned)i;
    k->kind = T_WORD;
    classify_word(k, s);
    return i;
}

/* Split s[0..n) into words, numbers and punctuation. */
static void tokenize(const char *s, size_t n, struct toks *t)
{
    size_t i = 0;
    int space = 1, para = 1;

    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        struct tok *k;

        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (c == '\n' && i + 1 < n && s[i + 1] == '\n')
                para = 1;
            space = 1, i++;
            continue;
        }
        k = tok_push(t);
        k->start = (unsigned)i;
        k->space_before = (unsigned char)space;
        k->para_before = (unsigned char)para;
        space = para = 0;
        if (is_digit(c)) {
            i = scan_number(k, s, i, n);
        } else if (is_alpha(c)) {
            i = scan_word(k, s, i, n);
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80
                   && (unsigned char)s[i + 2] == 0x99) {
            k->kind = T_PUNCT, k->ch = '\'', i += 3;        /* ’ */
        } else {
            size_t len = 1;             /* a lone lead byte at the end stays inside s */

            while (c >= 0x80 && i + len < n && ((unsigned char)s[i + len] & 0xC0) == 0x80)
                len++;
            k->kind = T_PUNCT, k->ch = c < 0x80 ? c : 0, i += len;
        }
        k->end = k->kind == T_PUNCT ? (unsigned)i : k->end;
    }
}

/* ---- patterns ------------------------------------------------------- */

/* A pattern has at most MAX_ELEMS elements, an element at most MAX_ALTS
 * words and MAX_ALTS punctuation marks (checked when the rules are
 * compiled). */
#define MAX_ALTS  8
#define MAX_ELEMS 12

/* One element of a compiled pattern: classes, words and punctuation it
 * accepts. */
struct elem {
    tx_mask  classes;
    const struct lex_entry *words[MAX_ALTS];
    char puncts[MAX_ALTS];
    unsigned char nwords, npuncts, optional;
};

struct compiled {
    struct elem e[MAX_ELEMS];
    int n;
};

static const struct {
    const char *name;
    tx_mask classes;
} class_names[] = {
    {"MONTH", TX_BIT(TX_MONTH)}, {"WDAY", TX_BIT(TX_WDAY)}, {"UNIT", TX_BIT(TX_UNIT)},
    {"UNITS", TX_BIT(TX_UNITS)}, {"NUM", TX_BIT(TX_NUM) | TX_BIT(TX_NUMW) | TX_BIT(TX_TENS)},
    {"ORD", TX_BIT(TX_ORD)}, {"SEASON", TX_BIT(TX_SEASON)}, {"PART", TX_BIT(TX_PART)},
    {"REL", TX_BIT(TX_REL)}, {"REF", TX_BIT(TX_REF)}, {"MOD", TX_BIT(TX_MOD)},
    {"FUZZY", TX_BIT(TX_FUZZY)}, {"SETW", TX_BIT(TX_SETW)}, {"HOL", TX_BIT(TX_HOL)},
    {"DAYREL", TX_BIT(TX_DAYREL)}, {"APPROX", TX_BIT(TX_APPROX)}, {"AMPM", TX_BIT(TX_AMPM)},
    {"YEAR", TX_BIT(TX_YEAR)}, {"DAY", TX_BIT(TX_DAY)}, {"DECADE", TX_BIT(TX_DECADE)},
    {"CLOCK", TX_BIT(TX_CLOCK)}, {"QNUM", TX_BIT(TX_QNUM)}, {"WEEKNUM", TX_BIT(TX_WEEKNUM)},
    {"WDAYS", TX_BIT(TX_WDAYS)}, {"PARTS", TX_BIT(TX_PARTS)},
};

static struct rule_set class_starts[TX_NCLASS];  /* rules a class can begin */
static struct rule_set apostrophe_starts;         /* rules "'" can begin */

static void set_add(struct rule_set *s, int r)
{
    s->w[r / 64] |= (uint64_t)1 << (r % 64);
}

static void set_or(struct rule_set *s, const struct rule_set *a)
{
    int w;

    for (w = 0; w < RULE_WORDS; w++)
        s->w[w] |= a->w[w];
}

static int set_empty(const struct rule_set *s)
{
    int w;

    for (w = 0; w < RULE_WORDS; w++)
        if (s->w[w])
            return 0;
    return 1;
}

static void compile_alt(struct elem *e, const char *a, size_t n, int leading, int rule)
{
    size_t i;

    for (i = 0; i < sizeof(class_names) / sizeof(class_names[0]); i++)
        if (strlen(class_names[i].name) == n && strncmp(class_names[i].name, a, n) == 0) {
            unsigned b;

            e->classes |= class_names[i].classes;
            for (b = 0; leading && b < TX_NCLASS; b++)
                if (class_names[i].classes & TX_BIT(b))
                    set_add(&class_starts[b], rule);
            return;
        }
    if (is_upper(a[0]) || (is_alpha(a[0]) ? e->nwords : e->npuncts) >= MAX_ALTS) {
        fprintf(stderr, "gazette: timex rule %d: bad element \"%.*s\"\n", rule, (int)n, a);
        abort();                        /* a mistake in the rule table, caught by any test */
    }
    if (is_alpha(a[0])) {
        struct lex_entry *w = lex_slot(a, n, 1);

        w->mask |= TX_BIT(TX_LIT);
        if (leading)
            set_add(&w->starts, rule);
        e->words[e->nwords++] = w;
    } else {
        e->puncts[e->npuncts++] = a[0];
        if (leading && a[0] == '\'')
            set_add(&apostrophe_starts, rule);
    }
}

static void compile_rule(const char *p, struct compiled *r, int rule)
{
    int leading = 1;

    while (*p) {
        size_t len = strcspn(p, " ");
        struct elem *e;
        const char *a = p, *end = p + len;

        if (r->n == MAX_ELEMS) {
            fprintf(stderr, "gazette: timex rule %d: more than MAX_ELEMS elements\n", rule);
            abort();                    /* a mistake in the rule table, caught by any test */
        }
        e = &r->e[r->n++];

        if (len > 1 && p[len - 1] == '?')
            e->optional = 1, end--;
        while (a < end) {
            size_t alen = strcspn(a, "|");

            if (a + alen > end)
                alen = (size_t)(end - a);
            compile_alt(e, a, alen, leading, rule);
            a += alen + (a + alen < end);
        }
        leading = leading && e->optional;
        p += len;
        while (*p == ' ')
            p++;
    }
}

static struct compiled compiled[TX_MAX_RULES];
static pthread_once_t build_once = PTHREAD_ONCE_INIT;

static void build(void)
{
    int i;

    lex_build();
    for (i = 0; i < tx_nrules; i++)
        compile_rule(tx_rules[i].pattern, &compiled[i], i);
}

/* ---- matching ------------------------------------------------------- */

/* Tokens taken by element e at token i (0 if it does not match); the class
 * matched and its value go to *cls / *v (cls -1 for a literal). */
static int elem_match(const struct ctx *c, const struct elem *e, int i, int *cls, int *v)
{
    const struct tok *k;
    tx_mask hit;
    int j;

    if (i >= c->ntok)
        return 0;
    k = &c->t[i];
    hit = k->mask & e->classes;
    if (hit) {
        int n = 1;

        *cls = __builtin_ctzll(hit);
        *v = k->kind == T_WORD && k->lex != NULL ? k->lex->val[*cls] : k->num;
        if (*cls == TX_TENS) {              /* twenty-four, twenty four */
            j = i + 1 + tx_punct_at(c, i + 1, '-');
            if ((tx_mask_at(c, j) & TX_BIT(TX_NUMW)) && c->t[j].lex->val[TX_NUMW] < 10)
                *v += c->t[j].lex->val[TX_NUMW], n = j - i + 1;
        }
        if (k->lex != NULL && (k->lex->abbrmask & TX_BIT(*cls)) && tx_punct_at(c, i + 1, '.')
            && !c->t[i + 1].space_before)
            n++;
        return n;
    }
    *cls = -1;
    for (j = 0; j < e->nwords; j++)
        if (k->lex == e->words[j])
            return 1;
    for (j = 0; j < e->npuncts; j++)
        if (k->kind == T_PUNCT && k->ch == e->puncts[j])
            return 1;
    return 0;
}

static void match_from(const struct ctx *c, const struct compiled *r, int ei, int ti,
                       struct match *cur, struct match *best)
{
    int cls, v, took;

    if (ei == r->n) {
        if (ti > best->end) {
            *best = *cur;
            best->end = ti;
        }
        return;
    }
    took = elem_match(c, &r->e[ei], ti, &cls, &v);
    if (took > 0) {
        struct cap saved = cls >= 0 ? cur->cap[cls] : (struct cap){0, 0}, again = cur->again;

        if (cls >= 0 && cur->cap[cls].tok < 0)
            cur->cap[cls] = (struct cap){ti, v};
        else if (cls >= 0)
            cur->again = (struct cap){ti, v};
        match_from(c, r, ei + 1, ti + took, cur, best);
        if (cls >= 0)
            cur->cap[cls] = saved;
        cur->again = again;
    }
    if (r->e[ei].optional)
        match_from(c, r, ei + 1, ti, cur, best);
}

static void match_init(struct match *m, int start)
{
    int i;

    m->start = m->end = start;
    m->again.tok = -1, m->again.val = 0;
    for (i = 0; i < TX_NCLASS; i++)
        m->cap[i].tok = -1, m->cap[i].val = 0;
}

/* Sets *s to the rules whose leading elements can match token k; returns
 * 0 when there are none, as for most words (no class, not in the lexicon). */
static int candidates(const struct tok *k, struct rule_set *s)
{
    tx_mask m = k->mask;

    if (k->kind == T_PUNCT && k->ch == '\'') {
        *s = apostrophe_starts;
        return !set_empty(s);
    }
    if (m == 0 && k->lex == NULL)
        return 0;
    memset(s, 0, sizeof(*s));
    for (; m; m &= m - 1)
        set_or(s, &class_starts[__builtin_ctzll(m)]);
    if (k->lex != NULL)
        set_or(s, &k->lex->starts);
    return !set_empty(s);
}

/* Longest accepted match at token i among the rules in set; returns its
 * end (i when none). */
static int best_at(const struct ctx *c, int i, const struct rule_set *set, struct out *o,
                   int *verdict)
{
    struct match cur, m;
    int w, end = i;

    match_init(&cur, i);
    for (w = 0; w < RULE_WORDS; w++) {
        uint64_t rules = set->w[w];

        for (; rules; rules &= rules - 1) {
            int r = w * 64 + __builtin_ctzll(rules);
            struct out tmp = {"DATE", "", NO_RANGE, NO_RANGE, 0};
            int v;

            m.end = i;
            match_from(c, &compiled[r], 0, i, &cur, &m);
            if (m.end <= end)
                continue;
            m.start = i;
            v = tx_rules[r].resolve(c, &m, tx_rules[r].arg, &tmp);
            if (v == R_REJECT)
                continue;
            tmp.written |= tx_has(&m, TX_YEAR);
            end = m.end, *o = tmp, *verdict = v;
        }
    }
    return end;
}

static void emit_one(const struct ctx *c, int from, int to, const struct out *o,
                     gz_timex_emit_fn *emit, void *arg)
{
    struct gz_timex t;

    memset(&t, 0, sizeof(t));
    t.start = c->t[from].start;
    while (to - 1 > from && (tx_punct_at(c, to - 1, ',') || tx_punct_at(c, to - 1, '-')
                             || tx_tok_is(c, to - 1, "of") || tx_tok_is(c, to - 1, "the")
                             || tx_range_word(c, to - 1)))
        to--;                               /* "Q3," keeps no comma; "6-" of "6-7 January" */
    t.end = c->t[to - 1].end;
    t.type = o->type;
    memcpy(t.value, o->value, sizeof(t.value));
    if (o->lo != NO_RANGE) {
        t.range_start = gz_cal_from_days(o->lo);
        t.range_end = gz_cal_from_days(o->hi);
    }
    emit(&t, arg);
}

size_t gz_timex_find(const char *text, size_t n, struct gz_ymd ref,
                     gz_timex_emit_fn *emit, void *arg)
{
    struct toks t = {NULL, 0, 0};
    struct ctx c;
    struct anchor an = {0, 0, 0, A_NONE, 0, -1, -1}, last = an;
    unsigned char clocks[TX_CLOCK_BYTES] = {0};
    size_t found = 0, polls = 0;
    int i = 0;

    pthread_once(&build_once, build);
    if (!gz_ymd_valid(ref.year, ref.month, ref.day) || n >= UINT32_MAX)
        return 0;                       /* token offsets are 32-bit */
    tokenize(text, n, &t);
    c = (struct ctx){text, t.v, t.n, gz_cal_days(ref.year, ref.month, ref.day), ref, &an, &last,
                     0, 0, tx_is_headline(text, n, t.n), clocks, 0};
    tx_note_clocks(&c, clocks);
    tx_note_years(&c);
    while (i < t.n) {
        struct out o;
        struct rule_set set;
        int verdict = R_REJECT, end;

        if (++polls % 4096 == 0 && gz_stop_requested())
            break;                      /* a signal: the caller gives the text up */
        if (!candidates(&t.v[i], &set)) {
            i++;
            continue;
        }
        if (tx_narrative(&c)) {
            struct ctx nc = tx_narrative_ctx(&c);

            end = best_at(&nc, i, &set, &o, &verdict);
            if (end > i && tx_deictic(&c, i, end))
                end = best_at(&c, i, &set, &o, &verdict);
            else if (end > i)
                o.written |= verdict == R_EMIT;     /* the story's time carries on */
        } else {
            end = best_at(&c, i, &set, &o, &verdict);
        }
        if (end == i) {
            i++;
            continue;
        }
        if (verdict == R_EMIT) {
            emit_one(&c, i, end, &o, emit, arg);
            if ((o.written || !c.story) && !tx_tok_is(&c, i - 1, "since"))
                tx_anchor_note(&an, o.type, o.value, o.written, i, end);  /* "since 1990" sets no scene */
            tx_anchor_note(&last, o.type, o.value, o.written, i, end);
            found++;
        }
        i = end;
    }
    gz_free(t.v);
    return found;
}
