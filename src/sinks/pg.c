/*
 * pg.c - libpq connection, migrations and the pipeline lock.
 */
#include "sinks/pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/scrub.h"
#include "sinks/migrations.h"

int gz_pg_sqlstate_exit(const char *state)
{
    if (state == NULL || *state == '\0')
        return EX_UNAVAILABLE;          /* no result: the connection is gone */
    if (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0)
        return EX_UNAVAILABLE;          /* connection, server shutting down or starting */
    if (strcmp(state, "57014") == 0)
        return EX_UNAVAILABLE;          /* statement_timeout: retried like a lost server */
    if (strcmp(state, "53300") == 0)
        return EX_UNAVAILABLE;          /* too_many_connections: busy, not broken */
    if (strncmp(state, "53", 2) == 0)
        return EX_IOERR;                /* disk full, out of memory, a server limit */
    if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0)
        return EX_TEMPFAIL;             /* serialization failure, deadlock */
    if (strncmp(state, "28", 2) == 0 || strncmp(state, "3D", 2) == 0)
        return EX_UNAVAILABLE;          /* authentication, no such database */
    if (strncmp(state, "22", 2) == 0 || strncmp(state, "23", 2) == 0)
        return EX_DATAERR;              /* a value the table refused */
    return EX_SOFTWARE;
}

int gz_pg_sqlstate_retry(const char *state)
{
    static const char *const again[] = {"57P01", "57P02", "57P03", "57014", "53300", "40001",
                                        "40P01", NULL};
    size_t i;

    if (state == NULL || *state == '\0' || strncmp(state, "08", 2) == 0)
        return 1;
    for (i = 0; again[i] != NULL; i++)
        if (strcmp(state, again[i]) == 0)
            return 1;
    return 0;
}

int gz_pg_exit_code(const PGresult *res)
{
    return gz_pg_sqlstate_exit(res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL);
}

/* What to tell about a class 53 error (insufficient resources), or NULL. */
static const char *resource_hint(const char *state)
{
    if (state == NULL || strncmp(state, "53", 2) != 0 || strcmp(state, "53300") == 0)
        return NULL;
    if (strcmp(state, "53100") == 0)
        return "hint: the database server's disk is full: free space there and run again "
               "(the batch was rolled back; the next run carries on)";
    if (strcmp(state, "53200") == 0)
        return "hint: the database server is out of memory: run again when it has recovered, "
               "or lower sink.postgres.batch (the batch was rolled back; the next run carries on)";
    return "hint: the database server ran out of a resource (SQLSTATE class 53): see its log "
           "(the batch was rolled back; the next run carries on)";
}

/* Copy a libpq message without its trailing newline and blanks, and
 * without the passwords it may echo. */
static void clean_message(char *dest, size_t size, const char *msg)
{
    size_t n;

    snprintf(dest, size, "%s", msg ? msg : "");
    n = strlen(dest);
    while (n > 0 && (dest[n - 1] == '\n' || dest[n - 1] == ' '))
        dest[--n] = '\0';
    gz_scrub_secrets(dest, size);
}

int gz_pg_fail(struct gz_pg *pg, const PGresult *res, const char *what, struct gz_error *err)
{
    const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(pg->conn);
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *hint = resource_hint(state);
    char clean[GZ_ERR_MSG_MAX];

    snprintf(pg->sqlstate, sizeof(pg->sqlstate), "%s", state ? state : "");
    clean_message(clean, sizeof(clean), msg && *msg ? msg : PQerrorMessage(pg->conn));
    gz_fail(err, res ? gz_pg_exit_code(res) : EX_UNAVAILABLE, "%s: %s%s%s%s%s%s", what, clean,
            state ? " (SQLSTATE " : "", state ? state : "", state ? ")" : "",
            hint ? "\n" : "", hint ? hint : "");
    if (err != NULL)
        err->retry = gz_pg_sqlstate_retry(state) || PQstatus(pg->conn) != CONNECTION_OK;
    return -1;
}

char *gz_pg_with_schema(const struct gz_pg *pg, const char *sql)
{
    size_t slen = strlen(pg->schema), cap = strlen(sql) + 1, n = 0;
    const char *p;
    char *out;

    for (p = sql; (p = strstr(p, "@S")) != NULL; p += 2)
        cap += slen;
    out = gz_xmalloc(cap);
    for (p = sql; *p;) {
        if (p[0] == '@' && p[1] == 'S') {
            memcpy(out + n, pg->schema, slen);
            n += slen;
            p += 2;
        } else {
            out[n++] = *p++;
        }
    }
    out[n] = '\0';
    return out;
}

PGresult *gz_pg_query(struct gz_pg *pg, const char *sql, int nparams,
                      const char *const *params, struct gz_error *err)
{
    char *text = gz_pg_with_schema(pg, sql);
    PGresult *res = PQexecParams(pg->conn, text, nparams, NULL, params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(res);

    gz_free(text);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
        return res;
    gz_pg_fail(pg, res, "query failed", err);
    PQclear(res);
    return NULL;
}

int gz_pg_exec(struct gz_pg *pg, const char *sql, struct gz_error *err)
{
    char *text = gz_pg_with_schema(pg, sql);
    PGresult *res = PQexec(pg->conn, text);     /* simple protocol: several commands */
    ExecStatusType st = PQresultStatus(res);
    int rc = 0;

    gz_free(text);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        rc = gz_pg_fail(pg, res, "query failed", err);
    PQclear(res);
    return rc;
}

static void quiet_notices(void *arg, const char *message)
{
    (void)arg, (void)message;
}

/* Seconds a statement may run (GAZETTE_STATEMENT_TIMEOUT, default 600; 0: no
 * limit). -1 with err filled for a value that is not a number of seconds. */
static int statement_timeout(struct gz_error *err)
{
    const char *v = getenv("GAZETTE_STATEMENT_TIMEOUT");
    char *end;
    long secs;

    if (v == NULL || *v == '\0')
        return GZ_PG_STATEMENT_TIMEOUT;
    secs = strtol(v, &end, 10);
    if (end == v || *end != '\0' || secs < 0 || secs > 86400 * 7)
        return gz_fail(err, EX_CONFIG, "invalid GAZETTE_STATEMENT_TIMEOUT \"%s\": expected "
                       "seconds from 0 (no limit) to 604800", v);
    return (int)secs;
}

/* Session settings that a reconnect has to make again. */
static int setup_session(struct gz_pg *pg, struct gz_error *err)
{
    char sql[64];
    int secs = statement_timeout(err);

    if (secs < 0)
        return -1;
    PQsetNoticeProcessor(pg->conn, quiet_notices, NULL);
    snprintf(sql, sizeof(sql), "SET statement_timeout = '%ds'", secs);
    return gz_pg_exec(pg, sql, err);
}

/* What the DSN says about the connect timeout: whether it sets
 * connect_timeout itself, and the service (service=) and service file
 * (servicefile=, libpq 18) it names, malloc'd or NULL. -1 with err filled
 * when the DSN cannot be parsed. */
struct dsn_info {
    int   has_timeout;
    char *service;
    char *servicefile;
};

static int dsn_check(const char *dsn, struct dsn_info *info, struct gz_error *err)
{
    PQconninfoOption *opts, *o;
    char *why = NULL;

    memset(info, 0, sizeof(*info));
    /* libpq expands dbname as a connection string only when it holds '='
     * or is a URI; anything else is a database name. */
    if (strchr(dsn, '=') == NULL && strncmp(dsn, "postgresql://", 13) != 0
        && strncmp(dsn, "postgres://", 11) != 0)
        return 0;
    if ((opts = PQconninfoParse(dsn, &why)) == NULL) {
        char msg[GZ_ERR_MSG_MAX];

        clean_message(msg, sizeof(msg), why ? why : "out of memory");
        PQfreemem(why);
        return gz_fail(err, EX_CONFIG, "invalid DSN: %s\nhint: a DSN is a URI "
                       "(postgresql://user@host/db) or key=value pairs (host=... dbname=...)",
                       msg);
    }
    for (o = opts; o->keyword != NULL; o++) {
        if (o->val == NULL || *o->val == '\0')
            continue;
        if (strcmp(o->keyword, "connect_timeout") == 0)
            info->has_timeout = 1;
        else if (strcmp(o->keyword, "service") == 0)
            info->service = gz_xstrdup(o->val);
        else if (strcmp(o->keyword, "servicefile") == 0)
            info->servicefile = gz_xstrdup(o->val);
    }
    PQconninfoFree(opts);
    return 0;
}

/* 1 when the [service] section of the service file at path exists; then
 * *timeout is 1 when it sets connect_timeout. The file is read the way
 * libpq reads it: "[name]" starts a section, "key=value" lines, blank lines
 * and lines starting with '#' skipped, blanks around each line ignored. */
static int service_section(const char *path, const char *service, int *timeout)
{
    FILE *f = fopen(path, "r");
    char line[1024];
    int in = 0, found = 0;

    if (f == NULL)
        return 0;
    while (fgets(line, sizeof(line), f) != NULL) {
        char *l = line, *e, *eq;

        while (*l == ' ' || *l == '\t')
            l++;
        e = l + strlen(l);
        while (e > l && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
            *--e = '\0';
        if (*l == '\0' || *l == '#')
            continue;
        if (*l == '[') {
            if (in)
                break;                  /* libpq stops at the next section */
            in = e > l + 1 && e[-1] == ']' && (size_t)(e - l - 2) == strlen(service)
                 && strncmp(l + 1, service, (size_t)(e - l - 2)) == 0;
            found |= in;
            continue;
        }
        if (!in || (eq = strchr(l, '=')) == NULL)
            continue;
        for (e = eq; e > l && (e[-1] == ' ' || e[-1] == '\t'); e--)
            ;
        if ((size_t)(e - l) == 15 && strncmp(l, "connect_timeout", 15) == 0) {
            const char *v = eq + 1;

            while (*v == ' ' || *v == '\t')
                v++;
            *timeout = *v != '\0';
        }
    }
    fclose(f);
    return found;
}

/* 1 when the connection service in use (service= in the DSN, else
 * PGSERVICE) sets connect_timeout in its service file. libpq looks in the
 * user's file (servicefile= in the DSN, else PGSERVICEFILE, else
 * ~/.pg_service.conf) and, when the service is not there, in the system's
 * (PGSYSCONFDIR/pg_service.conf, else libpq's built-in directory, which
 * is /etc/postgresql-common on Debian). */
static int service_sets_timeout(const struct dsn_info *info)
{
    const char *service = info->service ? info->service : getenv("PGSERVICE");
    const char *user = info->servicefile ? info->servicefile : getenv("PGSERVICEFILE");
    const char *sysdir = getenv("PGSYSCONFDIR");
    const char *home = getenv("HOME");
    char path[4096];
    int timeout = 0;

    if (service == NULL || *service == '\0')
        return 0;
    if (user != NULL && *user != '\0')
        snprintf(path, sizeof(path), "%s", user);
    else if (home != NULL && *home != '\0')
        snprintf(path, sizeof(path), "%s/.pg_service.conf", home);
    else
        path[0] = '\0';
    if (path[0] != '\0' && service_section(path, service, &timeout))
        return timeout;
    snprintf(path, sizeof(path), "%s/pg_service.conf",
             sysdir != NULL && *sysdir != '\0' ? sysdir : GZ_PG_SYSCONFDIR);
    service_section(path, service, &timeout);
    return timeout;
}

/* Why a connection failed, as an exit code and a hint: EX_NOPERM for a
 * refused user or password, EX_CONFIG for a value libpq refused, else
 * EX_UNAVAILABLE. *retry: 1 when waiting may cure it (server down,
 * starting or shutting down, too many connections, no answer in time),
 * not for a database that does not exist. */
static int connect_failure(PGconn *conn, const char *msg, const char **hint, int *retry)
{
    *hint = NULL;
    *retry = 0;
    if (conn == NULL)
        return EX_UNAVAILABLE;
    /* libpq keeps no SQLSTATE of a failed connection: the server's 28000
     * (invalid_authorization_specification: no such role, no pg_hba entry)
     * and 28P01 (invalid_password) are told by their message. */
    if (PQconnectionNeedsPassword(conn) || strstr(msg, "password authentication failed")
        || strstr(msg, "authentication failed for user") || strstr(msg, "no password supplied")
        || (strstr(msg, "role \"") && strstr(msg, "\" does not exist"))
        || strstr(msg, "no pg_hba.conf entry")) {
        *hint = "hint: check the user and password: put the password in ~/.pgpass (or the file "
                "PGPASSFILE names, mode 0600) or in the DSN";
        return EX_NOPERM;
    }
    if (strstr(msg, "SSL") || strstr(msg, "sslmode"))
        *hint = "hint: check sslmode in the DSN or PGSSLMODE (disable, prefer, require, "
                "verify-ca, verify-full) against what the server offers";
    /* a value libpq refused before connecting: invalid sslmode value,
     * invalid port number, invalid integer value for connect_timeout,
     * a service file that is missing or malformed, a service it does not
     * define... */
    if (strncmp(msg, "invalid ", 8) == 0 || strstr(msg, "invalid integer value")
        || strstr(msg, "service file") || strstr(msg, "definition of service \""))
        return EX_CONFIG;
    *retry = !(strstr(msg, "database \"") && strstr(msg, "\" does not exist"));
    return EX_UNAVAILABLE;
}

struct gz_pg *gz_pg_connect(const char *dsn, const char *schema, struct gz_error *err)
{
    const char *keys[] = {"dbname", "fallback_application_name", "client_encoding", NULL, NULL};
    const char *vals[] = {dsn ? dsn : getenv("GAZETTE_DSN"), "gazette", "UTF8", NULL, NULL};
    const char *env_timeout = getenv("PGCONNECT_TIMEOUT");
    struct gz_pg *pg = gz_xcalloc(1, sizeof(*pg));
    struct dsn_info info;
    char timeout[16];

    if (vals[0] == NULL)
        vals[0] = "";
    if (dsn_check(vals[0], &info, err) < 0)
        goto fail;
    /* a connect_timeout of the DSN, PGCONNECT_TIMEOUT or the service file wins */
    if (!info.has_timeout && (env_timeout == NULL || *env_timeout == '\0')
        && !service_sets_timeout(&info)) {
        snprintf(timeout, sizeof(timeout), "%d", GZ_PG_CONNECT_TIMEOUT);
        keys[3] = "connect_timeout";
        vals[3] = timeout;
    }
    gz_free(info.service);
    gz_free(info.servicefile);
    pg->conn = PQconnectdbParams(keys, vals, 1);
    if (pg->conn == NULL || PQstatus(pg->conn) != CONNECTION_OK) {
        char msg[GZ_ERR_MSG_MAX];
        const char *hint;
        int code, retry;

        clean_message(msg, sizeof(msg), pg->conn ? PQerrorMessage(pg->conn) : "out of memory");
        code = connect_failure(pg->conn, msg, &hint, &retry);
        gz_fail(err, code, "cannot connect to PostgreSQL: %s%s%s", msg, hint ? "\n" : "",
                hint ? hint : "");
        if (err != NULL)
            err->retry = retry;
        goto fail;
    }
    pg->schema_name = gz_xstrdup(schema);
    {
        char *q = PQescapeIdentifier(pg->conn, schema, strlen(schema));

        pg->schema = gz_xstrdup(q);
        PQfreemem(q);
    }
    if (setup_session(pg, err) < 0)
        goto fail;
    return pg;
fail:
    gz_pg_close(pg);
    return NULL;
}

void gz_pg_close(struct gz_pg *pg)
{
    if (pg == NULL)
        return;
    if (pg->conn != NULL)
        PQfinish(pg->conn);
    gz_free(pg->schema);
    gz_free(pg->schema_name);
    gz_free(pg->locked);
    gz_free(pg);
}

static int latest_known(void)
{
    int i, v = 0;

    for (i = 0; gz_migrations[i].version != 0; i++)
        v = gz_migrations[i].version;
    return v;
}

int gz_pg_schema_version(struct gz_pg *pg, int *have, int *want, struct gz_error *err)
{
    const char *params[] = {pg->schema_name};
    PGresult *res;

    *want = latest_known();
    *have = 0;
    res = gz_pg_query(pg, "SELECT to_regclass(quote_ident($1) || '.schema_migrations') IS NOT NULL",
                      1, params, err);
    if (res == NULL)
        return -1;
    if (strcmp(PQgetvalue(res, 0, 0), "t") != 0) {
        PQclear(res);
        return 0;
    }
    PQclear(res);
    res = gz_pg_query(pg, "SELECT coalesce(max(version), 0) FROM @S.schema_migrations", 0, NULL,
                      err);
    if (res == NULL)
        return -1;
    *have = atoi(PQgetvalue(res, 0, 0));
    PQclear(res);
    return 0;
}

/* The migration text with "gazette." replaced by the configured schema. */
static char *migration_sql(const struct gz_pg *pg, const char *sql)
{
    size_t cap = strlen(sql) + 1, n = 0, slen = strlen(pg->schema);
    const char *p;
    char *out;

    for (p = sql; (p = strstr(p, "gazette.")) != NULL; p += 8)
        cap += slen + 1;
    out = gz_xmalloc(cap);
    for (p = sql; *p;) {
        if (strncmp(p, "gazette.", 8) == 0) {
            memcpy(out + n, pg->schema, slen);
            n += slen;
            out[n++] = '.';
            p += 8;
        } else {
            out[n++] = *p++;
        }
    }
    out[n] = '\0';
    return out;
}

static int apply(struct gz_pg *pg, const struct gz_migration *m, struct gz_error *err)
{
    char version[16];
    const char *params[] = {version, m->name};
    char *sql = migration_sql(pg, m->sql);
    PGresult *res;
    int rc;

    snprintf(version, sizeof(version), "%d", m->version);
    rc = gz_pg_exec(pg, "BEGIN", err);
    if (rc == 0) {
        res = PQexec(pg->conn, sql);
        if (PQresultStatus(res) != PGRES_COMMAND_OK)
            rc = gz_pg_fail(pg, res, m->name, err);
        PQclear(res);
    }
    if (rc == 0) {
        res = gz_pg_query(pg, "INSERT INTO @S.schema_migrations (version, name) VALUES ($1, $2)",
                          2, params, err);
        rc = res ? 0 : -1;
        PQclear(res);
    }
    if (rc == 0)
        rc = gz_pg_exec(pg, "COMMIT", err);
    else
        PQclear(PQexec(pg->conn, "ROLLBACK"));
    gz_free(sql);
    return rc;
}

int gz_pg_migrate(struct gz_pg *pg, int *applied, struct gz_error *err)
{
    int have, want, i;

    *applied = 0;
    /* Two migrators at once: the second waits here, then finds nothing to do. */
    if (gz_pg_exec(pg, "SELECT pg_advisory_lock(hashtext('gazette:migrate'))", err) < 0)
        return -1;
    if (gz_pg_exec(pg, "CREATE SCHEMA IF NOT EXISTS @S", err) < 0
        || gz_pg_exec(pg, "CREATE TABLE IF NOT EXISTS @S.schema_migrations ("
                          " version integer PRIMARY KEY, name text NOT NULL,"
                          " applied_at timestamptz NOT NULL DEFAULT now())", err) < 0
        || gz_pg_schema_version(pg, &have, &want, err) < 0)
        goto fail;
    if (have > want) {
        gz_fail(err, EX_CONFIG, "schema %s is at version %d, newer than this gazette (%d)",
                pg->schema_name, have, want);
        goto fail;
    }
    for (i = 0; gz_migrations[i].version != 0; i++) {
        if (gz_migrations[i].version <= have)
            continue;
        if (apply(pg, &gz_migrations[i], err) < 0)
            goto fail;
        gz_log(GZ_LOG_INFO, "migrated", "schema=%s version=%d name=%s", gz_q(pg->schema_name),
               gz_migrations[i].version, gz_migrations[i].name);
        (*applied)++;
    }
    return gz_pg_exec(pg, "SELECT pg_advisory_unlock(hashtext('gazette:migrate'))", err);
fail:
    PQclear(PQexec(pg->conn, "SELECT pg_advisory_unlock(hashtext('gazette:migrate'))"));
    return -1;
}

static void lock_key(const struct gz_pg *pg, const char *pipeline, char *key, size_t size)
{
    snprintf(key, size, "gazette:%s:%s", pg->schema_name, pipeline);
}

void gz_pg_unlock_pipeline(struct gz_pg *pg, const char *pipeline)
{
    char key[512];
    const char *params[] = {key};

    if (pg == NULL || PQstatus(pg->conn) != CONNECTION_OK)
        return;
    lock_key(pg, pipeline, key, sizeof(key));
    PQclear(PQexecParams(pg->conn, "SELECT pg_advisory_unlock(hashtext($1))", 1, NULL, params,
                         NULL, NULL, 0));
}

int gz_pg_reconnect(struct gz_pg *pg, struct gz_error *err)
{
    /* After a statement timeout the old session is still there: release its
     * lock, or the new session may ask before the old backend has exited. */
    if (PQstatus(pg->conn) == CONNECTION_OK && pg->locked != NULL) {
        PQclear(PQexec(pg->conn, "ROLLBACK"));
        gz_pg_unlock_pipeline(pg, pg->locked);
    }
    PQreset(pg->conn);
    if (PQstatus(pg->conn) != CONNECTION_OK) {
        char msg[GZ_ERR_MSG_MAX];
        const char *hint;
        int code, retry;

        clean_message(msg, sizeof(msg), PQerrorMessage(pg->conn));
        code = connect_failure(pg->conn, msg, &hint, &retry);
        gz_fail(err, code, "cannot reconnect to PostgreSQL: %s%s%s", msg, hint ? "\n" : "",
                hint ? hint : "");
        if (err != NULL)
            err->retry = retry;
        return -1;
    }
    if (setup_session(pg, err) < 0)
        return -1;
    return pg->locked ? gz_pg_lock_pipeline(pg, pg->locked, err) : 0;
}

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int gz_pg_lock_pipeline(struct gz_pg *pg, const char *pipeline, struct gz_error *err)
{
    char key[512];
    const char *params[] = {key};
    double deadline = now_s() + GZ_PG_LOCK_WAIT;
    int got = 0, logged = 0;

    lock_key(pg, pipeline, key, sizeof(key));
    for (;;) {
        PGresult *res = gz_pg_query(pg, "SELECT pg_try_advisory_lock(hashtext($1))", 1, params,
                                    err);
        struct timespec pause = {0, 200 * 1000000L};

        if (res == NULL)
            return -1;
        got = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
        PQclear(res);
        if (got || now_s() >= deadline)
            break;
        /* a run killed a moment ago: its backend may not have noticed yet
         * and still holds the lock; a live run holds it for longer */
        if (!logged++)
            gz_log(GZ_LOG_INFO, "lock_wait", "pipeline=%s seconds=%d", gz_q(pipeline),
                   GZ_PG_LOCK_WAIT);
        nanosleep(&pause, NULL);
    }
    if (got && pg->locked == NULL)
        pg->locked = gz_xstrdup(pipeline);
    if (!got)
        return gz_fail(err, EX_TEMPFAIL,
                       "pipeline \"%s\" is locked by another run (schema %s); try again later",
                       pipeline, pg->schema_name);
    return 0;
}
