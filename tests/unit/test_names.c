/*
 * test_names.c - golden cases for src/names/ (canonical names, keys,
 * countries, aliases, coreference), kept as data in tests/data/names/.
 *
 * Each NAME.tsv holds one case a line: input fields, a TAB, the expected
 * result; '#' lines and blank lines are skipped; "\n" and "\t" in a field
 * stand for a line break and a TAB. Every failing case is reported as
 * "FILE:LINE: input: expected ..., got ..." and the test fails once at the
 * end; a missing file, or one without cases, fails too. "\r" and "\xHH"
 * stand for a carriage return and any byte. Adding a case is
 * adding a line.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "gztest.h"
#include "names/aliases.h"
#include "names/canonical.h"
#include "names/coref.h"
#include "names/countries.h"
#include "names/role.h"
#include "text/utf8.h"

#define DATA_DIR      "tests/data/names/"
#define COUNTRIES_CSV "fixtures/gazetteers/countries.csv"
#define ALIASES_CSV   "fixtures/gazetteers/aliases.csv"
#define MAX_FIELDS    8

TestSuite(names, .fini = gzt_cleanup);

/* Result of one case as text (malloc'd), from its input fields. */
typedef char *(*case_fn)(char **in, int n);

static void unescape(char *s)
{
    char *o = s;

    for (; *s; s++) {
        if (s[0] == '\\' && s[1] == 'x' && s[2] && s[3]) {
            char hex[3] = {s[2], s[3], 0};
            *o++ = (char)strtol(hex, NULL, 16);
            s += 3;
        } else if (s[0] == '\\' && (s[1] == 'n' || s[1] == 't' || s[1] == 'r')) {
            *o++ = s[1] == 'n' ? '\n' : s[1] == 't' ? '\t' : '\r';
            s++;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
}

/* Run every case of DATA_DIR/file (n_in input fields each); fail once,
 * listing every failing case, or when the file has fewer than min cases. */
static void run_cases(const char *file, int n_in, case_fn fn, int min)
{
    char path[256], *line = NULL, *report = NULL;
    size_t cap = 0, report_len = 0;
    FILE *f, *rep;
    long lineno = 0;
    int cases = 0, failures = 0;

    snprintf(path, sizeof path, DATA_DIR "%s", file);
    f = fopen(path, "r");
    cr_assert_not_null(f, "%s: cannot open (run the tests from the repository root)", path);
    rep = open_memstream(&report, &report_len);
    while (getline(&line, &cap, f) > 0) {
        char *fields[MAX_FIELDS], *p = line, *got, *raw;
        int n = 0;

        lineno++;
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        raw = strdup(line);
        while (n < MAX_FIELDS) {
            fields[n++] = p;
            if ((p = strchr(p, '\t')) == NULL)
                break;
            *p++ = '\0';
        }
        cases++;
        if (n != n_in + 1) {
            fprintf(rep, "%s:%ld: expected %d fields, found %d\n", path, lineno, n_in + 1, n);
            failures++;
            free(raw);
            continue;
        }
        for (int i = 0; i < n; i++)
            unescape(fields[i]);
        got = fn(fields, n_in);
        if (strcmp(got, fields[n_in]) != 0) {
            *strrchr(raw, '\t') = '\0';      /* the input, as the file writes it */
            fprintf(rep, "%s:%ld: %s: expected \"%s\", got \"%s\"\n", path, lineno, raw,
                    fields[n_in], got);
            failures++;
        }
        free(got);
        free(raw);
    }
    free(line);
    fclose(f);
    fclose(rep);
    cr_expect_eq(failures, 0, "%s: %d of %d cases fail:\n%s", path, failures, cases, report);
    cr_assert_geq(cases, min, "%s: %d cases, expected at least %d", path, cases, min);
    free(report);
}

static const char *type_of(const char *s)
{
    return strcmp(s, "-") == 0 ? NULL : s;
}

/* ---- shared tables -------------------------------------------------------- */

static struct gz_countries *countries(void)
{
    static struct gz_countries *c;
    struct gz_error err = {0};

    if (c == NULL)
        cr_assert_eq(gz_countries_load(COUNTRIES_CSV, &c, &err), 0, "%s", err.msg);
    return c;
}

static struct gz_aliases *aliases(void)
{
    static struct gz_aliases *al;
    struct gz_error err = {0};

    if (al == NULL) {
        al = gz_aliases_new();
        cr_assert_eq(gz_aliases_load(al, ALIASES_CSV, &err), 0, "%s", err.msg);
    }
    return al;
}

/* ---- canonical names and keys ----------------------------------------------- */

/* TYPE, surface -> "name" or "name | role" */
static char *canonical_case(char **in, int n)
{
    char buf[GZ_NAME_BUF], *out;
    struct gz_name nm;

    (void)n;
    if (gz_name_canonical(in[1], strlen(in[1]), type_of(in[0]), countries(), buf, sizeof buf,
                          &nm) < 0)
        return strdup("(error)");
    if (nm.role_len == 0)
        return strdup(nm.name);
    cr_assert_eq(asprintf(&out, "%s | %s", nm.name, nm.role) > 0, 1);
    return out;
}

Test(names, canonical)
{
    run_cases("canonical.tsv", 2, canonical_case, 30);
}

/* TYPE, surface -> key of its display name */
static char *key_case(char **in, int n)
{
    char buf[GZ_NAME_BUF], key[GZ_NAME_BUF];
    struct gz_name nm;
    const char *type = type_of(in[0]);

    (void)n;
    if (gz_name_canonical(in[1], strlen(in[1]), type, countries(), buf, sizeof buf, &nm) < 0 ||
        gz_name_key(nm.name, nm.name_len, type, key, sizeof key) < 0)
        return strdup("(error)");
    return strdup(key);
}

Test(names, keys)
{
    run_cases("keys.tsv", 2, key_case, 30);
}

/* text with the person's span in brackets -> the role before it, or "-" */
static char *role_case(char **in, int n)
{
    char text[1024], role[GZ_NAME_BUF];
    const char *open = strchr(in[0], '['), *close = strchr(in[0], ']');
    size_t at, len;

    (void)n;
    if (open == NULL || close == NULL || close < open)
        return strdup("(no [name] in the case)");
    at = (size_t)(open - in[0]);
    len = (size_t)(close - open - 1);
    snprintf(text, sizeof text, "%.*s%.*s%s", (int)at, in[0], (int)len, open + 1, close + 1);
    if (gz_name_role_before(text, at, len, countries(), role, sizeof role) == 0)
        return strdup("-");
    return strdup(role);
}

Test(names, roles_before_the_name)
{
    run_cases("roles.tsv", 1, role_case, 15);
}

Test(names, canonical_refuses_what_it_cannot_hold)
{
    char big[GZ_NAME_MAX + 2], buf[GZ_NAME_BUF], small[8];
    struct gz_name nm;

    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    cr_expect_eq(gz_name_canonical(big, strlen(big), "ORG", NULL, buf, sizeof buf, &nm), -1);
    cr_expect_eq(gz_name_key(big, strlen(big), "ORG", buf, sizeof buf), -1);
    cr_expect_eq(gz_name_canonical("\xff\xfe", 2, "ORG", NULL, buf, sizeof buf, &nm), -1);
    cr_expect_eq(gz_name_key("Occidental Petroleum", 20, "ORG", small, sizeof small), -1);
    cr_expect_eq(gz_name_canonical("Occidental", 10, "ORG", NULL, small, sizeof small, &nm), -1);
    cr_expect_eq(gz_name_key("...", 3, "ORG", buf, sizeof buf), 0);
    cr_expect_str_eq(buf, "");
}

/* The longest surface accepted: every code point a 4-byte one that
 * decomposes, so the buffers' bounds are reached. */
Test(names, long_surfaces_fit_the_buffers)
{
    char s[GZ_NAME_MAX + 1], buf[GZ_NAME_BUF];
    struct gz_name nm;
    size_t i;

    for (i = 0; i + 3 < GZ_NAME_MAX; i += 3)
        memcpy(s + i, "\xef\xac\x83", 3);        /* U+FB03 ffi ligature */
    s[i] = '\0';
    cr_assert_eq(gz_name_canonical(s, i, "ORG", NULL, buf, sizeof buf, &nm), 0);
    cr_assert_eq(nm.name_len, i);
    cr_assert_eq(gz_name_key(s, i, "ORG", buf, sizeof buf), (int)i);   /* "ffi" each */
}

/* ---- countries ------------------------------------------------------------------ */

/* surface -> "CODE Name (kind)" or "-" */
static char *country_case(char **in, int n)
{
    static const char *const kinds[] = {"name", "short", "demonym", "historical"};
    char buf[GZ_NAME_BUF], key[GZ_NAME_BUF], *out;
    const struct gz_country *c;
    enum gz_country_kind kind;
    struct gz_name nm;

    (void)n;
    if (gz_name_canonical(in[0], strlen(in[0]), "LOC", countries(), buf, sizeof buf, &nm) < 0 ||
        gz_name_key(nm.name, nm.name_len, "LOC", key, sizeof key) < 0)
        return strdup("(error)");
    if ((c = gz_countries_find(countries(), key, &kind)) == NULL)
        return strdup("-");
    cr_assert_eq(asprintf(&out, "%s %s (%s)", c->code, c->name, kinds[kind]) > 0, 1);
    return out;
}

Test(names, countries)
{
    run_cases("countries.tsv", 1, country_case, 30);
}

Test(names, every_iso_country_has_a_code_and_a_name)
{
    struct gz_countries *c = NULL;
    struct gz_error err = {0};
    size_t i;

    cr_assert_geq(gz_iso_countries_count, 249, "iso-codes gave %zu countries",
                  gz_iso_countries_count);
    cr_assert_eq(gz_countries_load(NULL, &c, &err), 0, "%s", err.msg);
    cr_expect_eq(gz_countries_count(c), gz_iso_countries_count);
    for (i = 0; i < gz_iso_countries_count; i++) {
        const struct gz_country *k = gz_countries_by_code(c, gz_iso_countries[i].alpha2);
        cr_assert_not_null(k, "%s", gz_iso_countries[i].alpha2);
        cr_expect_gt(strlen(k->name), 0);
    }
    gz_countries_free(c);
    cr_expect_gt(gz_countries_count(countries()), gz_iso_countries_count);  /* SU, DD, ... */
}

/* ---- aliases ------------------------------------------------------------------------ */

/* KIND, surface -> canonical name of the entity, or "-" */
static char *alias_case(char **in, int n)
{
    char buf[GZ_NAME_BUF], key[GZ_NAME_BUF];
    const struct gz_alias *a;
    struct gz_name nm;

    (void)n;
    if (gz_name_canonical(in[1], strlen(in[1]), in[0], countries(), buf, sizeof buf, &nm) < 0 ||
        gz_name_key(nm.name, nm.name_len, in[0], key, sizeof key) < 0)
        return strdup("(error)");
    a = gz_aliases_find(aliases(), in[0], key);
    return strdup(a ? a->canonical : "-");
}

Test(names, aliases)
{
    run_cases("aliases.tsv", 2, alias_case, 15);
}

/* loader ("aliases" or "countries"), file content -> the error, with
 * FILE for the file's path, or "ok" */
static char *load_error_case(char **in, int n)
{
    static int serial;
    struct gz_error err = {0};
    char name[32], *path, *out, *at;
    int rc;

    (void)n;
    snprintf(name, sizeof name, "case%d.csv", serial++);
    path = gzt_write(gzt_tmpdir(), name, in[1]);
    if (strcmp(in[0], "aliases") == 0) {
        struct gz_aliases *al = gz_aliases_new();
        rc = gz_aliases_load(al, path, &err);
        gz_aliases_free(al);
    } else {
        struct gz_countries *c = NULL;
        rc = gz_countries_load(path, &c, &err);
        gz_countries_free(c);
    }
    if (rc == 0) {
        free(path);
        return strdup("ok");
    }
    if (strncmp(err.msg, path, strlen(path)) == 0) {
        cr_assert_eq(asprintf(&out, "FILE%s", err.msg + strlen(path)) > 0, 1);
    } else {
        out = strdup(err.msg);
    }
    while ((at = strchr(out, '\n')) != NULL)    /* detail/hint lines: one line for the TSV */
        *at = '|';
    free(path);
    return out;
}

Test(names, load_errors)
{
    run_cases("load_errors.tsv", 2, load_error_case, 10);
}

Test(names, shipped_gazetteers_load)
{
    cr_expect_geq(gz_aliases_count(aliases()), 50);
    cr_expect_geq(gz_countries_keys(countries()), 500, "%zu keys", gz_countries_keys(countries()));
}

Test(names, missing_files_are_errors)
{
    struct gz_aliases *al = gz_aliases_new();
    struct gz_countries *c = NULL;
    struct gz_error err = {0};

    cr_expect_eq(gz_aliases_load(al, "tests/data/names/no-such.csv", &err), -1);
    cr_expect(strstr(err.msg, "tests/data/names/no-such.csv: ") == err.msg, "%s", err.msg);
    cr_expect_eq(err.code, EX_NOINPUT);
    cr_expect_eq(gz_countries_load("tests/data/names/no-such.csv", &c, &err), -1);
    cr_expect_null(c);
    gz_aliases_free(al);
}

/* ---- in-document linking ------------------------------------------------------ */

/* "TYPE surface ; TYPE surface ; ..." -> "links || entities": links are the
 * mentions' entity numbers ("-" for none), entities "KIND canonical" with
 * " [CC]" for a country and " ?" when ambiguous, joined by " | ". */
static char *coref_case(char **in, int n)
{
    struct gz_arena *arena = gz_arena_new();
    struct gz_mention m[64];
    struct gz_names names = {countries(), aliases()};
    struct gz_doc_entities de;
    char *text = gz_arena_strdup(arena, in[0]), *p = text, *out = NULL;
    size_t nm = 0, i, size = 0;
    FILE *f;

    (void)n;
    memset(m, 0, sizeof m);
    while (p != NULL && nm < 64) {
        char *end = strstr(p, " ; "), *sp;
        if (end != NULL)
            *end = '\0';
        sp = strchr(p, ' ');
        cr_assert_not_null(sp, "a mention is \"TYPE surface\": %s", p);
        *sp = '\0';
        m[nm].type = p;
        m[nm].surface = sp + 1;
        nm++;
        p = end ? end + 3 : NULL;
    }
    cr_assert_eq(gz_coref_article(m, nm, &names, arena, &de), 0);
    f = open_memstream(&out, &size);
    for (i = 0; i < nm; i++) {
        if (de.links[i].entity < 0)
            fprintf(f, "%s-", i ? " " : "");
        else
            fprintf(f, "%s%d", i ? " " : "", de.links[i].entity);
    }
    fprintf(f, " ||");
    for (i = 0; i < de.n_entities; i++) {
        const struct gz_entity *e = &de.entities[i];
        fprintf(f, "%s %s %s%s%s%s%s", i ? " |" : "", e->kind, e->canonical,
                e->country ? " [" : "", e->country ? e->country : "", e->country ? "]" : "",
                e->ambiguous ? " ?" : "");
    }
    fclose(f);
    gz_arena_free(arena);
    return out;
}

Test(names, coref)
{
    run_cases("coref.tsv", 1, coref_case, 15);
}

Test(names, coref_keeps_roles_and_types)
{
    struct gz_arena *arena = gz_arena_new();
    struct gz_mention m[4] = {
        {.surface = "Dutch Prime Minister Mark Rutte", .type = "PERSON"},
        {.surface = "100 mln dlrs", .type = "MONEY"},
        {.surface = "Rutte", .type = "ORG"},
        {.surface = "Rutte", .type = "PERSON"},
    };
    struct gz_names names = {countries(), NULL};
    struct gz_doc_entities de;

    cr_assert_eq(gz_coref_article(m, 4, &names, arena, &de), 0);
    cr_expect_eq(de.n_entities, 1);
    cr_expect_str_eq(de.links[0].role, "Dutch Prime Minister");
    cr_expect_eq(de.links[1].entity, -1);
    cr_expect_str_eq(de.links[1].type, "MONEY");
    cr_expect_eq(de.links[2].entity, 0);
    cr_expect_str_eq(de.links[2].type, "PERSON");
    cr_expect_str_eq(de.entities[0].key, "mark rutte");
    cr_expect_eq(de.entities[0].mentions, 3);
    cr_expect_eq(gz_coref_article(m, 0, NULL, arena, &de), 0);
    cr_expect_eq(de.n_entities, 0);
    gz_arena_free(arena);
}

/* ---- random input ------------------------------------------------------------------ */

/* Surfaces from random pieces (fixed seed), invalid UTF-8 included: the
 * functions return -1 or valid, NUL-terminated UTF-8 of the length they say,
 * and linking never fails. */
Test(names, random_surfaces_keep_invariants)
{
    static const char *const pieces[] = {
        "a", "Z", "9", " ", ".", ",", "'", "-", "&", "Mr", "President", "the", "Corp", "Inc",
        "US", "yy", "iy", "'s", "\xe2\x80\x99", "\xe2\x80\x94", "\xc2\xa0", "\xc4\x9f",
        "g\xcc\x86", "\xef\xac\x83", "\xe5\x8c\x97", "\xc3\x98", "\xe2\x80\x8b", "\"", "\xff",
        "\x80",
    };
    struct gz_arena *arena = gz_arena_new();
    struct gz_names names = {countries(), aliases()};
    struct gz_mention m[8];
    uint64_t rng = 7;
    char s[8][64], buf[GZ_NAME_BUF], key[GZ_NAME_BUF];
    int round, i;

    for (round = 0; round < 3000; round++) {
        for (i = 0; i < 8; i++) {
            size_t len = 0, want;
            struct gz_name nm;
            int k;

            rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
            want = (size_t)(rng >> 33) % 40;
            while (len < want) {
                const char *p;
                rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
                p = pieces[(rng >> 33) % (sizeof pieces / sizeof pieces[0] - (round % 2 ? 2 : 0))];
                memcpy(s[i] + len, p, strlen(p));
                len += strlen(p);
            }
            s[i][len] = '\0';
            m[i].surface = s[i];
            m[i].type = (const char *[]){"PERSON", "ORG", "LOC", "MISC", "MONEY"}[i % 5];
            if (gz_name_canonical(s[i], len, m[i].type, countries(), buf, sizeof buf, &nm) == 0) {
                cr_assert_eq(strlen(nm.name), nm.name_len);
                cr_assert_eq(strlen(nm.role), nm.role_len);
                cr_assert(gz_utf8_valid(nm.name, nm.name_len), "%s", s[i]);
                cr_assert(gz_utf8_valid(nm.role, nm.role_len), "%s", s[i]);
                k = gz_name_key(nm.name, nm.name_len, m[i].type, key, sizeof key);
                cr_assert_geq(k, 0, "%s", s[i]);
                cr_assert_eq(strlen(key), (size_t)k);
                cr_assert(gz_utf8_valid(key, (size_t)k), "%s", s[i]);
            } else {
                cr_assert(round % 2 == 0, "valid UTF-8 refused: %s", s[i]);
            }
        }
        {
            struct gz_doc_entities de;
            size_t j;

            cr_assert_eq(gz_coref_article(m, 8, &names, arena, &de), 0);
            for (j = 0; j < 8; j++)
                cr_assert_lt(de.links[j].entity, (int)de.n_entities);
        }
        gz_arena_free(arena);
        arena = gz_arena_new();
    }
    gz_arena_free(arena);
}
