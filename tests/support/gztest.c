#include "gztest.h"

#include <fcntl.h>
#include <signal.h>
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

/* ---- a flat JSON object ---------------------------------------------- */

static const char *json_ws(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    return s;
}

/* A JSON string at s (at its quote): the unescaped text (malloc'd) and
 * *end after it, or NULL. */
static char *json_string(const char *s, const char **end)
{
    size_t n = 0;
    char *out;

    if (*s++ != '"')
        return NULL;
    out = malloc(strlen(s) + 1);
    for (; *s != '"'; s++) {
        unsigned char c = (unsigned char)*s;

        if (c == '\0' || c < 0x20)
            goto bad;
        if (c != '\\') {
            out[n++] = (char)c;
            continue;
        }
        switch (*++s) {
        case '"': case '\\': case '/': out[n++] = *s; break;
        case 'n': out[n++] = '\n'; break;
        case 't': out[n++] = '\t'; break;
        case 'r': out[n++] = '\r'; break;
        case 'b': out[n++] = '\b'; break;
        case 'f': out[n++] = '\f'; break;
        case 'u': {
            unsigned v = 0;
            int i;

            for (i = 1; i <= 4; i++) {
                char h = s[i];

                if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F')))
                    goto bad;
                v = v * 16 + (unsigned)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
            }
            s += 4;
            out[n++] = v < 0x80 ? (char)v : '?';
            break;
        }
        default:
            goto bad;
        }
    }
    out[n] = '\0';
    *end = s + 1;
    return out;
bad:
    free(out);
    return NULL;
}

/* A JSON number or literal at s: its text (malloc'd), or NULL. */
static char *json_scalar(const char *s, const char **end)
{
    const char *p = s;
    char *out;

    if (strncmp(s, "true", 4) == 0 || strncmp(s, "null", 4) == 0)
        p = s + 4;
    else if (strncmp(s, "false", 5) == 0)
        p = s + 5;
    else {
        if (*p == '-')
            p++;
        if (*p == '0')
            p++;
        else if (*p >= '1' && *p <= '9')
            while (*p >= '0' && *p <= '9')
                p++;
        else
            return NULL;
        if (*p == '.') {
            if (*++p < '0' || *p > '9')
                return NULL;
            while (*p >= '0' && *p <= '9')
                p++;
        }
        if (*p == 'e' || *p == 'E') {
            p++;
            if (*p == '+' || *p == '-')
                p++;
            if (*p < '0' || *p > '9')
                return NULL;
            while (*p >= '0' && *p <= '9')
                p++;
        }
    }
    out = strndup(s, (size_t)(p - s));
    *end = p;
    return out;
}

int gzt_json_object(const char *line, struct gzt_json_field *fields, int max)
{
    const char *s = json_ws(line);
    int n = 0;

    if (*s++ != '{')
        return -1;
    s = json_ws(s);
    if (*s == '}')
        return *json_ws(s + 1) == '\0' ? 0 : -1;
    for (;;) {
        char *key, *value;
        int is_string;

        s = json_ws(s);
        if ((key = json_string(s, &s)) == NULL)
            goto bad;
        s = json_ws(s);
        if (*s++ != ':') {
            free(key);
            goto bad;
        }
        s = json_ws(s);
        is_string = *s == '"';
        value = is_string ? json_string(s, &s) : json_scalar(s, &s);
        if (value == NULL || n == max) {
            free(key);
            free(value);
            goto bad;
        }
        fields[n++] = (struct gzt_json_field){key, value, is_string};
        s = json_ws(s);
        if (*s == ',') {
            s++;
            continue;
        }
        if (*s++ != '}' || *json_ws(s) != '\0')
            goto bad;
        return n;
    }
bad:
    gzt_json_free(fields, n);
    return -1;
}

void gzt_json_free(struct gzt_json_field *fields, int n)
{
    for (int i = 0; i < n; i++) {
        free(fields[i].key);
        free(fields[i].value);
    }
}

const struct gzt_json_field *gzt_json_get(const struct gzt_json_field *fields, int n,
                                          const char *key)
{
    for (int i = 0; i < n; i++)
        if (strcmp(fields[i].key, key) == 0)
            return &fields[i];
    return NULL;
}

void gzt_signal(struct gzt_child *c, int sig)
{
    kill(c->pid, sig);
}

char *gzt_in_schema(const char *sql, const char *schema)
{
    size_t n = strlen(sql) + 1, k = strlen(schema);
    const char *p;
    char *out, *o;

    for (p = sql; (p = strstr(p, "@S")) != NULL; p += 2)
        n += k;
    out = o = malloc(n);
    if (out == NULL)
        abort();
    for (p = sql; *p;) {
        if (p[0] == '@' && p[1] == 'S') {
            memcpy(o, schema, k);
            o += k, p += 2;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    return out;
}

long gzt_schema_long(const char *schema, const char *sql)
{
    char *q = gzt_in_schema(sql, schema);
    long v = gzt_long(gzt_suite_db, q);

    free(q);
    return v;
}

char *gzt_schema_text(const char *schema, const char *sql)
{
    char *q = gzt_in_schema(sql, schema);
    char *v = gzt_text(gzt_suite_db, q);

    free(q);
    return v;
}

char *gzt_fixture_list(const char *rel)
{
    char *abs = gzt_repo_path(rel);
    char *list = malloc(strlen(abs) + 8);

    if (list == NULL)
        abort();
    sprintf(list, "[\"%s\"]", abs);
    free(abs);
    return list;
}
