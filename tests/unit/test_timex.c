/*
 * test_timex.c - the temporal tagger against the golden files
 * tests/data/timex/NAME.tsv: one case per line,
 *
 *   reference <TAB> text <TAB> expected
 *
 * where expected is "-" (nothing found) or items joined by " ; ", each
 * "TYPE VALUE", optionally followed by "[start,end)" (the resolved range)
 * and "{surface}" (the exact span). Adding a case is adding a line.
 */
#include <criterion/criterion.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "stages/stage.h"
#include "dates/pubdate.h"
#include "dates/timex.h"

#define MAX_FOUND 16

struct found {
    char items[MAX_FOUND][256];
    int n;
    const char *text;
};

static void fmt_ymd(char *buf, size_t n, struct gz_ymd d)
{
    snprintf(buf, n, "%04d-%02d-%02d", d.year, d.month, d.day);
}

/* Render one expression the way the golden file writes it, with only the
 * parts the expected item asks for. */
static void render(const struct gz_timex *t, const char *text, int with_range,
                   int with_surface, char *out, size_t n)
{
    char a[16], b[16];
    int k = snprintf(out, n, "%s %s", t->type, t->value);

    if (with_range && t->range_start.year) {
        fmt_ymd(a, sizeof(a), t->range_start);
        fmt_ymd(b, sizeof(b), t->range_end);
        k += snprintf(out + k, n - (size_t)k, " [%s,%s)", a, b);
    }
    if (with_surface)
        snprintf(out + k, n - (size_t)k, " {%.*s}", (int)(t->end - t->start), text + t->start);
}

static void collect(const struct gz_timex *t, void *arg)
{
    struct found *f = arg;

    if (f->n < MAX_FOUND)
        render(t, f->text, 1, 1, f->items[f->n++], sizeof(f->items[0]));
}

/* Does the full rendering got match the expected item want (which may
 * leave out the range or the surface)? */
static int item_matches(const char *want, const char *got)
{
    char type[16], value[48], rest[200];
    const char *range = strchr(want, '['), *surface = strchr(want, '{');
    const char *g_range = strchr(got, '['), *g_surface = strchr(got, '{');

    if (sscanf(want, "%15s %47s", type, value) != 2)
        return 0;
    snprintf(rest, sizeof(rest), "%s %s", type, value);
    if (strncmp(got, rest, strlen(rest)) != 0 || (got[strlen(rest)] != ' ' && got[strlen(rest)] != '\0'))
        return 0;
    if (range && (!g_range || strncmp(range, g_range, strcspn(range, ")") + 1) != 0))
        return 0;
    return !surface || (g_surface && strcmp(surface, g_surface) == 0);
}

/* The text field writes a line break as the two characters \n, so that a
 * case can hold paragraphs. */
static void unescape_newlines(char *s)
{
    char *w = s;

    for (; s && *s; s++, w++) {
        if (s[0] == '\\' && s[1] == 'n')
            *w = '\n', s++;
        else
            *w = *s;
    }
    if (w)
        *w = '\0';
}

static void check_case(const char *file, int lineno, char *line)
{
    char *ref_s = strtok(line, "\t"), *text = strtok(NULL, "\t"), *expected = strtok(NULL, "\t\n");
    struct gz_ymd ref;
    size_t used;
    const char *why;
    struct found f = {.n = 0, .text = text};
    char got[MAX_FOUND * 260] = "", *item, *save = NULL;
    int i = 0;

    cr_assert(ref_s && text && expected, "%s:%d: needs three tab-separated fields", file, lineno);
    unescape_newlines(text);
    cr_assert_eq(gz_pubdate_parse(ref_s, strlen(ref_s), NULL, &ref, &used, &why), 0,
                 "%s:%d: bad reference", file, lineno);
    gz_timex_find(text, strlen(text), ref, collect, &f);
    for (i = 0; i < f.n; i++)
        strcat(strcat(got, i ? " ; " : ""), f.items[i]);
    if (strcmp(expected, "-") == 0) {
        cr_expect_eq(f.n, 0, "%s:%d: \"%s\": expected nothing, got %s", file, lineno, text, got);
        return;
    }
    for (i = 0, item = strtok_r(expected, ";", &save); item; item = strtok_r(NULL, ";", &save), i++) {
        while (*item == ' ')
            item++;
        item[strcspn(item, "\n")] = '\0';
        while (strlen(item) && item[strlen(item) - 1] == ' ')
            item[strlen(item) - 1] = '\0';
        cr_expect(i < f.n && item_matches(item, f.items[i]), "%s:%d: \"%s\": expected %s, got %s",
                  file, lineno, text, item, got[0] ? got : "nothing");
    }
    cr_expect_eq(i, f.n, "%s:%d: \"%s\": expected %d expressions, got %s", file, lineno, text, i, got);
}

static void run_file(const char *path)
{
    FILE *fp = fopen(path, "r");
    char line[2048];
    int lineno = 0;

    cr_assert_not_null(fp, "cannot open %s", path);
    while (fgets(line, sizeof(line), fp) != NULL) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        check_case(path, lineno, line);
    }
    fclose(fp);
}

Test(timex, golden_files)
{
    const char *dir = getenv("GAZETTE_TEST_DATA") ? getenv("GAZETTE_TEST_DATA") : "tests/data";
    char pattern[1024];
    glob_t g;
    size_t i;

    snprintf(pattern, sizeof(pattern), "%s/timex/*.tsv", dir);
    cr_assert_eq(glob(pattern, 0, NULL, &g), 0, "no golden files match %s", pattern);
    for (i = 0; i < g.gl_pathc; i++)
        run_file(g.gl_pathv[i]);
    globfree(&g);
}

Test(timex, offsets_are_bytes_of_the_text)
{
    const char *text = "Caf\xc3\xa9 opened last week.";
    struct found f = {.n = 0, .text = text};
    struct gz_ymd ref = {2024, 2, 22};

    cr_assert_eq(gz_timex_find(text, strlen(text), ref, collect, &f), 1);
    cr_assert_str_eq(f.items[0], "DATE 2024-W07 [2024-02-12,2024-02-19) {last week}");
}

Test(timex, no_reference_no_expressions)
{
    struct found f = {.n = 0, .text = "yesterday"};
    struct gz_ymd ref = {0, 0, 0};

    cr_assert_eq(gz_timex_find("yesterday", 9, ref, collect, &f), 0);
}

/* ---- the normalise_dates stage ---------------------------------------- */

extern const struct gz_stage_ops gz_stage_normalise_dates;

static struct gz_article *article(const char *body, struct gz_ymd published)
{
    struct gz_article *a = gz_article_new();

    a->body = gz_arena_strdup(a->arena, body);
    a->body_len = strlen(body);
    a->published = published;
    return a;
}

Test(normalise_dates, stores_code_point_offsets_and_ranges)
{
    struct gz_stage st = {&gz_stage_normalise_dates, NULL, ".", NULL};
    struct gz_error err;
    struct gz_article *a = article("Déjà vu: a Liberal prime minister since 2010, he met them "
                                   "last week.", (struct gz_ymd){2024, 2, 22});

    cr_assert_eq(st.ops->init(&st, &err), 0);
    cr_assert_eq(st.ops->process(&st, a, &err), 0);
    cr_assert_eq(a->n_dates, 2);
    cr_assert_str_eq(a->dates[0].surface, "2010");
    cr_assert_eq(a->dates[0].start_char, 40);       /* "é" and "à" count once each */
    cr_assert_eq(a->dates[0].end_char, 44);
    cr_assert_str_eq(a->dates[0].value, "2010");
    cr_assert_eq(a->dates[0].range_start.year, 2010);
    cr_assert_eq(a->dates[0].range_end.year, 2011);
    cr_assert_str_eq(a->dates[1].timex_type, "DATE");
    cr_assert_str_eq(a->dates[1].value, "2024-W07");
    cr_assert_eq(a->dates[1].range_start.day, 12);
    gz_article_free(a);
    st.ops->fini(&st);
}

Test(normalise_dates, rejects_an_article_without_a_date)
{
    struct gz_stage st = {&gz_stage_normalise_dates, NULL, ".", NULL};
    struct gz_error err;
    struct gz_article *a = article("It happened yesterday.", (struct gz_ymd){0, 0, 0});

    cr_assert_eq(st.ops->init(&st, &err), 0);
    cr_assert_eq(st.ops->process(&st, a, &err), -1);
    cr_assert_str_eq(err.msg, "no publication date to resolve dates against");
    gz_article_free(a);
    st.ops->fini(&st);
}

Test(normalise_dates, a_fixed_reference_overrides_the_article_date)
{
    static const char yaml[] = "reference: 1989-10-27\n";
    struct gz_error err;
    struct gz_cfg_node *opts = gz_cfg_parse_string("test", yaml, strlen(yaml), &err);
    struct gz_stage st = {&gz_stage_normalise_dates, NULL, ".", NULL};
    struct gz_article *a = article("It happened yesterday.", (struct gz_ymd){2024, 2, 22});

    cr_assert_not_null(opts, "%s", err.msg);
    st.opts = opts;
    cr_assert_eq(st.ops->init(&st, &err), 0, "%s", err.msg);
    cr_assert_eq(st.ops->process(&st, a, &err), 0);
    cr_assert_eq(a->n_dates, 1);
    cr_assert_str_eq(a->dates[0].value, "1989-10-26");
    gz_article_free(a);
    st.ops->fini(&st);
    gz_cfg_free(opts);
}

Test(normalise_dates, a_bad_reference_is_a_config_error)
{
    static const char yaml[] = "reference: tomorrow\n";
    struct gz_error err;
    struct gz_cfg_node *opts = gz_cfg_parse_string("test", yaml, strlen(yaml), &err);
    struct gz_stage st = {&gz_stage_normalise_dates, NULL, ".", NULL};

    cr_assert_not_null(opts);
    st.opts = opts;
    cr_assert_eq(st.ops->init(&st, &err), -1);
    cr_assert_eq(err.code, EX_CONFIG);
    cr_assert(strstr(err.msg, "reference \"tomorrow\"") != NULL, "%s", err.msg);
    st.ops->fini(&st);
    gz_cfg_free(opts);
}

/* ---- robustness: random text in exactly-sized buffers (no NUL), so that
 * an over-read shows under `make SANITIZE=address,undefined` ------------ */

static void ignore(const struct gz_timex *t, void *arg)
{
    size_t *n = arg;

    cr_assert(t->start < t->end);
    (*n)++;
}

Test(timex, survives_random_text)
{
    static const char *const pieces[] = {
        "May", "Feb", ".", " ", "-", "/", ":", ",", "'", "\xe2\x80\x99", "\xc3", "1", "22",
        "2024", "10:30", "a.m", "the", "last", "week", "years", "old", "nineteen", "ninety",
        "s", "Q3", "W08", "\n\n", "Christmas", "ago", "%", "twenty", "quarter", "of", "Monday",
    };
    unsigned seed = 12345;
    int round;

    for (round = 0; round < 3000; round++) {
        size_t n = 0, found = 0, k, parts;
        char tmp[512];
        char *buf;

        seed = seed * 1103515245u + 12345u;
        parts = seed % 24;
        for (k = 0; k < parts; k++) {
            const char *p;

            seed = seed * 1103515245u + 12345u;
            p = pieces[(seed >> 8) % (sizeof(pieces) / sizeof(pieces[0]))];
            memcpy(tmp + n, p, strlen(p));
            n += strlen(p);
        }
        buf = malloc(n ? n : 1);
        memcpy(buf, tmp, n);
        gz_timex_find(buf, n, (struct gz_ymd){2024, 2, 22}, ignore, &found);
        free(buf);
    }
}
