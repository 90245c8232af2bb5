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
};

/* Connect (EX_UNAVAILABLE when the server cannot be reached). */
struct gz_pg *gz_pg_connect(const char *dsn, const char *schema, struct gz_error *err);
void gz_pg_close(struct gz_pg *pg);                     /* NULL is a no-op */

/* Run one SQL command; fills err from the server's message. The text may
 * name the schema as "@S" which is replaced by the quoted schema. */
int gz_pg_exec(struct gz_pg *pg, const char *sql, struct gz_error *err);
/* Same with parameters ($1..), text format; returns the result or NULL. */
PGresult *gz_pg_query(struct gz_pg *pg, const char *sql, int nparams,
                      const char *const *params, struct gz_error *err);

/* Apply pending migrations; *applied counts them. */
int gz_pg_migrate(struct gz_pg *pg, int *applied, struct gz_error *err);
/* Highest applied migration (0: none) and the highest this binary knows. */
int gz_pg_schema_version(struct gz_pg *pg, int *have, int *want, struct gz_error *err);

/* Session advisory lock for one pipeline; EX_TEMPFAIL when another run holds it. */
int gz_pg_lock_pipeline(struct gz_pg *pg, const char *pipeline, struct gz_error *err);

/* Release it explicitly at the end of a run: the server frees a closed
 * session's locks only when its backend has exited, which can be after
 * the next run has already asked. */
void gz_pg_unlock_pipeline(struct gz_pg *pg, const char *pipeline);

/* After a lost connection: reconnect and take the pipeline lock again
 * (EX_TEMPFAIL if another run took it meanwhile). Session state such as
 * temporary tables is gone; the caller prepares it again. */
int gz_pg_reconnect(struct gz_pg *pg, struct gz_error *err);

/* Map a failed result's SQLSTATE to an exit code: 08xxx (connection) ->
 * EX_UNAVAILABLE, 22xxx/23xxx (data) -> EX_DATAERR, else EX_SOFTWARE. */
int gz_pg_exit_code(const PGresult *res);

/* Fill err from a failed result (message and SQLSTATE). */
int gz_pg_fail(struct gz_pg *pg, const PGresult *res, const char *what, struct gz_error *err);

#endif
