/*
 * coref.c - one article's mentions -> entities.
 *
 * Work is per article, usually tens of mentions, but an article may be
 * megabytes (limits.max_article_bytes) with a hundred thousand mentions:
 * every step is linear or n log n in them. Names are grouped by (type,
 * key) through hash tables, and the names a shorter name may fit are
 * looked up in a sorted index of the words fits() compares (the last word
 * of a person, the first of an organisation, the initials of a name an
 * acronym may stand for), not found by trying every cluster. What the
 * article keeps (links, entities, their names and keys) lives in its
 * arena; the work arrays (a cluster is about 340 bytes a mention, more
 * than the rest of the article's arena) in one freed before returning.
 */
#include "names/coref.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/mem.h"

#include "names/aliases.h"
#include "names/canonical.h"
#include "names/countries.h"

#define MAX_WORDS 32

static const char *const named_types[] = {"PERSON", "ORG", "LOC", "MISC"};
#define N_TYPES 4

/* One mention being worked on. */
struct item {
    int         type;           /* index into named_types, -1: not a name */
    const char *name;           /* display name */
    const char *role;
    const char *key;
    uint64_t    hash;           /* of key */
    int         cluster;
};

/* Mentions sharing (type, key). */
struct cluster {
    int         type;
    const char *key;
    uint64_t    hash;           /* of key */
    uint32_t    first_word, last_word;  /* hashes, to rule pairs out quickly */
    const char *canonical;
    const char *country;
    int         fixed;          /* named by the countries or the alias file */
    int         complete;       /* a company's full name ("Texaco Inc"): no prefix of another */
    int         mentions;
    int         first;          /* first mention */
    int         nwords;
    int         wstart[MAX_WORDS], wlen[MAX_WORDS];
    int         link;           /* cluster it links to, -1 */
    int         ambiguous;
    int         entity;
};

static int type_index(const char *t)
{
    int i;

    for (i = 0; t != NULL && i < N_TYPES; i++)
        if (strcmp(t, named_types[i]) == 0)
            return i;
    return -1;
}

/* Display name, role and key of surface for type; 0 or -1. */
static int read_name(struct item *it, const char *surface, int type, const struct gz_names *nm,
                     struct gz_arena *arena)
{
    char buf[GZ_NAME_BUF], key[GZ_NAME_BUF];
    struct gz_name n;
    int k;

    if (gz_name_canonical(surface, strlen(surface), named_types[type], nm->countries, buf,
                          sizeof buf, &n) < 0)
        return -1;
    k = gz_name_key(n.name, n.name_len, named_types[type], key, sizeof key);
    if (k <= 0)
        return -1;
    it->type = type;
    it->name = gz_arena_strndup(arena, n.name, n.name_len);
    it->role = gz_arena_strndup(arena, n.role, n.role_len);
    it->key = gz_arena_strndup(arena, key, (size_t)k);
    it->hash = gz_hash64(key, (size_t)k);
    return 0;
}

static void split_key(struct cluster *c)
{
    const char *k = c->key;
    int i = 0;

    c->nwords = 0;
    while (k[i] && c->nwords < MAX_WORDS) {
        int s = i;
        while (k[i] && k[i] != ' ')
            i++;
        c->wstart[c->nwords] = s;
        c->wlen[c->nwords++] = i - s;
        while (k[i] == ' ')
            i++;
    }
    c->hash = gz_hash64(k, strlen(k));
    c->first_word = c->nwords ? (uint32_t)gz_hash64(k + c->wstart[0], (size_t)c->wlen[0]) : 0;
    c->last_word = c->nwords ? (uint32_t)gz_hash64(k + c->wstart[c->nwords - 1],
                                                   (size_t)c->wlen[c->nwords - 1]) : 0;
}

static int word_eq(const struct cluster *a, int i, const struct cluster *b, int j)
{
    return a->wlen[i] == b->wlen[j] &&
           memcmp(a->key + a->wstart[i], b->key + b->wstart[j], (size_t)a->wlen[i]) == 0;
}

static int is_small_word(const struct cluster *c, int i)
{
    static const char *const small[] = {"of", "the", "and", "for", "de", "du", "la", NULL};
    int k;

    for (k = 0; small[k]; k++)
        if ((int)strlen(small[k]) == c->wlen[i] &&
            memcmp(c->key + c->wstart[i], small[k], (size_t)c->wlen[i]) == 0)
            return 1;
    return 0;
}

/* A name written like an acronym: one word of 2-6 capitals. */
static int acronym_like(const struct cluster *s, const char *display)
{
    int i;

    if (s->nwords != 1 || s->wlen[0] < 2 || s->wlen[0] > 6)
        return 0;
    for (i = 0; display[i]; i++)
        if (display[i] >= 'a' && display[i] <= 'z')
            return 0;
    return 1;
}

/* "NATO" for "North Atlantic Treaty Organization": short is one word of
 * 2-6 letters, written in capitals, that spells the first letters of long's
 * words (with or without of/the/and). */
static int acronym_of(const struct cluster *s, const char *display, const struct cluster *l)
{
    const char *w = s->key;
    int n = s->wlen[0], i, k, all;

    if (!acronym_like(s, display) || l->nwords < 2)
        return 0;
    for (all = 0; all < 2; all++) {
        for (i = 0, k = 0; i < l->nwords && k <= n; i++) {
            if (!all && is_small_word(l, i))
                continue;
            if (k == n || l->key[l->wstart[i]] != w[k])
                break;
            k++;
        }
        if (i == l->nwords && k == n)
            return 1;
    }
    return 0;
}

/* 1 when the shorter name s fits the longer l of its type: a person's last
 * words or first and last words, or one word of it ("Lee" of "Lee Jae-myung",
 * "Lula" of "Luiz Inacio Lula da Silva": names that put the family name
 * first or go by a middle name; only with any_word, which find_target
 * tries when no name fits by its last words); an organisation's acronym,
 * or its first
 * words unless s is an acronym itself ("IBM" is not "IBM Canada") or a
 * company's full name ("Texaco Inc" is not "Texaco Canada"). */
static int fits(const struct cluster *s, const char *s_display, const struct cluster *l, int type,
                int any_word)
{
    int i, j;

    if (type == 1 && acronym_like(s, s_display))
        return s->key[0] == l->key[0] && acronym_of(s, s_display, l);
    if (type == 0 && any_word && s->nwords == 1 && l->nwords > 1 && s->wlen[0] >= 2 &&
        s->last_word != l->last_word) {            /* "lee" in "lee jae myung" */
        for (i = 0; i < l->nwords - 1; i++)
            if (!is_small_word(l, i) && word_eq(s, 0, l, i))
                return 1;
        return 0;
    }
    if (type == 0 && s->last_word != l->last_word)
        return 0;
    if (type == 1 && s->first_word != l->first_word)
        return 0;
    if (s->nwords >= l->nwords || s->nwords == 0 || (type == 1 && s->complete))
        return 0;
    if (type == 0) {                                    /* PERSON */
        for (i = 0; i < s->nwords; i++)                 /* "rutte" in "mark rutte" */
            if (!word_eq(s, s->nwords - 1 - i, l, l->nwords - 1 - i))
                break;
        if (i == s->nwords)
            return 1;
        if (s->nwords < 2 || !word_eq(s, 0, l, 0) ||   /* "james baker" in "james a baker" */
            !word_eq(s, s->nwords - 1, l, l->nwords - 1))
            return 0;
        for (i = 1, j = 1; i < s->nwords - 1 && j < l->nwords - 1; j++)
            if (word_eq(s, i, l, j))
                i++;
        return i == s->nwords - 1;
    }
    if (type == 1) {                                    /* ORG: "occidental" in "occidental petroleum" */
        for (i = 0; i < s->nwords; i++)
            if (!word_eq(s, i, l, i))
                return 0;
        return 1;
    }
    return 0;
}

static int has_lower(const char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z')
            return 1;
    return 0;
}

/* The spelling an entity shows: one in mixed case over one in capitals
 * ("London" over "LONDON"), then the longest ("Occidental Petroleum Corp"
 * over "Occidental Petroleum"). */
static int better_spelling(const char *a, const char *b)
{
    int la = has_lower(a), lb = has_lower(b);

    return la != lb ? la : strlen(a) > strlen(b);
}

static int root(const struct cluster *c, int i)
{
    int hops = 0;

    while (c[i].link >= 0 && hops++ < 64)
        i = c[i].link;
    return i;
}

/* ---- the index of candidates for fits() ------------------------------ */

/* What a cluster is found by: (kind, its type, a 32-bit hash). fits(s, l)
 * can only hold when l is found under the key s looks up (kind_for), so
 * trying only those clusters gives what trying all of them gave. */
enum { IX_LAST = 1, IX_FIRST, IX_WORD, IX_ACRONYM, IX_KEY };

struct ix_entry {
    uint64_t key;
    int      cluster;
};

struct index {
    struct ix_entry *e;
    size_t           n, cap;
};

static uint64_t ix_key(int kind, int type, uint32_t h)
{
    return (uint64_t)kind << 40 | (uint64_t)(unsigned)type << 32 | h;
}

static void ix_add(struct index *ix, int kind, int type, uint32_t h, int cluster)
{
    if (ix->n == ix->cap) {
        ix->cap = ix->cap ? ix->cap * 2 : 64;
        ix->e = gz_xrealloc(ix->e, ix->cap * sizeof(*ix->e));
    }
    ix->e[ix->n].key = ix_key(kind, type, h);
    ix->e[ix->n++].cluster = cluster;
}

static int ix_cmp(const void *x, const void *y)
{
    const struct ix_entry *a = x, *b = y;

    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return (a->cluster > b->cluster) - (a->cluster < b->cluster);
}

/* The entries under key, in cluster order: [*first, return). */
static size_t ix_range(const struct index *ix, uint64_t key, size_t *first)
{
    size_t lo = 0, hi = ix->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (ix->e[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    *first = lo;
    while (hi < ix->n && ix->e[hi].key == key)
        hi++;
    return hi;
}

static uint32_t word_hash(const struct cluster *c, int i)
{
    return (uint32_t)gz_hash64(c->key + c->wstart[i], (size_t)c->wlen[i]);
}

/* The first letters of c's words, of all or of those not small. */
static uint32_t initials_hash(const struct cluster *c, int all)
{
    char buf[MAX_WORDS];
    int i, n = 0;

    for (i = 0; i < c->nwords; i++)
        if (all || !is_small_word(c, i))
            buf[n++] = c->key[c->wstart[i]];
    return (uint32_t)gz_hash64(buf, (size_t)n);
}

static void build_index(const struct cluster *c, int nc, struct index *ix)
{
    int i, w;

    for (i = 0; i < nc; i++) {
        ix_add(ix, IX_KEY, c[i].type, (uint32_t)c[i].hash, i);
        if (c[i].type == 0) {
            ix_add(ix, IX_LAST, 0, c[i].last_word, i);
            for (w = 0; c[i].nwords > 1 && w < c[i].nwords - 1; w++)
                if (!is_small_word(&c[i], w))
                    ix_add(ix, IX_WORD, 0, word_hash(&c[i], w), i);
        } else if (c[i].type == 1) {
            ix_add(ix, IX_FIRST, 1, c[i].first_word, i);
            if (c[i].nwords >= 2) {
                uint32_t a = initials_hash(&c[i], 1), b = initials_hash(&c[i], 0);

                ix_add(ix, IX_ACRONYM, 1, a, i);
                if (b != a)
                    ix_add(ix, IX_ACRONYM, 1, b, i);
            }
        }
    }
    if (ix->n > 0)
        qsort(ix->e, ix->n, sizeof(*ix->e), ix_cmp);
}

/* Try the clusters under key as targets of s: 0, or -2 for several roots. */
static int try_targets(const struct cluster *c, const struct index *ix, uint64_t key, int s,
                       int type, const char *display, int any_word, int *found)
{
    size_t k, end = ix_range(ix, key, &k);

    for (; k < end; k++) {
        int j = ix->e[k].cluster, r;

        if (j == s || c[j].type != type || c[j].ambiguous ||
            !fits(&c[s], display, &c[j], type, any_word))
            continue;
        r = root(c, j);
        if (r == s)
            continue;
        if (*found >= 0 && *found != r)
            return -2;
        *found = r;
    }
    return 0;
}

/* The one root among clusters of type that s fits, -1 for none, -2 for
 * several. fits() holds only for a target of type PERSON (same last word,
 * or with any_word one of its other words) or ORG (same first word, or
 * initials that spell s). */
static int find_target_pass(const struct cluster *c, const struct index *ix, int s, int type,
                            const char *display, int any_word)
{
    const struct cluster *sc = &c[s];
    int found = -1;

    if (type == 1 && acronym_like(sc, display)) {
        if (try_targets(c, ix, ix_key(IX_ACRONYM, 1, (uint32_t)gz_hash64(sc->key,
                        (size_t)sc->wlen[0])), s, type, display, any_word, &found) < 0)
            return -2;
    } else if (type == 1) {
        if (try_targets(c, ix, ix_key(IX_FIRST, 1, sc->first_word), s, type, display, any_word,
                        &found) < 0)
            return -2;
    } else if (type == 0) {
        if (try_targets(c, ix, ix_key(IX_LAST, 0, sc->last_word), s, type, display, any_word,
                        &found) < 0)
            return -2;
        if (any_word && sc->nwords == 1 && sc->wlen[0] >= 2
            && try_targets(c, ix, ix_key(IX_WORD, 0, word_hash(sc, 0)), s, type, display,
                           any_word, &found) < 0)
            return -2;
    }
    return found;
}

/* find_target_pass by last words first; a single word that fits no name
 * that way may fit one by another of its words ("Smith" is William Smith's
 * before it is Smith Barney's). */
static int find_target(const struct cluster *c, const struct index *ix, int s, int type,
                       const char *display)
{
    int r = find_target_pass(c, ix, s, type, display, 0);

    return r == -1 ? find_target_pass(c, ix, s, type, display, 1) : r;
}

/* ---- hash tables of names -------------------------------------------- */

/* Open addressing over indexes, -1 empty; size a power of two. */
struct table {
    int   *slot;
    size_t mask;
};

static void table_init(struct table *t, size_t n, struct gz_arena *arena)
{
    size_t size = 16, i;

    while (size < 2 * n + 2)
        size *= 2;
    t->slot = gz_arena_alloc(arena, size * sizeof(*t->slot));
    for (i = 0; i < size; i++)
        t->slot[i] = -1;
    t->mask = size - 1;
}

/* ---- the steps ------------------------------------------------------- */

/* One article being linked: its mentions, what is kept of them (in arena)
 * and what is not (in work). */
struct linking {
    const struct gz_mention *m;
    size_t                   n;
    const struct gz_names   *names;
    struct gz_arena         *arena;     /* what is kept */
    struct gz_arena         *work;      /* what is not: most of it */
    struct item             *it;        /* n of them */
    struct cluster          *c;         /* nc of them, at most n */
    int                      nc;
    struct index             ix;        /* of the clusters, from step 4 */
};

/* An array of n ints (at least one) in the work arena, zeroed. */
static int *work_ints(struct linking *lk, size_t n)
{
    return gz_arena_alloc(lk->work, (n ? n : 1) * sizeof(int));
}

/* 1. names, roles, keys */
static void read_names(struct linking *lk)
{
    struct item *it = lk->it;
    size_t k;
    int t;

    for (k = 0; k < lk->n; k++) {
        it[k].type = -1;
        it[k].cluster = -1;
        t = type_index(lk->m[k].type);
        if (t >= 0 && lk->m[k].surface != NULL
            && read_name(&it[k], lk->m[k].surface, t, lk->names, lk->arena) < 0)
            it[k].type = -1;
    }
}

/* 2a. a name with a legal form ("Hartmann Logistik GmbH", "Tesco PLC")
 * is a company whatever the tagger said; returns which mentions are */
static int *companies_by_legal_form(struct linking *lk)
{
    struct item *it = lk->it;
    int *legal = work_ints(lk, lk->n);
    size_t k;

    for (k = 0; k < lk->n; k++) {
        struct item again = it[k];

        if (it[k].type < 0 || !gz_name_has_legal_form(it[k].name, strlen(it[k].name)))
            continue;
        if (it[k].type != 1 && read_name(&again, lk->m[k].surface, 1, lk->names, lk->arena) == 0)
            it[k] = again;
        legal[k] = it[k].type == 1;
    }
    return legal;
}

/* The votes of each key, whatever the type: group[k] is the first mention
 * of k's key, which holds the votes of them all and whether one of them
 * is a company's name with its legal form. */
static void count_votes(struct linking *lk, const int *legal, int *group,
                        int (*votes)[N_TYPES], int *company)
{
    const struct item *it = lk->it;
    struct table tab;
    size_t k;

    table_init(&tab, lk->n, lk->work);
    for (k = 0; k < lk->n; k++) {
        size_t at;

        if (it[k].type < 0)
            continue;
        for (at = it[k].hash & tab.mask; tab.slot[at] >= 0; at = (at + 1) & tab.mask)
            if (it[tab.slot[at]].hash == it[k].hash && strcmp(it[tab.slot[at]].key, it[k].key) == 0)
                break;
        if (tab.slot[at] < 0)
            tab.slot[at] = (int)k;
        group[k] = tab.slot[at];
        votes[group[k]][it[k].type]++;
        company[group[k]] |= legal[k];
    }
}

/* The type a mention of type wants by its name's votes v (-1: not a name). */
static int wanted_type(int type, const int *v, int company)
{
    int best = 0, tie = 0, t;

    if (type < 0)
        return type;
    for (t = 1; t < N_TYPES; t++)
        if (v[t] > v[best])
            best = t;
    for (t = 0; t < N_TYPES; t++)
        tie |= t != best && v[t] == v[best];
    if (company)
        return 1;
    return tie ? type : best;
}

/* 2b. one type per name: the one most of its mentions carry (votes are
 * counted before any mention changes type); a company's name with its
 * legal form makes the name ORG ("Tesco" PERSON twice, "Tesco PLC") */
static void one_type_per_name(struct linking *lk, const int *legal)
{
    struct item *it = lk->it;
    int *want = work_ints(lk, lk->n), *group = work_ints(lk, lk->n);
    int (*votes)[N_TYPES] = gz_arena_alloc(lk->work, (lk->n ? lk->n : 1) * sizeof(*votes));
    int *company = work_ints(lk, lk->n);
    size_t k;

    count_votes(lk, legal, group, votes, company);
    for (k = 0; k < lk->n; k++)
        want[k] = wanted_type(it[k].type, votes[group[k]], company[group[k]]);
    for (k = 0; k < lk->n; k++) {
        struct item again = it[k];

        if (want[k] != it[k].type
            && read_name(&again, lk->m[k].surface, want[k], lk->names, lk->arena) == 0)
            it[k] = again;
    }
}

/* How a mention is filed: the cluster it goes to. */
struct filing {
    int         type;
    const char *key, *canonical, *country;
    int         fixed;
};

/* A country's name, or its demonym but for an organisation ("Dutch"), is
 * filed under the country, as a place. */
static void file_country(struct linking *lk, size_t k, struct filing *f)
{
    const struct item *it = &lk->it[k];
    enum gz_country_kind how;
    const struct gz_country *cn;
    const char *lkey = f->key;
    char ckey[GZ_NAME_BUF];
    int kl;

    /* "America Inc" is a company: an organisation's key for
     * countries keeps its legal form */
    if (f->type == 1 && (kl = gz_name_key(it->name, strlen(it->name), "LOC", ckey,
                                          sizeof ckey)) > 0)
        lkey = ckey;
    cn = gz_countries_find(lk->names->countries, lkey, &how);

    if (cn != NULL && (f->type != 1 || how != GZ_COUNTRY_DEMONYM)) {
        kl = gz_name_key(cn->name, strlen(cn->name), "LOC", ckey, sizeof ckey);
        if (kl > 0) {
            f->type = 2;
            f->canonical = cn->name;
            f->key = gz_arena_strndup(lk->arena, ckey, (size_t)kl);
            f->country = cn->code;
            f->fixed = 1;
        }
    }
}

/* A name of the alias file is filed under its canonical name. */
static void file_alias(struct linking *lk, struct filing *f)
{
    const struct gz_alias *a = gz_aliases_find(lk->names->aliases, named_types[f->type], f->key);

    if (a != NULL) {
        f->canonical = a->canonical;
        f->key = a->key;
        f->fixed = 1;
    }
}

/* The cluster of (f->type, f->key), new if there is none; mention k is
 * the first of a new one. */
static int cluster_of(struct linking *lk, struct table *clusters, size_t k,
                      const struct filing *f)
{
    struct cluster *c = lk->c;
    uint64_t h = f->key == lk->it[k].key ? lk->it[k].hash : gz_hash64(f->key, strlen(f->key));
    size_t at;
    int i;

    for (at = (h ^ (uint64_t)f->type) & clusters->mask; (i = clusters->slot[at]) >= 0;
         at = (at + 1) & clusters->mask)
        if (c[i].hash == h && c[i].type == f->type && strcmp(c[i].key, f->key) == 0)
            break;
    if (i < 0) {
        i = lk->nc++;
        clusters->slot[at] = i;
        memset(&c[i], 0, sizeof(c[i]));
        c[i].type = f->type;
        c[i].key = f->key;
        c[i].canonical = f->canonical;
        c[i].country = f->country;
        c[i].fixed = f->fixed;
        c[i].first = (int)k;
        c[i].link = -1;
        split_key(&c[i]);
    } else if (!c[i].fixed && better_spelling(f->canonical, c[i].canonical)) {
        c[i].canonical = f->canonical;
    }
    return i;
}

/* 3. clusters by (type, key), with countries and aliases first */
static void make_clusters(struct linking *lk)
{
    struct item *it = lk->it;
    struct table clusters;
    size_t k;
    int i;

    table_init(&clusters, lk->n, lk->work);
    for (k = 0; k < lk->n; k++) {
        struct filing f = {it[k].type, it[k].key, it[k].name, NULL, 0};

        if (f.type < 0)
            continue;
        if (lk->names->countries != NULL && f.type != 0)
            file_country(lk, k, &f);
        if (!f.fixed && lk->names->aliases != NULL)
            file_alias(lk, &f);
        it[k].type = f.type;
        i = cluster_of(lk, &clusters, k, &f);
        lk->c[i].mentions++;
        lk->c[i].complete |= gz_name_has_legal_form(it[k].name, strlen(it[k].name));
        it[k].cluster = i;
    }
}

/* 4. shorter names link to the one longer name they fit, longest first */
static void link_shorter_names(struct linking *lk)
{
    struct cluster *c = lk->c;
    int t, i;

    build_index(c, lk->nc, &lk->ix);
    for (t = MAX_WORDS; t >= 1; t--)
        for (i = 0; i < lk->nc; i++) {
            int r;
            if (c[i].nwords != t || c[i].fixed || c[i].country != NULL)
                continue;
            r = find_target(c, &lk->ix, i, c[i].type, lk->it[c[i].first].name);
            if (r >= 0)
                c[i].link = r;
            else if (r == -2)
                c[i].ambiguous = 1;
        }
}

/* The country (not a demonym) cluster i's name is, or NULL. */
static const struct gz_country *country_named(const struct linking *lk, int i)
{
    const struct cluster *c = &lk->c[i];
    enum gz_country_kind how;
    const struct gz_country *cn;
    char ckey[GZ_NAME_BUF];

    if (gz_name_key(c->canonical, strlen(c->canonical), "LOC", ckey, sizeof ckey) <= 0 ||
        (cn = gz_countries_find(lk->names->countries, ckey, &how)) == NULL ||
        how == GZ_COUNTRY_DEMONYM)
        return NULL;
    return cn;
}

/* 4b. a person's name that is a country's name or short form joins that
 * country when the article names it otherwise too ("Holland" tagged
 * PERSON next to "Dutch" and "the Netherlands"); a person it fits
 * ("Tom Holland") took it in step 4 */
static void join_countries(struct linking *lk)
{
    struct cluster *c = lk->c;
    int *countries = work_ints(lk, (size_t)lk->nc), n_countries = 0, i, j;
    size_t k;

    for (j = 0; j < lk->nc; j++)
        if (c[j].country != NULL)
            countries[n_countries++] = j;
    for (i = 0; lk->names->countries != NULL && i < lk->nc; i++) {
        const struct gz_country *cn;

        if (c[i].type != 0 || c[i].link >= 0 || c[i].ambiguous ||
            (cn = country_named(lk, i)) == NULL)
            continue;
        for (k = 0; k < (size_t)n_countries; k++) {
            j = countries[k];
            if (j != i && strcmp(c[j].country, cn->code) == 0) {
                c[i].link = root(c, j);
                break;
            }
        }
    }
}

/* The entity of type t cluster i fits as a shorter name (*shorter = 1) or
 * by the same key (*shorter = 0); -1 none, -2 several. */
static int other_type_target(const struct linking *lk, int i, int t, int *shorter)
{
    const struct cluster *c = lk->c;
    int r = find_target(c, &lk->ix, i, t, lk->it[c[i].first].name), j;

    *shorter = 1;
    if (r == -1) {
        size_t at, end = ix_range(&lk->ix, ix_key(IX_KEY, t, (uint32_t)c[i].hash), &at);

        *shorter = 0;
        for (; at < end; at++) {        /* the same key under another type */
            j = lk->ix.e[at].cluster;
            if (j != i && c[j].type == t && c[j].hash == c[i].hash &&
                strcmp(c[j].key, c[i].key) == 0)
                r = root(c, j);
        }
    }
    return r;
}

/* The one entity of another type cluster i joins by step 5, or -1. */
static int other_type_entity(const struct linking *lk, int i, const int *total)
{
    const struct cluster *c = lk->c;
    int best = -1, several = 0, t;

    for (t = 0; t < N_TYPES; t++) {
        int r, shorter;
        if (t == c[i].type)
            continue;
        r = other_type_target(lk, i, t, &shorter);
        if (r < 0 || r == i || total[r] < c[i].mentions ||
            (total[r] == c[i].mentions && !(shorter && (t == 0 || c[i].type == 0))))
            continue;
        several |= best >= 0 && best != r;
        best = r;
    }
    return best >= 0 && !several ? best : -1;
}

/* 5. a name of the wrong type joins the one entity of another type it
 * fits when that had more mentions after step 4 ("Reagan" ORG next to
 * PERSON "Ronald Reagan" said ten times), or as many when it is the
 * shorter name of a person ("Guterres" LOC after PERSON "Antonio
 * Guterres") or a person's name that is the start of an organisation's
 * ("Schneider" PERSON after ORG "Schneider Electric SA"); not a place on
 * a tie ("Portland" and "Portland Merchants Exchange"), nor the same
 * name under two types */
static void join_other_types(struct linking *lk)
{
    struct cluster *c = lk->c;
    int *total = work_ints(lk, (size_t)lk->nc), i, r;

    for (i = 0; i < lk->nc; i++)
        total[root(c, i)] += c[i].mentions;
    for (i = 0; i < lk->nc; i++) {
        if (c[i].link >= 0 || c[i].ambiguous || c[i].country != NULL)
            continue;
        r = other_type_entity(lk, i, total);
        if (r >= 0)
            c[i].link = r;
    }
}

/* 6. entities in the order of their first mention */
static void make_entities(struct linking *lk, struct gz_doc_entities *out)
{
    struct cluster *c = lk->c;
    size_t k;
    int i, ne = 0;

    for (i = 0; i < lk->nc; i++)
        c[i].entity = -1;
    out->entities = gz_arena_alloc(lk->arena, (size_t)(lk->nc ? lk->nc : 1) *
                                              sizeof(*out->entities));
    for (k = 0; k < lk->n; k++) {
        struct cluster *r;

        out->links[k].entity = -1;
        out->links[k].type = lk->m[k].type;
        out->links[k].role = lk->it[k].role ? lk->it[k].role : "";
        if (lk->it[k].cluster < 0)
            continue;
        r = &c[root(c, lk->it[k].cluster)];
        if (r->entity < 0) {
            struct gz_entity *e = &out->entities[ne];
            e->kind = named_types[r->type];
            e->canonical = r->canonical;
            e->key = r->key;
            e->country = r->country;
            e->ambiguous = r->ambiguous;
            r->entity = ne++;
        }
        out->entities[r->entity].mentions++;
        out->links[k].entity = r->entity;
        out->links[k].type = named_types[r->type];
    }
    out->n_entities = (size_t)ne;
}

int gz_coref_article(const struct gz_mention *m, size_t n, const struct gz_names *names,
                     struct gz_arena *arena, struct gz_doc_entities *out)
{
    static const struct gz_names none = {NULL, NULL};
    struct linking lk = {0};
    const int *legal;

    lk.m = m;
    lk.n = n;
    lk.names = names != NULL ? names : &none;
    lk.arena = arena;
    lk.work = gz_arena_new();
    lk.it = gz_arena_alloc(lk.work, (n ? n : 1) * sizeof(*lk.it));
    lk.c = gz_arena_alloc(lk.work, (n ? n : 1) * sizeof(*lk.c));
    out->links = gz_arena_alloc(arena, (n ? n : 1) * sizeof(*out->links));
    out->entities = NULL;
    out->n_entities = 0;

    read_names(&lk);
    legal = companies_by_legal_form(&lk);
    one_type_per_name(&lk, legal);
    make_clusters(&lk);
    link_shorter_names(&lk);
    join_countries(&lk);
    join_other_types(&lk);
    make_entities(&lk, out);

    gz_free(lk.ix.e);
    gz_arena_free(lk.work);
    return 0;
}
