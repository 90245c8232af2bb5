/*
 * loader.c - COPY into staging tables and merge: one transaction per batch.
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
#include "sinks/copy.h"
#include "sinks/direct.h"

static void put_repairs(struct gz_copybuf *c, unsigned repairs)
{
    int i, first = 1;

    gz_copy_put(c, "{", 1);
    for (i = 0; i < GZ_REPAIR_COUNT; i++)
        if (repairs & (1u << i)) {
            if (!first)
                gz_copy_put(c, ",", 1);
            gz_copy_str(c, gz_repair_name(i));
            first = 0;
        }
    gz_copy_put(c, "}", 1);
}

/* ---- staging -------------------------------------------------------- */

/* The columns merged into or compared with a COLLATE "C" column of the
 * schema (sql/008_collate_c.sql) are "C" too, so that the staging side's
 * sorts, DISTINCT ON and keys compare bytes in the target's order instead
 * of calling the database's collation (a "default" column compared with
 * a "C" one compares as "C"; two other collations would not compare). */
int gz_loader_prepare(struct gz_pg *pg, struct gz_error *err)
{
    return gz_pg_exec(pg,
        "CREATE TEMP TABLE IF NOT EXISTS stage_articles ("
        " seq integer, content_sha256 text COLLATE \"C\", published date, published_raw text,"
        " title text, body text, word_count integer, repairs text[],"
        " source_uri text, source_line integer, external_id text) ON COMMIT DELETE ROWS;"
        "CREATE TEMP TABLE IF NOT EXISTS stage_mentions ("
        " seq integer, surface text COLLATE \"C\", start_char integer, end_char integer,"
        " ner_type text COLLATE \"C\", sentence integer, confidence real, entity_idx integer,"
        " role text)"
        " ON COMMIT DELETE ROWS;"
        "CREATE TEMP TABLE IF NOT EXISTS stage_entities ("
        " seq integer, idx integer, kind text COLLATE \"C\", canonical text,"
        " key text COLLATE \"C\", country text,"
        " entity_id bigint) ON COMMIT DELETE ROWS;"
        "CREATE TEMP TABLE IF NOT EXISTS stage_keys ("
        " n integer, kind text COLLATE \"C\", canonical text, key text COLLATE \"C\","
        " country text, country_max text)"
        " ON COMMIT DELETE ROWS;"
        "CREATE TEMP TABLE IF NOT EXISTS stage_alias_delta ("
        " entity_id bigint, alias text COLLATE \"C\", delta bigint, PRIMARY KEY (entity_id, alias))"
        " ON COMMIT DELETE ROWS;"
        "CREATE TEMP TABLE IF NOT EXISTS stage_pair_delta ("
        " entity_id_a bigint, entity_id_b bigint, added bigint NOT NULL DEFAULT 0,"
        " removed bigint NOT NULL DEFAULT 0, first_seen date, last_seen date,"
        " removed_first date, removed_last date, PRIMARY KEY (entity_id_a, entity_id_b))"
        " ON COMMIT DELETE ROWS;"
        "CREATE TEMP TABLE IF NOT EXISTS stage_alias_counts ("
        " entity_id bigint, alias text COLLATE \"C\", mentions bigint) ON COMMIT DELETE ROWS;"
        "CREATE TEMP TABLE IF NOT EXISTS stage_pair_counts ("
        " entity_id_a bigint, entity_id_b bigint, articles bigint, first_seen date,"
        " last_seen date) ON COMMIT DELETE ROWS;"
        "CREATE TEMP TABLE IF NOT EXISTS stage_dates ("
        " seq integer, surface text, start_char integer, end_char integer,"
        " timex_type text, value text, range_start date, range_end date, in_title boolean)"
        " ON COMMIT DELETE ROWS;"
        "CREATE TEMP TABLE IF NOT EXISTS stage_new ("
        " seq integer, article_id bigint, published date) ON COMMIT DELETE ROWS;"
        "CREATE TEMP TABLE IF NOT EXISTS stage_article_entities ("
        " article_id bigint, entity_id bigint, published date) ON COMMIT DELETE ROWS;"
        "CREATE TEMP TABLE IF NOT EXISTS stage_rejects ("
        " run_id bigint, uri text, line integer, reason text, excerpt text) ON COMMIT DELETE ROWS;",
        err) < 0 ? -1 : gz_sources_prepare(pg, err);
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

/* The columns of an article row from content_sha256 to external_id. */
static void put_article(struct gz_copybuf *c, const struct gz_article *a)
{
    gz_copy_str(c, a->content_sha256);
    gz_copy_put(c, "\t", 1);
    if (fault_bad_row(a))
        gz_copy_put(c, "2024-02-30", 10);
    else
        gz_copy_ymd(c, &a->published);
    gz_copy_put(c, "\t", 1);
    gz_copy_str(c, a->published_raw ? a->published_raw : "");
    gz_copy_put(c, "\t", 1);
    gz_copy_text(c, a->title, a->title_len);
    gz_copy_put(c, "\t", 1);
    gz_copy_text(c, a->body, a->body_len);
    gz_copy_fmt(c, "\t%ld\t", word_count(a->body, a->body_len));
    put_repairs(c, a->repairs);
    gz_copy_put(c, "\t", 1);
    gz_copy_str(c, a->uri);
    gz_copy_fmt(c, "\t%ld\t", a->line);
    gz_copy_str(c, a->ext_id);
}

static void stage_article(struct gz_copybuf *c, size_t seq, const struct gz_article *a)
{
    gz_copy_fmt(c, "%zu\t", seq);
    put_article(c, a);
    gz_copy_put(c, "\n", 1);
}

static void stage_mentions(struct gz_copybuf *c, size_t seq, const struct gz_article *a)
{
    size_t i;

    for (i = 0; i < a->n_mentions; i++) {
        const struct gz_mention *m = &a->mentions[i];

        gz_copy_fmt(c, "%zu\t", seq);
        gz_copy_str(c, m->surface);
        gz_copy_fmt(c, "\t%lld\t%lld\t", (long long)m->start_char, (long long)m->end_char);
        gz_copy_str(c, m->type);
        gz_copy_fmt(c, "\t%d\t%.4f\t", m->sentence, m->confidence);
        if (gz_loaded_entity(a, m) != NULL)
            gz_copy_fmt(c, "%d\t", m->entity);
        else
            gz_copy_put(c, "\\N\t", 3);
        gz_copy_str(c, m->role);
        gz_copy_put(c, "\n", 1);
    }
}

/* The entities some mention of the article links to: (seq, index, kind,
 * canonical name, key, country code). */
static void stage_entities(struct gz_copybuf *c, size_t seq, const struct gz_article *a)
{
    unsigned char *used;
    size_t i;

    if (a->n_entities == 0)
        return;
    used = gz_xcalloc(a->n_entities, 1);
    for (i = 0; i < a->n_mentions; i++)
        if (gz_loaded_entity(a, &a->mentions[i]) != NULL)
            used[a->mentions[i].entity] = 1;
    for (i = 0; i < a->n_entities; i++) {
        const struct gz_entity *e = &a->entities[i];

        if (!used[i])
            continue;
        gz_copy_fmt(c, "%zu\t%zu\t", seq, i);
        gz_copy_str(c, e->kind);
        gz_copy_put(c, "\t", 1);
        gz_copy_str(c, e->canonical);
        gz_copy_put(c, "\t", 1);
        gz_copy_str(c, e->key);
        gz_copy_put(c, "\t", 1);
        gz_copy_str(c, e->country);
        gz_copy_put(c, "\t\\N\n", 4);
    }
    gz_free(used);
}

static void stage_dates(struct gz_copybuf *c, size_t seq, const struct gz_article *a)
{
    size_t i;

    for (i = 0; i < a->n_dates; i++) {
        const struct gz_date_mention *d = &a->dates[i];

        gz_copy_fmt(c, "%zu\t", seq);
        gz_copy_str(c, d->surface);
        gz_copy_fmt(c, "\t%lld\t%lld\t", (long long)d->start_char, (long long)d->end_char);
        gz_copy_str(c, d->timex_type);
        gz_copy_put(c, "\t", 1);
        gz_copy_str(c, d->value);
        gz_copy_put(c, "\t", 1);
        gz_copy_ymd(c, &d->range_start);
        gz_copy_put(c, "\t", 1);
        gz_copy_ymd(c, &d->range_end);
        gz_copy_put(c, d->in_title ? "\tt\n" : "\tf\n", 3);
    }
}

static void stage_rejects(struct gz_copybuf *c, int64_t run_id, const struct gz_load_rows *rows)
{
    size_t i;

    for (i = 0; i < rows->n_rejects; i++) {
        const struct gz_reject_row *r = &rows->rejects[i];

        gz_copy_fmt(c, "%lld\t", (long long)run_id);
        gz_copy_str(c, r->uri);
        gz_copy_fmt(c, "\t%ld\t", r->line);
        gz_copy_str(c, r->reason);
        gz_copy_put(c, "\t", 1);
        gz_copy_str(c, r->excerpt);
        gz_copy_put(c, "\n", 1);
    }
}

/* ---- the transaction ------------------------------------------------ */

/* In content_sha256 order: two runs loading the same texts in different
 * orders (two pipelines, two exports) wait for each other at the first
 * text they share instead of each holding one the other wants (a deadlock
 * the server would end by failing one run). */
static const char merge_articles[] =
    "WITH ins AS ("
    " INSERT INTO @S.articles (content_sha256, published, published_raw, title, body,"
    "  word_count, repairs, source_uri, source_line, external_id, run_id)"
    " SELECT content_sha256, published, published_raw, title, body, word_count, repairs,"
    "  source_uri, source_line, external_id, $1 FROM stage_articles ORDER BY content_sha256"
    " ON CONFLICT (content_sha256) DO NOTHING"
    " RETURNING article_id, content_sha256, published)"
    " INSERT INTO stage_new (seq, article_id, published)"
    " SELECT s.seq, ins.article_id, ins.published FROM ins JOIN stage_articles s USING (content_sha256)"
    " RETURNING seq, article_id, to_char(published, 'YYYY-MM-DD')";

/* --reprocess: articles already loaded get their derived rows replaced.
 * Their rows are locked first, in article_id order, so that two runs
 * reprocessing one article take turns: the second one then counts the
 * mentions the first one left, not the ones it deleted. */
static const char reprocess_existing[] =
    "INSERT INTO stage_new (seq, article_id, published)"
    " SELECT s.seq, a.article_id, a.published FROM stage_articles s"
    " JOIN @S.articles a USING (content_sha256)"
    " WHERE NOT EXISTS (SELECT 1 FROM stage_new n WHERE n.seq = s.seq)";

static const char lock_reprocessed[] =
    "SELECT 1 FROM @S.articles WHERE article_id IN (SELECT article_id FROM stage_new)"
    " ORDER BY article_id FOR NO KEY UPDATE";

/* The aliases of the mentions about to be deleted lose their counts. */
static const char uncount_aliases[] =
    "INSERT INTO stage_alias_delta (entity_id, alias, delta)"
    " SELECT entity_id, surface, -count(*) FROM @S.mentions"
    " WHERE article_id IN (SELECT article_id FROM stage_new) AND entity_id IS NOT NULL"
    " GROUP BY entity_id, surface";

/* The entity pairs of the mentions about to be deleted (distinct entities
 * of one article, a < b) lose one article each; the dates of those
 * articles say whether a pair's first or last date may go with them. */
static const char uncount_pairs[] =
    "WITH ae AS (SELECT DISTINCT article_id, entity_id FROM @S.mentions"
    "  WHERE article_id IN (SELECT article_id FROM stage_new) AND entity_id IS NOT NULL)"
    " INSERT INTO stage_pair_delta (entity_id_a, entity_id_b, removed, removed_first,"
    "  removed_last)"
    " SELECT x.entity_id, y.entity_id, count(*), min(a.published), max(a.published)"
    " FROM ae x JOIN ae y ON y.article_id = x.article_id AND y.entity_id > x.entity_id"
    " JOIN @S.articles a ON a.article_id = x.article_id"
    " GROUP BY x.entity_id, y.entity_id";

static const char delete_derived[] =
    "DELETE FROM @S.mentions WHERE article_id IN (SELECT article_id FROM stage_new);"
    "DELETE FROM @S.date_mentions WHERE article_id IN (SELECT article_id FROM stage_new)";

/* Entities of the articles being loaded, in (kind, key) order so that two
 * runs inserting the same new keys wait for each other instead of
 * deadlocking. The first canonical name wins (a country code another
 * article gives is filled below); a key another transaction is inserting
 * waits for it to commit, so the next statement sees it. */
static const char merge_entities[] =
    "INSERT INTO @S.entities (kind, canonical_name, key, country_code)"
    " SELECT DISTINCT ON (kind, key) kind, canonical, key, country"
    " FROM stage_entities WHERE seq IN (SELECT seq FROM stage_new)"
    " ORDER BY kind, key, seq, idx"
    " ON CONFLICT (kind, key) DO NOTHING";

static const char resolve_entities[] =
    "UPDATE stage_entities s SET entity_id = e.entity_id FROM @S.entities e"
    " WHERE e.kind = s.kind AND e.key = s.key AND s.seq IN (SELECT seq FROM stage_new)";

/* A country code learnt later fills an entity's NULL one (rows locked in
 * key order, re-checked once locked). */
static const char fill_countries[] =
    "WITH want AS (SELECT entity_id, max(country) AS country FROM stage_entities"
    "  WHERE entity_id IS NOT NULL AND country IS NOT NULL GROUP BY entity_id),"
    " locked AS (SELECT e.entity_id, w.country FROM @S.entities e JOIN want w USING (entity_id)"
    "  WHERE e.country_code IS NULL ORDER BY e.kind, e.key FOR NO KEY UPDATE OF e)"
    " UPDATE @S.entities e SET country_code = l.country FROM locked l"
    " WHERE e.entity_id = l.entity_id AND e.country_code IS NULL";

/* The mentions, with their entity and role, once per (article, span) (a
 * text twice in the batch gives its article two seqs). Nobody else writes
 * mentions of these articles (new ones are ours until commit, reprocessed
 * ones are locked and emptied), so a plain insert cannot conflict, and it
 * costs less than ON CONFLICT DO NOTHING (about 0.4 s on a Reuters load).
 * The mentions count for their alias (surface), and their distinct
 * (article, entity) with the article's date are kept for the pairs: they
 * are now exactly the mentions these articles have in the table. */
static const char merge_mentions[] =
    "WITH ins AS ("
    " INSERT INTO @S.mentions (article_id, surface, start_char, end_char, ner_type,"
    "  sentence, confidence, entity_id, role)"
    " SELECT DISTINCT ON (n.article_id, m.start_char, m.end_char)"
    "  n.article_id, m.surface, m.start_char, m.end_char, m.ner_type, m.sentence,"
    "  m.confidence, e.entity_id, m.role FROM stage_mentions m JOIN stage_new n USING (seq)"
    "  LEFT JOIN stage_entities e ON e.seq = m.seq AND e.idx = m.entity_idx"
    "  ORDER BY n.article_id, m.start_char, m.end_char, m.seq"
    " RETURNING article_id, entity_id, surface),"
    " aliases AS ("
    " INSERT INTO stage_alias_delta (entity_id, alias, delta)"
    " SELECT entity_id, surface, count(*) FROM ins WHERE entity_id IS NOT NULL"
    " GROUP BY entity_id, surface"
    " ON CONFLICT (entity_id, alias) DO UPDATE SET delta = stage_alias_delta.delta + EXCLUDED.delta)"
    " INSERT INTO stage_article_entities (article_id, entity_id, published)"
    " SELECT DISTINCT i.article_id, i.entity_id, n.published FROM ins i"
    " JOIN stage_new n USING (article_id) WHERE i.entity_id IS NOT NULL";

/* Alias counts move by the net change, in one pass in (entity_id, alias)
 * order (no deadlock between runs). A negative change cannot be the row
 * proposed for insertion (mentions >= 0): it proposes 0 and the update
 * takes the change from the delta table. An alias whose count reaches 0
 * is deleted. */
static const char merge_aliases[] =
    "INSERT INTO @S.entity_aliases AS a (entity_id, alias, mentions)"
    " SELECT entity_id, alias, greatest(delta, 0) FROM stage_alias_delta WHERE delta <> 0"
    " ORDER BY entity_id, alias"
    " ON CONFLICT (entity_id, alias) DO UPDATE SET mentions = a.mentions"
    "  + CASE WHEN EXCLUDED.mentions > 0 THEN EXCLUDED.mentions"
    "    ELSE (SELECT d.delta FROM stage_alias_delta d"
    "          WHERE d.entity_id = a.entity_id AND d.alias = a.alias) END";

static const char delete_unused_aliases[] =
    "DELETE FROM @S.entity_aliases a USING stage_alias_delta d"
    " WHERE a.entity_id = d.entity_id AND a.alias = d.alias AND d.delta < 0 AND a.mentions = 0";

/* The pairs of the mentions just inserted (stage_article_entities, one
 * row per distinct entity of each article): one article each, with its
 * date. Without --reprocess nothing was taken away, so they go straight
 * to co_mention_pairs in one upsert in (entity_id_a, entity_id_b) order
 * (no deadlock between runs); with it they join the removed ones in
 * stage_pair_delta for merge_pairs. */
#define BATCH_PAIRS \
    " SELECT x.entity_id, y.entity_id, count(*), min(x.published), max(x.published)" \
    " FROM stage_article_entities x JOIN stage_article_entities y" \
    "  ON y.article_id = x.article_id AND y.entity_id > x.entity_id" \
    " GROUP BY x.entity_id, y.entity_id"

static const char add_pairs[] =
    "INSERT INTO @S.co_mention_pairs AS p (entity_id_a, entity_id_b, articles,"
    "  first_seen, last_seen)"
    BATCH_PAIRS
    " ORDER BY x.entity_id, y.entity_id"
    " ON CONFLICT (entity_id_a, entity_id_b) DO UPDATE SET articles = p.articles + EXCLUDED.articles,"
    "  first_seen = least(p.first_seen, EXCLUDED.first_seen),"
    "  last_seen = greatest(p.last_seen, EXCLUDED.last_seen)";

/* The batch's counts of entities other runs may share, as counted by the
 * client (direct.h), one row per alias or pair: only positive changes, so
 * a plain upsert in key order (no deadlock between runs). Their staging
 * tables have no key: nothing is merged into them. */
static const char add_counted_aliases[] =
    "INSERT INTO @S.entity_aliases AS a (entity_id, alias, mentions)"
    " SELECT entity_id, alias, mentions FROM stage_alias_counts ORDER BY entity_id, alias"
    " ON CONFLICT (entity_id, alias) DO UPDATE SET mentions = a.mentions + EXCLUDED.mentions";

static const char add_counted_pairs[] =
    "INSERT INTO @S.co_mention_pairs AS p (entity_id_a, entity_id_b, articles,"
    "  first_seen, last_seen)"
    " SELECT entity_id_a, entity_id_b, articles, first_seen, last_seen FROM stage_pair_counts"
    " ORDER BY entity_id_a, entity_id_b"
    " ON CONFLICT (entity_id_a, entity_id_b) DO UPDATE SET articles = p.articles + EXCLUDED.articles,"
    "  first_seen = least(p.first_seen, EXCLUDED.first_seen),"
    "  last_seen = greatest(p.last_seen, EXCLUDED.last_seen)";

static const char count_pairs[] =
    "INSERT INTO stage_pair_delta AS d (entity_id_a, entity_id_b, added, first_seen, last_seen)"
    BATCH_PAIRS
    " ON CONFLICT (entity_id_a, entity_id_b) DO UPDATE SET added = EXCLUDED.added,"
    "  first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen";

/* Pair counts move by the net change, in one pass in (entity_id_a,
 * entity_id_b) order (no deadlock between runs), the dates widened by the
 * articles added. As with aliases, a change <= 0 proposes 0 and the update
 * looks it up. A pair that loses and regains the same articles (a
 * reprocess that links them as before) is left alone. */
static const char merge_pairs[] =
    "INSERT INTO @S.co_mention_pairs AS p (entity_id_a, entity_id_b, articles,"
    "  first_seen, last_seen)"
    " SELECT entity_id_a, entity_id_b, greatest(added - removed, 0), first_seen, last_seen"
    " FROM stage_pair_delta"
    " WHERE added <> removed OR first_seen IS DISTINCT FROM removed_first"
    "  OR last_seen IS DISTINCT FROM removed_last"
    " ORDER BY entity_id_a, entity_id_b"
    " ON CONFLICT (entity_id_a, entity_id_b) DO UPDATE SET articles = p.articles"
    "  + CASE WHEN EXCLUDED.articles > 0 THEN EXCLUDED.articles"
    "    ELSE (SELECT d.added - d.removed FROM stage_pair_delta d"
    "          WHERE d.entity_id_a = p.entity_id_a AND d.entity_id_b = p.entity_id_b) END,"
    "  first_seen = least(p.first_seen, EXCLUDED.first_seen),"
    "  last_seen = greatest(p.last_seen, EXCLUDED.last_seen)";

/* --reprocess: a pair left at 0 is deleted; one that lost the article of
 * its first (last) date, with no article of that date or earlier (later)
 * added, has the date recomputed from the articles that still name both.
 * Its row is locked by merge_pairs, so this statement's snapshot holds
 * every article another run counted in it. */
static const char delete_unused_pairs[] =
    "DELETE FROM @S.co_mention_pairs p USING stage_pair_delta d"
    " WHERE p.entity_id_a = d.entity_id_a AND p.entity_id_b = d.entity_id_b"
    "  AND d.removed > 0 AND p.articles = 0";

static const char redate_pairs[] =
    "WITH stale AS ("
    "  SELECT p.entity_id_a, p.entity_id_b FROM @S.co_mention_pairs p"
    "  JOIN stage_pair_delta d USING (entity_id_a, entity_id_b)"
    "  WHERE d.removed > 0 AND p.articles > 0"
    "   AND ((d.removed_first <= p.first_seen"
    "         AND (d.first_seen IS NULL OR d.first_seen > d.removed_first))"
    "     OR (d.removed_last >= p.last_seen"
    "         AND (d.last_seen IS NULL OR d.last_seen < d.removed_last)))),"
    " dates AS ("
    "  SELECT s.entity_id_a, s.entity_id_b, min(a.published) AS first_seen,"
    "   max(a.published) AS last_seen FROM stale s"
    "  JOIN @S.mentions x ON x.entity_id = s.entity_id_a"
    "  JOIN @S.mentions y ON y.entity_id = s.entity_id_b AND y.article_id = x.article_id"
    "  JOIN @S.articles a ON a.article_id = x.article_id"
    "  GROUP BY s.entity_id_a, s.entity_id_b)"
    " UPDATE @S.co_mention_pairs p SET first_seen = t.first_seen, last_seen = t.last_seen"
    " FROM dates t WHERE p.entity_id_a = t.entity_id_a AND p.entity_id_b = t.entity_id_b";

/* Once per (article, in_title, span), by a plain insert, as the mentions. */
static const char merge_dates[] =
    "INSERT INTO @S.date_mentions (article_id, surface, start_char, end_char, timex_type,"
    " value, range_start, range_end, in_title)"
    " SELECT DISTINCT ON (n.article_id, d.in_title, d.start_char, d.end_char)"
    "  n.article_id, d.surface, d.start_char, d.end_char, d.timex_type, d.value,"
    "  d.range_start, d.range_end, d.in_title FROM stage_dates d JOIN stage_new n USING (seq)"
    "  ORDER BY n.article_id, d.in_title, d.start_char, d.end_char, d.seq";

static const char merge_rejects[] =
    "INSERT INTO @S.rejects (run_id, uri, line, reason, excerpt)"
    " SELECT run_id, uri, line, reason, excerpt FROM stage_rejects"
    " ON CONFLICT (uri, line, reason) DO NOTHING";

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

/* ---- new articles straight into their table ------------------------ */

/* Of the batch's texts, the ones already loaded. */
static const char loaded_texts[] =
    "SELECT content_sha256 FROM @S.articles WHERE content_sha256 = ANY ($1::text[])";

/* Ids for n new articles ($2: the id sequence). */
static const char next_ids[] =
    "SELECT nextval($2::regclass) FROM generate_series(1, $1::integer)";

static const char copy_articles[] =
    "COPY @S.articles (article_id, content_sha256, published, published_raw, title, body,"
    " word_count, repairs, source_uri, source_line, external_id, run_id) FROM STDIN";

struct text_ref {
    const char *sha;
    size_t      seq;
};

static int cmp_text(const void *pa, const void *pb)
{
    const struct text_ref *a = pa, *b = pb;
    int c = strcmp(a->sha, b->sha);

    return c ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

static int cmp_str(const void *pa, const void *pb)
{
    return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

/* The batch's distinct texts that are not loaded yet, in content_sha256
 * order (first seq of each), as a NULL-free array of refs into t. */
static int new_texts(struct gz_pg *pg, struct text_ref *t, size_t n, size_t *n_new,
                     struct gz_error *err)
{
    struct gz_copybuf list = {0};
    const char *param[1];
    const char **have;
    PGresult *res;
    size_t i, n_have, kept = 0;

    qsort(t, n, sizeof(*t), cmp_text);
    gz_copy_put(&list, "{", 1);
    for (i = 0; i < n; i++)
        gz_copy_fmt(&list, "%s%s", i ? "," : "", t[i].sha);   /* hex digits: no quoting */
    gz_copy_put(&list, "}", 2);                             /* and the NUL */
    param[0] = list.data;
    res = gz_pg_query(pg, loaded_texts, 1, param, err);
    gz_free(list.data);
    if (res == NULL)
        return -1;
    n_have = (size_t)PQntuples(res);
    have = gz_xcalloc(n_have + 1, sizeof(*have));
    for (i = 0; i < n_have; i++)
        have[i] = PQgetvalue(res, (int)i, 0);
    if (gz_fault_at("stale_texts"))     /* as if another run inserted them since */
        n_have = 0;
    qsort(have, n_have, sizeof(*have), cmp_str);
    for (i = 0; i < n; i++)
        if (bsearch(&t[i].sha, have, n_have, sizeof(*have), cmp_str) == NULL)
            t[kept++] = t[i];
    gz_free(have);
    PQclear(res);
    *n_new = kept;
    return 0;
}

/* Take ids for the new texts and COPY their rows into articles, sent a
 * chunk at a time (a batch's texts are its largest rows); every seq of a
 * new text becomes a fresh row. A text another run inserted
 * since new_texts() looked fails the COPY with a unique violation
 * (SQLSTATE 23505): gz_load_batch then loads the batch staged. */
static int copy_new_articles(struct gz_pg *pg, int64_t run_id, const struct gz_load_rows *rows,
                             struct gz_fresh *fresh, size_t *n_fresh, struct gz_error *err)
{
    struct text_ref *t = gz_xcalloc(rows->n_articles + 1, sizeof(*t));
    struct gz_copybuf arts = {0};
    char count[32], *seqname = gz_pg_with_schema(pg, "@S.articles_article_id_seq");
    const char *params[] = {count, seqname};
    PGresult *ids = NULL;
    size_t i, n_new, id = 0;
    int rc = -1;

    for (i = 0; i < rows->n_articles; i++)
        t[i] = (struct text_ref){rows->articles[i]->content_sha256, i};
    if (new_texts(pg, t, rows->n_articles, &n_new, err) < 0)
        goto out;
    *n_fresh = 0;
    if (n_new == 0) {
        rc = 0;
        goto out;
    }
    snprintf(count, sizeof(count), "%zu", n_new);
    if ((ids = gz_pg_query(pg, next_ids, 2, params, err)) == NULL
        || gz_copy_start(pg, copy_articles, err) < 0)
        goto out;
    rc = 0;
    for (i = 0; i < n_new; i++) {
        const struct gz_article *a = rows->articles[t[i].seq];
        struct gz_fresh *f = &fresh[(*n_fresh)++];

        if (i > 0 && strcmp(t[i].sha, t[i - 1].sha) == 0)
            *f = fresh[*n_fresh - 2];                   /* the same text again */
        else {
            f->id = strtoll(PQgetvalue(ids, (int)id++, 0), NULL, 10);
            gz_copy_fmt(&arts, "%lld\t", (long long)f->id);
            put_article(&arts, a);
            gz_copy_fmt(&arts, "\t%lld\n", (long long)run_id);
            if (arts.len >= GZ_COPY_CHUNK && rc == 0)
                rc = gz_copy_send(pg, &arts, err);
            f->day[0] = '\0';
            if (a->published.year != 0)
                snprintf(f->day, sizeof(f->day), "%04d-%02d-%02d", a->published.year,
                         a->published.month, a->published.day);
        }
        f->seq = t[i].seq;
    }
    rc = gz_copy_end(pg, rc == 0 ? gz_copy_send(pg, &arts, err) : rc, err);
out:
    PQclear(ids);
    gz_free(arts.data);
    gz_free(seqname);
    gz_free(t);
    return rc;
}

/* The staged way: COPY into stage_articles, merge, read back the rows
 * the merge inserted. */
static int merge_staged_articles(struct gz_pg *pg, int64_t run_id,
                                 const struct gz_load_rows *rows, struct gz_fresh *fresh,
                                 size_t *n_fresh, struct gz_error *err)
{
    struct gz_copybuf arts = {0};
    char run[32];
    const char *p_run[] = {run};
    PGresult *res;
    size_t i;
    int rc;

    snprintf(run, sizeof(run), "%lld", (long long)run_id);
    for (i = 0; i < rows->n_articles; i++)
        stage_article(&arts, i, rows->articles[i]);
    rc = gz_copy_in(pg, "COPY stage_articles FROM STDIN", &arts, err);
    gz_free(arts.data);
    if (rc < 0 || (res = gz_pg_query(pg, merge_articles, 1, p_run, err)) == NULL)
        return -1;
    *n_fresh = (size_t)PQntuples(res);
    for (i = 0; i < *n_fresh && i < rows->n_articles; i++) {
        fresh[i].seq = strtoull(PQgetvalue(res, (int)i, 0), NULL, 10);
        fresh[i].id = strtoll(PQgetvalue(res, (int)i, 1), NULL, 10);
        snprintf(fresh[i].day, sizeof(fresh[i].day), "%s", PQgetvalue(res, (int)i, 2));
    }
    PQclear(res);
    if (*n_fresh > rows->n_articles)
        return gz_fail(err, EX_SOFTWARE, "article merge returned %zu rows for %zu articles",
                       *n_fresh, rows->n_articles);
    return 0;
}

/* --reprocess: the mentions, entities and dates of the batch's articles,
 * new or already loaded, through staging tables: the ones already loaded
 * lose their old rows and counts first. */
static int load_staged(struct gz_pg *pg, const struct gz_load_rows *rows, long *reprocessed,
                       struct gz_error *err)
{
    struct gz_copybuf ments = {0}, ents = {0}, dates = {0};
    size_t i;
    int rc = -1;

    for (i = 0; i < rows->n_articles; i++) {
        stage_mentions(&ments, i, rows->articles[i]);
        stage_entities(&ents, i, rows->articles[i]);
        stage_dates(&dates, i, rows->articles[i]);
    }
    if (gz_copy_in(pg, "COPY stage_mentions FROM STDIN", &ments, err) < 0
        || gz_copy_in(pg, "COPY stage_entities FROM STDIN", &ents, err) < 0
        || gz_copy_in(pg, "COPY stage_dates FROM STDIN", &dates, err) < 0
        || exec_params(pg, reprocess_existing, 0, NULL, reprocessed, err) < 0
        || exec_params(pg, lock_reprocessed, 0, NULL, NULL, err) < 0
        || exec_params(pg, uncount_aliases, 0, NULL, NULL, err) < 0
        || exec_params(pg, uncount_pairs, 0, NULL, NULL, err) < 0
        || gz_pg_exec(pg, delete_derived, err) < 0
        || (ents.len > 0
            && (exec_params(pg, merge_entities, 0, NULL, NULL, err) < 0
                || exec_params(pg, resolve_entities, 0, NULL, NULL, err) < 0
                || exec_params(pg, fill_countries, 0, NULL, NULL, err) < 0))
        || exec_params(pg, merge_mentions, 0, NULL, NULL, err) < 0
        || exec_params(pg, merge_dates, 0, NULL, NULL, err) < 0)
        goto out;
    rc = 0;
out:
    gz_free(ments.data);
    gz_free(ents.data);
    gz_free(dates.data);
    return rc;
}

/* The articles, then their derived rows: new articles and theirs
 * straight into their tables (direct.h), unless staged (--reprocess, or
 * a batch that met another run's insert of one of its texts); then the
 * alias and pair counts they moved. */
static int load_articles(struct gz_pg *pg, int64_t run_id, const struct gz_load_rows *rows,
                         int staged, long *loaded, long *reprocessed, struct gz_error *err)
{
    struct gz_fresh *fresh = gz_xcalloc(rows->n_articles + 1, sizeof(*fresh));
    enum gz_direct_staged direct = GZ_DIRECT_NOTHING;
    size_t n_fresh = 0;
    int rc;

    rc = staged || rows->reprocess
             ? merge_staged_articles(pg, run_id, rows, fresh, &n_fresh, err)
             : copy_new_articles(pg, run_id, rows, fresh, &n_fresh, err);
    *loaded = (long)n_fresh;
    if (rc == 0)
        rc = rows->reprocess ? load_staged(pg, rows, reprocessed, err)
                             : gz_load_direct(pg, rows, fresh, n_fresh, &direct, err);
    gz_free(fresh);
    if (rc < 0)
        return -1;
    if (rows->reprocess)
        return exec_params(pg, merge_aliases, 0, NULL, NULL, err) < 0
               || exec_params(pg, delete_unused_aliases, 0, NULL, NULL, err) < 0
               || exec_params(pg, count_pairs, 0, NULL, NULL, err) < 0
               || exec_params(pg, merge_pairs, 0, NULL, NULL, err) < 0
               || exec_params(pg, delete_unused_pairs, 0, NULL, NULL, err) < 0
               || exec_params(pg, redate_pairs, 0, NULL, NULL, err) < 0 ? -1 : 0;
    if (direct == GZ_DIRECT_NOTHING)
        return 0;
    return exec_params(pg, add_counted_aliases, 0, NULL, NULL, err) < 0
           || exec_params(pg, direct == GZ_DIRECT_COUNTED ? add_counted_pairs : add_pairs, 0,
                          NULL, NULL, err) < 0 ? -1 : 0;
}

static int load_rows(struct gz_pg *pg, int64_t run_id, const struct gz_load_rows *rows,
                     int staged, struct gz_run_counts *counts, long *loaded,
                     struct gz_error *err)
{
    struct gz_copybuf rejs = {0};
    long reprocessed = 0;
    int rc = -1;

    stage_rejects(&rejs, run_id, rows);
    if ((rows->n_articles > 0
         && load_articles(pg, run_id, rows, staged, loaded, &reprocessed, err) < 0)
        || (rows->n_rejects > 0
            && (gz_copy_in(pg, "COPY stage_rejects FROM STDIN", &rejs, err) < 0
                || exec_params(pg, merge_rejects, 0, NULL, NULL, err) < 0))
        || gz_sources_write(pg, run_id, rows->sources, rows->n_sources, err) < 0)
        goto out;
    counts->loaded += *loaded;
    counts->reprocessed += reprocessed;
    counts->duplicates += (long)rows->n_articles - *loaded - reprocessed;
    rc = gz_run_update(pg, run_id, counts, err);
out:
    gz_free(rejs.data);
    return rc;
}

static int transaction(struct gz_pg *pg, int64_t run_id, const struct gz_load_rows *rows,
                       int staged, struct gz_run_counts *counts, long *loaded,
                       struct gz_error *err)
{
    struct gz_run_counts before = *counts;

    *loaded = 0;
    if (gz_fault_at("drop_connection"))
        PQclear(PQexec(pg->conn, "SELECT pg_terminate_backend(pg_backend_pid())"));
    if (gz_pg_exec(pg, "BEGIN", err) < 0)
        return -1;
    if (gz_fault_at("kill_before_copy"))
        raise(SIGKILL);
    if (load_rows(pg, run_id, rows, staged, counts, loaded, err) < 0) {
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
    if (gz_fault_at("kill_after_commit"))
        raise(SIGKILL);
    return 0;
}

/* A unique violation on the direct path is another run's insert of one of
 * the batch's texts (copy_new_articles): the batch is loaded again,
 * staged, which merges with it. */
int gz_load_batch(struct gz_pg *pg, int64_t run_id, const struct gz_load_rows *rows,
                  struct gz_run_counts *counts, long *loaded, struct gz_error *err)
{
    if (transaction(pg, run_id, rows, 0, counts, loaded, err) == 0)
        return 0;
    if (rows->reprocess || strcmp(pg->sqlstate, "23505") != 0)
        return -1;
    gz_log(GZ_LOG_INFO, "batch_staged", "reason=%s", gz_q(err->msg));
    gz_error_clear(err);
    return transaction(pg, run_id, rows, 1, counts, loaded, err);
}
