/*
 * test_eval_dates.c - `gazette eval dates`: reading the JSON lines (escapes,
 * surrogate pairs), code point offsets, the TempEval-3 scores and the
 * --predictions file.
 */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"

/* "Café "news": prices rose last week.\nThe plan 😀 starts next month."
 * last week = code points [25,34), next month = [54,64). */
static const char docs[] =
    "{\"doc_id\": \"d1\", \"dct\": \"2024-02-22T10:00:00\", \"file\": \"d1.tml\", \"text\": "
    "\"Caf\\u00e9 \\\"news\\\": prices rose last week.\\nThe plan \\ud83d\\ude00 starts next month.\"}\n";

static const char gold[] =
    "doc_id\tdct\ttimex_text\tchar_start\tchar_end\ttype\tvalue\ttid\tmod\n"
    "d1\t2024-02-22\tlast week\t25\t34\tDATE\t2024-W07\tt1\t\n"
    "d1\t2024-02-22\tnext month\t54\t64\tDATE\t2024-04\tt2\t\n"      /* wrong on purpose */
    "d1\t2024-02-22\tThe plan\t36\t44\tDATE\tXXXX\tt3\t\n";          /* never found */

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
    strcpy(dir, "/tmp/gz-eval-dates-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    write_file("docs.jsonl", docs);
    write_file("gold.tsv", gold);
}

static void teardown(void)
{
    char cmd[128];

    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
}

static int eval(const char *docs_name, const char *pred)
{
    char d[128], g[128], p[128];
    char *argv[6] = {"dates", d, g, "--predictions", p, NULL};

    snprintf(d, sizeof(d), "%s/%s", dir, docs_name);
    snprintf(g, sizeof(g), "%s/gold.tsv", dir);
    snprintf(p, sizeof(p), "%s/%s", dir, pred);
    return gz_eval_dates(5, argv);
}

Test(eval_dates, scores_as_tempeval3, .init = setup, .fini = teardown)
{
    cr_redirect_stdout();
    cr_assert_eq(eval("docs.jsonl", "pred.tsv"), 0);
    fflush(stdout);
    cr_assert_stdout_eq_str(
        "documents: gold expressions 3, system expressions 2\n"
        "relaxed span   P 1.000  R 0.667  F1 0.800\n"
        "strict span    P 1.000  R 0.667  F1 0.800\n"
        "value          P 0.500  R 0.333  F1 0.400\n"
        "type accuracy  1.000 (2 of 2 relaxed matches)\n");
}

Test(eval_dates, predictions_use_code_points, .init = setup, .fini = teardown)
{
    char path[128], text[1024];
    FILE *f;
    size_t n;

    cr_redirect_stdout();
    cr_assert_eq(eval("docs.jsonl", "pred.tsv"), 0);
    snprintf(path, sizeof(path), "%s/pred.tsv", dir);
    f = fopen(path, "r");
    cr_assert_not_null(f);
    n = fread(text, 1, sizeof(text) - 1, f);
    text[n] = '\0';
    fclose(f);
    cr_assert_str_eq(text,
        "doc_id\tdct\ttimex_text\tchar_start\tchar_end\ttype\tvalue\ttid\tmod\n"
        "d1\t2024-02-22T10:00:00\tlast week\t25\t34\tDATE\t2024-W07\tt1\t\n"
        "d1\t2024-02-22T10:00:00\tnext month\t54\t64\tDATE\t2024-03\tt2\t\n");
}

Test(eval_dates, malformed_json_is_a_data_error, .init = setup, .fini = teardown)
{
    write_file("bad.jsonl", "{\"doc_id\": \"d1\", \"text\": \"unterminated}\n");
    cr_redirect_stderr();
    cr_assert_eq(eval("bad.jsonl", "pred.tsv"), EX_DATAERR);
}

Test(eval_dates, wrong_arguments_are_a_usage_error)
{
    char *argv[] = {"dates", "only-one.jsonl", NULL};

    cr_redirect_stderr();
    cr_assert_eq(gz_eval_dates(2, argv), EX_USAGE);
}
