/*
 * loader.c - COPY into staging tables, merge, bookkeeping: one transaction
 * per batch.
 */
#include "sinks/loader.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "core/fault.h"
#include "core/log.h"
#include "core/mem.h"
#include "text/utf8.h"

/* ---- batch ---------------------------------------------------------- */

#define GROW(arr, n, cap) do { \
        if ((n) == (cap)) { \
            (cap) = (cap) ? (cap) * 2 : 64; \
            (arr) = gz_xrealloc((arr), (cap) * sizeof(*(arr))); \
        } \
    } while (0)

void gz_batch_add_article(struct gz_batch *b, struct gz_article *a)
{
    GROW(b->articles, b->n_articles, b->cap_articles);
    b->articles[b->n_articles++] = a;
}

void gz_batch_add_reject(struct gz_batch *b, const char *uri, long line, const char *reason,
                         const char *excerpt, size_t excerpt_len)
{
    struct gz_reject_row *r;
    unsigned repairs = 0;
    size_t len;

    GROW(b->rejects, b->n_rejects, b->cap_rejects);
    r = &b->rejects[b->n_rejects++];
    r->uri = gz_xstrdup(uri);
    r->line = line;
    r->reason = gz_xstrdup(reason);
    r->excerpt = excerpt ? gz_utf8_repair(excerpt, excerpt_len, &len, &repairs) : NULL;
}

struct gz_source_row *gz_batch_add_source(struct gz_batch *b, const char *uri)
{
    struct gz_source_row *s;

    GROW(b->sources, b->n_sources, b->cap_sources);
    s = &b->sources[b->n_sources++];
    memset(s, 0, sizeof(*s));
    s->uri = gz_xstrdup(uri);
    return s;
}

void gz_batch_clear(struct gz_batch *b)
{
    size_t i;

    for (i = 0; i < b->n_articles; i++)
        gz_article_free(b->articles[i]);
    for (i = 0; i < b->n_rejects; i++) {
        gz_free(b->rejects[i].uri);
        gz_free(b->rejects[i].reason);
        gz_free(b->rejects[i].excerpt);
    }
    for (i = 0; i < b->n_sources; i++)
        gz_free(b->sources[i].uri);
    b->n_articles = b->n_rejects = b->n_sources = 0;
}

/* ---- COPY text format ----------------------------------------------- */

struct copybuf {
    char  *data;
    size_t len, cap;
};

static void put(struct copybuf *c, const char *s, size_t n)
{
    if (c->len + n > c->cap) {
        while (c->len + n > c->cap)
            c->cap = c->cap ? c->cap * 2 : 65536;
        c->data = gz_xrealloc(c->data, c->cap);
    }
    memcpy(c->data + c->len, s, n);
    c->len += n;
}

/* A text value, escaped for COPY; NULL becomes \N. */
static void put_text(struct copybuf *c, const char *s, size_t n)
{
    size_t i, run = 0;

    if (s == NULL) {
        put(c, "\\N", 2);
        return;
    }
    for (i = 0; i < n; i++) {
        const char *esc = NULL;

        switch (s[i]) {
        case '\\': esc = "\\\\"; break;
        case '\t': esc = "\\t"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        default: continue;
        }
        put(c, s + run, i - run);
        put(c, esc, 2);
        run = i + 1;
    }
    put(c, s + run, n - run);
}

static void put_str(struct copybuf *c, const char *s)
{
    put_text(c, s, s ? strlen(s) : 0);
}

static void put_fmt(struct copybuf *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void put_fmt(struct copybuf *c, const char *fmt, ...)
{
    char buf[128];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    put(c, buf, (size_t)n);
}

static void put_ymd(struct copybuf *c, const struct gz_ymd *d)
{
    if (d->year == 0)
        put(c, "\\N", 2);
    else
        put_fmt(c, "%04d-%02d-%02d", d->year, d->month, d->day);
}

static void put_repairs(struct copybuf *c, unsigned repairs)
{
    int i, first = 1;

    put(c, "{", 1);
    for (i = 0; i < GZ_REPAIR_COUNT; i++)
        if (repairs & (1u << i)) {
            if (!first)
                put(c, ",", 1);
            put_str(c, gz_repair_name(i));
            first = 0;
        }
    put(c, "}", 1);
}

/* Send a COPY and its rows; abort it cleanly on failure (psql's copy.c). */
static int copy_in(struct gz_pg *pg, const char *sql, const struct copybuf *rows,
                   struct gz_error *err)
{
    PGresult *res = PQexec(pg->conn, sql);
    int rc = 0;
    size_t at;

    if (PQresultStatus(res) != PGRES_COPY_IN) {
        rc = gz_pg_fail(pg, res, "COPY failed", err);
        PQclear(res);
        return rc;
    }
    PQclear(res);
    for (at = 0; at < rows->len && rc == 0; at += 1 << 20) {
        size_t n = rows->len - at < (1u << 20) ? rows->len - at : 1u << 20;

        if (PQputCopyData(pg->conn, rows->data + at, (int)n) != 1)
            rc = gz_fail(err, EX_UNAVAILABLE, "COPY failed: %s", PQerrorMessage(pg->conn));
    }
    if (PQputCopyEnd(pg->conn, rc == 0 ? NULL : "gazette aborted the COPY") != 1 && rc == 0)
        rc = gz_fail(err, EX_UNAVAILABLE, "COPY failed: %s", PQerrorMessage(pg->conn));
    while ((res = PQgetResult(pg->conn)) != NULL) {
        if (PQresultStatus(res) != PGRES_COMMAND_OK && rc == 0)
            rc = gz_pg_fail(pg, res, "COPY failed", err);
        PQclear(res);
    }
    return rc;
}

/* ---- staging -------------------------------------------------------- */

int gz_loader_prepare(struct gz_pg *pg, struct gz_error *err)
{
    return gz_pg_exec(pg,
        "CREATE TEMP TABLE IF NOT EXISTS stage_articles ("
        " seq integer, content_sha256 text, published date, published_raw text,"
        " title text, body text, word_count integer, repairs text[],"
        " source_uri text, source_line integer, external_id text) ON COMMIT DELETE ROWS;"
        "CREATE TEMP TABLE IF NOT EXISTS stage_mentions ("
        " seq integer, surface text, start_char integer, end_char integer,"
        " ner_type text, sentence integer, confidence real) ON COMMIT DELETE ROWS;"
        "CREATE TEMP TABLE IF NOT EXISTS stage_dates ("
        " seq integer, surface text, start_char integer, end_char integer,"
        " timex_type text, value text, range_start date, range_end date, in_title boolean)"
        " ON COMMIT DELETE ROWS;"
        "CREATE TEMP TABLE IF NOT EXISTS stage_new ("
        " seq integer, article_id bigint) ON COMMIT DELETE ROWS;"
        "CREATE TEMP TABLE IF NOT EXISTS stage_rejects ("
        " run_id bigint, uri text, line integer, reason text, excerpt text) ON COMMIT DELETE ROWS;"
        "CREATE TEMP TABLE IF NOT EXISTS stage_sources ("
        " uri text, size_bytes bigint, mtime_us bigint, file_sha256 text, status text,"
        " articles integer, rejects integer, touch_only boolean) ON COMMIT DELETE ROWS;",
        err);
}

static long word_count(const char *s, size_t n)
{
    long words = 0;
    int in_word = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        int blank = s[i] == ' ' || s[i] == '\n' || s[i] == '\t';

        words += !blank && !in_word;
        in_word = !blank;
    }
    return words;
}

/* GAZETTE_FAULT=bad_row:TEXT stages an impossible date for articles whose
 * title contains TEXT, so tests can drive the data-error path. */
static int fault_bad_row(const struct gz_article *a)
{
    const char *f = getenv("GAZETTE_FAULT");

    return f != NULL && strncmp(f, "bad_row:", 8) == 0 && strstr(a->title, f + 8) != NULL;
}

static void stage_article(struct copybuf *c, size_t seq, const struct gz_article *a)
{
    put_fmt(c, "%zu\t", seq);
    put_str(c, a->content_sha256);
    put(c, "\t", 1);
    if (fault_bad_row(a))
        put(c, "2024-02-30", 10);
    else
        put_ymd(c, &a->published);
    put(c, "\t", 1);
    put_str(c, a->published_raw ? a->published_raw : "");
    put(c, "\t", 1);
    put_text(c, a->title, a->title_len);
    put(c, "\t", 1);
    put_text(c, a->body, a->body_len);
    put_fmt(c, "\t%ld\t", word_count(a->body, a->body_len));
    put_repairs(c, a->repairs);
    put(c, "\t", 1);
    put_str(c, a->uri);
    put_fmt(c, "\t%ld\t", a->line);
    put_str(c, a->ext_id);
    put(c, "\n", 1);
}

static void stage_mentions(struct copybuf *c, size_t seq, const struct gz_article *a)
{
    size_t i;

    for (i = 0; i < a->n_mentions; i++) {
        const struct gz_mention *m = &a->mentions[i];

        put_fmt(c, "%zu\t", seq);
        put_str(c, m->surface);
        put_fmt(c, "\t%lld\t%lld\t", (long long)m->start_char, (long long)m->end_char);
        put_str(c, m->type);
        put_fmt(c, "\t%d\t%.4f\n", m->sentence, m->confidence);
    }
}

static void stage_dates(struct copybuf *c, size_t seq, const struct gz_article *a)
{
    size_t i;

    for (i = 0; i < a->n_dates; i++) {
        const struct gz_date_mention *d = &a->dates[i];

        put_fmt(c, "%zu\t", seq);
        put_str(c, d->surface);
        put_fmt(c, "\t%lld\t%lld\t", (long long)d->start_char, (long long)d->end_char);
        put_str(c, d->timex_type);
        put(c, "\t", 1);
        put_str(c, d->value);
        put(c, "\t", 1);
        put_ymd(c, &d->range_start);
        put(c, "\t", 1);
        put_ymd(c, &d->range_end);
        put(c, d->in_title ? "\tt\n" : "\tf\n", 3);
    }
}

static void stage_rejects(struct copybuf *c, int64_t run_id, const struct gz_batch *b)
{
    size_t i;

    for (i = 0; i < b->n_rejects; i++) {
        const struct gz_reject_row *r = &b->rejects[i];

        put_fmt(c, "%lld\t", (long long)run_id);
        put_str(c, r->uri);
        put_fmt(c, "\t%ld\t", r->line);
        put_str(c, r->reason);
        put(c, "\t", 1);
        put_str(c, r->excerpt);
        put(c, "\n", 1);
    }
}

static void stage_sources(struct copybuf *c, const struct gz_batch *b)
{
    size_t i;

    for (i = 0; i < b->n_sources; i++) {
        const struct gz_source_row *s = &b->sources[i];

        put_str(c, s->uri);
        put_fmt(c, "\t%lld\t", (long long)s->size);
        put_fmt(c, "%lld\t", (long long)(s->mtime_ns / 1000));
        put_str(c, s->sha256);
        put_fmt(c, "\t%s\t%d\t%d\t%s\n", s->rejected ? "rejected" : "loaded", s->articles,
                s->rejects, s->touch_only ? "t" : "f");
    }
}

/* ---- the transaction ------------------------------------------------ */

static const char merge_articles[] =
    "WITH ins AS ("
    " INSERT INTO @S.articles (content_sha256, published, published_raw, title, body,"
    "  word_count, repairs, source_uri, source_line, external_id, run_id)"
    " SELECT content_sha256, published, published_raw, title, body, word_count, repairs,"
    "  source_uri, source_line, external_id, $1 FROM stage_articles ORDER BY seq"
    " ON CONFLICT (content_sha256) DO NOTHING"
    " RETURNING article_id, content_sha256)"
    " INSERT INTO stage_new (seq, article_id)"
    " SELECT s.seq, ins.article_id FROM ins JOIN stage_articles s USING (content_sha256)";

/* --reprocess: articles already loaded get their derived rows replaced. */
static const char reprocess_existing[] =
    "INSERT INTO stage_new (seq, article_id)"
    " SELECT s.seq, a.article_id FROM stage_articles s JOIN @S.articles a USING (content_sha256)"
    " WHERE NOT EXISTS (SELECT 1 FROM stage_new n WHERE n.seq = s.seq)";

static const char delete_derived[] =
    "DELETE FROM @S.mentions WHERE article_id IN (SELECT article_id FROM stage_new);"
    "DELETE FROM @S.date_mentions WHERE article_id IN (SELECT article_id FROM stage_new)";

static const char merge_mentions[] =
    "INSERT INTO @S.mentions (article_id, surface, start_char, end_char, ner_type,"
    " sentence, confidence)"
    " SELECT n.article_id, m.surface, m.start_char, m.end_char, m.ner_type, m.sentence,"
    "  m.confidence FROM stage_mentions m JOIN stage_new n USING (seq)"
    " ON CONFLICT DO NOTHING";

static const char merge_dates[] =
    "INSERT INTO @S.date_mentions (article_id, surface, start_char, end_char, timex_type,"
    " value, range_start, range_end, in_title)"
    " SELECT n.article_id, d.surface, d.start_char, d.end_char, d.timex_type, d.value,"
    "  d.range_start, d.range_end, d.in_title FROM stage_dates d JOIN stage_new n USING (seq)"
    " ON CONFLICT DO NOTHING";

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

static const char merge_rejects[] =
    "INSERT INTO @S.rejects (run_id, uri, line, reason, excerpt)"
    " SELECT run_id, uri, line, reason, excerpt FROM stage_rejects"
    " ON CONFLICT (uri, line, reason) DO NOTHING";

static const char update_run[] =
    "UPDATE @S.runs SET files_seen = $2, files_skipped = $3, articles_read = $4,"
    " articles_loaded = $5, duplicates = $6, rejected = $7,"
    " status = coalesce($8, status), message = coalesce($9, message),"
    " finished_at = CASE WHEN $8 IS NULL THEN finished_at ELSE now() END"
    " WHERE run_id = $1";

int gz_update_run(struct gz_pg *pg, int64_t run_id, const struct gz_run_counts *c,
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
    res = gz_pg_query(pg, update_run, 9, params, err);
    if (res == NULL)
        return -1;
    PQclear(res);
    return 0;
}

static int exec_params(struct gz_pg *pg, const char *sql, int n, const char *const *params,
                       long *rows, struct gz_error *err)
{
    PGresult *res = gz_pg_query(pg, sql, n, params, err);

    if (res == NULL)
        return -1;
    if (rows != NULL)
        *rows = atol(PQcmdTuples(res));
    PQclear(res);
    return 0;
}

static int load_rows(struct gz_pg *pg, int64_t run_id, const struct gz_batch *b,
                     struct gz_run_counts *counts, long *loaded, struct gz_error *err)
{
    struct copybuf arts = {0}, ments = {0}, dates = {0}, rejs = {0}, srcs = {0};
    char run[32];
    const char *p_run[] = {run};
    long reprocessed = 0;
    size_t i;
    int rc = -1;

    snprintf(run, sizeof(run), "%lld", (long long)run_id);
    for (i = 0; i < b->n_articles; i++) {
        stage_article(&arts, i, b->articles[i]);
        stage_mentions(&ments, i, b->articles[i]);
        stage_dates(&dates, i, b->articles[i]);
    }
    stage_rejects(&rejs, run_id, b);
    stage_sources(&srcs, b);
    if (copy_in(pg, "COPY stage_articles FROM STDIN", &arts, err) < 0
        || copy_in(pg, "COPY stage_mentions FROM STDIN", &ments, err) < 0
        || copy_in(pg, "COPY stage_dates FROM STDIN", &dates, err) < 0
        || exec_params(pg, merge_articles, 1, p_run, loaded, err) < 0
        || (b->reprocess
            && (exec_params(pg, reprocess_existing, 0, NULL, &reprocessed, err) < 0
                || gz_pg_exec(pg, delete_derived, err) < 0))
        || exec_params(pg, merge_mentions, 0, NULL, NULL, err) < 0
        || exec_params(pg, merge_dates, 0, NULL, NULL, err) < 0)
        goto out;
    if (copy_in(pg, "COPY stage_rejects FROM STDIN", &rejs, err) < 0
        || exec_params(pg, merge_rejects, 0, NULL, NULL, err) < 0)
        goto out;
    if (copy_in(pg, "COPY stage_sources FROM STDIN", &srcs, err) < 0
        || exec_params(pg, merge_sources, 1, p_run, NULL, err) < 0)
        goto out;
    counts->loaded += *loaded;
    counts->reprocessed += reprocessed;
    counts->duplicates += (long)b->n_articles - *loaded - reprocessed;
    rc = gz_update_run(pg, run_id, counts, NULL, NULL, err);
out:
    gz_free(arts.data);
    gz_free(ments.data);
    gz_free(dates.data);
    gz_free(rejs.data);
    gz_free(srcs.data);
    return rc;
}

int gz_load_batch(struct gz_pg *pg, int64_t run_id, const struct gz_batch *b,
                  struct gz_run_counts *counts, long *loaded, struct gz_error *err)
{
    struct gz_run_counts before = *counts;

    *loaded = 0;
    if (gz_fault_at("drop_connection"))
        PQclear(PQexec(pg->conn, "SELECT pg_terminate_backend(pg_backend_pid())"));
    if (gz_pg_exec(pg, "BEGIN", err) < 0)
        return -1;
    if (load_rows(pg, run_id, b, counts, loaded, err) < 0) {
        PQclear(PQexec(pg->conn, "ROLLBACK"));
        *counts = before;
        return -1;
    }
    if (gz_fault_at("kill_before_commit"))
        raise(SIGKILL);
    if (gz_pg_exec(pg, "COMMIT", err) < 0) {
        *counts = before;
        return -1;
    }
    return 0;
}
