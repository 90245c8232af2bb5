/*
 * bookkeeping.c - the SQL of the runs and sources tables.
 */
#include "sinks/bookkeeping.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
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
                           c->duplicates, c->rejected};
    char v[7][32];
    const char *params[9] = {v[0], v[1], v[2], v[3], v[4], v[5], v[6], status, message};
    PGresult *res;
    int i;

    snprintf(v[0], sizeof(v[0]), "%lld", (long long)run_id);
    for (i = 0; i < 6; i++)
        snprintf(v[i + 1], sizeof(v[i + 1]), "%ld", values[i]);
    res = gz_pg_query(pg,
        "UPDATE @S.runs SET files_seen = $2, files_skipped = $3, articles_read = $4,"
        " articles_loaded = $5, duplicates = $6, rejected = $7,"
        " status = coalesce($8, status), message = coalesce($9, message),"
        " finished_at = CASE WHEN $8 IS NULL THEN finished_at ELSE now() END"
        " WHERE run_id = $1", 9, params, err);
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

PGresult *gz_runs_recent(struct gz_pg *pg, const char *limit, struct gz_error *err)
{
    return gz_pg_query(pg,
        "SELECT run_id, pipeline, to_char(started_at, 'YYYY-MM-DD HH24:MI:SS'), status,"
        " files_seen, files_skipped, articles_read, articles_loaded, duplicates, rejected,"
        " coalesce(round(extract(epoch FROM finished_at - started_at)::numeric, 1)::text, '-')"
        " FROM @S.runs ORDER BY run_id DESC LIMIT $1", 1, &limit, err);
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
