/* The command line without a database: exit codes, help, extract output. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gztest.h"

TestSuite(cli, .fini = gzt_cleanup);

Test(cli, version_and_help)
{
    struct gzt_proc r = gzt_run(NULL, NULL, "--version", NULL);

    cr_assert_eq(r.status, 0);
    cr_assert(strncmp(r.out, "gazette ", 8) == 0, "%s", r.out);
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "run", "--help", NULL);
    cr_assert_eq(r.status, 0);
    cr_assert(strstr(r.out, "75 another run of this pipeline holds the") != NULL);
    cr_assert(strstr(r.out, "  --dry-run ") != NULL, "%s", r.out);
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "status", "--help", NULL);
    cr_assert_eq(r.status, 0);
    cr_assert(strstr(r.out, "  --json ") != NULL && strstr(r.out, "dead") != NULL, "%s", r.out);
    gzt_proc_free(&r);
}

Test(cli, bad_command_line_exits_64)
{
    struct gzt_proc r = gzt_run(NULL, NULL, "frobnicate", NULL);

    cr_assert_eq(r.status, 64);
    cr_assert(strstr(r.err, "unknown command \"frobnicate\"") != NULL);
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "run", NULL);
    cr_assert_eq(r.status, 64);
    gzt_proc_free(&r);
}

Test(cli, bad_pipeline_exits_78_with_position)
{
    char *p = gzt_write(gzt_tmpdir(), "bad.yaml",
                        "pipeline: x\nsource:\n  files: [a]\n  fromat: csv\n");
    struct gzt_proc r = gzt_run(NULL, NULL, "check", p, NULL);

    cr_assert_eq(r.status, 78);
    cr_assert(strstr(r.err, "bad.yaml:4:3: unknown key \"fromat\" in source (did you mean \"format\"?)")
              != NULL, "%s", r.err);
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 78, "run refuses it before touching the database");
    gzt_proc_free(&r);
    free(p);
}

Test(cli, check_prints_the_resolved_pipeline)
{
    struct gzt_proc r = gzt_run(NULL, NULL, "check", "pipelines/default.yaml", NULL);

    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "pipeline: default") != NULL);
    cr_assert(strstr(r.out, "batch: 500") != NULL);
    cr_assert(strstr(r.out, "html: true    # (default)") != NULL, "%s", r.out);
    gzt_proc_free(&r);
}

Test(cli, extract_prints_json_lines_and_rejects_on_stderr)
{
    struct gzt_proc r = gzt_run(NULL, NULL, "extract", "--pipeline", "pipelines/default.yaml",
                                "fixtures/articles/2024-03-04-odesa-crlf.txt",
                                "fixtures/rejects/impossible-date.txt", NULL);

    cr_assert_eq(r.status, 65, "a reject makes the exit 65: %s", r.err);
    cr_assert(strstr(r.out, "\"published\":\"2024-03-04\"") != NULL, "%s", r.out);
    cr_assert(strstr(r.out, "\"repairs\":[\"crlf\"]") != NULL, "%s", r.out);
    cr_assert(strstr(r.out, "\"content_sha256\":\"") != NULL);
    cr_assert(strchr(r.out, '\n') == r.out + strlen(r.out) - 1, "one line per article");
    cr_assert(strstr(r.err, "reason=\"impossible date \\\"2024-02-30\\\"\"") != NULL, "%s", r.err);
    gzt_proc_free(&r);
}

Test(cli, extract_reads_stdin_and_gzip)
{
    struct gzt_proc r = gzt_run(NULL, "date 2024-01-05 Piped\n\nBody.\n", "extract",
                                "--pipeline", "pipelines/default.yaml", "-",
                                "fixtures/articles/2024-06-10-rbi.txt.gz", NULL);

    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "\"title\":\"Piped\"") != NULL, "%s", r.out);
    cr_assert(strstr(r.out, "\"title\":\"Reserve Bank of India keeps repo rate unchanged\"") != NULL);
    gzt_proc_free(&r);
}

Test(cli, extract_tsv_prints_one_line_per_mention)
{
    struct gzt_proc r = gzt_run(NULL, NULL, "extract", "--tsv",
                                "fixtures/articles/2024-03-11-bundesbank-bom.txt", NULL);

    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "\tentity\tPERSON\t") != NULL, "%s", r.out);
    cr_assert(strstr(r.out, "\tdate\tDATE\t2024-Q1\ttitle\t45\t58\tfirst quarter\n") != NULL,
              "%s", r.out);
    gzt_proc_free(&r);
}

Test(cli, extract_names_an_unreadable_directory_and_exits_66)
{
    const char *dir = gzt_tmpdir();
    char sub[300];
    struct gzt_proc r;

    snprintf(sub, sizeof(sub), "%s/locked", dir);
    cr_assert_eq(mkdir(sub, 0755), 0);
    free(gzt_write(sub, "a.txt", "date 2024-01-01 Hidden\n\nBody.\n"));
    chmod(sub, 0);
    r = gzt_run_unprivileged(NULL, NULL, "extract", "--no-text", dir, NULL);
    chmod(sub, 0755);
    cr_assert_eq(r.status, 66, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.err, "/locked: cannot read directory: Permission denied") != NULL,
              "%s", r.err);
    cr_assert_str_eq(r.out, "");
    gzt_proc_free(&r);
}

Test(cli, extract_rejects_a_cut_gzip_file)
{
    char path[300], cmd[700];
    struct gzt_proc r;

    snprintf(path, sizeof(path), "%s/cut.txt.gz", gzt_tmpdir());
    snprintf(cmd, sizeof(cmd), "gzip -c fixtures/articles/2024-03-04-odesa-crlf.txt"
             " | head -c 100 > %s", path);
    cr_assert_eq(system(cmd), 0);
    r = gzt_run(NULL, NULL, "extract", "--no-text", path, NULL);
    cr_assert_eq(r.status, 65, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.err, "reason=\"truncated gzip stream\"") != NULL,
              "%s", r.err);
    cr_assert_str_eq(r.out, "", "no truncated article");
    gzt_proc_free(&r);
}
