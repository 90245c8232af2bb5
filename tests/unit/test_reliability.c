/*
 * The database side of reliability without a database: passwords scrubbed
 * from messages, SQLSTATE -> exit code and retry, the retry policy's
 * waits, and the retry: section of a pipeline file (check round trip).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "core/scrub.h"
#include "run/pipeline.h"
#include "run/retry.h"
#include "sinks/pg.h"
#include "gztest.h"

TestSuite(reliability, .fini = gzt_cleanup);

static void scrubbed(const char *in, const char *want)
{
    char buf[512];

    snprintf(buf, sizeof(buf), "%s", in);
    gz_scrub_secrets(buf, sizeof(buf));
    cr_assert_str_eq(buf, want, "scrubbing <%s>", in);
}

Test(reliability, scrub_uri_userinfo_also_when_malformed)
{
    scrubbed("end of string reached when looking for matching \"]\" in IPv6 host address in URI: "
             "\"postgresql://user:secret@[127.0.0.1:5432/db\"",
             "end of string reached when looking for matching \"]\" in IPv6 host address in URI: "
             "\"postgresql://user:***@[127.0.0.1:5432/db\"");
    scrubbed("postgres://u:p@host/db", "postgres://u:***@host/db");
    /* a password holding '@' or ':' goes whole */
    scrubbed("postgresql://u:se@c:r@t@host:5432/db x", "postgresql://u:***@host:5432/db x");
    /* no password: nothing to do */
    scrubbed("postgresql://user@host:5432/db", "postgresql://user@host:5432/db");
    scrubbed("postgresql://host:5432/db", "postgresql://host:5432/db");
    scrubbed("postgresql://u:@host/db", "postgresql://u:@host/db");
    /* two of them on one line */
    scrubbed("a postgresql://a:b@h and postgres://c:d@i", "a postgresql://a:***@h and "
             "postgres://c:***@i");
}

Test(reliability, scrub_uri_query_password)
{
    scrubbed("invalid URI query parameter: \"postgresql:///db?password=s3cret&host=/tmp\"",
             "invalid URI query parameter: \"postgresql:///db?password=***&host=/tmp\"");
    scrubbed("postgresql:///db?host=/tmp&sslpassword=abc#frag",
             "postgresql:///db?host=/tmp&sslpassword=***#frag");
}

Test(reliability, scrub_conninfo_password_quoted_or_not)
{
    scrubbed("host=db password=secret user=me", "host=db password=*** user=me");
    scrubbed("host=db password = secret user=me", "host=db password = *** user=me");
    scrubbed("password='it\\'s a secret' user=me", "password=*** user=me");
    scrubbed("password='unterminated", "password=***");
    scrubbed("password='i'\\'su' r=x", "password=*** r=x");
    /* libpq takes "my" as the password and echoes "secret" */
    scrubbed("missing \"=\" after \"secret\" in connection info string",
             "missing \"=\" after \"***\" in connection info string");
    scrubbed("PASSWORD=x", "PASSWORD=***");
    scrubbed("sslpassword=k3y sslmode=require", "sslpassword=*** sslmode=require");
    /* libpq skips blanks after "=": the password here is "user=me" */
    scrubbed("host=db password= user=me", "host=db password= ***");
    scrubbed("host=db password=", "host=db password=");
    /* messages about passwords that hold none are left alone */
    scrubbed("password authentication failed for user \"me\"",
             "password authentication failed for user \"me\"");
    scrubbed("fe_sendauth: no password supplied", "fe_sendauth: no password supplied");
    scrubbed("passwords=x", "passwords=x");
}

Test(reliability, scrub_percent_decoding_token)
{
    scrubbed("invalid percent-encoded token: \"s3c%zzret\"",
             "invalid percent-encoded token: \"***\"");
    scrubbed("forbidden value %00 in percent-encoded value: \"a%00b\"\nnext \"line\"",
             "forbidden value %00 in percent-encoded value: \"***\"\nnext \"line\"");
}

Test(reliability, scrub_fits_the_buffer)
{
    char small[16] = "password=a b";

    cr_assert_eq(gz_scrub_secrets(small, sizeof(small)), 1);
    cr_assert_str_eq(small, "password=*** b");
    {
        char tiny[12] = "password=a";

        gz_scrub_secrets(tiny, sizeof(tiny));
        cr_assert_str_eq(tiny, "password=**", "cut to fit, still no secret");
    }
    cr_assert_eq(gz_scrub_secrets(NULL, 0), 0);
}

Test(reliability, sqlstate_to_exit_code_and_retry)
{
    static const struct {
        const char *state;
        int         code, retry;
    } cases[] = {
        {NULL, EX_UNAVAILABLE, 1},      /* no result: the connection is gone */
        {"08006", EX_UNAVAILABLE, 1}, {"08003", EX_UNAVAILABLE, 1},
        {"57P01", EX_UNAVAILABLE, 1}, {"57P02", EX_UNAVAILABLE, 1},
        {"57P03", EX_UNAVAILABLE, 1}, {"57P04", EX_UNAVAILABLE, 0},
        {"57014", EX_UNAVAILABLE, 1},
        {"53300", EX_UNAVAILABLE, 1},   /* too many connections: busy */
        {"53100", EX_IOERR, 0},         /* disk full */
        {"53200", EX_IOERR, 0},         /* out of memory */
        {"53400", EX_IOERR, 0},         /* configuration limit exceeded */
        {"40001", EX_TEMPFAIL, 1}, {"40P01", EX_TEMPFAIL, 1},
        {"28P01", EX_UNAVAILABLE, 0}, {"3D000", EX_UNAVAILABLE, 0},
        {"22007", EX_DATAERR, 0}, {"23505", EX_DATAERR, 0},
        {"42P01", EX_SOFTWARE, 0}, {"XX000", EX_SOFTWARE, 0},
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        cr_assert_eq(gz_pg_sqlstate_exit(cases[i].state), cases[i].code, "%s",
                     cases[i].state ? cases[i].state : "NULL");
        cr_assert_eq(gz_pg_sqlstate_retry(cases[i].state), cases[i].retry, "%s",
                     cases[i].state ? cases[i].state : "NULL");
    }
}

Test(reliability, default_policy_rides_out_a_minute)
{
    struct gz_retry r = GZ_RETRY_DEFAULT;
    static const double caps[] = {0.5, 1, 2, 4, 8, 15, 15, 15, 15, 15, 15, 15};
    long k;

    cr_assert_eq(r.attempts, 12);
    for (k = 1; k <= 12; k++)
        cr_assert_float_eq(gz_retry_cap(&r, k), caps[k - 1], 1e-9, "attempt %ld", k);
    cr_assert_float_eq(gz_retry_min_total(&r), 60.25, 1e-9);
    cr_assert_float_eq(gz_retry_max_total(&r), 120.5, 1e-9);
    cr_assert(gz_retry_min_total(&r) >= 60);
    for (k = 1; k <= 12; k++) {
        for (int i = 0; i < 200; i++) {
            double w = gz_retry_wait(&r, k);

            cr_assert(w >= caps[k - 1] / 2 && w <= caps[k - 1], "wait %g for attempt %ld", w, k);
        }
    }
    r = (struct gz_retry){100, 0.01, 3600};
    cr_assert_float_eq(gz_retry_cap(&r, 100), 3600, 1e-9, "no overflow of 2^99");
}

Test(reliability, jitter_spreads_the_waits)
{
    struct gz_retry r = {5, 1, 1};
    double lo = 1, hi = 0;

    for (int i = 0; i < 1000; i++) {
        double w = gz_retry_wait(&r, 1);

        lo = w < lo ? w : lo;
        hi = w > hi ? w : hi;
    }
    cr_assert(lo < 0.6 && hi > 0.9, "waits from %g to %g", lo, hi);
}

static struct gz_pipeline *load_text(const char *text, struct gz_error *err)
{
    char *path = gzt_write(gzt_tmpdir(), "retry.yaml", text);
    struct gz_pipeline *p = gz_pipeline_load(path, err);

    free(path);
    return p;
}

Test(reliability, retry_section_parsed_with_defaults_and_errors)
{
    struct gz_error err = {0};
    struct gz_pipeline *p = load_text("pipeline: r\nsource: {files: [a]}\n", &err);

    cr_assert_not_null(p, "%s", err.msg);
    cr_assert_eq(p->retry.attempts, 12);
    cr_assert_float_eq(p->retry.initial_wait, 0.5, 1e-9);
    cr_assert_float_eq(p->retry.max_wait, 15, 1e-9);
    gz_pipeline_free(p);
    p = load_text("pipeline: r\nsource: {files: [a]}\n"
                  "retry: {attempts: 2, initial_wait: 0.2, max_wait: 0.2}\n", &err);
    cr_assert_not_null(p, "%s", err.msg);
    cr_assert_eq(p->retry.attempts, 2);
    cr_assert_float_eq(p->retry.initial_wait, 0.2, 1e-9);
    gz_pipeline_free(p);
    p = load_text("pipeline: r\nsource: {files: [a]}\nretry: {initial_wait: 30}\n", &err);
    cr_assert_not_null(p, "%s", err.msg);
    cr_assert_float_eq(p->retry.max_wait, 30, 1e-9, "max_wait follows a larger initial_wait");
    gz_pipeline_free(p);
    p = load_text("pipeline: r\nsource: {files: [a]}\nretry: {attempts: -1}\n", &err);
    cr_assert_null(p);
    cr_assert(strstr(err.msg, ":3:19: retry.attempts must be between 0") != NULL, "%s", err.msg);
    p = load_text("pipeline: r\nsource: {files: [a]}\nretry: {initial_wait: 2, max_wait: 1}\n",
                  &err);
    cr_assert_null(p);
    cr_assert(strstr(err.msg, "retry.max_wait (1) must not be less than") != NULL, "%s",
              err.msg);
    p = load_text("pipeline: r\nsource: {files: [a]}\nretry: {attemps: 3}\n", &err);
    cr_assert_null(p);
    cr_assert(strstr(err.msg, "attempts") != NULL, "did you mean: %s", err.msg);
    p = load_text("pipeline: r\nsource: {files: [a]}\nretry: {max_wait: nan}\n", &err);
    cr_assert_null(p);
    cr_assert_eq(err.code, EX_CONFIG);
}

Test(reliability, check_prints_retry_and_accepts_it_again)
{
    const char *dir = gzt_tmpdir();
    char *in = gzt_write(dir, "in.yaml", "pipeline: r\nsource: {files: [a]}\n"
                         "retry: {attempts: 3, initial_wait: 0.25, max_wait: 1.5}\n");
    struct gzt_proc r = gzt_run(NULL, NULL, "check", in, NULL), again;
    char *out;

    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "retry:") != NULL, "%s", r.out);
    cr_assert(strstr(r.out, "  attempts: 3 ") != NULL, "%s", r.out);
    cr_assert(strstr(r.out, "  initial_wait: 0.25\n") != NULL, "%s", r.out);
    cr_assert(strstr(r.out, "  max_wait: 1.5\n") != NULL, "%s", r.out);
    cr_assert(strstr(r.out, "0.875 to 1.75 s") != NULL, "total waits: %s", r.out);
    out = gzt_write(dir, "out.yaml", r.out);
    again = gzt_run(NULL, NULL, "check", out, NULL);
    cr_assert_eq(again.status, 0, "%s", again.err);
    cr_assert_str_eq(again.out, r.out, "check accepts its own output and prints it unchanged");
    gzt_proc_free(&r);
    gzt_proc_free(&again);
    /* the defaults are printed too */
    r = gzt_run(NULL, NULL, "check", "pipelines/default.yaml", NULL);
    cr_assert(strstr(r.out, "  attempts: 12 ") != NULL && strstr(r.out, "60.25 to 120.5 s"),
              "%s", r.out);
    gzt_proc_free(&r);
    free(in);
    free(out);
}
