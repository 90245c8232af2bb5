/* Command-line options checked before anything is read or connected:
 * one line naming the option and the value, then a pointer to --help. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gztest.h"

TestSuite(cli_options, .fini = gzt_cleanup);

/* exactly two lines: the reason, then "see gazette CMD --help" */
static void assert_one_reason(const struct gzt_proc *r, const char *reason, const char *cmd)
{
    char see[64];
    const char *nl = strchr(r->err, '\n');

    snprintf(see, sizeof(see), "see gazette %s --help\n", cmd);
    cr_assert_eq(r->status, 64, "%s", r->err);
    cr_assert(strncmp(r->err, reason, strlen(reason)) == 0, "got: %s", r->err);
    cr_assert(nl != NULL && strcmp(nl + 1, see) == 0, "got: %s", r->err);
    cr_assert_str_empty(r->out);
}

struct bad_value {
    char opt[16];
    char value[32];
    char expect[96];
};

ParameterizedTestParameters(cli_options, run_rejects_bad_numbers)
{
    static struct bad_value cases[] = {
        {"--jobs", "0", "gazette run: invalid value \"0\" for --jobs: expected a whole number from 1 to 256"},
        {"--jobs", "300", "gazette run: invalid value \"300\" for --jobs"},
        {"-j", "two", "gazette run: invalid value \"two\" for --jobs"},
        {"--batch", "abc", "gazette run: invalid value \"abc\" for --batch: expected a whole number from 1 to 100000"},
        {"--batch", "0", "gazette run: invalid value \"0\" for --batch"},
        {"--batch", "-5", "gazette run: invalid value \"-5\" for --batch"},
        {"--batch", "10x", "gazette run: invalid value \"10x\" for --batch"},
        {"--batch", "99999999999999999999", "gazette run: invalid value \"99999999999999999999\" for --batch"},
        {"--progress", "abc", "gazette run: invalid value \"abc\" for --progress"},
        {"--progress", "", "gazette run: invalid value \"\" for --progress"},
    };
    return cr_make_param_array(struct bad_value, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct bad_value *c, cli_options, run_rejects_bad_numbers)
{
    /* the pipeline file does not exist: the option is refused first */
    struct gzt_proc r = gzt_run(NULL, NULL, "run", c->opt, c->value, "/nonexistent.yaml", NULL);

    assert_one_reason(&r, c->expect, "run");
    gzt_proc_free(&r);
}

Test(cli_options, good_numbers_pass_the_command_line)
{
    struct gzt_proc r = gzt_run(NULL, NULL, "run", "--jobs", "2", "--batch", "10", "--progress",
                                "5", "/nonexistent.yaml", NULL);

    cr_assert_eq(r.status, 78, "the missing pipeline file is the error: %s", r.err);
    gzt_proc_free(&r);
}

Test(cli_options, unknown_options_name_themselves)
{
    struct gzt_proc r = gzt_run(NULL, NULL, "run", "--frobnicate", "x.yaml", NULL);

    assert_one_reason(&r, "gazette run: unknown option \"--frobnicate\"\n", "run");
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "run", "-x", "x.yaml", NULL);
    assert_one_reason(&r, "gazette run: unknown option \"-x\"\n", "run");
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "migrate", "--bogus", NULL);
    assert_one_reason(&r, "gazette migrate: unknown option \"--bogus\"\n", "migrate");
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "status", "--bogus", NULL);
    assert_one_reason(&r, "gazette status: unknown option \"--bogus\"\n", "status");
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "run", NULL);
    assert_one_reason(&r, "gazette run: no pipeline file given\n", "run");
    gzt_proc_free(&r);
}

Test(cli_options, status_limit_is_a_number)
{
    /* refused before connecting: no SQL error */
    struct gzt_proc r = gzt_run(NULL, NULL, "status", "--limit", "abc", NULL);

    assert_one_reason(&r, "gazette status: invalid value \"abc\" for --limit: expected a whole "
                      "number from 1 to 10000\n", "status");
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "status", "--limit", "0", NULL);
    assert_one_reason(&r, "gazette status: invalid value \"0\" for --limit", "status");
    gzt_proc_free(&r);
}

Test(cli_options, invalid_gazette_log_is_an_error)
{
    struct gzt_proc r = gzt_run("GAZETTE_LOG=json", NULL, "check", "pipelines/default.yaml",
                                NULL);

    cr_assert_eq(r.status, 78, "%s", r.err);
    cr_assert_str_eq(r.err, "gazette: invalid GAZETTE_LOG \"json\": expected debug, info, warn "
                     "or error\n");
    cr_assert_str_empty(r.out);
    gzt_proc_free(&r);
    r = gzt_run("GAZETTE_LOG=warn", NULL, "check", "pipelines/default.yaml", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
}

Test(cli_options, eval_ner_rejects_unknown_types)
{
    struct gzt_proc r = gzt_run(NULL, NULL, "eval", "ner", "/nonexistent.conll", "--types",
                                "PER,PERSON", NULL);

    cr_assert_eq(r.status, 64, "%s", r.err);
    cr_assert(strstr(r.err, "invalid value \"PER,PERSON\" for --types") != NULL, "got: %s", r.err);
    cr_assert_str_empty(r.out);
    gzt_proc_free(&r);
}

/* The gold column of the report: the MISC entity is left out with
 * --types PER,ORG,LOC, and MISC has no row (whatever the model predicts). */
Test(cli_options, eval_ner_types_leave_other_gold_out)
{
    static const char conll[] =
        "-DOCSTART- O\n\nGerman B-MISC\nofficials O\nmet O\nAngela B-PER\nMerkel I-PER\n"
        "in O\nBerlin B-LOC\n. O\n";
    char *f = gzt_write(gzt_tmpdir(), "types.conll", conll);
    struct gzt_proc all = gzt_run(NULL, NULL, "eval", "ner", f, NULL);
    struct gzt_proc some = gzt_run(NULL, NULL, "eval", "ner", f, "--types", "PER,ORG,LOC", NULL);
    long g_all = -1, g_some = -1;
    const char *o;

    cr_assert_eq(all.status, 0, "%s", all.err);
    cr_assert_eq(some.status, 0, "%s", some.err);
    o = strstr(all.out, "\noverall");
    cr_assert(o != NULL && sscanf(o, "\noverall %ld", &g_all) == 1, "%s", all.out);
    o = strstr(some.out, "\noverall");
    cr_assert(o != NULL && sscanf(o, "\noverall %ld", &g_some) == 1, "%s", some.out);
    cr_assert_eq(g_all, 3);
    cr_assert_eq(g_some, 2);
    cr_assert(strstr(all.out, "\nMISC") != NULL);
    cr_assert(strstr(some.out, "\nMISC") == NULL, "%s", some.out);
    gzt_proc_free(&all);
    gzt_proc_free(&some);
    free(f);
}
