/*
 * nerlex.c - gazetteer and capitalisation lexicon (see nerlex.h).
 */
#include "ner/nerlex.h"

#include <errno.h>
#include <string.h>
#include <zlib.h>

#include "core/mem.h"
#include "ner/csvbody.h"
#include "ner/nerfeat.h"
#include "ner/table.h"
#include "text/sentence.h"
#include "text/tokenize.h"
#include "ner/wordcode.h"

#define MIN_SEEN 3          /* occurrences before a capitalisation class is given */

#define CODE_MIN_COUNT 5     /* occurrences before a word gets a code */

struct entry {
    uint64_t hash;          /* 0 = empty */
    uint32_t gaz;           /* GZ_LEX_* bits (word as written) */
    uint32_t seen, caps, acro;  /* lower-cased word: non-initial uses, capitalised, all caps */
    uint32_t code;          /* GZ_LEX_HAS_CODE | code << 16, or 0 */
    uint32_t list;          /* GZ_LIST_* bits (phrase keys) */
    uint32_t path;          /* under a GZ_LEX_CLUSTER_KEY: length << 24 | bits */
};

struct gz_nerlex_builder {
    struct entry *e;
    size_t        cap, n;
    uint32_t     *keys;     /* frozen table */
    uint32_t     *vals;
    uint64_t     *stream;   /* lower-cased word hashes of all text, 0 between sentences */
    size_t        nstream, capstream;
};

static void push(struct gz_nerlex_builder *b, uint64_t h)
{
    if (b->nstream == b->capstream) {
        b->capstream = b->capstream ? 2 * b->capstream : 1u << 20;
        b->stream = gz_xrealloc(b->stream, b->capstream * sizeof *b->stream);
    }
    b->stream[b->nstream++] = h;
}

/* Hash of the ASCII-lower-cased s[0..n). */
static uint64_t lower_hash(const char *s, size_t n)
{
    char lower[64];
    size_t i;

    if (n > sizeof lower)
        return gz_nerfeat_hash(s, n);
    for (i = 0; i < n; i++)
        lower[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
    return gz_nerfeat_hash(lower, n);
}

/* Words are entered with bit 0 of their hash set (entry_for), so that 0
 * marks an empty entry; the table is laid out on those hashes (table.h). */
uint32_t gz_nerlex_get(const struct gz_nerlex *l, uint64_t hash)
{
    long s;

    if (l == NULL || l->nslots == 0)
        return 0;
    s = gz_ner_table_find(l->keys, l->nslots - 1, hash | 1);
    return s < 0 ? 0 : l->vals[s];
}

struct gz_nerlex_builder *gz_nerlex_builder_new(void)
{
    struct gz_nerlex_builder *b = gz_xcalloc(1, sizeof *b);

    b->cap = 1u << 16;
    b->e = gz_xcalloc(b->cap, sizeof *b->e);
    return b;
}

void gz_nerlex_builder_free(struct gz_nerlex_builder *b)
{
    if (b == NULL)
        return;
    gz_free(b->e);
    gz_free(b->keys);
    gz_free(b->vals);
    gz_free(b->stream);
    gz_free(b);
}

static struct entry *slot(struct entry *e, size_t cap, uint64_t h)
{
    size_t i = (size_t)h & (cap - 1);

    while (e[i].hash != 0 && e[i].hash != h)
        i = (i + 1) & (cap - 1);
    return &e[i];
}

static struct entry *entry_for(struct gz_nerlex_builder *b, uint64_t h)
{
    struct entry *s;
    size_t i;

    h |= 1;
    if (2 * (b->n + 1) > b->cap) {
        struct entry *bigger = gz_xcalloc(2 * b->cap, sizeof *bigger);
        for (i = 0; i < b->cap; i++)
            if (b->e[i].hash != 0)
                *slot(bigger, 2 * b->cap, b->e[i].hash) = b->e[i];
        gz_free(b->e);
        b->e = bigger;
        b->cap *= 2;
    }
    s = slot(b->e, b->cap, h);
    if (s->hash == 0) {
        s->hash = h;
        b->n++;
    }
    return s;
}

static uint32_t gmb_bit(const char *tag, size_t n)
{
    int first = tag[0] == 'B';

    if (n != 5 || (tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-')
        return 0;
    if (memcmp(tag + 2, "per", 3) == 0) return first ? GZ_LEX_PER_FIRST : GZ_LEX_PER_INNER;
    if (memcmp(tag + 2, "org", 3) == 0) return first ? GZ_LEX_ORG_FIRST : GZ_LEX_ORG_INNER;
    if (memcmp(tag + 2, "geo", 3) == 0) return first ? GZ_LEX_GEO_FIRST : GZ_LEX_GEO_INNER;
    if (memcmp(tag + 2, "gpe", 3) == 0) return GZ_LEX_GPE;
    if (memcmp(tag + 2, "tim", 3) == 0) return 0;
    return GZ_LEX_OTHER;
}

int gz_nerlex_add_gmb(struct gz_nerlex_builder *b, const char *path, struct gz_error *err)
{
    gzFile f = gzopen(path, "rb");
    char line[4096];

    if (f == NULL)
        return gz_fail(err, EX_NOINPUT, "could not open \"%s\": %s", path, strerror(errno));
    while (gzgets(f, line, sizeof line) != NULL) {
        char *tab = strchr(line, '\t'), *last = strrchr(line, '\t');
        size_t n;
        uint32_t bit;
        if (tab == NULL || last == tab) {
            push(b, 0);
            continue;
        }
        push(b, lower_hash(line, (size_t)(tab - line)));
        n = strcspn(last + 1, "\r\n");
        bit = gmb_bit(last + 1, n);
        if (bit != 0)
            entry_for(b, gz_nerfeat_hash(line, (size_t)(tab - line)))->gaz |= bit;
    }
    gzclose(f);
    return 0;
}

uint64_t gz_nerlex_phrase_key(uint64_t prev, uint64_t lower)
{
    uint64_t h = (prev == 0 ? 0x6e616d656c697374ULL : prev) * 0x9e3779b97f4a7c15ULL;

    h ^= lower;
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 32;
    return h;
}

static const char *const list_kinds[GZ_LIST_KINDS] = {
    "country", "region", "city", "demonym", "org", "first", "last", "orgword", "title",
    "style",
};

static uint32_t list_bit(const char *s, size_t n)
{
    unsigned k;

    for (k = 0; k < GZ_LIST_KINDS; k++)
        if (strlen(list_kinds[k]) == n && memcmp(list_kinds[k], s, n) == 0)
            return 1u << k;
    return 0;
}

/* Enter the phrase p (tokens split at spaces) as a list entry of kind bit;
 * its shorter prefixes get GZ_LIST_MORE. */
static void add_phrase(struct gz_nerlex_builder *b, const char *p, uint32_t bit)
{
    uint64_t keys[GZ_LIST_MAX_TOKENS];
    size_t n = 0, i;

    while (*p != '\0') {
        size_t len = strcspn(p, " ");
        if (len > 0) {
            if (n == GZ_LIST_MAX_TOKENS)
                return;
            keys[n] = gz_nerlex_phrase_key(n ? keys[n - 1] : 0, lower_hash(p, len));
            n++;
        }
        p += len + (p[len] == ' ');
    }
    for (i = 0; i < n; i++)
        entry_for(b, keys[i])->list |= i + 1 < n ? GZ_LIST_MORE : bit;
}

/* Call take on each line of the file at path (plain or gzip), without its
 * line end; a line take refuses fails the whole file with
 * "path:line: expected WHAT". */
static int read_lines(struct gz_nerlex_builder *b, const char *path,
                      int (*take)(struct gz_nerlex_builder *, char *), const char *what,
                      struct gz_error *err)
{
    gzFile f = gzopen(path, "rb");
    char line[4096];
    long lineno = 0;

    if (f == NULL)
        return gz_fail(err, EX_NOINPUT, "could not open \"%s\": %s", path, strerror(errno));
    while (gzgets(f, line, sizeof line) != NULL) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (take(b, line) < 0) {
            gzclose(f);
            return gz_fail(err, EX_DATAERR, "%s:%ld: expected %s", path, lineno, what);
        }
    }
    gzclose(f);
    return 0;
}

/* "kind<TAB>phrase"; a comment (#) or an empty line is skipped. */
static int take_list_line(struct gz_nerlex_builder *b, char *line)
{
    char *tab = strchr(line, '\t');
    uint32_t bit;

    if (line[0] == '#' || line[0] == '\0')
        return 0;
    bit = tab ? list_bit(line, (size_t)(tab - line)) : 0;
    if (bit == 0 || tab[1] == '\0')
        return -1;
    add_phrase(b, tab + 1, bit);
    return 0;
}

int gz_nerlex_add_lists(struct gz_nerlex_builder *b, const char *path, struct gz_error *err)
{
    return read_lines(b, path, take_list_line, "\"kind<TAB>phrase\" with kind country, "
                      "region, city, demonym, org, first, last, orgword, title or style", err);
}

/* length << 24 | the first GZ_LEX_PATH_MAX bits of a path of '0' and '1'
 * (n >= 1), or 0 when it holds anything else. */
static uint32_t path_value(const char *s, size_t n)
{
    uint32_t bits = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        if (s[i] != '0' && s[i] != '1')
            return 0;
        if (i < GZ_LEX_PATH_MAX)
            bits |= (uint32_t)(s[i] - '0') << (GZ_LEX_PATH_MAX - 1 - i);
    }
    return n == 0 ? 0 : (uint32_t)(n < GZ_LEX_PATH_MAX ? n : GZ_LEX_PATH_MAX) << 24 | bits;
}

/* "word<TAB>bit path", more columns after another tab ignored. */
static int take_cluster_line(struct gz_nerlex_builder *b, char *line)
{
    char *tab = strchr(line, '\t');
    uint32_t v = tab ? path_value(tab + 1, strcspn(tab + 1, "\t")) : 0;

    if (v == 0)
        return -1;
    entry_for(b, GZ_LEX_CLUSTER_KEY(gz_nerfeat_hash(line, (size_t)(tab - line))))->path = v;
    entry_for(b, GZ_LEX_HAS_CLUSTERS_KEY)->path = 1;
    return 0;
}

int gz_nerlex_add_clusters(struct gz_nerlex_builder *b, const char *path, struct gz_error *err)
{
    return read_lines(b, path, take_cluster_line, "word<TAB>bit path", err);
}

/* Count one non-initial use of the word s[0..n). */
static void count_word(struct gz_nerlex_builder *b, const char *s, size_t n)
{
    char lower[64];
    size_t i, letters = 0, uppers = 0;
    struct entry *e;

    if (n > sizeof lower)
        return;
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') { uppers++; letters++; c = (char)(c + 32); }
        else if (c >= 'a' && c <= 'z') letters++;
        lower[i] = c;
    }
    if (letters == 0)
        return;
    e = entry_for(b, gz_nerfeat_hash(lower, n));
    e->seen++;
    e->caps += s[0] >= 'A' && s[0] <= 'Z';
    e->acro += uppers == letters && letters > 1;
}

void gz_nerlex_add_text(struct gz_nerlex_builder *b, const char *text, size_t len)
{
    struct gz_token *t;
    size_t n = gz_tokenize(text, len, &t), i;

    gz_sentence_split(text, t, n);
    for (i = 0; i < n; i++) {
        if (i > 0 && t[i].sentence != t[i - 1].sentence)
            push(b, 0);
        push(b, lower_hash(text + t[i].start, t[i].end - t[i].start));
        if (i > 0 && t[i].sentence == t[i - 1].sentence)
            count_word(b, text + t[i].start, t[i].end - t[i].start);
    }
    push(b, 0);
    gz_free(t);
}

static void add_body(void *ctx, const char *s, size_t n)
{
    gz_nerlex_add_text(ctx, s, n);
}

int gz_nerlex_add_csv_text(struct gz_nerlex_builder *b, const char *path, struct gz_error *err)
{
    return gz_csv_each_body(path, add_body, b, err);
}

static unsigned caps_class(const struct entry *e)
{
    if (e->seen < MIN_SEEN) return GZ_CAPS_UNKNOWN;
    if (e->acro * 10 >= e->seen * 8) return GZ_CAPS_ACRONYM;
    if (e->caps * 10 >= e->seen * 9) return GZ_CAPS_ALWAYS;
    if (e->caps * 2 >= e->seen) return GZ_CAPS_OFTEN;
    if (e->caps * 20 >= e->seen) return GZ_CAPS_RARELY;
    return GZ_CAPS_NEVER;
}

static void add_codes(struct gz_nerlex_builder *b)
{
    struct gz_wordcode *wc;
    size_t i, n = gz_wordcode_compute(b->stream, b->nstream, CODE_MIN_COUNT, &wc);

    for (i = 0; i < n; i++)
        entry_for(b, wc[i].hash)->code = GZ_LEX_HAS_CODE | ((uint32_t)wc[i].code << 16);
    gz_free(wc);
    b->nstream = 0;
}

struct gz_nerlex gz_nerlex_build(struct gz_nerlex_builder *b)
{
    struct gz_nerlex l = { NULL, NULL, 0 };
    uint32_t nslots = 1024, mask;
    size_t i;

    if (b->nstream > 0)
        add_codes(b);
    while (nslots < b->n + b->n / 3)
        nslots *= 2;
    mask = nslots - 1;
    gz_free(b->keys);
    gz_free(b->vals);
    b->keys = gz_xcalloc(nslots, sizeof *b->keys);
    b->vals = gz_xcalloc(nslots, sizeof *b->vals);
    for (i = 0; i < b->cap; i++) {
        const struct entry *e = &b->e[i];
        uint32_t v, s;
        if (e->hash == 0)
            continue;
        v = (e->gaz & 0xffu) | (caps_class(e) << 8) | e->code | e->list | e->path;
        if (v == 0)
            continue;
        s = gz_ner_table_place(b->keys, mask, e->hash, 0);
        b->keys[s] = gz_ner_table_key(e->hash);
        b->vals[s] = v;
    }
    l.keys = b->keys;
    l.vals = b->vals;
    l.nslots = nslots;
    return l;
}
