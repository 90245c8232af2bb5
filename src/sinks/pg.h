/*
 * pg.h - the PostgreSQL connection: connect, migrate, lock.
 *
 * src/sinks/ owns everything that talks to PostgreSQL, and no SQL text
 * lives outside it: the connection, the migrations and the pipeline lock
 * (this file), COPY (copy.h), loading a batch exactly once (loader.h) and
 * the runs and sources tables (bookkeeping.h). It knows rows, not runs:
 * what to load and when is decided in run/.
 *
 * The DSN is taken from, in order: --dsn, the pipeline's sink.postgres.dsn,
 * GAZETTE_DSN, else libpq's own PG* variables (PGHOST, PGDATABASE, ...).
 * A URI, a conninfo string or nothing at all are all accepted.
 *
 * Timeouts, so that a server that accepts and never answers is a failure
 * (retried by the load thread, then exit 69), never a hang:
 *   - connect_timeout 10 s, unless the DSN, PGCONNECT_TIMEOUT or the
 *     service file of the service in use (service= in the DSN, else
 *     PGSERVICE) sets one;
 *   - statement_timeout 600 s per statement of the session, or
 *     GAZETTE_STATEMENT_TIMEOUT seconds (0: no limit). A statement cancelled
 *     by it (SQLSTATE 57014) counts as a lost connection.
 */
#ifndef GZ_PG_H
#define GZ_PG_H

#include <libpq-fe.h>
#include <stdint.h>

#include "core/error.h"

struct gz_pg {
    PGconn *conn;
    char   *schema;         /* quoted identifier, ready to paste into SQL */
    char   *schema_name;    /* as configured */
    char   *locked;         /* pipeline whose lock this session holds, or NULL */
    char    sqlstate[6];    /* of the last gz_pg_fail, "" when it had none */
};

#define GZ_PG_CONNECT_TIMEOUT   10      /* seconds */
#define GZ_PG_STATEMENT_TIMEOUT 600     /* seconds */
#define GZ_PG_LOCK_WAIT         5       /* seconds a held pipeline lock is waited for */

/* Where libpq looks for the system's pg_service.conf when PGSYSCONFDIR is
 * not set (Debian's libpq: /etc/postgresql-common). */
#ifndef GZ_PG_SYSCONFDIR
#define GZ_PG_SYSCONFDIR "/etc/postgresql-common"
#endif

/* Connect. Fails with EX_UNAVAILABLE when the server cannot be reached,
 * EX_NOPERM when it refuses the user or password (hint: ~/.pgpass,
 * PGPASSFILE), EX_CONFIG for a DSN libpq cannot parse or an invalid
 * GAZETTE_STATEMENT_TIMEOUT. err->retry is 1 when trying again later may
 * succeed: server down, starting or shutting down, too many connections,
 * no answer within connect_timeout. Messages never hold a password
 * (gz_scrub_secrets), even when libpq echoes a malformed DSN. */
struct gz_pg *gz_pg_connect(const char *dsn, const char *schema, struct gz_error *err);
void gz_pg_close(struct gz_pg *pg);                     /* NULL is a no-op */

/* Run one SQL command; fills err from the server's message. The text may
 * name the schema as "@S" which is replaced by the quoted schema. */
int gz_pg_exec(struct gz_pg *pg, const char *sql, struct gz_error *err);
/* sql with every "@S" replaced by the quoted schema (gz_free it). */
char *gz_pg_with_schema(const struct gz_pg *pg, const char *sql);
/* Same with parameters ($1..), text format; returns the result or NULL. */
PGresult *gz_pg_query(struct gz_pg *pg, const char *sql, int nparams,
                      const char *const *params, struct gz_error *err);

/* Apply pending migrations; *applied counts them. */
int gz_pg_migrate(struct gz_pg *pg, int *applied, struct gz_error *err);
/* Highest applied migration (0: none) and the highest this binary knows. */
int gz_pg_schema_version(struct gz_pg *pg, int *have, int *want, struct gz_error *err);

/* Session advisory lock for one pipeline. A lock held by another session
 * is asked for again every 0.2 s for GZ_PG_LOCK_WAIT seconds (the backend
 * of a run killed a moment ago may not have exited yet), then EX_TEMPFAIL. */
int gz_pg_lock_pipeline(struct gz_pg *pg, const char *pipeline, struct gz_error *err);

/* Release it explicitly at the end of a run: the server frees a closed
 * session's locks only when its backend has exited, which can be after
 * the next run has already asked. */
void gz_pg_unlock_pipeline(struct gz_pg *pg, const char *pipeline);

/* After a lost connection: reconnect and take the pipeline lock again
 * (EX_TEMPFAIL if another run took it meanwhile). Session state such as
 * temporary tables is gone; the caller prepares it again. */
int gz_pg_reconnect(struct gz_pg *pg, struct gz_error *err);

/* Map a SQLSTATE to an exit code: NULL (no result: connection lost), 08xxx
 * (connection), 57P0x (shutdown, starting up), 57014 (statement timeout),
 * 53300 (too many connections), 28xxx, 3Dxxx -> EX_UNAVAILABLE; other 53xxx
 * (disk full 53100, out of memory 53200, a server limit) -> EX_IOERR;
 * 40001 (serialization failure), 40P01 (deadlock) -> EX_TEMPFAIL; 22xxx,
 * 23xxx (data) -> EX_DATAERR; else EX_SOFTWARE. */
int gz_pg_sqlstate_exit(const char *state);
/* 1 when a failure with this SQLSTATE may pass if tried again: NULL, 08xxx,
 * 57P01-57P03, 57014, 53300, 40001, 40P01. */
int gz_pg_sqlstate_retry(const char *state);
/* gz_pg_sqlstate_exit of a failed result's SQLSTATE. */
int gz_pg_exit_code(const PGresult *res);

/* Fill err from a failed result (message without passwords, SQLSTATE, a
 * hint for class 53); err->retry as gz_pg_sqlstate_retry, or 1 when the
 * connection is gone. The SQLSTATE is kept in pg->sqlstate. */
int gz_pg_fail(struct gz_pg *pg, const PGresult *res, const char *what, struct gz_error *err);

#endif
