/*
 * Connecting: a server that accepts and never answers, a statement that
 * waits too long, a refused user or password, a malformed DSN. The
 * listeners are Unix sockets this suite opens itself and closes at the end.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "gztest.h"

TestSuite(connect, .init = gzt_suite_init, .fini = gzt_suite_fini);

/* A listening socket DIR/.s.PGSQL.5432 that libpq finds with host=DIR. */
static int listen_in(const char *dir)
{
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    cr_assert(fd >= 0);
    snprintf(a.sun_path, sizeof(a.sun_path), "%s/.s.PGSQL.5432", dir);
    cr_assert(bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0, "bind %s", a.sun_path);
    cr_assert(listen(fd, 8) == 0);
    return fd;
}

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *fixtures(void)
{
    char *abs = gzt_repo_path("fixtures/articles");
    char *list = malloc(strlen(abs) + 8);

    sprintf(list, "[\"%s\"]", abs);
    free(abs);
    return list;
}

static char *dsn_for(const char *dir)
{
    char *dsn = malloc(strlen(dir) + 16);

    sprintf(dsn, "host=%s", dir);
    return dsn;
}

/* The kernel accepts the connection; nobody ever answers the startup
 * packet. Without a default connect_timeout this run never ends (and the
 * suite's timeout fails the test). */
Test(connect, server_that_never_answers_exits_69_after_the_default_timeout, .timeout = 40)
{
    const char *dir = gzt_tmpdir();
    int fd = listen_in(dir);
    char *dsn = dsn_for(dir);
    char *files = fixtures();
    char *p = gzt_pipeline("hang", "gz_hang", files, "article", "retry: {attempts: 0}\n");
    double t0 = now_s();
    struct gzt_proc r = gzt_run(NULL, NULL, "run", p, "--dsn", dsn, NULL);
    double secs = now_s() - t0;

    close(fd);
    cr_assert_eq(r.status, 69, "%s", r.err);
    cr_assert(strstr(r.err, "timeout expired") != NULL, "%s", r.err);
    cr_assert(secs >= 9 && secs < 30, "took %.1f s, expected about 10", secs);
    gzt_proc_free(&r);
    free(dsn);
    free(files);
    free(p);
}

Test(connect, statement_that_waits_too_long_exits_69, .timeout = 30)
{
    /* migrations wait for this lock; the statement timeout ends the wait */
    PGresult *res = PQexec(gzt_suite_db, "SELECT pg_advisory_lock(hashtext('gazette:migrate'))");
    struct gzt_proc r;
    double t0;

    cr_assert_eq(PQresultStatus(res), PGRES_TUPLES_OK);
    PQclear(res);
    t0 = now_s();
    r = gzt_run("GAZETTE_STATEMENT_TIMEOUT=1", NULL, "migrate", "--schema", "gz_stmt_timeout",
                NULL);
    PQclear(PQexec(gzt_suite_db, "SELECT pg_advisory_unlock(hashtext('gazette:migrate'))"));
    cr_assert_eq(r.status, 69, "%s", r.err);
    cr_assert(strstr(r.err, "57014") != NULL, "%s", r.err);
    cr_assert(now_s() - t0 < 15);
    gzt_proc_free(&r);
    gzt_drop_schema(gzt_suite_db, "gz_stmt_timeout");
}

/* A batch whose statements wait on a table another session holds: the
 * statement timeout cancels them, the load thread reconnects and tries
 * again as often as retry.attempts says (taking its own pipeline lock
 * again, not 75), then 69. */
Test(connect, load_that_waits_too_long_is_retried_then_exits_69, .timeout = 60)
{
    char *files = fixtures();
    char *p = gzt_pipeline("slow", "gz_load_timeout", files, "article",
                           "retry: {attempts: 3, initial_wait: 0.5, max_wait: 2}\n");
    struct gzt_proc r = gzt_run(NULL, NULL, "migrate", "--schema", "gz_load_timeout", NULL);
    PGresult *res;

    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    res = PQexec(gzt_suite_db, "BEGIN; LOCK TABLE gz_load_timeout.articles IN ACCESS EXCLUSIVE MODE");
    cr_assert_eq(PQresultStatus(res), PGRES_COMMAND_OK, "%s", PQerrorMessage(gzt_suite_db));
    PQclear(res);
    r = gzt_run("GAZETTE_STATEMENT_TIMEOUT=1", NULL, "run", p, NULL);
    PQclear(PQexec(gzt_suite_db, "ROLLBACK"));
    cr_assert_eq(r.status, 69, "%s", r.err);
    cr_assert(strstr(r.err, "event=reconnecting attempt=3 of=3") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "gave up after 3 attempts") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "57014") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    gzt_drop_schema(gzt_suite_db, "gz_load_timeout");
    free(files);
    free(p);
}

Test(connect, invalid_statement_timeout_exits_78)
{
    struct gzt_proc r = gzt_run("GAZETTE_STATEMENT_TIMEOUT=10m", NULL, "migrate", "--schema",
                                "gz_bad_timeout", NULL);

    cr_assert_eq(r.status, 78, "%s", r.err);
    cr_assert(strstr(r.err, "invalid GAZETTE_STATEMENT_TIMEOUT \"10m\"") != NULL, "%s", r.err);
    gzt_proc_free(&r);
}

/* Answers the startup packet with AuthenticationCleartextPassword, as a
 * server with `password` in pg_hba.conf does, then waits for the client
 * to give up. */
static void *ask_for_password(void *arg)
{
    static const unsigned char auth[] = {'R', 0, 0, 0, 8, 0, 0, 0, 3};
    int lfd = *(int *)arg, fd = accept(lfd, NULL, NULL);
    char buf[1024];

    if (fd < 0)
        return NULL;
    if (read(fd, buf, sizeof(buf)) > 0 && write(fd, auth, sizeof(auth)) == sizeof(auth))
        while (read(fd, buf, sizeof(buf)) > 0)
            ;
    close(fd);
    return NULL;
}

Test(connect, server_asking_for_a_password_we_lack_exits_77, .timeout = 40)
{
    const char *dir = gzt_tmpdir();
    int fd = listen_in(dir);
    char *dsn = dsn_for(dir);
    pthread_t th;
    struct gzt_proc r;

    cr_assert_eq(pthread_create(&th, NULL, ask_for_password, &fd), 0);
    r = gzt_run("PGPASSFILE=/nonexistent/pgpass", NULL, "migrate", "--dsn", dsn, NULL);
    pthread_join(th, NULL);
    close(fd);
    cr_assert_eq(r.status, 77, "%s", r.err);
    cr_assert(strstr(r.err, "no password supplied") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "hint:") != NULL && strstr(r.err, ".pgpass") != NULL
              && strstr(r.err, "PGPASSFILE") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    free(dsn);
}

/* The throwaway cluster trusts every local user, so a refused login is a
 * role that does not exist (SQLSTATE 28000, told by its message). */
Test(connect, unknown_role_exits_77)
{
    struct gzt_proc r = gzt_run(NULL, NULL, "migrate", "--dsn", "user=gz_no_such_role", NULL);

    cr_assert_eq(r.status, 77, "%s", r.err);
    cr_assert(strstr(r.err, "role \"gz_no_such_role\" does not exist") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "PGPASSFILE") != NULL, "%s", r.err);
    gzt_proc_free(&r);
}

Test(connect, malformed_dsn_exits_78)
{
    char *files = fixtures();
    char *p = gzt_pipeline("baddsn", "gz_baddsn", files, "article", "");
    struct gzt_proc r = gzt_run(NULL, NULL, "run", p, "--dsn", "host=x nosuchkey=1", NULL);

    cr_assert_eq(r.status, 78, "%s", r.err);
    cr_assert(strstr(r.err, "invalid DSN") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "nosuchkey") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "status", "--dsn", "postgresql://[::1", NULL);
    cr_assert_eq(r.status, 78, "%s", r.err);
    cr_assert(strstr(r.err, "invalid DSN") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    /* parsed, then refused by libpq before connecting */
    r = gzt_run(NULL, NULL, "migrate", "--dsn", "port=abc", NULL);
    cr_assert_eq(r.status, 78, "%s", r.err);
    cr_assert(strstr(r.err, "invalid integer value \"abc\" for connection option \"port\"")
              != NULL, "%s", r.err);
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "migrate", "--dsn", "sslmode=sometimes", NULL);
    cr_assert_eq(r.status, 78, "%s", r.err);
    cr_assert(strstr(r.err, "hint: check sslmode") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    free(files);
    free(p);
}

Test(connect, server_down_stays_69)
{
    const char *dir = gzt_tmpdir();
    char *dsn = dsn_for(dir);       /* no socket there */
    struct gzt_proc r = gzt_run(NULL, NULL, "migrate", "--dsn", dsn, NULL);

    cr_assert_eq(r.status, 69, "%s", r.err);
    gzt_proc_free(&r);
    free(dsn);
}

/* A connect_timeout set in the service file (service= in the DSN, or
 * PGSERVICE) wins over gazette's default of 10 s. */
Test(connect, the_service_files_connect_timeout_wins, .timeout = 60)
{
    const char *dir = gzt_tmpdir();
    int fd = listen_in(dir);
    char *files = fixtures(), conf[512], env[600];
    char *p = gzt_pipeline("svc", "gz_svc", files, "article", "retry: {attempts: 0}\n");
    char *path;
    struct gzt_proc r;
    double t0;

    snprintf(conf, sizeof(conf), "# services of the test\n[other]\nconnect_timeout=30\n\n"
             "  [gz_hang]  \nhost=%s\n  connect_timeout=2\n\n[after]\nconnect_timeout=40\n",
             dir);
    path = gzt_write(dir, "pg_service.conf", conf);
    snprintf(env, sizeof(env), "PGSERVICEFILE=%s", path);
    t0 = now_s();
    r = gzt_run(env, NULL, "run", p, "--dsn", "service=gz_hang", NULL);
    cr_assert_eq(r.status, 69, "%s", r.err);
    cr_assert(strstr(r.err, "timeout expired") != NULL, "%s", r.err);
    cr_assert(now_s() - t0 < 8, "took %.1f s: the default 10 s won", now_s() - t0);
    gzt_proc_free(&r);
    /* PGSERVICE instead of service= */
    setenv("PGSERVICEFILE", path, 1);
    t0 = now_s();
    r = gzt_run("PGSERVICE=gz_hang", NULL, "run", p, NULL);
    unsetenv("PGSERVICEFILE");
    cr_assert_eq(r.status, 69, "%s", r.err);
    cr_assert(strstr(r.err, "timeout expired") != NULL, "%s", r.err);
    cr_assert(now_s() - t0 < 8, "took %.1f s: the default 10 s won", now_s() - t0);
    gzt_proc_free(&r);
    /* a service file libpq cannot read is a configuration error */
    free(gzt_write(dir, "pg_service.conf", "[gz_hang]\nconnect_timeout = 2\n"));
    r = gzt_run(env, NULL, "run", p, "--dsn", "service=gz_hang", NULL);
    cr_assert_eq(r.status, 78, "%s", r.err);
    cr_assert(strstr(r.err, "syntax error in service file") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    r = gzt_run(env, NULL, "run", p, "--dsn", "service=gz_nosuch", NULL);
    cr_assert_eq(r.status, 78, "%s", r.err);
    cr_assert(strstr(r.err, "definition of service \\\"gz_nosuch\\\" not found") != NULL,
              "%s", r.err);
    gzt_proc_free(&r);
    close(fd);
    free(path), free(files), free(p);
}

/* libpq echoes a malformed URI in its message; the password in it, in a
 * conninfo string or in a URI query is never printed. */
Test(connect, a_password_in_the_dsn_is_never_printed)
{
    static const char *const dsns[] = {
        "postgresql://gz_user:hunter2secret@[127.0.0.1:5432/db",
        "postgresql://gz_user:hunter2secret@/db?host=/nonexistent-gz&nosuch=1",
        "postgresql://gz_user:hunter2%zzsecret@localhost/db",
        "postgresql:///db?host=/nonexistent-gz&password=hunter2secret",
        "host=/nonexistent-gz password=hunter2secret port=1",
        "host=/nonexistent-gz password='hunter2 secret' nosuchkey=1",
        "host=/nonexistent-gz password=my hunter2secret",
        "host=/nonexistent-gz password='my'hunter2secret",
        NULL,
    };
    char *files = fixtures();
    char *p = gzt_pipeline("secret", "gz_secret", files, "article", "retry: {attempts: 0}\n");
    size_t i;

    for (i = 0; dsns[i] != NULL; i++) {
        struct gzt_proc r = gzt_run(NULL, NULL, "run", p, "--dsn", dsns[i], NULL);

        cr_assert(r.status == 78 || r.status == 69, "%s: exit %d: %s", dsns[i], r.status, r.err);
        cr_assert(strstr(r.err, "hunter2") == NULL, "%s leaked: %s", dsns[i], r.err);
        cr_assert(strstr(r.out, "hunter2") == NULL, "%s leaked: %s", dsns[i], r.out);
        gzt_proc_free(&r);
        r = gzt_run(NULL, NULL, "status", "--dsn", dsns[i], NULL);
        cr_assert(r.status == 78 || r.status == 69, "%s: exit %d: %s", dsns[i], r.status, r.err);
        cr_assert(strstr(r.err, "hunter2") == NULL, "%s leaked: %s", dsns[i], r.err);
        gzt_proc_free(&r);
    }
    free(files), free(p);
}

/* The start of a run retries a server that is away, never a refused user
 * or a malformed DSN: those exit at once under the default policy. */
Test(connect, a_run_never_retries_a_refused_user_or_a_malformed_dsn, .timeout = 30)
{
    char *files = fixtures();
    char *p = gzt_pipeline("noretry", "gz_noretry", files, "article", "");
    double t0 = now_s();
    struct gzt_proc r = gzt_run(NULL, NULL, "run", p, "--dsn", "user=gz_no_such_role", NULL);

    cr_assert_eq(r.status, 77, "%s", r.err);
    cr_assert(strstr(r.err, "event=reconnecting") == NULL, "%s", r.err);
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "run", p, "--dsn", "postgresql://u:pw@[::1/db", NULL);
    cr_assert_eq(r.status, 78, "%s", r.err);
    cr_assert(strstr(r.err, "event=reconnecting") == NULL, "%s", r.err);
    gzt_proc_free(&r);
    r = gzt_run(NULL, NULL, "run", p, "--dsn", "dbname=gz_no_such_database", NULL);
    cr_assert_eq(r.status, 69, "%s", r.err);
    cr_assert(strstr(r.err, "event=reconnecting") == NULL, "a missing database is not waited "
              "for: %s", r.err);
    gzt_proc_free(&r);
    cr_assert(now_s() - t0 < 5, "took %.1f s", now_s() - t0);
    free(files), free(p);
}
