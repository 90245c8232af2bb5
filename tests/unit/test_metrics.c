/* The Prometheus file of --metrics-file, without a database. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run/metrics.h"
#include "gztest.h"

TestSuite(metrics, .fini = gzt_cleanup);

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    char *text = calloc(1, 16384);

    cr_assert_not_null(f, "%s", path);
    cr_assert_gt(fread(text, 1, 16383, f), 0);
    fclose(f);
    return text;
}

Test(metrics, labels_are_escaped_and_a_failure_keeps_the_last_success)
{
    char path[512], label[64], *text;
    struct gz_run_counts c = {.files_seen = 3, .read = 7, .loaded = 5, .duplicates = 1,
                              .rejected = 1};
    struct gz_metrics m = {.pipeline = "say \"hi\"\\", .counts = &c, .seconds = 1.25,
                           .exit_code = 0};
    struct gz_error err = {0};
    double ok, again;

    snprintf(path, sizeof(path), "%s/m.prom", gzt_tmpdir());
    cr_assert_eq(gz_metrics_write(path, &m, &err), 0, "%s", err.msg);
    text = slurp(path);
    cr_assert(strstr(text, "gazette_articles_loaded{pipeline=\"say \\\"hi\\\"\\\\\"} 5\n") != NULL,
              "%s", text);
    cr_assert(strstr(text, "gazette_run_seconds{pipeline=\"say \\\"hi\\\"\\\\\"} 1.250\n") != NULL,
              "%s", text);
    cr_assert(strstr(text, "# TYPE gazette_run_exit_code gauge\n") != NULL);
    free(text);
    cr_assert_eq(gz_metrics_read_last_success(path, &ok, label, sizeof(label)), 0);
    cr_assert_str_eq(label, "say \"hi\"\\");
    cr_assert_gt(ok, 1e9);

    usleep(10000);
    m = (struct gz_metrics){.pipeline = NULL, .file_hint = "/etc/gazette/nightly.yaml",
                            .exit_code = 78};
    cr_assert_eq(gz_metrics_write(path, &m, &err), 0, "%s", err.msg);
    cr_assert_eq(gz_metrics_read_last_success(path, &again, label, sizeof(label)), 0);
    cr_assert_eq(again, ok, "kept: %f %f", again, ok);
    cr_assert_str_eq(label, "say \"hi\"\\", "the label of the file it replaces");
    text = slurp(path);
    cr_assert(strstr(text, "gazette_articles_loaded{pipeline=\"say \\\"hi\\\"\\\\\"} 0\n") != NULL,
              "%s", text);
    cr_assert(strstr(text, "} 78\n") != NULL, "%s", text);
    free(text);

    unlink(path);                       /* no file to keep anything from */
    cr_assert_eq(gz_metrics_write(path, &m, &err), 0, "%s", err.msg);
    text = slurp(path);
    cr_assert(strstr(text, "gazette_last_success_timestamp_seconds{pipeline=\"nightly\"} 0\n")
              != NULL, "%s", text);
    free(text);
}
