/*
 * test_ner_features.c - a model only works with the features it was
 * trained on, and GZ_NERFEAT_VERSION (nerfeat.h) is bumped by hand. This
 * test notices a forgotten bump without the training data: the feature
 * hashes of a few fixed sentences, over a small lexicon, must equal the
 * list in tests/data/ner/features.expected, which says the version it was
 * written for.
 *
 *   features changed, version not bumped   -> fails: bump, retrain, rewrite
 *   version bumped, list not rewritten     -> fails: rewrite (and retrain)
 *   version bumped, model not retrained    -> fails: the shipped model is refused
 *
 * Rewrite the list (after bumping the version) with
 *   GZ_NER_FEATURES_WRITE=1 build/tests/unit/test_ner_features
 *
 * The sentences reach every template of nerfeat.c: the first token, a
 * headline in capitals, words of 12 and of more bytes, all eight gazetteer
 * bits, every capitalisation class, word codes, cluster paths of 1 to 24
 * bits, other scripts, title case,
 * modifier letters, non-ASCII digits, symbols, a byte that is not UTF-8, a
 * token longer than the shape and lower-case buffers, a one-token sentence,
 * name-list phrases of one and of several tokens and their neighbours.
 * The sentences are one document (nerdoc.h), and the last one gives words
 * of the others every document bit: a title, a company suffix, a place
 * word, a lower-case "visited", sentence-initial and capitalised runs.
 * A second document, a sports report (its headline opens with SOCCER),
 * reaches the sports features. A change that moves no hash of these
 * tokens (a threshold no token sits on) goes unnoticed; add a sentence
 * for it.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "ner/ner_model.h"
#include "ner/nerdoc.h"
#include "ner/nerfeat.h"
#include "ner/table.h"

#define EXPECTED "tests/data/ner/features.expected"
#define REWRITE "GZ_NER_FEATURES_WRITE=1 build/tests/unit/test_ner_features"

static const char *const sentences[] = {
    "Peter Blackburn visited BRUSSELS on 26 March 1987 .",
    "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .",
    "Blair told Taiwan 's internationalisation panel in Hong Kong , Johannesburg and Z\xc3\xbcrich"
    " : US$ 5.5 mln ( 2.3 % ) .",
    "\xe6\x9d\xb1\xe4\xba\xac \xce\x95\xce\xbb\xce\xbb\xce\xac\xce\xb4\xce\xb1"  /* 東京 Ελλάδα */
    " \xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3 \xd9\xa1\xd9\xa9\xd9\xa8\xd9\xa7"     /* ＡＢＣ ١٩٨٧ */
    " \xe2\x82\xac \xc7\x85" "emal \xe3\x83\xbc a\xff" "b"                       /* € ǅemal ー */
    " http://www.example.com/a/very/long/path/that/goes/on/and/on/past/sixty-four/bytes",
    "Reuters",
    "Ms. Tarlo of Acme Corp. flew to New York City and new york from Hong Kong .",
    "Blackburn met Mr Blackburn of Acme Inc in Taiwan and Japan ; Visited Acme .",
};

#define NSENTS (sizeof sentences / sizeof *sentences)

static const char *const sports_report[] = {
    "SOCCER - BOLTON BEAT JAPAN IN NEW YORK .",
    "Bolton 2 Japan 1 ( Peter Blackburn 26th ) at Hong Kong , Blair visited Taiwan .",
};

#define NSPORTS (sizeof sports_report / sizeof *sports_report)

/* Lexicon values (nerlex.h): gazetteer bits of words as written, the
 * capitalisation class and word code of lower-cased words. */
#define CAPS(c) ((uint32_t)(c) << 8)
#define CODE(c) (GZ_LEX_HAS_CODE | (uint32_t)(c) << 16)
static const struct { const char *word; uint32_t value; } lexicon[] = {
    { "Peter", GZ_LEX_PER_FIRST },
    { "Blackburn", GZ_LEX_PER_FIRST | GZ_LEX_PER_INNER },
    { "Blair", GZ_LEX_PER_FIRST },
    { "Hong", GZ_LEX_GEO_FIRST | GZ_LEX_ORG_FIRST },
    { "Kong", GZ_LEX_GEO_INNER | GZ_LEX_ORG_INNER },
    { "Taiwan", GZ_LEX_GPE | GZ_LEX_GEO_FIRST },
    { "Z\xc3\xbcrich", GZ_LEX_OTHER },
    { "peter", CAPS(GZ_CAPS_ALWAYS) | CODE(0xf0f0) },
    { "japan", CAPS(GZ_CAPS_ALWAYS) | CODE(0x5a3c) },
    { "taiwan", CAPS(GZ_CAPS_ALWAYS) | CODE(0x5a1c) },
    { "visited", CAPS(GZ_CAPS_NEVER) | CODE(0x8001) },
    { "march", GZ_LEX_OTHER | CAPS(GZ_CAPS_OFTEN) },
    { "soccer", CAPS(GZ_CAPS_RARELY) | CODE(0x1234) },
    { "us$", CAPS(GZ_CAPS_ACRONYM) },
    { "told", CAPS(GZ_CAPS_UNKNOWN) | CODE(0x0001) },
};

/* Name-list phrases (nerlex.h), entered under their phrase keys. */
#define MORE GZ_LIST_MORE
static const struct { const char *phrase; uint32_t value; } phrases[] = {
    { "ms.", GZ_LIST_TITLE },
    { "mr", GZ_LIST_TITLE },
    { "corp.", GZ_LIST_ORGWORD },
    { "peter", GZ_LIST_FIRST },
    { "blair", GZ_LIST_LAST | GZ_LIST_FIRST | GZ_LIST_STYLE },
    { "japan", GZ_LIST_COUNTRY },
    { "new", MORE },
    { "new york", MORE | GZ_LIST_CITY | GZ_LIST_REGION },
    { "new york city", GZ_LIST_CITY },
    { "hong", MORE },
    { "hong kong", GZ_LIST_CITY | GZ_LIST_ORG | GZ_LIST_DEMONYM },
};

/* Cluster paths of lower-cased words (GZ_LEX_CLUSTER_KEY). */
#define PATH(len, bits) ((uint32_t)(len) << 24 | (uint32_t)(bits) << (GZ_LEX_PATH_MAX - (len)))
static const struct { const char *word; uint32_t value; } paths[] = {
    { "japan", PATH(10, 0x1ba) },
    { "taiwan", PATH(10, 0x1bb) },
    { "peter", PATH(24, 0xabcdef) },
    { "told", PATH(1, 1) },
    { "kong", PATH(5, 0x13) },
};

#define LEX_SLOTS 128
static uint32_t lex_keys[LEX_SLOTS], lex_vals[LEX_SLOTS];

/* Laid out as gz_nerlex_build lays out its words (hash with bit 0 set). */
static void enter(uint64_t h, uint32_t value)
{
    uint32_t s = gz_ner_table_place(lex_keys, LEX_SLOTS - 1, h | 1, 0);

    lex_keys[s] = gz_ner_table_key(h | 1);
    lex_vals[s] = value;
}

/* Key of a lower-case phrase: its space-separated words chained. */
static uint64_t phrase_key(const char *p)
{
    uint64_t key = 0;

    while (*p != '\0') {
        size_t len = strcspn(p, " ");
        key = gz_nerlex_phrase_key(key, gz_nerfeat_hash(p, len));
        p += len + (p[len] == ' ');
    }
    return key;
}

static struct gz_nerlex small_lexicon(void)
{
    struct gz_nerlex l = { lex_keys, lex_vals, LEX_SLOTS };
    size_t i;

    memset(lex_keys, 0, sizeof lex_keys);
    for (i = 0; i < sizeof lexicon / sizeof *lexicon; i++)
        enter(gz_nerfeat_hash(lexicon[i].word, strlen(lexicon[i].word)), lexicon[i].value);
    for (i = 0; i < sizeof phrases / sizeof *phrases; i++)
        enter(phrase_key(phrases[i].phrase), phrases[i].value);
    for (i = 0; i < sizeof paths / sizeof *paths; i++)
        enter(GZ_LEX_CLUSTER_KEY(gz_nerfeat_hash(paths[i].word, strlen(paths[i].word))),
              paths[i].value);
    enter(GZ_LEX_HAS_CLUSTERS_KEY, 1);
    return l;
}

/* One line per token of the document sents[0..nsents) to f: label,
 * sentence.token, the token (bytes outside printable ASCII as \xNN),
 * its feature hashes in hex. */
static void render_doc(FILE *f, const struct gz_nerlex *lex, const char *const *sents,
                       size_t nsents, const char *label)
{
    struct gz_ner_tok tok[256];
    struct gz_nerfeat_word w[256];
    size_t starts[16], ntok = 0, s;

    cr_assert(nsents < sizeof starts / sizeof *starts);
    for (s = 0; s < nsents; s++) {
        const char *p = sents[s];

        starts[s] = ntok;
        while (*p != '\0') {
            size_t len = strcspn(p, " ");
            tok[ntok].s = p;
            tok[ntok++].n = len;
            p += len + (p[len] == ' ');
        }
        gz_nerfeat_prepare(tok + starts[s], ntok - starts[s], lex, w + starts[s]);
    }
    starts[nsents] = ntok;
    gz_nerdoc_mark(tok, w, starts, nsents);
    for (s = 0; s < nsents; s++) {
        const struct gz_ner_tok *st = tok + starts[s];
        size_t n = starts[s + 1] - starts[s], i, j;

        for (i = 0; i < n; i++) {
            uint64_t feats[GZ_NERFEAT_MAX];
            size_t nf = gz_nerfeat_extract(st, w + starts[s], n, i, feats);
            fprintf(f, "%s%zu.%zu ", label, s + 1, i + 1);
            for (j = 0; j < st[i].n; j++) {
                unsigned char c = (unsigned char)st[i].s[j];
                if (c > ' ' && c < 0x7f && c != '\\') fputc(c, f);
                else fprintf(f, "\\x%02x", c);
            }
            for (j = 0; j < nf; j++)
                fprintf(f, " %016llx", (unsigned long long)feats[j]);
            fputc('\n', f);
        }
    }
}

/* "version N" and then the tokens of the two documents. */
static char *render(void)
{
    struct gz_nerlex lex = small_lexicon();
    char *out = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&out, &size);

    fprintf(f, "# feature hashes of the sentences of tests/unit/test_ner_features.c\n");
    fprintf(f, "version %d\n", GZ_NERFEAT_VERSION);
    render_doc(f, &lex, sentences, NSENTS, "");
    render_doc(f, &lex, sports_report, NSPORTS, "sports ");
    fclose(f);
    return out;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    cr_assert_not_null(f, "cannot open %s (run the tests from the repository root)", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = gz_xmalloc((size_t)n + 1);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Line number (1-based) of the first line where a and b differ, or 0. */
static int first_difference(const char *a, const char *b, const char **la, const char **lb)
{
    int line = 1;

    *la = a;
    *lb = b;
    for (;;) {
        size_t na = strcspn(*la, "\n"), nb = strcspn(*lb, "\n");
        if (na != nb || memcmp(*la, *lb, na) != 0 || (*la)[na] != (*lb)[nb])
            return line;
        if ((*la)[na] == '\0')
            return 0;
        *la += na + 1;
        *lb += nb + 1;
        line++;
    }
}

Test(ner_features, hashes_match_the_list_of_this_feature_version)
{
    char *got = render(), *want;
    const char *v, *lg, *lw;
    int version = -1, line;

    if (getenv("GZ_NER_FEATURES_WRITE") != NULL) {
        FILE *f = fopen(EXPECTED, "w");
        cr_assert_not_null(f, "cannot write %s", EXPECTED);
        fputs(got, f);
        cr_assert_eq(fclose(f), 0);
    }
    want = slurp(EXPECTED);
    v = strstr(want, "\nversion ");
    cr_assert(v != NULL && sscanf(v, "\nversion %d", &version) == 1,
              "%s: no \"version N\" line", EXPECTED);
    cr_assert_eq(version, GZ_NERFEAT_VERSION,
                 "%s lists the features of version %d, the code is at GZ_NERFEAT_VERSION %d\n"
                 "hint: if the features changed, retrain models/ner-en.bin (`make model`) and "
                 "rewrite the list: " REWRITE,
                 EXPECTED, version, GZ_NERFEAT_VERSION);
    line = first_difference(got, want, &lg, &lw);
    cr_assert_eq(line, 0,
                 "%s:%d: the feature hashes differ, but GZ_NERFEAT_VERSION is still %d\n"
                 "  expected: %.*s\n  computed: %.*s\n"
                 "hint: the features changed, so models trained on the old ones no longer "
                 "fit: bump GZ_NERFEAT_VERSION in src/ner/nerfeat.h, retrain models/ner-en.bin "
                 "(`make model`) and rewrite the list: " REWRITE,
                 EXPECTED, line, GZ_NERFEAT_VERSION, (int)strcspn(lw, "\n"), lw,
                 (int)strcspn(lg, "\n"), lg);
    free(got);
    gz_free(want);
}

Test(ner_features, shipped_model_has_this_feature_version)
{
    struct gz_ner_model *m = NULL;
    struct gz_error err = {0};

    cr_assert_eq(gz_ner_model_load("models/ner-en.bin", &m, &err), 0, "%s", err.msg);
    gz_ner_model_free(m);
}
