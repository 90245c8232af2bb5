#include "gztest.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char tmpdir[256];

const char *gzt_tmpdir(void)
{
    if (tmpdir[0] == '\0') {
        snprintf(tmpdir, sizeof(tmpdir), "/tmp/gztest.XXXXXX");
        if (mkdtemp(tmpdir) == NULL)
            abort();
    }
    return tmpdir;
}

void gzt_cleanup(void)
{
    char cmd[300];

    if (tmpdir[0] == '\0')
        return;
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    tmpdir[0] = '\0';
}

char *gzt_write(const char *dir, const char *name, const char *text)
{
    char *path = malloc(strlen(dir) + strlen(name) + 2);
    FILE *f;

    sprintf(path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (f == NULL)
        abort();
    fputs(text, f);
    fclose(f);
    return path;
}

char *gzt_repo_path(const char *rel)
{
    char cwd[4096];
    char *p;

    if (getcwd(cwd, sizeof(cwd)) == NULL)
        abort();
    p = malloc(strlen(cwd) + strlen(rel) + 2);
    sprintf(p, "%s/%s", cwd, rel);
    return p;
}

static char *slurp(int fd)
{
    size_t cap = 4096, n = 0;
    char *b = malloc(cap);
    ssize_t got;

    lseek(fd, 0, SEEK_SET);
    while ((got = read(fd, b + n, cap - n - 1)) > 0) {
        n += (size_t)got;
        if (n + 1 == cap)
            b = realloc(b, cap *= 2);
    }
    b[n] = '\0';
    return b;
}

/* Root reads any file whatever its mode; a child that must meet "Permission
 * denied" drops the capabilities that let it (they are gone after exec). */
static void drop_file_capabilities(void)
{
    prctl(PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, 0, 0, 0);
    prctl(PR_CAPBSET_DROP, CAP_DAC_READ_SEARCH, 0, 0, 0);
}

struct gzt_child {
    pid_t pid;
    int   out, err, in;
    char  outp[32], errp[32], inp[32];
};

static struct gzt_child *start_v(const char *env_extra, const char *stdin_text, int unprivileged,
                                 va_list ap)
{
    const char *bin = getenv("GAZETTE_BIN") ? getenv("GAZETTE_BIN") : "build/gazette";
    struct gzt_child *c = calloc(1, sizeof(*c));
    char *argv[64];
    int argc = 0;

    strcpy(c->outp, "/tmp/gzt-out.XXXXXX");
    strcpy(c->errp, "/tmp/gzt-err.XXXXXX");
    strcpy(c->inp, "/tmp/gzt-in.XXXXXX");
    c->out = mkstemp(c->outp);
    c->err = mkstemp(c->errp);
    c->in = mkstemp(c->inp);
    argv[argc++] = (char *)bin;
    while (argc < 63 && (argv[argc] = va_arg(ap, char *)) != NULL)
        argc++;
    argv[argc] = NULL;
    if (stdin_text != NULL && write(c->in, stdin_text, strlen(stdin_text)) < 0)
        abort();
    lseek(c->in, 0, SEEK_SET);
    fflush(NULL);
    c->pid = fork();
    if (c->pid == 0) {
        dup2(c->in, 0);
        dup2(c->out, 1);
        dup2(c->err, 2);
        if (env_extra != NULL)
            putenv((char *)env_extra);
        if (unprivileged)
            drop_file_capabilities();
        execv(bin, argv);
        _exit(127);
    }
    return c;
}

struct gzt_proc gzt_wait(struct gzt_child *c)
{
    struct gzt_proc r = {0};
    int st;

    waitpid(c->pid, &st, 0);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    r.out = slurp(c->out);
    r.err = slurp(c->err);
    close(c->out), close(c->err), close(c->in);
    unlink(c->outp), unlink(c->errp), unlink(c->inp);
    free(c);
    return r;
}

struct gzt_child *gzt_start(const char *env_extra, const char *stdin_text, ...)
{
    struct gzt_child *c;
    va_list ap;

    va_start(ap, stdin_text);
    c = start_v(env_extra, stdin_text, 0, ap);
    va_end(ap);
    return c;
}

static struct gzt_proc run_v(const char *env_extra, const char *stdin_text, int unprivileged,
                             va_list ap)
{
    return gzt_wait(start_v(env_extra, stdin_text, unprivileged, ap));
}

struct gzt_proc gzt_run(const char *env_extra, const char *stdin_text, ...)
{
    struct gzt_proc r;
    va_list ap;

    va_start(ap, stdin_text);
    r = run_v(env_extra, stdin_text, 0, ap);
    va_end(ap);
    return r;
}

struct gzt_proc gzt_run_unprivileged(const char *env_extra, const char *stdin_text, ...)
{
    struct gzt_proc r;
    va_list ap;

    va_start(ap, stdin_text);
    r = run_v(env_extra, stdin_text, 1, ap);
    va_end(ap);
    return r;
}

void gzt_proc_free(struct gzt_proc *p)
{
    free(p->out);
    free(p->err);
}

static void quiet(void *arg, const char *msg)
{
    (void)arg, (void)msg;
}

PGconn *gzt_db(void)
{
    const char *keys[] = {"dbname", NULL};
    const char *vals[] = {getenv("GAZETTE_TEST_DSN") ? getenv("GAZETTE_TEST_DSN") : "", NULL};
    PGconn *c = PQconnectdbParams(keys, vals, 1);

    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "test database unavailable: %s", PQerrorMessage(c));
        abort();
    }
    PQsetNoticeProcessor(c, quiet, NULL);
    return c;
}

PGconn *gzt_suite_db;

void gzt_suite_init(void)
{
    gzt_suite_db = gzt_db();
}

void gzt_suite_fini(void)
{
    PQfinish(gzt_suite_db);
    gzt_suite_db = NULL;
    gzt_cleanup();
}

char *gzt_text(PGconn *db, const char *sql)
{
    PGresult *res = PQexec(db, sql);
    char *v = NULL;

    if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) > 0 && !PQgetisnull(res, 0, 0))
        v = strdup(PQgetvalue(res, 0, 0));
    else if (PQresultStatus(res) != PGRES_TUPLES_OK)
        fprintf(stderr, "query failed: %s: %s", sql, PQerrorMessage(db));
    PQclear(res);
    return v;
}

long gzt_long(PGconn *db, const char *sql)
{
    char *v = gzt_text(db, sql);
    long n = v ? atol(v) : -1;

    free(v);
    return n;
}

void gzt_drop_schema(PGconn *db, const char *schema)
{
    char sql[256];

    snprintf(sql, sizeof(sql), "DROP SCHEMA IF EXISTS \"%s\" CASCADE", schema);
    PQclear(PQexec(db, sql));
}

char *gzt_pipeline(const char *name, const char *schema, const char *files, const char *format,
                   const char *extra)
{
    char text[8192], fname[300];

    snprintf(text, sizeof(text),
             "pipeline: %s\n"
             "source:\n  files: %s\n  format: %s\n"
             "stages: [clean_text]\n"
             "sink:\n  postgres:\n    schema: %s\n"
             "%s",
             name, files, format, schema, extra);
    snprintf(fname, sizeof(fname), "%s-%s.yaml", schema, name);
    return gzt_write(gzt_tmpdir(), fname, text);
}
