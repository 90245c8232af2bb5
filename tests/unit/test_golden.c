/*
 * test_golden.c - the golden cases of the text and date stages, read by one
 * runner (in the spirit of jq's tests/jq.test): adding a case is adding a
 * line to a file of tests/data/STAGE/.
 *
 * Every file in tests/data/STAGE/ is a NAME.tsv holding one case per line:
 *
 *   [setting<TAB>]input<TAB>expected
 *
 * Lines that start with '#' are comments; empty lines are skipped. In the
 * input and the expected output \n, \t, \\ and \xHH stand for a line break,
 * a tab, a backslash and the byte HH. The stage renders its output for the
 * input as one string, which must equal the expected one (timex lets an
 * item leave out its range or surface). Settings come before the input:
 * timex always has one (the reference date), pubdate may have one
 * (day_first=0 or day_first=1). One line per stage:
 *
 *   html      <p>Rutte &amp; Sunak</p>  \n\nRutte & Sunak\n\n
 *   pubdate   day_first=1  02/03/2024   2024-03-02, consumed 10
 *   amounts   Loss of 40 mln Canadian dlrs.   MONEY 40 mln Canadian dlrs
 *   tokenize  He didn't go. It rained.   He did n't go .\nIt rained .
 *   timex     2024-02-22  Prices rose last week.
 *                         DATE 2024-W07 [2024-02-12,2024-02-19) {last week}
 *
 * Every case runs; the failures of a stage are listed together (file:line,
 * input, expected, got) and fail its test once. A stage whose folder is
 * missing, empty or holds a file without cases fails too, so that it cannot
 * silently test nothing. The data root is $GAZETTE_TEST_DATA or tests/data.
 */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/mem.h"
#include "dates/pubdate.h"
#include "dates/timex.h"
#include "ner/amounts.h"
#include "text/html.h"
#include "text/sentence.h"
#include "text/tokenize.h"

#include "gztest.h"

#define MAX_SETTINGS 2

/* A stage as the runner sees it. render writes the output for in[0..n)
 * (an exactly sized buffer, no NUL after it) to out and returns 0, or
 * writes why it cannot run the case and returns -1. match compares the
 * expected output with the one rendered (NULL: they must be equal). */
struct golden_stage {
    const char *name;                   /* the folder under the data root */
    int min_settings, max_settings;
    int (*render)(char *const *settings, int n_settings, const char *in, size_t n, FILE *out);
    int (*match)(const char *expected, const char *got);
};

/* What a run found: the failures (and files that are not case files) are
 * written to log while it runs; then report holds them (NUL-terminated). */
struct golden_result {
    int files, cases, failed;
    char *report;
    size_t report_len;
    FILE *log;
};

/* ---- the format -------------------------------------------------------- */

static int hex_digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Undo the escapes of s in place; returns the length, or -1 for a backslash
 * that starts no escape. */
static long unescape(char *s)
{
    char *r = s, *w = s;

    while (*r) {
        if (*r != '\\') {
            *w++ = *r++;
            continue;
        }
        switch (r[1]) {
        case 'n': *w++ = '\n'; r += 2; break;
        case 't': *w++ = '\t'; r += 2; break;
        case '\\': *w++ = '\\'; r += 2; break;
        case 'x':
            if (hex_digit(r[2]) < 0 || hex_digit(r[3]) < 0)
                return -1;
            *w++ = (char)(hex_digit(r[2]) * 16 + hex_digit(r[3]));
            r += 4;
            break;
        default:
            return -1;
        }
    }
    *w = '\0';
    return w - s;
}

/* Write s[0..n) as a case file would write it. */
static void put_escaped(FILE *f, const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '\n')
            fputs("\\n", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c == '\\')
            fputs("\\\\", f);
        else if (c < 0x20 || c == 0x7f)
            fprintf(f, "\\x%02x", c);
        else
            fputc(c, f);
    }
}

/* ---- the runner -------------------------------------------------------- */

static void report_case(struct golden_result *r, const char *path, int lineno,
                        char *const *settings, int n_settings, const char *in, size_t n,
                        const char *expected, const char *got, size_t got_len)
{
    int i;

    fprintf(r->log, "%s:%d:", path, lineno);
    for (i = 0; i < n_settings; i++)
        fprintf(r->log, " [%s]", settings[i]);
    fputs("\n    input:    ", r->log);
    put_escaped(r->log, in, n);
    fputs("\n    expected: ", r->log);
    put_escaped(r->log, expected, strlen(expected));
    fputs("\n    got:      ", r->log);
    put_escaped(r->log, got, got_len);
    fputc('\n', r->log);
    r->failed++;
}

/* Run one case line (without its line break). */
static void run_line(const struct golden_stage *st, const char *path, int lineno, char *line,
                     struct golden_result *r)
{
    char *field[MAX_SETTINGS + 2], *p = line, *in, *expected, *got = NULL, *buf;
    int n_fields = 0, n_settings;
    long in_len, exp_len;
    size_t got_len = 0;
    FILE *out;
    int rc;

    while (n_fields < MAX_SETTINGS + 2) {
        field[n_fields++] = p;
        p = strchr(p, '\t');
        if (p == NULL)
            break;
        *p++ = '\0';
    }
    n_settings = n_fields - 2;
    if (p != NULL || n_settings < st->min_settings || n_settings > st->max_settings) {
        fprintf(r->log, "%s:%d: %s%d tab-separated fields, where a %s case has %d", path, lineno,
                p != NULL ? "more than " : "", n_fields, st->name, st->min_settings + 2);
        if (st->max_settings > st->min_settings)
            fprintf(r->log, " to %d", st->max_settings + 2);
        fputc('\n', r->log);
        r->failed++;
        return;
    }
    in = field[n_fields - 2];
    expected = field[n_fields - 1];
    in_len = unescape(in);
    exp_len = unescape(expected);
    if (in_len < 0 || exp_len < 0) {
        fprintf(r->log, "%s:%d: a backslash that starts no escape (\\n, \\t, \\\\, \\xHH)\n",
                path, lineno);
        r->failed++;
        return;
    }
    r->cases++;
    /* an exactly sized copy, so that reading past the input shows under ASan */
    buf = gz_xmalloc(in_len ? (size_t)in_len : 1);
    memcpy(buf, in, (size_t)in_len);
    out = open_memstream(&got, &got_len);
    rc = st->render(field, n_settings, buf, (size_t)in_len, out);
    fclose(out);
    if (rc != 0) {
        fprintf(r->log, "%s:%d: cannot run the case: %s\n", path, lineno, got);
        r->failed++;
    } else if (strlen(got) != got_len || (size_t)exp_len != strlen(expected) || /* a NUL */
               !(st->match ? st->match(expected, got) : strcmp(expected, got) == 0)) {
        report_case(r, path, lineno, field, n_settings, in, (size_t)in_len, expected, got,
                    got_len);
    }
    free(got);
    gz_free(buf);
}

/* Run every case of one file; returns how many it holds. */
static int run_file(const struct golden_stage *st, const char *path, struct golden_result *r)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int lineno = 0, before = r->cases + r->failed;

    if (f == NULL) {
        fprintf(r->log, "%s: cannot open: %s\n", path, strerror(errno));
        r->failed++;
        return 0;
    }
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        run_line(st, path, lineno, line, r);
    }
    free(line);
    fclose(f);
    return r->cases + r->failed - before;
}

static int not_hidden(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

/* Run the cases of root/STAGE/ into *r (golden_result_free releases it).
 * Returns 0 when there were cases and all passed, -1 otherwise. */
static int golden_run(const struct golden_stage *st, const char *root, struct golden_result *r)
{
    char dir[1024], path[2048];
    struct dirent **names = NULL;
    int n, i;

    memset(r, 0, sizeof(*r));
    r->log = open_memstream(&r->report, &r->report_len);
    snprintf(dir, sizeof(dir), "%s/%s", root, st->name);
    n = scandir(dir, &names, not_hidden, alphasort);
    if (n < 0)
        fprintf(r->log, "%s: cannot read the golden cases: %s\n", dir, strerror(errno));
    else if (n == 0)
        fprintf(r->log, "%s: no case files (NAME.tsv)\n", dir);
    for (i = 0; i < n; i++) {
        size_t len = strlen(names[i]->d_name);

        snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
        if (len < 5 || strcmp(names[i]->d_name + len - 4, ".tsv") != 0) {
            fprintf(r->log, "%s: not a case file (the runner reads only NAME.tsv)\n", path);
            r->failed++;
        } else if (run_file(st, path, r) == 0) {
            fprintf(r->log, "%s: no cases in the file\n", path);
            r->failed++;
        } else {
            r->files++;
        }
        free(names[i]);
    }
    free(names);
    fclose(r->log);
    r->log = NULL;
    return r->cases > 0 && r->failed == 0 && r->report_len == 0 ? 0 : -1;
}

static void golden_result_free(struct golden_result *r)
{
    free(r->report);
}

/* ---- the stages -------------------------------------------------------- */

static int render_html(char *const *settings, int n_settings, const char *in, size_t n, FILE *out)
{
    struct gz_arena *a = gz_arena_new();
    unsigned repairs = 0;
    size_t len;
    char *s = gz_html_clean(a, in, n, &len, &repairs);

    (void)settings, (void)n_settings;
    fwrite(s, 1, len, out);
    gz_arena_free(a);
    return 0;
}

/* "2024-02-22, consumed 10" or "error: impossible date", as pubdate.h
 * writes its examples. */
static int render_pubdate(char *const *settings, int n_settings, const char *in, size_t n,
                          FILE *out)
{
    struct gz_pubdate_opts opts = {-1};
    struct gz_ymd d = {0, 0, 0};
    size_t used = 0;
    const char *why = NULL;

    if (n_settings == 1 && strcmp(settings[0], "day_first=1") == 0)
        opts.day_first = 1;
    else if (n_settings == 1 && strcmp(settings[0], "day_first=0") == 0)
        opts.day_first = 0;
    else if (n_settings == 1) {
        fprintf(out, "unknown setting \"%s\" (day_first=0 or day_first=1)", settings[0]);
        return -1;
    }
    if (gz_pubdate_parse(in, n, &opts, &d, &used, &why) == 0)
        fprintf(out, "%04d-%02d-%02d, consumed %zu", d.year, d.month, d.day, used);
    else
        fprintf(out, "error: %s", why ? why : "(no reason)");
    return 0;
}

/* "TYPE surface" items joined by " ; ", or "-" for none. */
static int render_amounts(char *const *settings, int n_settings, const char *in, size_t n,
                          FILE *out)
{
    struct gz_token *t;
    size_t n_tok = gz_tokenize(in, n, &t), k, m;
    struct gz_amount *a = gz_xmalloc((n_tok + 1) * sizeof *a);

    (void)settings, (void)n_settings;
    m = gz_amounts_find(in, t, n_tok, a);
    for (k = 0; k < m; k++) {
        size_t b = t[a[k].start].start, e = t[a[k].end - 1].end;

        fprintf(out, "%s%s %.*s", k ? " ; " : "", gz_amount_type_name(a[k].type), (int)(e - b),
                in + b);
    }
    if (m == 0)
        fputc('-', out);
    gz_free(a);
    gz_free(t);
    return 0;
}

static int64_t code_points(const char *s, size_t n)
{
    int64_t cp = 0;
    size_t i;

    for (i = 0; i < n; i++)
        cp += ((unsigned char)s[i] & 0xC0) != 0x80;
    return cp;
}

/* The tokens joined by one space, the sentences by a line break. Where a
 * token is is then told by the text, since only blank space may lie
 * between tokens: what else does is shown as [skipped "..."], and a token
 * whose code point offsets are not those of its bytes is followed by
 * @cstart-cend. */
static int render_tokenize(char *const *settings, int n_settings, const char *in, size_t n,
                           FILE *out)
{
    struct gz_token *t;
    size_t n_tok = gz_tokenize(in, n, &t), i, j, prev_end = 0;

    (void)settings, (void)n_settings;
    gz_sentence_split(in, t, n_tok);
    for (i = 0; i < n_tok; i++) {
        if (i > 0)
            fputc(t[i].sentence != t[i - 1].sentence ? '\n' : ' ', out);
        for (j = prev_end; j < t[i].start && memchr(" \t\n\r", in[j], 4) != NULL; j++)
            ;
        if (j < t[i].start)
            fprintf(out, "[skipped \"%.*s\"] ", (int)(t[i].start - prev_end), in + prev_end);
        fprintf(out, "%.*s", (int)(t[i].end - t[i].start), in + t[i].start);
        if (t[i].cstart != code_points(in, t[i].start) ||
            t[i].cend != t[i].cstart + code_points(in + t[i].start, t[i].end - t[i].start))
            fprintf(out, "@%lld-%lld", (long long)t[i].cstart, (long long)t[i].cend);
        prev_end = t[i].end;
    }
    gz_free(t);
    return 0;
}

struct timex_out {
    FILE *out;
    const char *text;
    int n;
};

static void put_timex(const struct gz_timex *t, void *arg)
{
    struct timex_out *o = arg;
    const struct gz_ymd *a = &t->range_start, *b = &t->range_end;

    fprintf(o->out, "%s%s %s", o->n++ ? " ; " : "", t->type, t->value);
    if (a->year)
        fprintf(o->out, " [%04d-%02d-%02d,%04d-%02d-%02d)", a->year, a->month, a->day, b->year,
                b->month, b->day);
    fprintf(o->out, " {%.*s}", (int)(t->end - t->start), o->text + t->start);
}

/* "TYPE VALUE [range) {surface}" items joined by " ; " (the range of
 * calendar intervals only), or "-" for none. */
static int render_timex(char *const *settings, int n_settings, const char *in, size_t n, FILE *out)
{
    struct timex_out o = {out, in, 0};
    struct gz_ymd ref;
    size_t used;
    const char *why;

    (void)n_settings;
    if (gz_pubdate_parse(settings[0], strlen(settings[0]), NULL, &ref, &used, &why) != 0 ||
        used != strlen(settings[0])) {
        fprintf(out, "the reference \"%s\" is not a date", settings[0]);
        return -1;
    }
    gz_timex_find(in, n, ref, put_timex, &o);
    if (o.n == 0)
        fputc('-', out);
    return 0;
}

/* Split a rendered timex item into "TYPE VALUE", "[range)" and "{surface}"
 * (the last two may be absent: NULL). Writes NULs into item. */
static void timex_parts(char *item, char **range, char **surface)
{
    char *p = strstr(item, " {");

    *surface = *range = NULL;
    if (p != NULL)
        *p = '\0', *surface = p + 1;
    p = strstr(item, " [");
    if (p != NULL)
        *p = '\0', *range = p + 1;
}

/* The items must be as many and equal, except that an expected item may
 * leave out the range or the surface. */
static int match_timex(const char *expected, const char *got)
{
    char *e = gz_xstrdup(expected), *g = gz_xstrdup(got), *es = e, *gs = g;
    int ok = 1;

    while (ok && es != NULL && gs != NULL) {
        char *e_end = strstr(es, " ; "), *g_end = strstr(gs, " ; ");
        char *e_range, *e_surface, *g_range, *g_surface;

        if (e_end != NULL)
            *e_end = '\0';
        if (g_end != NULL)
            *g_end = '\0';
        timex_parts(es, &e_range, &e_surface);
        timex_parts(gs, &g_range, &g_surface);
        ok = strcmp(es, gs) == 0 && (!e_range || (g_range && strcmp(e_range, g_range) == 0)) &&
             (!e_surface || (g_surface && strcmp(e_surface, g_surface) == 0));
        es = e_end ? e_end + 3 : NULL;
        gs = g_end ? g_end + 3 : NULL;
    }
    ok = ok && es == NULL && gs == NULL;
    gz_free(e);
    gz_free(g);
    return ok;
}

static const struct golden_stage stages[] = {
    {"html", 0, 0, render_html, NULL},
    {"pubdate", 0, 1, render_pubdate, NULL},
    {"amounts", 0, 0, render_amounts, NULL},
    {"tokenize", 0, 0, render_tokenize, NULL},
    {"timex", 1, 1, render_timex, match_timex},
};

static const struct golden_stage *stage(const char *name)
{
    size_t i;

    for (i = 0; i < sizeof(stages) / sizeof(stages[0]); i++)
        if (strcmp(stages[i].name, name) == 0)
            return &stages[i];
    cr_assert_fail("no golden stage %s", name);
    return NULL;
}

static const char *data_root(void)
{
    return getenv("GAZETTE_TEST_DATA") ? getenv("GAZETTE_TEST_DATA") : "tests/data";
}

static void check_stage(const char *name)
{
    struct golden_result r;
    int rc = golden_run(stage(name), data_root(), &r);

    cr_log_info("golden %s: %d cases run from %s/%s (%d file%s), %d failed", name, r.cases,
                data_root(), name, r.files, r.files == 1 ? "" : "s", r.failed);
    cr_expect_eq(rc, 0, "golden %s:\n%s", name, r.report);
    golden_result_free(&r);
}

Test(golden, html) { check_stage("html"); }
Test(golden, pubdate) { check_stage("pubdate"); }
Test(golden, amounts) { check_stage("amounts"); }
Test(golden, tokenize) { check_stage("tokenize"); }
Test(golden, timex) { check_stage("timex"); }

/* ---- the runner itself: it must be able to fail ------------------------ */

/* A data root in a new temporary directory with, for stage, one file name
 * holding text (no file when name is NULL, no folder when text is too). */
static char *scratch_root(const char *stage_name, const char *name, const char *text)
{
    static int seq;
    char *root = gz_xmalloc(1024), dir[1100];

    snprintf(root, 1024, "%s/root%d", gzt_tmpdir(), seq++);
    cr_assert_eq(mkdir(root, 0700), 0);
    if (name == NULL && text == NULL)
        return root;
    snprintf(dir, sizeof(dir), "%s/%s", root, stage_name);
    cr_assert_eq(mkdir(dir, 0700), 0);
    if (name != NULL)
        free(gzt_write(dir, name, text));
    return root;
}

static struct golden_result run_scratch(const char *stage_name, const char *name,
                                        const char *text, int want_rc)
{
    char *root = scratch_root(stage_name, name, text);
    struct golden_result r;

    cr_assert_eq(golden_run(stage(stage_name), root, &r), want_rc, "%s", r.report);
    gz_free(root);
    return r;
}

Test(golden_runner, reports_every_failing_line_and_runs_the_rest)
{
    struct golden_result r = run_scratch("amounts", "cases.tsv",
                                         "# a comment\n"
                                         "Prices rose 2%.\tPERCENT 2%\n"
                                         "\n"
                                         "Prices rose 3%.\tPERCENT 2%\n"
                                         "It paid $3 billion.\tMONEY $3 billion\n"
                                         "Shares rose.\tQUANTITY shares\n",
                                         -1);

    cr_expect_eq(r.cases, 4);
    cr_expect_eq(r.failed, 2);
    cr_expect(strstr(r.report, "/amounts/cases.tsv:4:\n"
                               "    input:    Prices rose 3%.\n"
                               "    expected: PERCENT 2%\n"
                               "    got:      PERCENT 3%\n") != NULL, "%s", r.report);
    cr_expect(strstr(r.report, "/amounts/cases.tsv:6:\n") != NULL, "%s", r.report);
    cr_expect(strstr(r.report, "    got:      -\n") != NULL, "%s", r.report);
    golden_result_free(&r);
    gzt_cleanup();
}

Test(golden_runner, a_missing_folder_fails)
{
    struct golden_result r = run_scratch("html", NULL, NULL, -1);

    cr_expect(strstr(r.report, "/html: cannot read the golden cases") != NULL, "%s", r.report);
    golden_result_free(&r);
    gzt_cleanup();
}

Test(golden_runner, an_empty_folder_fails)
{
    struct golden_result r = run_scratch("html", NULL, "", -1);

    cr_expect(strstr(r.report, "/html: no case files") != NULL, "%s", r.report);
    golden_result_free(&r);
    gzt_cleanup();
}

Test(golden_runner, a_file_without_cases_fails)
{
    struct golden_result r = run_scratch("html", "cases.tsv", "# only a comment\n\n", -1);

    cr_expect(strstr(r.report, "/html/cases.tsv: no cases in the file") != NULL, "%s", r.report);
    golden_result_free(&r);
    gzt_cleanup();
}

Test(golden_runner, a_file_it_would_not_read_fails)
{
    struct golden_result r = run_scratch("tokenize", "reuters.in", "It rose.\n", -1);

    cr_expect(strstr(r.report, "/tokenize/reuters.in: not a case file") != NULL, "%s", r.report);
    golden_result_free(&r);
    gzt_cleanup();
}

Test(golden_runner, malformed_lines_fail_with_their_line)
{
    struct golden_result r = run_scratch("timex", "cases.tsv",
                                         "2024-02-22\tHe arrived yesterday.\tDATE 2024-02-21\n"
                                         "He arrived yesterday.\tDATE 2024-02-21\n"
                                         "2024-02-22\tHe arrived \\yesterday.\tDATE 2024-02-21\n"
                                         "tomorrow\tHe arrived yesterday.\tDATE 2024-02-21\n",
                                         -1);

    cr_expect_eq(r.failed, 3, "%s", r.report);
    cr_expect(strstr(r.report, "cases.tsv:2: 2 tab-separated fields, where a timex case has 3\n") !=
                  NULL, "%s", r.report);
    cr_expect(strstr(r.report, "cases.tsv:3: a backslash that starts no escape") != NULL, "%s",
              r.report);
    cr_expect(strstr(r.report, "cases.tsv:4: cannot run the case: the reference \"tomorrow\"") !=
                  NULL, "%s", r.report);
    golden_result_free(&r);
    gzt_cleanup();
}

Test(golden_runner, escapes_and_partial_timex_items)
{
    struct golden_result r = run_scratch(
        "timex", "cases.tsv",
        "2024-02-22\tHe left.\\n\\nHe arrived yesterday.\tDATE 2024-02-21 {yesterday}\n"
        "2024-02-22\tPrices rose last week.\tDATE 2024-W07 [2024-02-12,2024-02-19)\n"
        "2024-02-22\tPrices rose last week.\tDATE 2024-W07\n"
        "2024-02-22\tPrices rose.\t-\n",
        0);

    cr_expect_eq(r.cases, 4);
    golden_result_free(&r);
    gzt_cleanup();
}

Test(golden_runner, a_partial_timex_item_still_compares_what_it_gives)
{
    struct golden_result r = run_scratch(
        "timex", "cases.tsv",
        "2024-02-22\tPrices rose last week.\tDATE 2024-W07 [2024-02-12,2024-02-20)\n"
        "2024-02-22\tPrices rose last week.\tDATE 2024-W07 {last}\n"
        "2024-02-22\tPrices rose last week.\tDATE 2024-W08\n"
        "2024-02-22\tPrices rose last week.\t-\n"
        "2024-02-22\tPrices rose last week.\tDATE 2024-W07 ; DATE 2024-02-22\n"
        "2024-02-22\tPrices rose last week and yesterday.\tDATE 2024-W07\n",
        -1);

    cr_expect_eq(r.cases, 6);
    cr_expect_eq(r.failed, 6, "%s", r.report);
    golden_result_free(&r);
    gzt_cleanup();
}
