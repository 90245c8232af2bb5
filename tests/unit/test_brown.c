/*
 * test_brown.c - Brown clusters: words used in the same contexts end in
 * the same cluster and words used elsewhere do not; rare words are left
 * out; the same text gives the same table; bad tables and missing files
 * are errors, not crashes.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "core/mem.h"
#include "ner/brown.h"
#include "ner/nerfeat.h"
#include "ner/nerlex.h"

/* "PRONOUN VERB OBJECT PREPOSITION CITY ." in pseudo-random mixes: words
 * of a class share their contexts. */
static struct gz_brown *make_text(void)
{
    static const char *const pron[] = { "we", "they", "you" };
    static const char *const verb[] = { "sold", "bought", "made", "took",
                                        "gave", "kept", "sent", "found" };
    static const char *const obj[] = { "it", "them" };
    static const char *const prep[] = { "to", "in", "from" };
    static const char *const city[] = { "Paris", "Berlin", "Madrid", "Rome",
                                        "Oslo", "Vienna", "Lima", "Cairo" };
    struct gz_brown *b = gz_brown_new();
    unsigned long x = 1;
    char line[256];
    int i;

    for (i = 0; i < 600; i++) {
        unsigned long r;
        int n;
        x = (x * 1103515245 + 12345) % 2147483648UL;
        r = x / 65536;
        n = snprintf(line, sizeof line, "%s %s %s %s %s .", pron[r % 3], verb[r / 3 % 8],
                     obj[r / 24 % 2], prep[r / 48 % 3], city[r / 144 % 8]);
        gz_brown_add_text(b, line, (size_t)n);
    }
    gz_brown_add_text(b, "zanzibar", 8);               /* seen once */
    return b;
}

/* The path of word in a written table, or "" when it has none. */
static void path_of(const char *table, const char *word, char *out, size_t size)
{
    gzFile f = gzopen(table, "rb");
    char line[256];

    out[0] = '\0';
    cr_assert_not_null(f);
    while (gzgets(f, line, sizeof line) != NULL) {
        char *tab = strchr(line, '\t');
        cr_assert_not_null(tab, "line without a tab: %s", line);
        if ((size_t)(tab - line) == strlen(word) && memcmp(line, word, strlen(word)) == 0) {
            snprintf(out, size, "%.*s", (int)strcspn(tab + 1, "\t"), tab + 1);
            break;
        }
    }
    gzclose(f);
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *buf = gz_xmalloc(1u << 16);

    cr_assert_not_null(f);
    *n = fread(buf, 1, 1u << 16, f);
    fclose(f);
    return buf;
}

Test(brown, same_contexts_same_cluster)
{
    struct gz_brown_opts o;
    struct gz_brown *b = make_text();
    struct gz_error err = {0};
    char paris[64], rome[64], sold[64], took[64], rare[64];
    char path[] = "/tmp/test_brown_XXXXXX";
    int fd = mkstemp(path);

    cr_assert(fd >= 0);
    close(fd);
    gz_brown_defaults(&o);
    o.clusters = 6;
    cr_assert_eq(gz_brown_write(b, &o, path, &err), 0, "%s", err.msg);
    path_of(path, "paris", paris, sizeof paris);
    path_of(path, "cairo", rome, sizeof rome);
    path_of(path, "sold", sold, sizeof sold);
    path_of(path, "took", took, sizeof took);
    path_of(path, "zanzibar", rare, sizeof rare);
    cr_assert(paris[0] != '\0' && sold[0] != '\0');
    cr_assert_str_eq(paris, rome);
    cr_assert_str_eq(sold, took);
    cr_assert_str_neq(paris, sold);
    cr_assert_str_eq(rare, "", "a word seen once must not be clustered");
    gz_brown_free(b);
    unlink(path);
}

Test(brown, same_text_same_bytes)
{
    struct gz_brown_opts o;
    struct gz_error err = {0};
    char p1[] = "/tmp/test_brown_XXXXXX", p2[] = "/tmp/test_brown_XXXXXX";
    struct gz_brown *b;
    char *a, *c;
    size_t na, nc;

    close(mkstemp(p1));
    close(mkstemp(p2));
    gz_brown_defaults(&o);
    o.clusters = 3;
    b = make_text();
    cr_assert_eq(gz_brown_write(b, &o, p1, &err), 0, "%s", err.msg);
    gz_brown_free(b);
    b = make_text();
    cr_assert_eq(gz_brown_write(b, &o, p2, &err), 0, "%s", err.msg);
    gz_brown_free(b);
    a = slurp(p1, &na);
    c = slurp(p2, &nc);
    cr_assert(na > 20);
    cr_assert(na == nc && memcmp(a, c, na) == 0);
    gz_free(a);
    gz_free(c);
    unlink(p1);
    unlink(p2);
}

Test(brown, errors)
{
    struct gz_brown_opts o;
    struct gz_brown *b = gz_brown_new();
    struct gz_error err = {0};

    gz_brown_defaults(&o);
    cr_assert_neq(gz_brown_add_lines(b, "/nonexistent/text.txt", &err), 0);
    cr_assert_eq(err.code, EX_NOINPUT);
    gz_brown_add_text(b, "too little", 10);
    cr_assert_neq(gz_brown_write(b, &o, "/tmp/test_brown_unused.gz", &err), 0);
    cr_assert_eq(err.code, EX_DATAERR);
    gz_brown_free(b);
}

/* The lexicon keeps a table's paths under their own keys, words as written. */
Test(nerlex_clusters, paths_and_bad_tables)
{
    char path[] = "/tmp/test_brown_XXXXXX";
    int fd = mkstemp(path);
    struct gz_nerlex_builder *lb = gz_nerlex_builder_new();
    struct gz_error err = {0};
    struct gz_nerlex lex;
    uint32_t v;
    FILE *f = fdopen(fd, "w");

    fputs("japan\t0110111010\t3097\nThe\t0\t1\n", f);
    fclose(f);
    cr_assert_eq(gz_nerlex_add_clusters(lb, path, &err), 0, "%s", err.msg);
    lex = gz_nerlex_build(lb);
    v = gz_nerlex_get(&lex, GZ_LEX_CLUSTER_KEY(gz_nerfeat_hash("japan", 5)));
    cr_assert_eq(GZ_LEX_PATH_LEN(v), 10);
    cr_assert_eq(GZ_LEX_PATH_BITS(v) >> (GZ_LEX_PATH_MAX - 10), 0x1ba);
    v = gz_nerlex_get(&lex, GZ_LEX_CLUSTER_KEY(gz_nerfeat_hash("The", 3)));
    cr_assert_eq(GZ_LEX_PATH_LEN(v), 1);
    cr_assert_eq(gz_nerlex_get(&lex, GZ_LEX_CLUSTER_KEY(gz_nerfeat_hash("the", 3))), 0,
                 "words are kept as the table writes them");
    cr_assert_eq(gz_nerlex_get(&lex, gz_nerfeat_hash("japan", 5)), 0);
    gz_nerlex_builder_free(lb);

    f = fopen(path, "w");
    fputs("japan\t0110\nbroken line\n", f);
    fclose(f);
    lb = gz_nerlex_builder_new();
    cr_assert_neq(gz_nerlex_add_clusters(lb, path, &err), 0);
    cr_assert_eq(err.code, EX_DATAERR);
    cr_assert(strstr(err.msg, ":2:") != NULL, "%s", err.msg);
    gz_nerlex_builder_free(lb);
    unlink(path);
}

/* --case keep: "Paris" is clustered as written, "paris" does not exist. */
Test(brown, keep_case)
{
    struct gz_brown_opts o;
    struct gz_brown *b = gz_brown_new();
    static const char text[] = "Paris is big . Paris is old . Paris is far . "
                               "Paris is new . Paris is cold . Rome is big .";
    struct gz_error err = {0};
    char upper[64], lower[64];
    char path[] = "/tmp/test_brown_XXXXXX";

    close(mkstemp(path));
    gz_brown_keep_case(b);
    gz_brown_add_text(b, text, sizeof text - 1);
    gz_brown_defaults(&o);
    o.clusters = 2;
    o.min_count = 1;
    cr_assert_eq(gz_brown_write(b, &o, path, &err), 0, "%s", err.msg);
    path_of(path, "Paris", upper, sizeof upper);
    path_of(path, "paris", lower, sizeof lower);
    cr_assert_str_neq(upper, "");
    cr_assert_str_eq(lower, "");
    gz_brown_free(b);
    unlink(path);
}
