/*
 * test_eval_names.c - `gazette eval names`: the scores of a tiny gold set
 * whose counts are known, the --errors listing, and gold files that are
 * missing or malformed (file:line errors, exit codes).
 *
 * The two articles are plain enough for the shipped model to tag every
 * name; the gold gets London's country wrong on purpose and leaves Paris
 * out, so the counts test both sides of the matching:
 *   entities  gold 5 (Rutte, Stoltenberg, London GB, two Johnsons),
 *             system 6 (those with London "-", plus Paris), matched 4
 *   mentions  7 (one of them London: wrong; the bare "Johnson" links to
 *             neither Johnson: right)
 */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"

static char dir[64];

static void write_file(const char *name, const char *text)
{
    char path[128];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

static void setup(void)
{
    strcpy(dir, "/tmp/gz-eval-names-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    write_file("a1.txt", "date 2024-02-22 Talks\n\nMark Rutte met Jens Stoltenberg in London on "
               "Monday. Rutte said the talks in Paris went well.\n");
    write_file("a1.gold", "PERSON\tMark Rutte\t-\tMark Rutte | Rutte\n"
               "PERSON\tJens Stoltenberg\t-\tJens Stoltenberg\n"
               "LOC\tLondon\tGB\tLondon\n");
    write_file("a2.txt", "date 2024-02-22 Johnsons\n\nBoris Johnson and Lyndon Johnson never "
               "met. Johnson said so.\n");
    write_file("a2.gold", "# two Johnsons: the bare one is neither\n"
               "\n"
               "PERSON\tBoris Johnson\t-\tBoris Johnson\n"
               "PERSON\tLyndon Johnson\t-\tLyndon Johnson@18\n"
               "NONE\t-\t-\tJohnson\n");
}

static void teardown(void)
{
    char cmd[128];

    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
}

static int eval(int errors)
{
    char *argv[] = {"names", dir, "--errors", NULL};

    return gz_eval_names(errors ? 3 : 2, argv);
}

/* The whole of the redirected stderr. */
static char *read_stderr(void)
{
    static char text[4096];
    FILE *f;
    size_t n;

    fflush(stderr);
    f = cr_get_redirected_stderr();
    n = fread(text, 1, sizeof(text) - 1, f);
    text[n] = '\0';
    return text;
}

Test(eval_names, scores_pairs_and_mentions, .init = setup, .fini = teardown)
{
    cr_redirect_stdout();
    cr_assert_eq(eval(0), EX_OK);
    fflush(stdout);
    cr_assert_stdout_eq_str(
        "articles 2: gold entities 5, system entities 6, matched 4\n"
        "entities  P 0.667  R 0.800  F1 0.727\n"
        "mentions  6 of 7 linked right (0.857)\n"
        "tagged    7 of them with their span, 6 of those linked right (0.857)\n");
}

Test(eval_names, errors_list_what_differs, .init = setup, .fini = teardown)
{
    char *text;

    cr_redirect_stdout();
    cr_redirect_stderr();
    cr_assert_eq(eval(1), EX_OK);
    text = read_stderr();
    cr_expect(strstr(text, "a1.txt\n") != NULL, "%s", text);
    cr_expect(strstr(text, "  missing  LOC \"London\" GB") != NULL, "%s", text);
    cr_expect(strstr(text, "  extra    LOC \"London\" -") != NULL, "%s", text);
    cr_expect(strstr(text, "  extra    LOC \"Paris\" -") != NULL, "%s", text);
    cr_expect(strstr(text, "  mention  \"London\"@35  gold LOC \"London\" GB: linked to LOC "
                     "\"London\" -") != NULL, "%s", text);
    cr_expect(strstr(text, "a2.txt") == NULL, "a2 is all right: %s", text);
}

/* Replace a1.gold with text and expect exit code and message. */
static void expect_bad_gold(const char *text, int code, const char *message)
{
    char *err, want[256];

    write_file("a1.gold", text);
    cr_redirect_stdout();
    cr_redirect_stderr();
    cr_assert_eq(eval(0), code);
    err = read_stderr();
    snprintf(want, sizeof(want), "gazette eval names: %s/%s", dir, message);
    cr_expect(strstr(err, want) != NULL, "expected \"%s\" in \"%s\"", want, err);
}

Test(eval_names, too_few_fields, .init = setup, .fini = teardown)
{
    expect_bad_gold("# comment\nPERSON\tMark Rutte\tMark Rutte\n", EX_DATAERR,
                    "a1.gold:2: expected 4 tab-separated fields");
}

Test(eval_names, unknown_kind, .init = setup, .fini = teardown)
{
    expect_bad_gold("PERSON\tMark Rutte\t-\tMark Rutte\nPLACE\tLondon\t-\tLondon\n", EX_DATAERR,
                    "a1.gold:2: unknown kind \"PLACE\"");
}

Test(eval_names, bad_country, .init = setup, .fini = teardown)
{
    expect_bad_gold("LOC\tLondon\tGBR\tLondon\n", EX_DATAERR,
                    "a1.gold:1: country \"GBR\" is not a two-letter code");
}

Test(eval_names, mention_not_in_the_body, .init = setup, .fini = teardown)
{
    expect_bad_gold("PERSON\tMark Rutte\t-\tMark Rutte | Rutte | Rutte\n", EX_DATAERR,
                    "a1.gold:1: \"Rutte\": no free whole-word occurrence");
}

Test(eval_names, mention_at_a_wrong_offset, .init = setup, .fini = teardown)
{
    expect_bad_gold("LOC\tLondon\t-\tLondon@36\n", EX_DATAERR,
                    "a1.gold:1: \"London\"@36: the body has no free whole-word");
}

Test(eval_names, empty_gold_file, .init = setup, .fini = teardown)
{
    expect_bad_gold("# nothing\n", EX_DATAERR, "a1.gold:1: no entities");
}

Test(eval_names, missing_gold_file, .init = setup, .fini = teardown)
{
    char path[128], *err;

    snprintf(path, sizeof(path), "%s/a2.gold", dir);
    cr_assert_eq(unlink(path), 0);
    cr_redirect_stdout();
    cr_redirect_stderr();
    cr_assert_eq(eval(0), EX_NOINPUT);
    err = read_stderr();
    cr_expect(strstr(err, "a2.gold: cannot open gold file") != NULL, "%s", err);
}

Test(eval_names, usage)
{
    char *none[] = {"names", NULL};
    char *bad[] = {"names", "dir", "--bogus", NULL};
    char *help[] = {"names", "--help", NULL};

    cr_redirect_stderr();
    cr_redirect_stdout();
    cr_assert_eq(gz_eval_names(1, none), EX_USAGE);
    cr_assert_eq(gz_eval_names(3, bad), EX_USAGE);
    cr_assert_eq(gz_eval_names(2, help), EX_OK);
}
