/*
 * nerdoc.c - document features of the entity tagger (see nerdoc.h).
 */
#include "ner/nerdoc.h"

#include <stdint.h>
#include <string.h>

#include "core/mem.h"

static const char *const titles[] = {
    "mr", "mrs", "ms", "dr", "prof", "sir", "lord", "lady", "president", "minister",
    "senator", "sen", "gov", "governor", "judge", "gen", "general", "col", "capt", "rev",
    "pope", "king", "queen", "prince", "chairman", NULL,
};
static const char *const company_suffixes[] = {
    "inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "bv", "gmbh", "spa",
    "group", "holdings", NULL,
};
/* First words of a sports report's headline ("SOCCER - ...", "MOTOR
 * RACING - ...", "Tennis - ..."). */
static const char *const sports[] = {
    "soccer", "football", "cricket", "tennis", "baseball", "basketball", "golf", "rugby",
    "cycling", "athletics", "rallying", "motorcycling", "motocross", "badminton", "squash",
    "boxing", "hockey", "skiing", "swimming", "rowing", "yachting", "sailing", "volleyball",
    "handball", "snooker", "judo", "wrestling", "triathlon", "gymnastics", "speedway",
    "nfl", "nba", "nhl", "sport", "sports", NULL,
};
/* Their first words when they take two ("ICE HOCKEY", "HORSE RACING"). */
static const char *const sports_first[] = {
    "ice", "horse", "motor", "american", "australian", "alpine", "nordic", NULL,
};
static const char *const sports_second[] = {
    "hockey", "racing", "football", "rules", "skiing", NULL,
};
static const char *const place_words[] = {
    "in", "at", "near", "from", "into", "outside", "across", NULL,
};

/* Is t one of the lower-case words of list, in any case, with or without
 * a final '.'? */
static int in_list(const struct gz_ner_tok *t, const char *const *list)
{
    size_t n = t->n, i, k;

    if (n > 1 && t->s[n - 1] == '.')
        n--;
    for (k = 0; list[k] != NULL; k++) {
        if (strlen(list[k]) != n)
            continue;
        for (i = 0; i < n; i++) {
            char c = t->s[i];
            if ((c >= 'A' && c <= 'Z' ? (char)(c + 32) : c) != list[k][i])
                break;
        }
        if (i == n)
            return 1;
    }
    return 0;
}

static int capitalised(const struct gz_nerfeat_word *w)
{
    return (w->flags & (GZ_NF_UPPER_INITIAL | GZ_NF_ALL_CAPS)) != 0;
}

/* A word or number, not punctuation: a sentence can restart after ":" or
 * a quote, so a capital there says little. */
static int wordlike(const struct gz_ner_tok *t)
{
    unsigned char c = (unsigned char)t->s[0];

    return t->n > 0 && (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z'));
}

/* What the occurrence t[i] of sentence [a, b) says about its word. */
static unsigned occurrence(const struct gz_ner_tok *t, const struct gz_nerfeat_word *w,
                           size_t a, size_t b, size_t i)
{
    int caps_sentence = (w[i].flags & GZ_NF_CAPS_SENTENCE) != 0;
    int prev_cap = i > a && capitalised(&w[i - 1]), next_cap = i + 1 < b && capitalised(&w[i + 1]);
    unsigned bits = 0;

    if (!capitalised(&w[i]))
        return t[i].n > 0 && t[i].s[0] >= 'a' && t[i].s[0] <= 'z' ? GZ_DOC_LOWER : 0;
    if (i > a && !caps_sentence && wordlike(&t[i - 1]))
        bits |= GZ_DOC_CAP_MID;
    if (i > a && (in_list(&t[i - 1], titles)
                  || (prev_cap && (w[i - 1].gaz & GZ_LEX_PER_FIRST))))
        bits |= GZ_DOC_TITLE;
    if (i + 1 < b && in_list(&t[i + 1], company_suffixes))
        bits |= GZ_DOC_CORP;
    if (i > a && in_list(&t[i - 1], place_words))
        bits |= GZ_DOC_LOCPREP;
    if (!caps_sentence && !prev_cap && next_cap)
        bits |= GZ_DOC_SEQ_FIRST;
    if (!caps_sentence && prev_cap && !next_cap)
        bits |= GZ_DOC_SEQ_LAST;
    return bits;
}

/* Per lower-cased word, how many occurrences set each bit: two bits a
 * count, stopping at 2, which is enough to tell "another one" from "only
 * this one". */
struct slot {
    uint64_t key;
    uint16_t counts;
};

static struct slot *find(struct slot *tab, size_t mask, uint64_t key)
{
    size_t i = (size_t)(key ^ (key >> 31)) & mask;

    key |= 1;
    while (tab[i].key != 0 && tab[i].key != key)
        i = (i + 1) & mask;
    tab[i].key = key;
    return &tab[i];
}

static void count(struct slot *s, unsigned bits)
{
    unsigned k;

    for (k = 0; k < GZ_DOC_NBITS; k++)
        if ((bits & (1u << k)) && ((s->counts >> (2 * k)) & 3u) < 2)
            s->counts = (uint16_t)(s->counts + (1u << (2 * k)));
}

/* The bits some other occurrence sets: count above the token's own. */
static unsigned others(const struct slot *s, unsigned own)
{
    unsigned k, bits = 0;

    for (k = 0; k < GZ_DOC_NBITS; k++)
        if (((s->counts >> (2 * k)) & 3u) > ((own >> k) & 1u))
            bits |= 1u << k;
    return bits;
}

/* Does the sentence t[0..n) open a sports report? */
static int sports_headline(const struct gz_ner_tok *t, size_t n)
{
    if (n > 0 && in_list(&t[0], sports))
        return 1;
    return n > 1 && in_list(&t[0], sports_first) && in_list(&t[1], sports_second);
}

size_t gz_nerdoc_piece(const size_t *starts, size_t nsents)
{
    size_t k = 1;

    while (k < nsents && starts[k + 1] - starts[0] <= GZ_NERDOC_MAX_TOKENS)
        k++;
    return k;
}

void gz_nerdoc_mark(const struct gz_ner_tok *t, struct gz_nerfeat_word *w,
                    const size_t *starts, size_t nsents)
{
    size_t first = starts[0], n = starts[nsents] - first, mask = 15, s, i;
    struct slot *tab;
    uint8_t *own;

    if (n == 0)
        return;
    while (mask + 1 < 2 * n)
        mask = 2 * mask + 1;
    tab = gz_xcalloc(mask + 1, sizeof *tab);
    own = gz_xmalloc(n);
    for (s = 0; s < nsents; s++)
        for (i = starts[s] - first; i < starts[s + 1] - first; i++) {
            own[i] = (uint8_t)occurrence(t, w, starts[s] - first, starts[s + 1] - first, i);
            count(find(tab, mask, w[i].lower), own[i]);
        }
    for (i = 0; i < n; i++)
        w[i].doc = capitalised(&w[i]) ? others(find(tab, mask, w[i].lower), own[i]) : 0;
    if (sports_headline(t, starts[1] - first))
        for (i = 0; i < n; i++)
            w[i].flags |= GZ_NF_SPORT;
    gz_free(own);
    gz_free(tab);
}
