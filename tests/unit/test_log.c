/* Log lines: the JSON format, levels, the status line, and the options and
 * variables that choose them (no database). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "gztest.h"

TestSuite(log, .fini = gzt_cleanup);

/* What fn wrote on stderr (malloc'd). */
static char *capture_stderr(void (*fn)(void))
{
    FILE *tmp = tmpfile();
    int saved = dup(2);
    long n;
    char *out;

    cr_assert_not_null(tmp);
    fflush(stderr);
    dup2(fileno(tmp), 2);
    fn();
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    n = ftell(tmp) >= 0 ? (long)lseek(fileno(tmp), 0, SEEK_END) : 0;
    out = calloc((size_t)n + 1, 1);
    lseek(fileno(tmp), 0, SEEK_SET);
    cr_assert_eq(read(fileno(tmp), out, (size_t)n), n);
    fclose(tmp);
    return out;
}

/* The fields of one JSON line, checked to parse. */
static int parse(const char *line, struct gzt_json_field *f, int max)
{
    int n = gzt_json_object(line, f, max);

    cr_assert_gt(n, 0, "not a JSON object: %s", line);
    return n;
}

static void expect(const struct gzt_json_field *f, int n, const char *key, const char *value,
                   int is_string)
{
    const struct gzt_json_field *x = gzt_json_get(f, n, key);

    cr_assert_not_null(x, "no field %s", key);
    cr_assert_str_eq(x->value, value, "%s", key);
    cr_assert_eq(x->is_string, is_string, "%s: %s", key, is_string ? "a string" : "a number");
}

static void log_mixed(void)
{
    gz_log_set_format(GZ_LOG_JSON);
    gz_log(GZ_LOG_INFO, "run_done", "pipeline=%s loaded=%ld seconds=%.2f neg=%d files=%zu/%zu "
           "reason=%s text=%s empty=%s zero=007 code=0", gz_q("daily run"), 12L, 1.5, -3,
           (size_t)3, (size_t)10, gz_q("impossible date \"2024-02-30\""),
           gz_q("a\\b\nc=d"), gz_q(""));
    gz_log(GZ_LOG_WARN, "odd", "message=%s tail words path=%s latin=%s utf=%s", "two words",
           "/a/b", gz_q("caf\xe9 \x01"), "caf\xc3\xa9");
    gz_log(GZ_LOG_ERROR, "bare", NULL);
}

Test(log, json_lines_hold_every_field_numbers_as_numbers)
{
    char *out = capture_stderr(log_mixed), *line2, *line3;
    struct gzt_json_field f[32];
    int n;

    line2 = strchr(out, '\n');
    cr_assert_not_null(line2);
    *line2++ = '\0';
    line3 = strchr(line2, '\n');
    cr_assert_not_null(line3);
    *line3++ = '\0';
    cr_assert(strchr(line3, '\n') == line3 + strlen(line3) - 1, "three lines: %s", line3);

    n = parse(out, f, 32);
    expect(f, n, "level", "info", 1);
    expect(f, n, "event", "run_done", 1);
    cr_assert_eq(strlen(gzt_json_get(f, n, "ts")->value), 20);
    cr_assert_str_eq(f[0].key, "ts");
    expect(f, n, "pipeline", "daily run", 1);
    expect(f, n, "loaded", "12", 0);
    expect(f, n, "seconds", "1.50", 0);
    expect(f, n, "neg", "-3", 0);
    expect(f, n, "files", "3/10", 1);
    expect(f, n, "reason", "impossible date \"2024-02-30\"", 1);
    expect(f, n, "text", "a\\b\nc=d", 1);
    expect(f, n, "empty", "", 1);
    expect(f, n, "zero", "007", 1);
    expect(f, n, "code", "0", 0);
    gzt_json_free(f, n);

    n = parse(line2, f, 32);
    expect(f, n, "level", "warn", 1);
    expect(f, n, "message", "two words tail words", 1);
    expect(f, n, "path", "/a/b", 1);
    expect(f, n, "latin", "caf? \x01", 1);   /* not UTF-8: U+FFFD, still JSON */
    expect(f, n, "utf", "caf\xc3\xa9", 1);
    gzt_json_free(f, n);

    n = parse(line3, f, 32);
    cr_assert_eq(n, 3);
    expect(f, n, "event", "bare", 1);
    gzt_json_free(f, n);
    free(out);
}

static void log_levels(void)
{
    gz_log_set_level(GZ_LOG_WARN);
    gz_log(GZ_LOG_INFO, "hidden", "n=1");
    gz_log(GZ_LOG_DEBUG, "hidden", "n=2");
    gz_log(GZ_LOG_WARN, "shown", "n=3");
    setenv("GAZETTE_LOG", "debug", 1);  /* the command line wins over the variable */
    gz_log_level_from_env();
    gz_log(GZ_LOG_DEBUG, "hidden", "n=4");
}

Test(log, quiet_keeps_warnings_and_errors_only)
{
    char *out = capture_stderr(log_levels);

    cr_assert(strstr(out, "hidden") == NULL, "%s", out);
    cr_assert(strstr(out, "level=warn event=shown n=3\n") != NULL, "%s", out);
    free(out);
}

static void log_status(void)
{
    gz_log_status("STATUS 1/2");
    gz_log(GZ_LOG_INFO, "between", "n=1");
    gz_log_status(NULL);
    gz_log(GZ_LOG_INFO, "after", "n=2");
}

Test(log, a_status_line_is_cleared_before_a_log_line_and_drawn_again)
{
    char *out = capture_stderr(log_status), *ts;

    cr_assert(strncmp(out, "STATUS 1/2\r\033[Kts=", 17) == 0, "%s", out);
    ts = strstr(out, " event=between n=1\nSTATUS 1/2\r\033[Kts=");
    cr_assert_not_null(ts, "%s", out);
    cr_assert(strstr(ts, "event=after n=2\n") != NULL);
    cr_assert(strstr(ts, "event=after n=2\nSTATUS") == NULL, "no redraw once cleared");
    free(out);
}

Test(log, invalid_log_format_is_an_error)
{
    struct gzt_proc r = gzt_run("GAZETTE_LOG_FORMAT=xml", NULL, "check", "pipelines/default.yaml",
                                NULL);

    cr_assert_eq(r.status, 78, "%s", r.err);
    cr_assert_str_eq(r.err, "gazette: invalid GAZETTE_LOG_FORMAT \"xml\": expected logfmt or "
                     "json\n");
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "--log-format", "xml", "check", "pipelines/default.yaml", NULL);
    cr_assert_eq(r.status, 64, "a bad option value is a bad command line: %s", r.err);
    cr_assert(strstr(r.err, "invalid value \"xml\" for --log-format") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "run", "x.yaml", "--log-format=yaml", NULL);
    cr_assert_eq(r.status, 64, "%s", r.err);
    gzt_proc_free(&r);
    r = gzt_run("GAZETTE_LOG_FORMAT=json", NULL, "check", "pipelines/default.yaml", NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    r = gzt_run("GAZETTE_PROGRESS=sometimes", NULL, "run", "pipelines/default.yaml", NULL);
    cr_assert_eq(r.status, 78, "%s", r.err);
    cr_assert(strstr(r.err, "invalid GAZETTE_PROGRESS \"sometimes\"") != NULL, "%s", r.err);
    gzt_proc_free(&r);
}

/* Every line of text is a JSON object with ts, level and event; the
 * fields of the one whose event is event go into f (n returned). */
static int json_lines(const char *text, const char *event, struct gzt_json_field *f, int max)
{
    char *copy = strdup(text), *line, *save = NULL;
    int found = -1;

    cr_assert_neq(text[0], '\0', "no lines");
    for (line = strtok_r(copy, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
        struct gzt_json_field g[32];
        int n = gzt_json_object(line, g, 32);

        cr_assert_gt(n, 0, "not a JSON line: %s", line);
        cr_assert_not_null(gzt_json_get(g, n, "ts"));
        cr_assert_not_null(gzt_json_get(g, n, "level"));
        cr_assert_not_null(gzt_json_get(g, n, "event"));
        if (found < 0 && strcmp(gzt_json_get(g, n, "event")->value, event) == 0
            && n <= max) {
            memcpy(f, g, (size_t)n * sizeof(*g));
            found = n;
        } else {
            gzt_json_free(g, n);
        }
    }
    free(copy);
    return found;
}

Test(log, errors_before_a_run_follow_the_json_format)
{
    char *p = gzt_write(gzt_tmpdir(), "bad.yaml",
                        "pipeline: x\nsource:\n  files: [a]\n  fromat: csv\n");
    struct gzt_json_field f[32];
    struct gzt_proc r = gzt_run(NULL, NULL, "--log-format", "json", "run", p, NULL);
    int n;

    cr_assert_eq(r.status, 78, "%s", r.err);
    n = json_lines(r.err, "config_error", f, 32);
    cr_assert_gt(n, 0, "%s", r.err);
    expect(f, n, "level", "error", 1);
    expect(f, n, "code", "78", 0);
    cr_assert(strstr(gzt_json_get(f, n, "message")->value, "unknown key \"fromat\"") != NULL);
    gzt_json_free(f, n);
    gzt_proc_free(&r);

    r = gzt_run(NULL, NULL, "run", p, "--batch", "0", "--log-format", "json", NULL);
    cr_assert_eq(r.status, 64, "%s", r.err);
    n = json_lines(r.err, "usage_error", f, 32);
    cr_assert_gt(n, 0, "%s", r.err);
    cr_assert(strstr(gzt_json_get(f, n, "message")->value, "invalid value \"0\" for --batch")
              != NULL);
    gzt_json_free(f, n);
    gzt_proc_free(&r);

    r = gzt_run("GAZETTE_LOG=loud", NULL, "--log-format=json", "check", p, NULL);
    cr_assert_eq(r.status, 78, "%s", r.err);
    n = json_lines(r.err, "config_error", f, 32);
    cr_assert_gt(n, 0, "%s", r.err);
    gzt_json_free(f, n);
    gzt_proc_free(&r);

    r = gzt_run("GAZETTE_LOG_FORMAT=json", NULL, "extract", "fixtures/rejects/impossible-date.txt",
                NULL);
    cr_assert_eq(r.status, 65, "%s", r.err);
    n = json_lines(r.err, "reject", f, 32);
    cr_assert_gt(n, 0, "%s", r.err);
    expect(f, n, "line", "1", 0);
    expect(f, n, "reason", "impossible date \"2024-02-30\"", 1);
    gzt_json_free(f, n);
    gzt_proc_free(&r);
    free(p);
}

Test(log, metrics_file_of_a_run_stopped_by_its_pipeline_file)
{
    const char *dir = gzt_tmpdir();
    char *p = gzt_write(dir, "nightly.yaml", "pipeline: x\nsource:\n  fromat: csv\n");
    char path[512], *text;
    struct gzt_proc r;
    FILE *f;

    snprintf(path, sizeof(path), "%s/gazette.prom", dir);
    r = gzt_run(NULL, NULL, "run", p, "--metrics-file", path, NULL);
    cr_assert_eq(r.status, 78, "%s", r.err);
    gzt_proc_free(&r);
    f = fopen(path, "r");
    cr_assert_not_null(f, "written whatever the exit");
    text = calloc(1, 8192);
    cr_assert_gt(fread(text, 1, 8191, f), 0);
    fclose(f);
    cr_assert(strstr(text, "gazette_run_exit_code{pipeline=\"nightly\"} 78\n") != NULL, "%s", text);
    cr_assert(strstr(text, "gazette_last_success_timestamp_seconds{pipeline=\"nightly\"} 0\n")
              != NULL, "%s", text);
    free(text);

    r = gzt_run(NULL, NULL, "run", p, "--metrics-file", "/nonexistent/dir/gazette.prom", NULL);
    cr_assert_eq(r.status, 73, "checked before the run: %s", r.err);
    cr_assert(strstr(r.err, "cannot write the metrics file") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    free(p);
}
