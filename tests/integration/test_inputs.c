/*
 * Inputs against a real PostgreSQL: patterns that match nothing, empty and
 * unreadable directories, relative paths, symlinks, and `check` reading its
 * own output.
 */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gztest.h"

TestSuite(inputs, .init = gzt_suite_init, .fini = gzt_suite_fini);

static const char article_a[] = "date 2024-01-01 Arrived first\n\nBody one.\n";
static const char article_b[] = "date 2024-01-02 Arrived second\n\nBody two.\n";

static char *subdir(const char *dir, const char *name)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = malloc(len);

    cr_assert_not_null(path);
    snprintf(path, len, "%s/%s", dir, name);
    cr_assert_eq(mkdir(path, 0755), 0, "mkdir %s", path);
    return path;
}

static long query(const char *sql)
{
    return gzt_long(gzt_suite_db, sql);
}

Test(inputs, a_pattern_matching_nothing_exits_66_and_is_a_reject_naming_it)
{
    const char *dir = gzt_tmpdir();
    char files[600], sql[900];
    char *p;
    struct gzt_proc r;

    snprintf(files, sizeof(files), "[\"%s/no-such-dir/*.txt\"]", dir);
    p = gzt_pipeline("nomatch", "t_in_nomatch", files, "article", "");
    gzt_drop_schema(gzt_suite_db, "t_in_nomatch");
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 66, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.err, "no-such-dir/*.txt") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM t_in_nomatch.rejects WHERE uri = "
             "'%s/no-such-dir/*.txt' AND line = 0 AND reason = 'pattern matches nothing'", dir);
    cr_assert_eq(query(sql), 1);
    free(p);
}

Test(inputs, allow_empty_makes_no_match_exit_0)
{
    const char *dir = gzt_tmpdir();
    char files[600];
    char *p;
    struct gzt_proc r;

    snprintf(files, sizeof(files), "[\"%s/no-such-dir/*.txt\"]", dir);
    p = gzt_pipeline("allowempty", "t_in_allow", files, "article\n  allow_empty: true", "");
    gzt_drop_schema(gzt_suite_db, "t_in_allow");
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.err, "event=no_files") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(query("SELECT count(*) FROM t_in_allow.rejects"), 0);
    free(p);
}

Test(inputs, an_empty_existing_directory_is_nothing_new_and_exits_0)
{
    const char *dir = gzt_tmpdir();
    char *in = subdir(dir, "incoming");
    char files[900];
    char *p;
    struct gzt_proc r;

    snprintf(files, sizeof(files), "[\"%s\", \"%s/**/*.txt\"]", in, in);
    p = gzt_pipeline("empty", "t_in_empty", files, "article", "");
    gzt_drop_schema(gzt_suite_db, "t_in_empty");
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.err, "event=no_files") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(query("SELECT count(*) FROM t_in_empty.rejects"), 0);
    free(in), free(p);
}

Test(inputs, relative_paths_are_taken_from_the_pipeline_files_directory)
{
    const char *dir = gzt_tmpdir();
    char *in = subdir(dir, "news");
    char *a = gzt_write(in, "a.txt", article_a);
    char bin[PATH_MAX], cwd[PATH_MAX];
    char *p;
    struct gzt_proc r;

    cr_assert_not_null(realpath(getenv("GAZETTE_BIN") ? getenv("GAZETTE_BIN") : "build/gazette",
                                bin));
    cr_assert_not_null(getcwd(cwd, sizeof(cwd)));
    setenv("GAZETTE_BIN", bin, 1);
    p = gzt_pipeline("relative", "t_in_relative", "[\"news/*.txt\"]", "article", "");
    gzt_drop_schema(gzt_suite_db, "t_in_relative");
    cr_assert_eq(chdir("/"), 0);                /* as cron does */
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(chdir(cwd), 0);
    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    gzt_proc_free(&r);
    cr_assert_eq(query("SELECT count(*) FROM t_in_relative.articles"), 1);
    free(in), free(a), free(p);
}

/* in/a.txt, in/sub/b.txt and in/sub/loop -> in */
static char *loop_tree(const char *dir)
{
    char *in = subdir(dir, "in");
    char *sub = subdir(in, "sub");
    char link[600];

    free(gzt_write(in, "a.txt", article_a));
    free(gzt_write(sub, "b.txt", article_b));
    snprintf(link, sizeof(link), "%s/loop", sub);
    cr_assert_eq(symlink(in, link), 0);
    free(sub);
    return in;
}

Test(inputs, a_symlink_loop_with_follow_symlinks_is_rejected_not_followed)
{
    const char *dir = gzt_tmpdir();
    char *in = loop_tree(dir);
    char files[700], want[1400];
    char *p, *v;
    struct gzt_proc r;

    snprintf(files, sizeof(files), "[\"%s\"]", in);
    snprintf(want, sizeof(want), "%s/sub/loop symlink loop: leads back to %s", in, in);
    p = gzt_pipeline("loop", "t_in_loop", files, "article\n  follow_symlinks: true", "");
    gzt_drop_schema(gzt_suite_db, "t_in_loop");
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 66, "exit %d: %s", r.status, r.err);
    gzt_proc_free(&r);
    cr_assert_eq(query("SELECT count(*) FROM t_in_loop.sources"), 2, "a.txt and b.txt, once each");
    cr_assert_eq(query("SELECT count(*) FROM t_in_loop.articles"), 2);
    v = gzt_text(gzt_suite_db, "SELECT uri || ' ' || reason FROM t_in_loop.rejects");
    cr_assert_not_null(v);
    cr_assert_str_eq(v, want);
    free(v), free(in), free(p);
}

Test(inputs, symlinks_are_not_followed_by_default)
{
    const char *dir = gzt_tmpdir();
    char *in = loop_tree(dir);
    char *other = subdir(dir, "other");
    char *c = gzt_write(other, "c.txt", "date 2024-01-03 Elsewhere\n\nBody three.\n");
    char files[700], link[700];
    char *p;
    struct gzt_proc r;

    snprintf(link, sizeof(link), "%s/c.txt", in);
    cr_assert_eq(symlink(c, link), 0);
    snprintf(files, sizeof(files), "[\"%s\"]", in);
    p = gzt_pipeline("nofollow", "t_in_nofollow", files, "article", "");
    gzt_drop_schema(gzt_suite_db, "t_in_nofollow");
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    gzt_proc_free(&r);
    cr_assert_eq(query("SELECT count(*) FROM t_in_nofollow.articles"), 2, "a.txt and b.txt");
    cr_assert_eq(query("SELECT count(*) FROM t_in_nofollow.sources WHERE uri LIKE '%c.txt'"), 0);
    free(in), free(other), free(c), free(p);
}

static void drop_default_marks(char *s)
{
    char *m;

    while ((m = strstr(s, " (default)")) != NULL)
        memmove(m, m + 10, strlen(m + 10) + 1);
}

Test(inputs, check_prints_yaml_that_check_accepts_again_with_secrets_hidden)
{
    const char *dir = gzt_tmpdir();
    char *in = subdir(dir, "docs");
    char *a = gzt_write(in, "a.txt", article_a);
    char *p, *again, want[700];
    struct gzt_proc r1, r2;

    p = gzt_write(dir, "roundtrip.yaml",
                  "pipeline: roundtrip\n"
                  "source:\n  files: [\"docs\", 'docs/*.csv']\n"
                  "stages: [clean_text, {normalise_dates: {reference: published}}]\n"
                  "sink:\n  postgres:\n    dsn: \"${GZT_SECRET_DSN}\"\n    schema: t_rt\n"
                  "on_error: fail\n");
    r1 = gzt_run("GZT_SECRET_DSN=postgresql://u:hunter2@db/news", NULL, "check", p, NULL);
    cr_assert_eq(r1.status, 0, "exit %d: %s", r1.status, r1.err);
    cr_assert(strstr(r1.out, "hunter2") == NULL, "%s", r1.out);
    cr_assert(strstr(r1.out, "dsn: \"${GZT_SECRET_DSN}\"") != NULL, "%s", r1.out);
    snprintf(want, sizeof(want), "- %s/docs    # 1 file now", dir);
    cr_assert(strstr(r1.out, want) != NULL, "%s", r1.out);
    snprintf(want, sizeof(want), "\"%s/docs/*.csv\"    # 0 files now", dir);
    cr_assert(strstr(r1.out, want) != NULL, "%s", r1.out);
    again = gzt_write(dir, "again.yaml", r1.out);
    r2 = gzt_run("GZT_SECRET_DSN=postgresql://u:hunter2@db/news", NULL, "check", again, NULL);
    cr_assert_eq(r2.status, 0, "exit %d: %s\n%s", r2.status, r2.err, r1.out);
    drop_default_marks(r1.out);
    cr_assert_str_eq(r2.out, r1.out);
    gzt_proc_free(&r1), gzt_proc_free(&r2);
    free(in), free(a), free(p), free(again);
}

Test(inputs, an_unreadable_directory_under_two_patterns_is_one_reject)
{
    const char *dir = gzt_tmpdir();
    char *in = subdir(dir, "in");
    char *locked = subdir(in, "locked");
    char *a = gzt_write(in, "a.txt", article_a);
    char *b = gzt_write(locked, "b.txt", article_b);
    char files[900];
    char *p;
    struct gzt_proc r;

    snprintf(files, sizeof(files), "[\"%s\", \"%s/**/*.txt\"]", in, in);
    p = gzt_pipeline("twice", "t_in_twice", files, "article", "");
    gzt_drop_schema(gzt_suite_db, "t_in_twice");
    chmod(locked, 0);
    r = gzt_run_unprivileged(NULL, NULL, "run", p, NULL);
    chmod(locked, 0755);
    cr_assert_eq(r.status, 66, "exit %d: %s", r.status, r.err);
    {
        int n = 0;

        for (const char *s = r.err; (s = strstr(s, "event=reject ")) != NULL; s++)
            n++;
        cr_assert_eq(n, 1, "one reject, not one per pattern: %s", r.err);
    }
    gzt_proc_free(&r);
    cr_assert_eq(query("SELECT count(*) FROM t_in_twice.rejects"), 1);
    cr_assert_eq(query("SELECT count(*) FROM t_in_twice.articles"), 1);
    free(in), free(locked), free(a), free(b), free(p);
}
