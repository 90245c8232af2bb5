/*
 * bookkeeping.c - the SQL of the runs and sources tables.
 */
#include "sinks/bookkeeping.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/scrub.h"
#include "sinks/copy.h"

/* ---- runs ----------------------------------------------------------- */

int gz_runs_abort_stale(struct gz_pg *pg, const char *pipeline, long *count,
                        struct gz_error *err)
{
    const char *params[] = {pipeline};
    PGresult *res = gz_pg_query(pg,
        "UPDATE @S.runs SET status = 'aborted', finished_at = now(),"
        " message = 'ended without finishing (crash, kill or lost connection)'"
        " WHERE pipeline = $1 AND status = 'running'", 1, params, err);

    if (res == NULL)
        return -1;
    *count = atol(PQcmdTuples(res));
    PQclear(res);
    return 0;
}

int gz_run_start(struct gz_pg *pg, const char *pipeline, const char *config_sha256,
                 int64_t *run_id, struct gz_error *err)
{
    char host[256] = "", pid[32];
    const char *params[] = {pipeline, config_sha256, GZ_VERSION, host, pid};
    PGresult *res;

    gethostname(host, sizeof(host) - 1);
    snprintf(pid, sizeof(pid), "%d", (int)getpid());
    res = gz_pg_query(pg, "INSERT INTO @S.runs (pipeline, config_sha256, version, host, pid)"
                      " VALUES ($1, $2, $3, $4, $5) RETURNING run_id", 5, params, err);
    if (res == NULL)
        return -1;
    *run_id = atoll(PQgetvalue(res, 0, 0));
    PQclear(res);
    return 0;
}

/* The counters, and with a status also the end of the run. */
static int write_run(struct gz_pg *pg, int64_t run_id, const struct gz_run_counts *c,
                     const char *status, const char *message, struct gz_error *err)
{
    const long values[] = {c->files_seen, c->files_skipped, c->read, c->loaded,
                           c->duplicates, c->rejected, c->reprocessed, c->outside};
    char v[9][32];
    char clean[GZ_ERR_MSG_MAX];
    const char *params[11] = {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8],
                              status, message};
    PGresult *res;
    int i;

    if (message != NULL) {              /* runs.message never holds a password */
        snprintf(clean, sizeof(clean), "%s", message);
        gz_scrub_secrets(clean, sizeof(clean));
        params[10] = clean;
    }
    snprintf(v[0], sizeof(v[0]), "%lld", (long long)run_id);
    for (i = 0; i < 8; i++)
        snprintf(v[i + 1], sizeof(v[i + 1]), "%ld", values[i]);
    res = gz_pg_query(pg,
        "UPDATE @S.runs SET files_seen = $2, files_skipped = $3, articles_read = $4,"
        " articles_loaded = $5, duplicates = $6, rejected = $7, reprocessed = $8,"
        " outside_window = $9,"
        " status = coalesce($10, status), message = coalesce($11, message),"
        " finished_at = CASE WHEN $10 IS NULL THEN finished_at ELSE now() END"
        " WHERE run_id = $1", 11, params, err);
    if (res == NULL)
        return -1;
    PQclear(res);
    return 0;
}

int gz_run_update(struct gz_pg *pg, int64_t run_id, const struct gz_run_counts *c,
                  struct gz_error *err)
{
    return write_run(pg, run_id, c, NULL, NULL, err);
}

int gz_run_finish(struct gz_pg *pg, int64_t run_id, const struct gz_run_counts *c,
                  const char *status, const char *message, struct gz_error *err)
{
    return write_run(pg, run_id, c, status, message, err);
}

void gz_run_fail(struct gz_pg *pg, int64_t run_id, const struct gz_run_counts *c,
                 const char *message)
{
    struct gz_error ignore = {0};

    if (pg == NULL || run_id <= 0 || PQstatus(pg->conn) != CONNECTION_OK)
        return;
    PQclear(PQexec(pg->conn, "ROLLBACK"));
    write_run(pg, run_id, c, "failed", message, &ignore);
}

/* ---- what gazette status reads --------------------------------------- */

/* Whether some session holds the pipeline lock of bigint key KEY: the
 * session advisory lock pg.c takes on hashtext('gazette:<schema>:<pipeline>')
 * (lock_key there), which pg_locks lists as classid = the high 32 bits of
 * the key, objid = the low 32, objsubid 1. Reading pg_locks takes no lock,
 * so a run starting meanwhile is not disturbed. */
#define LOCK_HELD(key)                                                                  \
    " EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted"     \
    "  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())" \
    "  AND l.objsubid = 1 AND l.classid::bigint = (" key " >> 32) & 4294967295"         \
    "  AND l.objid::bigint = " key " & 4294967295)"

/* A 'running' row is shown 'dead' when no session holds its pipeline lock.
 * reprocessed and outside_window are read through to_jsonb(r), which a
 * schema before migration 007 (whose runs lacks them) answers with NULL. */
static const char runs_recent[] =
    "SELECT r.run_id, r.pipeline, to_char(r.started_at, 'YYYY-MM-DD HH24:MI:SS'), s.shown,"
    " r.files_seen, r.files_skipped, r.articles_read, r.articles_loaded,"
    " coalesce(j.row ->> 'reprocessed', '-'), r.duplicates, r.rejected,"
    " coalesce(j.row ->> 'outside_window', '-'), coalesce(round(t.secs, 1)::text, '-'),"
    " (j.row || jsonb_build_object('status', s.shown, 'status_stored', r.status,"
    "  'seconds', round(t.secs, 3)))::text"
    " FROM (SELECT * FROM @S.runs ORDER BY run_id DESC LIMIT $1) r"
    " CROSS JOIN LATERAL (SELECT to_jsonb(r) AS row,"
    "  hashtext('gazette:' || $2 || ':' || r.pipeline)::bigint AS key) j"
    " CROSS JOIN LATERAL (SELECT extract(epoch FROM r.finished_at - r.started_at)::numeric"
    "  AS secs) t"
    " CROSS JOIN LATERAL (SELECT CASE WHEN r.status = 'running' AND NOT" LOCK_HELD("j.key")
    "  THEN 'dead' ELSE r.status END AS shown) s"
    " ORDER BY r.run_id DESC";

PGresult *gz_runs_recent(struct gz_pg *pg, const char *limit, struct gz_error *err)
{
    const char *params[] = {limit, pg->schema_name};

    return gz_pg_query(pg, runs_recent, 2, params, err);
}

int gz_pipeline_lock_held(struct gz_pg *pg, const char *pipeline, int *held,
                          struct gz_error *err)
{
    const char *params[] = {pg->schema_name, pipeline};
    PGresult *res = gz_pg_query(pg, "SELECT" LOCK_HELD("k.key") " FROM (SELECT hashtext("
                                "'gazette:' || $1 || ':' || $2)::bigint AS key) k", 2, params,
                                err);

    if (res == NULL)
        return -1;
    *held = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    return 0;
}

int gz_status_totals(struct gz_pg *pg, struct gz_status_totals *t, struct gz_error *err)
{
    /* the tables, in the order of the struct's fields */
    static const char *const tables[] = {"articles", "mentions", "date_mentions", "entities",
                                         "sources", "sources", "rejects"};
    static const char *const where[] = {"", "", "", "", " WHERE status = 'loaded'",
                                        " WHERE status = 'rejected'", ""};
    long *fields[] = {&t->articles, &t->mentions, &t->date_mentions, &t->entities,
                      &t->sources_loaded, &t->sources_rejected, &t->rejects};
    const char *params[] = {pg->schema_name};
    char sql[1024];
    size_t n = 0, i;
    PGresult *res;
    int have[7] = {0}, j;

    res = gz_pg_query(pg, "SELECT c.relname FROM pg_class c JOIN pg_namespace n"
                      " ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'",
                      1, params, err);
    if (res == NULL)
        return -1;
    for (j = 0; j < PQntuples(res); j++)
        for (i = 0; i < 7; i++)
            have[i] |= strcmp(PQgetvalue(res, j, 0), tables[i]) == 0;
    PQclear(res);
    n += (size_t)snprintf(sql, sizeof(sql), "SELECT");
    for (i = 0; i < 7; i++)
        n += (size_t)(have[i] ? snprintf(sql + n, sizeof(sql) - n,
                                         "%s (SELECT count(*) FROM @S.%s%s)",
                                         i ? "," : "", tables[i], where[i])
                              : snprintf(sql + n, sizeof(sql) - n, "%s -1", i ? "," : ""));
    if ((res = gz_pg_query(pg, sql, 0, NULL, err)) == NULL)
        return -1;
    for (i = 0; i < 7; i++)
        *fields[i] = atol(PQgetvalue(res, 0, (int)i));
    PQclear(res);
    return 0;
}

PGresult *gz_rejects_by_reason(struct gz_pg *pg, int64_t run_id, int top, struct gz_error *err)
{
    char run[32], n[16];
    const char *params[] = {run, n};

    snprintf(run, sizeof(run), "%lld", (long long)run_id);
    snprintf(n, sizeof(n), "%d", top);
    return gz_pg_query(pg,
        "WITH g AS (SELECT reason, count(*) AS n,"
        "  row_number() OVER (ORDER BY count(*) DESC, reason) AS k"
        "  FROM @S.rejects WHERE run_id = $1 GROUP BY reason)"
        " SELECT reason, n, reasons FROM ("
        "  SELECT reason, n, 1 AS reasons, k FROM g WHERE k <= $2::int"
        "  UNION ALL"
        "  SELECT NULL, sum(n), count(*), $2::int + 1 FROM g WHERE k > $2::int"
        "  HAVING count(*) > 0) x"
        " ORDER BY k", 2, params, err);
}

int gz_articles_existing(struct gz_pg *pg, struct gz_article *const *articles, size_t n,
                         long *count, struct gz_error *err)
{
    struct gz_copybuf list = {0};   /* '{hash,hash,...}': hex needs no quoting */
    const char *params[1];
    PGresult *res;
    size_t i;

    *count = 0;
    if (n == 0)
        return 0;
    gz_copy_fmt(&list, "{");
    for (i = 0; i < n; i++)
        gz_copy_fmt(&list, "%s%s", i ? "," : "", articles[i]->content_sha256);
    gz_copy_put(&list, "}", 2);    /* with its NUL */
    params[0] = list.data;
    res = gz_pg_query(pg, "SELECT count(*) FROM @S.articles"
                      " WHERE content_sha256 = ANY ($1::text[])", 1, params, err);
    gz_free(list.data);
    if (res == NULL)
        return -1;
    *count = atol(PQgetvalue(res, 0, 0));
    PQclear(res);
    return 0;
}

/* ---- sources -------------------------------------------------------- */

struct gz_strmap *gz_sources_known(struct gz_pg *pg, struct gz_error *err)
{
    PGresult *res = gz_pg_query(pg,
        "SELECT uri, size_bytes, (extract(epoch FROM mtime) * 1000000)::bigint, file_sha256"
        " FROM @S.sources", 0, NULL, err);
    struct gz_strmap *known;
    int i;

    if (res == NULL)
        return NULL;
    known = gz_strmap_new();
    for (i = 0; i < PQntuples(res); i++) {
        struct gz_known_source *k = gz_xmalloc(sizeof(*k));

        k->size = atoll(PQgetvalue(res, i, 1));
        k->mtime_us = atoll(PQgetvalue(res, i, 2));
        snprintf(k->sha256, sizeof(k->sha256), "%s", PQgetvalue(res, i, 3));
        gz_free(gz_strmap_put(known, PQgetvalue(res, i, 0), k));
    }
    PQclear(res);
    return known;
}

int gz_sources_prepare(struct gz_pg *pg, struct gz_error *err)
{
    return gz_pg_exec(pg,
        "CREATE TEMP TABLE IF NOT EXISTS stage_sources ("
        " uri text, size_bytes bigint, mtime_us bigint, file_sha256 text, status text,"
        " articles integer, rejects integer, touch_only boolean) ON COMMIT DELETE ROWS;",
        err);
}

static const char merge_sources[] =
    "INSERT INTO @S.sources AS t (uri, size_bytes, mtime, file_sha256, status, articles,"
    " rejects, first_run_id, last_run_id)"
    " SELECT uri, size_bytes, 'epoch'::timestamptz + mtime_us * interval '1 microsecond',"
    "  file_sha256, status, articles, rejects, $1, $1"
    " FROM stage_sources"
    " ON CONFLICT (uri) DO UPDATE SET size_bytes = EXCLUDED.size_bytes,"
    "  mtime = EXCLUDED.mtime, last_run_id = EXCLUDED.last_run_id,"
    "  file_sha256 = EXCLUDED.file_sha256,"
    "  status = CASE WHEN (SELECT touch_only FROM stage_sources s WHERE s.uri = t.uri)"
    "           THEN t.status ELSE EXCLUDED.status END,"
    "  articles = CASE WHEN (SELECT touch_only FROM stage_sources s WHERE s.uri = t.uri)"
    "           THEN t.articles ELSE EXCLUDED.articles END,"
    "  rejects = CASE WHEN (SELECT touch_only FROM stage_sources s WHERE s.uri = t.uri)"
    "           THEN t.rejects ELSE EXCLUDED.rejects END,"
    "  last_loaded = now()";

int gz_sources_write(struct gz_pg *pg, int64_t run_id, const struct gz_source_row *rows,
                     size_t n, struct gz_error *err)
{
    struct gz_copybuf c = {0};
    char run[32];
    const char *params[] = {run};
    PGresult *res = NULL;
    size_t i;
    int rc;

    if (n == 0)
        return 0;                       /* most batches finish no file */
    for (i = 0; i < n; i++) {
        const struct gz_source_row *s = &rows[i];

        gz_copy_str(&c, s->uri);
        gz_copy_fmt(&c, "\t%lld\t", (long long)s->size);
        gz_copy_fmt(&c, "%lld\t", (long long)(s->mtime_ns / 1000));
        gz_copy_str(&c, s->sha256);
        gz_copy_fmt(&c, "\t%s\t%d\t%d\t%s\n", s->rejected ? "rejected" : "loaded", s->articles,
                    s->rejects, s->touch_only ? "t" : "f");
    }
    snprintf(run, sizeof(run), "%lld", (long long)run_id);
    rc = gz_copy_in(pg, "COPY stage_sources FROM STDIN", &c, err);
    if (rc == 0 && (res = gz_pg_query(pg, merge_sources, 1, params, err)) == NULL)
        rc = -1;
    PQclear(res);
    gz_free(c.data);
    return rc;
}
