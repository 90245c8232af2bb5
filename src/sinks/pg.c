/*
 * pg.c - libpq connection, migrations and the pipeline lock.
 */
#include "sinks/pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "core/log.h"
#include "core/mem.h"
#include "sinks/migrations.h"

int gz_pg_exit_code(const PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

    if (state == NULL || strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0)
        return EX_UNAVAILABLE;
    if (strcmp(state, "57014") == 0)
        return EX_UNAVAILABLE;          /* statement_timeout: retried like a lost server */
    if (strncmp(state, "28", 2) == 0 || strncmp(state, "3D", 2) == 0)
        return EX_UNAVAILABLE;          /* authentication, no such database */
    if (strncmp(state, "22", 2) == 0 || strncmp(state, "23", 2) == 0)
        return EX_DATAERR;              /* a value the table refused */
    return EX_SOFTWARE;
}

int gz_pg_fail(struct gz_pg *pg, const PGresult *res, const char *what, struct gz_error *err)
{
    const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(pg->conn);
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    char clean[GZ_ERR_MSG_MAX];
    size_t n;

    snprintf(clean, sizeof(clean), "%s", msg && *msg ? msg : PQerrorMessage(pg->conn));
    n = strlen(clean);
    while (n > 0 && (clean[n - 1] == '\n' || clean[n - 1] == ' '))
        clean[--n] = '\0';
    return gz_fail(err, res ? gz_pg_exit_code(res) : EX_UNAVAILABLE, "%s: %s%s%s%s", what, clean,
                   state ? " (SQLSTATE " : "", state ? state : "", state ? ")" : "");
}

/* Replace every "@S" in sql by the quoted schema. */
static char *with_schema(const struct gz_pg *pg, const char *sql)
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
    char *text = with_schema(pg, sql);
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
    char *text = with_schema(pg, sql);
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

/* The DSN's own connect_timeout, if it sets one. -1 with err filled when the
 * DSN cannot be parsed. */
static int dsn_check(const char *dsn, int *has_timeout, struct gz_error *err)
{
    PQconninfoOption *opts, *o;
    char *why = NULL;

    *has_timeout = 0;
    /* libpq expands dbname as a connection string only when it holds '='
     * or is a URI; anything else is a database name. */
    if (strchr(dsn, '=') == NULL && strncmp(dsn, "postgresql://", 13) != 0
        && strncmp(dsn, "postgres://", 11) != 0)
        return 0;
    if ((opts = PQconninfoParse(dsn, &why)) == NULL) {
        char msg[GZ_ERR_MSG_MAX];
        size_t n;

        snprintf(msg, sizeof(msg), "%s", why ? why : "out of memory");
        n = strlen(msg);
        while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
            msg[--n] = '\0';
        PQfreemem(why);
        return gz_fail(err, EX_CONFIG, "invalid DSN: %s\nhint: a DSN is a URI "
                       "(postgresql://user@host/db) or key=value pairs (host=... dbname=...)",
                       msg);
    }
    for (o = opts; o->keyword != NULL; o++)
        if (strcmp(o->keyword, "connect_timeout") == 0 && o->val != NULL && *o->val != '\0')
            *has_timeout = 1;
    PQconninfoFree(opts);
    return 0;
}

/* Why a connection failed, as an exit code and a hint: EX_NOPERM for a
 * refused user or password, EX_CONFIG for a value libpq refused, else
 * EX_UNAVAILABLE. */
static int connect_failure(PGconn *conn, const char *msg, const char **hint)
{
    *hint = NULL;
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
     * invalid port number, invalid integer value for connect_timeout... */
    if (strncmp(msg, "invalid ", 8) == 0 || strstr(msg, "invalid integer value"))
        return EX_CONFIG;
    return EX_UNAVAILABLE;
}

struct gz_pg *gz_pg_connect(const char *dsn, const char *schema, struct gz_error *err)
{
    const char *keys[] = {"dbname", "fallback_application_name", "client_encoding", NULL, NULL};
    const char *vals[] = {dsn ? dsn : getenv("GAZETTE_DSN"), "gazette", "UTF8", NULL, NULL};
    const char *env_timeout = getenv("PGCONNECT_TIMEOUT");
    struct gz_pg *pg = gz_xcalloc(1, sizeof(*pg));
    char timeout[16];
    int has_timeout;

    if (vals[0] == NULL)
        vals[0] = "";
    if (dsn_check(vals[0], &has_timeout, err) < 0)
        goto fail;
    if (!has_timeout && (env_timeout == NULL || *env_timeout == '\0')) {
        snprintf(timeout, sizeof(timeout), "%d", GZ_PG_CONNECT_TIMEOUT);
        keys[3] = "connect_timeout";
        vals[3] = timeout;
    }
    pg->conn = PQconnectdbParams(keys, vals, 1);
    if (pg->conn == NULL || PQstatus(pg->conn) != CONNECTION_OK) {
        char msg[GZ_ERR_MSG_MAX];
        const char *hint;
        size_t n;
        int code;

        snprintf(msg, sizeof(msg), "%s", pg->conn ? PQerrorMessage(pg->conn) : "out of memory");
        n = strlen(msg);
        while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
            msg[--n] = '\0';
        code = connect_failure(pg->conn, msg, &hint);
        gz_fail(err, code, "cannot connect to PostgreSQL: %s%s%s", msg, hint ? "\n" : "",
                hint ? hint : "");
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
    if (PQstatus(pg->conn) != CONNECTION_OK)
        return gz_fail(err, EX_UNAVAILABLE, "cannot reconnect to PostgreSQL: %s",
                       PQerrorMessage(pg->conn));
    if (setup_session(pg, err) < 0)
        return -1;
    return pg->locked ? gz_pg_lock_pipeline(pg, pg->locked, err) : 0;
}

int gz_pg_lock_pipeline(struct gz_pg *pg, const char *pipeline, struct gz_error *err)
{
    char key[512];
    const char *params[] = {key};
    PGresult *res;
    int got;

    lock_key(pg, pipeline, key, sizeof(key));
    res = gz_pg_query(pg, "SELECT pg_try_advisory_lock(hashtext($1))", 1, params, err);
    if (res == NULL)
        return -1;
    got = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    if (got && pg->locked == NULL)
        pg->locked = gz_xstrdup(pipeline);
    if (!got)
        return gz_fail(err, EX_TEMPFAIL,
                       "pipeline \"%s\" is locked by another run (schema %s); try again later",
                       pipeline, pg->schema_name);
    return 0;
}
