/*
 * What a run tells the people and machines watching it: --metrics-file,
 * the status line and summary of a terminal, JSON logs and -q.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gztest.h"

TestSuite(observe, .init = gzt_suite_init, .fini = gzt_suite_fini);

/* A pipeline over fixtures/articles (10 files, 9 articles and a duplicate)
 * with two stages. */
static char *fixture_pipeline(const char *name, const char *schema)
{
    char *files = gzt_repo_path("fixtures/articles"), text[2048], fname[64];
    char *p;

    snprintf(text, sizeof(text),
             "pipeline: %s\nsource:\n  files: [\"%s\"]\n  format: article\n"
             "stages: [clean_text, normalise_dates]\n"
             "sink:\n  postgres:\n    schema: %s\n"
             "retry: {attempts: 0}    # a run whose server is away fails at once\n",
             name, files, schema);
    snprintf(fname, sizeof(fname), "%s.yaml", schema);
    p = gzt_write(gzt_tmpdir(), fname, text);
    free(files);
    gzt_drop_schema(gzt_suite_db, schema);
    return p;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    char *text = calloc(1, 65536);

    cr_assert_not_null(f, "%s", path);
    cr_assert_lt(fread(text, 1, 65535, f), 65535);
    fclose(f);
    return text;
}

/* The value of the sample `series` (name and labels, as written) in a
 * Prometheus text; NAN when missing. Checks that every sample line has a
 * # TYPE line for its name before it. */
static double sample(const char *text, const char *series)
{
    const char *s = text;
    size_t n = strlen(series);

    while (s != NULL && *s != '\0') {
        const char *eol = strchr(s, '\n');

        if (strncmp(s, series, n) == 0 && s[n] == ' ') {
            char type[256];
            size_t name_len = strcspn(series, "{");

            snprintf(type, sizeof(type), "# TYPE %.*s gauge\n", (int)name_len, series);
            cr_assert(strstr(text, type) != NULL && strstr(text, type) < s, "%s", type);
            return strtod(s + n + 1, NULL);
        }
        s = eol != NULL ? eol + 1 : NULL;
    }
    return NAN;
}

Test(observe, metrics_file_has_the_run_and_keeps_the_last_success)
{
    char *p = fixture_pipeline("obs", "t_obs_metrics"), path[512], tmp[600], *text;
    double ok_ts, now = (double)time(NULL);
    struct gzt_proc r;

    snprintf(path, sizeof(path), "%s/gazette.prom", gzt_tmpdir());
    r = gzt_run(NULL, NULL, "run", p, "--metrics-file", path, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    text = slurp(path);
    cr_assert_eq(sample(text, "gazette_files_seen{pipeline=\"obs\"}"), 10, "%s", text);
    cr_assert_eq(sample(text, "gazette_files_skipped{pipeline=\"obs\"}"), 0);
    cr_assert_eq(sample(text, "gazette_articles_read{pipeline=\"obs\"}"), 10);
    cr_assert_eq(sample(text, "gazette_articles_loaded{pipeline=\"obs\"}"), 9);
    cr_assert_eq(sample(text, "gazette_articles_duplicates{pipeline=\"obs\"}"), 1);
    cr_assert_eq(sample(text, "gazette_articles_rejected{pipeline=\"obs\"}"), 0);
    cr_assert_eq(sample(text, "gazette_articles_reprocessed{pipeline=\"obs\"}"), 0);
    cr_assert_eq(sample(text, "gazette_run_exit_code{pipeline=\"obs\"}"), 0);
    cr_assert_gt(sample(text, "gazette_run_seconds{pipeline=\"obs\"}"), 0);
    ok_ts = sample(text, "gazette_last_success_timestamp_seconds{pipeline=\"obs\"}");
    cr_assert(fabs(ok_ts - now) < 60, "%f", ok_ts);
    cr_assert_eq(sample(text, "gazette_last_run_timestamp_seconds{pipeline=\"obs\"}"), ok_ts);
    cr_assert_geq(sample(text, "gazette_stage_seconds{pipeline=\"obs\",stage=\"clean_text\"}"), 0);
    cr_assert_gt(sample(text, "gazette_stage_seconds{pipeline=\"obs\",stage=\"normalise_dates\"}"),
                 0, "%s", text);
    cr_assert(strstr(text, "# HELP gazette_articles_loaded ") != NULL);
    snprintf(tmp, sizeof(tmp), "%s.tmp.", path);
    free(text);

    usleep(20000);                      /* the next timestamps differ */
    r = gzt_run(NULL, NULL, "run", p, "--dsn", "host=/nonexistent-gazette-socket",
                "--metrics-file", path, NULL);
    cr_assert_eq(r.status, 69, "%s", r.err);
    gzt_proc_free(&r);
    text = slurp(path);
    cr_assert_eq(sample(text, "gazette_run_exit_code{pipeline=\"obs\"}"), 69, "%s", text);
    cr_assert_eq(sample(text, "gazette_articles_loaded{pipeline=\"obs\"}"), 0);
    cr_assert_eq(sample(text, "gazette_last_success_timestamp_seconds{pipeline=\"obs\"}"), ok_ts,
                 "a failed run keeps the last success: %s", text);
    cr_assert_gt(sample(text, "gazette_last_run_timestamp_seconds{pipeline=\"obs\"}"), ok_ts);
    free(text);

    r = gzt_run(NULL, NULL, "run", p, "--metrics-file", path, NULL);   /* a rerun: all skipped */
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    text = slurp(path);
    cr_assert_eq(sample(text, "gazette_files_skipped{pipeline=\"obs\"}"), 10, "%s", text);
    cr_assert_gt(sample(text, "gazette_last_success_timestamp_seconds{pipeline=\"obs\"}"), ok_ts);
    free(text);
    cr_assert_eq(access(tmp, F_OK), -1, "no temporary file left");
    free(p);
}

/* The number at the end of the summary row named label; -1 when none. */
static long summary(const char *text, const char *label)
{
    char key[128];
    const char *s;

    snprintf(key, sizeof(key), "\n  %s  ", label);
    if ((s = strstr(text, key)) == NULL)
        return -1;
    s += strlen(key);
    while (*s == ' ')
        s++;
    return strtol(s, NULL, 10);
}

Test(observe, a_terminal_gets_a_status_line_and_a_summary)
{
    const char *dir = gzt_tmpdir();
    char *rejects = gzt_repo_path("fixtures/rejects"), *articles = gzt_repo_path("fixtures/articles");
    char text[2048];
    char *p;
    struct gzt_proc r;

    snprintf(text, sizeof(text),
             "pipeline: tty\nsource:\n  files: [\"%s\", \"%s\"]\n  format: article\n"
             "stages: [clean_text, normalise_dates]\n"
             "sink:\n  postgres:\n    schema: t_obs_tty\n", articles, rejects);
    p = gzt_write(dir, "tty.yaml", text);
    gzt_drop_schema(gzt_suite_db, "t_obs_tty");
    r = gzt_run("GAZETTE_PROGRESS=tty", NULL, "run", p, NULL);
    cr_assert_eq(r.status, 65, "%s", r.err);
    cr_assert(strstr(r.err, "\r\033[K") != NULL, "the line is cleared: %s", r.err);
    cr_assert(strstr(r.err, "tty  ") != NULL && strstr(r.err, " inputs ") != NULL
              && strstr(r.err, " MB/s  ETA ") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "level=info event=run_done") != NULL, "logs still print: %s", r.err);
    cr_assert_eq(summary(r.err, "files"), 16, "%s", r.err);
    cr_assert_eq(summary(r.err, "articles read"), 16);
    cr_assert_eq(summary(r.err, "loaded"), 9);
    cr_assert_eq(summary(r.err, "duplicates"), 1);
    cr_assert_eq(summary(r.err, "rejected"), 6);
    cr_assert_eq(summary(r.err, "  empty file"), 2, "grouped by reason: %s", r.err);
    cr_assert_eq(summary(r.err, "  impossible date \"...\""), 1);
    cr_assert_eq(summary(r.err, "  no title after the date"), 1);
    cr_assert(strstr(r.err, "\n    stage normalise_dates ") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "\n    total (wall clock) ") != NULL, "%s", r.err);
    gzt_proc_free(&r);

    /* -q and the JSON format have no status line */
    gzt_drop_schema(gzt_suite_db, "t_obs_tty");
    r = gzt_run("GAZETTE_PROGRESS=tty", NULL, "-q", "run", p, NULL);
    cr_assert_eq(r.status, 65, "%s", r.err);
    cr_assert(strchr(r.err, '\r') == NULL && strstr(r.err, "total (wall clock)") == NULL,
              "%s", r.err);
    gzt_proc_free(&r);
    free(p);
    free(rejects);
    free(articles);
}

Test(observe, off_a_terminal_only_log_lines)
{
    char *p = fixture_pipeline("plain", "t_obs_plain"), *line, *save = NULL;
    struct gzt_proc r = gzt_run(NULL, NULL, "run", p, "--progress", "1", NULL);

    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strchr(r.err, '\r') == NULL && strchr(r.err, '\033') == NULL, "%s", r.err);
    for (line = strtok_r(r.err, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save))
        cr_assert(strncmp(line, "ts=", 3) == 0 && strstr(line, " level=") != NULL
                  && strstr(line, " event=") != NULL, "not a log line: %s", line);
    gzt_proc_free(&r);
    free(p);
}

Test(observe, json_logs_and_quiet)
{
    char *p = fixture_pipeline("json", "t_obs_json"), *line, *save = NULL;
    struct gzt_proc r = gzt_run("GAZETTE_PROGRESS=tty", NULL, "run", p, "--log-format", "json",
                                "-v", NULL);
    int done = 0;

    cr_assert_eq(r.status, 0, "%s", r.err);
    for (line = strtok_r(r.err, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
        struct gzt_json_field f[40];
        int n = gzt_json_object(line, f, 40);
        const struct gzt_json_field *ev;

        cr_assert_gt(n, 2, "not a JSON line: %s", line);
        cr_assert_str_eq(f[0].key, "ts");
        cr_assert_str_eq(f[1].key, "level");
        cr_assert_str_eq(f[2].key, "event");
        ev = gzt_json_get(f, n, "event");
        if (strcmp(ev->value, "run_done") == 0) {
            done = 1;
            cr_assert_str_eq(gzt_json_get(f, n, "pipeline")->value, "json");
            cr_assert_str_eq(gzt_json_get(f, n, "loaded")->value, "9");
            cr_assert(!gzt_json_get(f, n, "loaded")->is_string);
            cr_assert(!gzt_json_get(f, n, "seconds")->is_string);
            cr_assert(gzt_json_get(f, n, "status")->is_string);
        }
        gzt_json_free(f, n);
    }
    cr_assert(done, "a run_done line");
    gzt_proc_free(&r);

    r = gzt_run(NULL, NULL, "run", p, "--quiet", NULL);     /* a rerun: nothing to warn of */
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_empty(r.err, "-q prints no info lines: %s", r.err);
    gzt_proc_free(&r);
    free(p);
}

/* `gazette run pipeline` with stderr on a pseudo-terminal (a real one, no
 * GAZETTE_PROGRESS): what it wrote there (malloc'd); *status its exit. */
static char *run_on_a_terminal(const char *pipeline, int *status)
{
    const char *bin = getenv("GAZETTE_BIN") ? getenv("GAZETTE_BIN") : "build/gazette";
    int master = posix_openpt(O_RDWR | O_NOCTTY), slave, st;
    size_t n = 0, cap = 1 << 16;
    char *out = calloc(1, cap + 1);
    pid_t pid;

    cr_assert_geq(master, 0);
    cr_assert_eq(grantpt(master), 0);
    cr_assert_eq(unlockpt(master), 0);
    slave = open(ptsname(master), O_RDWR | O_NOCTTY);   /* before the fork: no EIO yet */
    cr_assert_geq(slave, 0);
    pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);

        unsetenv("GAZETTE_PROGRESS");
        dup2(null, 0);
        dup2(null, 1);
        dup2(slave, 2);
        close(master);
        execl(bin, bin, "run", pipeline, (char *)NULL);
        _exit(127);
    }
    close(slave);
    for (;;) {                          /* EIO once the child's end is closed */
        char buf[4096];
        ssize_t r = read(master, buf, sizeof(buf));

        if (r > 0) {
            size_t k = (size_t)r < cap - n ? (size_t)r : cap - n;

            memcpy(out + n, buf, k);
            n += k;
        } else if (r == 0 || errno != EINTR) {
            break;
        }
    }
    waitpid(pid, &st, 0);
    close(master);
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return out;
}

Test(observe, a_real_terminal_is_noticed)
{
    char *p = fixture_pipeline("pty", "t_obs_pty"), *out;
    int status;

    out = run_on_a_terminal(p, &status);
    cr_assert_eq(status, 0, "%s", out);
    cr_assert(strstr(out, "\r\033[K") != NULL, "%s", out);
    cr_assert(strstr(out, "pty  ") != NULL && strstr(out, " inputs ") != NULL, "%s", out);
    cr_assert(strstr(out, "total (wall clock)") != NULL, "%s", out);
    free(out);
    free(p);
}
