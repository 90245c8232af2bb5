/*
 * The reporting views of sql/006 over a small hand-made data set whose
 * answers are known: three articles, six entities, amounts that are not
 * entities, and dates. Rows are inserted with SQL (whatever the tagger or
 * the linker would say), the views are read back. Rows written by hand are
 * not counted in co_mention_pairs (gazette run counts what it loads); the
 * tests of co_mentions recount the pairs as docs/SQL.md says to.
 *
 *   article 1, Thu 2024-02-22 (ISO week 2024-W08):
 *       Mark Rutte x2, NATO x2 (one as "Atlantic Alliance"), Netherlands
 *       (as "Dutch"), United States (as "US"), "100 mln dlrs" MONEY, "2%"
 *       PERCENT, "Reuters" ORG unlinked (stoplist); dates "Thursday"
 *       (2024-02-22), "next week" (2024-W09), "ten years" (a DURATION)
 *   article 2, Thu 2024-02-22: NATO, United States x2 ("United States",
 *       "U.S."), Joe Biden, Jens Stoltenberg, "5 pct" PERCENT; no dates
 *   article 3, Mon 2024-02-26 (2024-W09): Rutte, U.S., NATO; "Monday"
 *
 * entity ids: 1 Mark Rutte, 2 NATO, 3 United States (US), 4 Netherlands
 * (NL), 5 Joe Biden, 6 Jens Stoltenberg.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gztest.h"


TestSuite(views, .init = gzt_suite_init, .fini = gzt_suite_fini);

static const char handmade[] =
    "INSERT INTO @S.runs (pipeline, status, config_sha256, version)"
    "  VALUES ('handmade', 'ok', '-', 'test');"
    "INSERT INTO @S.articles (article_id, content_sha256, published, published_raw, title, body,"
    "                         word_count, source_uri, source_line, run_id) VALUES"
    "  (1, 'a1', '2024-02-22', '2024-02-22', 'Rutte to lead NATO', 'one', 1, 'mem', 1, 1),"
    "  (2, 'a2', '2024-02-22', '2024-02-22', 'NATO summit', 'two', 1, 'mem', 2, 1),"
    "  (3, 'a3', '2024-02-26', '2024-02-26', 'Rutte in Washington', 'three', 1, 'mem', 3, 1);"
    "INSERT INTO @S.entities (entity_id, kind, canonical_name, key, country_code)"
    "  OVERRIDING SYSTEM VALUE VALUES"
    "  (1, 'PERSON', 'Mark Rutte', 'mark rutte', NULL),"
    "  (2, 'ORG', 'NATO', 'nato', NULL),"
    "  (3, 'LOC', 'United States', 'united states', 'US'),"
    "  (4, 'LOC', 'Netherlands', 'netherlands', 'NL'),"
    "  (5, 'PERSON', 'Joe Biden', 'joe biden', NULL),"
    "  (6, 'PERSON', 'Jens Stoltenberg', 'jens stoltenberg', NULL);"
    "INSERT INTO @S.mentions (article_id, surface, start_char, end_char, ner_type, sentence,"
    "                         confidence, entity_id) VALUES"
    "  (1, 'Mark Rutte', 0, 10, 'PERSON', 0, 1, 1),"
    "  (1, 'NATO', 20, 24, 'ORG', 0, 1, 2),"
    "  (1, 'Atlantic Alliance', 40, 57, 'ORG', 1, 1, 2),"
    "  (1, 'Dutch', 60, 65, 'MISC', 1, 1, 4),"
    "  (1, 'Rutte', 70, 75, 'PERSON', 2, 1, 1),"
    "  (1, 'US', 80, 82, 'LOC', 3, 1, 3),"
    "  (1, '100 mln dlrs', 90, 102, 'MONEY', 3, 1, NULL),"
    "  (1, '2%', 110, 112, 'PERCENT', 3, 1, NULL),"
    "  (1, 'Reuters', 120, 127, 'ORG', 4, 1, NULL),"
    "  (2, 'NATO', 0, 4, 'ORG', 0, 1, 2),"
    "  (2, 'United States', 10, 23, 'LOC', 1, 1, 3),"
    "  (2, 'U.S.', 30, 34, 'LOC', 2, 1, 3),"
    "  (2, 'Joe Biden', 40, 49, 'PERSON', 2, 1, 5),"
    "  (2, 'Jens Stoltenberg', 50, 66, 'PERSON', 2, 1, 6),"
    "  (2, '5 pct', 70, 75, 'PERCENT', 3, 1, NULL),"
    "  (3, 'Rutte', 0, 5, 'PERSON', 0, 1, 1),"
    "  (3, 'U.S.', 10, 14, 'LOC', 0, 1, 3),"
    "  (3, 'NATO', 20, 24, 'ORG', 1, 1, 2);"
    "INSERT INTO @S.date_mentions (article_id, surface, start_char, end_char, timex_type, value,"
    "                              range_start, range_end) VALUES"
    "  (1, 'Thursday', 130, 138, 'DATE', '2024-02-22', '2024-02-22', '2024-02-23'),"
    "  (1, 'next week', 140, 149, 'DATE', '2024-W09', '2024-02-26', '2024-03-04'),"
    "  (1, 'ten years', 150, 159, 'DURATION', 'P10Y', NULL, NULL),"
    "  (3, 'Monday', 30, 36, 'DATE', '2024-02-26', '2024-02-26', '2024-02-27');"
    "SELECT setval(pg_get_serial_sequence('@S.articles', 'article_id'), 3);"
    "SELECT setval(pg_get_serial_sequence('@S.entities', 'entity_id'), 6);";

static void exec(const char *schema, const char *sql)
{
    char *text = gzt_in_schema(sql, schema);
    PGresult *res = PQexec(gzt_suite_db, text);

    cr_assert(PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK,
              "%s: %s", text, PQerrorMessage(gzt_suite_db));
    PQclear(res);
    free(text);
}

/* The first value of a query as text, compared with expected (NULL: SQL NULL). */
static void expect_text(const char *schema, const char *sql, const char *expected)
{
    char *text = gzt_in_schema(sql, schema);
    char *v = gzt_text(gzt_suite_db, text);

    if (expected == NULL)
        cr_expect_null(v, "%s: got %s", text, v);
    else
        cr_expect(v != NULL && strcmp(v, expected) == 0, "%s: got %s, want %s", text,
                  v ? v : "NULL", expected);
    free(v);
    free(text);
}

static void migrate(const char *schema, const char *applied)
{
    struct gzt_proc r = gzt_run(NULL, NULL, "migrate", "--schema", schema, NULL);

    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.err, applied) != NULL, "want %s in:\n%s", applied, r.err);
    gzt_proc_free(&r);
}

/* The pairs counted again from mentions and articles, as docs/SQL.md
 * says to after writing mentions by other means than gazette run. */
static const char recount_pairs[] =
    "BEGIN;"
    "TRUNCATE @S.co_mention_pairs;"
    "INSERT INTO @S.co_mention_pairs (entity_id_a, entity_id_b, articles, first_seen, last_seen)"
    " SELECT x.entity_id, y.entity_id, count(*), min(a.published), max(a.published)"
    "  FROM (SELECT DISTINCT article_id, entity_id FROM @S.mentions"
    "        WHERE entity_id IS NOT NULL) x"
    "  JOIN (SELECT DISTINCT article_id, entity_id FROM @S.mentions"
    "        WHERE entity_id IS NOT NULL) y"
    "    ON y.article_id = x.article_id AND y.entity_id > x.entity_id"
    "  JOIN @S.articles a ON a.article_id = x.article_id"
    " GROUP BY x.entity_id, y.entity_id;"
    "COMMIT";

/* A fresh schema holding the hand-made rows; pairs: co_mentions too. */
static void setup(const char *schema, int pairs)
{
    gzt_drop_schema(gzt_suite_db, schema);
    migrate(schema, "applied=8");
    exec(schema, handmade);
    if (pairs)
        exec(schema, recount_pairs);
}

Test(views, article_entities_counts_mentions_per_entity_whatever_the_spelling)
{
    const char *s = "t_v_article";

    setup(s, 0);
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.article_entities"), 4 + 4 + 3);
    cr_expect_eq(gzt_schema_long(s, "SELECT mentions FROM @S.article_entities WHERE article_id = 1"
                        " AND canonical_name = 'NATO'"), 2, "NATO and Atlantic Alliance");
    cr_expect_eq(gzt_schema_long(s, "SELECT mentions FROM @S.article_entities WHERE article_id = 2"
                        " AND entity_id = 3"), 2, "United States and U.S.");
    cr_expect_eq(gzt_schema_long(s, "SELECT first_sentence FROM @S.article_entities WHERE article_id = 1"
                        " AND entity_id = 1"), 0);
    cr_expect_eq(gzt_schema_long(s, "SELECT first_sentence FROM @S.article_entities WHERE article_id = 1"
                        " AND entity_id = 4"), 1);
    expect_text(s, "SELECT kind || ' ' || country_code || ' ' || title FROM @S.article_entities"
                   " WHERE article_id = 1 AND entity_id = 4", "LOC NL Rutte to lead NATO");
    cr_expect_eq(gzt_schema_long(s, "SELECT sum(mentions) FROM @S.article_entities WHERE article_id = 1"), 6,
                 "the amounts and the unlinked Reuters are not entities");
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.article_entities WHERE canonical_name IS NULL"
                        " OR kind NOT IN ('PERSON', 'ORG', 'LOC', 'MISC')"), 0);
}

Test(views, entity_mentions_daily_counts_mentions_and_articles_per_day)
{
    const char *s = "t_v_daily";

    setup(s, 0);
    expect_text(s, "SELECT mentions || '/' || articles FROM @S.entity_mentions_daily"
                   " WHERE day = '2024-02-22' AND canonical_name = 'NATO'", "3/2");
    expect_text(s, "SELECT mentions || '/' || articles FROM @S.entity_mentions_daily"
                   " WHERE day = '2024-02-22' AND country_code = 'US'", "3/2");
    expect_text(s, "SELECT mentions || '/' || articles FROM @S.entity_mentions_daily"
                   " WHERE day = '2024-02-26' AND entity_id = 1", "1/1");
    expect_text(s, "SELECT string_agg(country_code, ',' ORDER BY country_code)"
                   " FROM @S.entity_mentions_daily WHERE day = '2024-02-22'", "NL,US");
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.entity_mentions_daily"), 6 + 3);
}

Test(views, top_entities_weekly_ranks_per_iso_week_and_kind)
{
    const char *s = "t_v_weekly";

    setup(s, 0);
    /* week of Monday 2024-02-19: PERSON Rutte 1 article 2 mentions, then
     * Biden and Stoltenberg 1 article 1 mention each (a shared rank 2) */
    expect_text(s, "SELECT string_agg(rank || ' ' || canonical_name, ', '"
                   " ORDER BY rank, canonical_name) FROM @S.top_entities_weekly"
                   " WHERE week = '2024-02-19' AND kind = 'PERSON'",
                "1 Mark Rutte, 2 Jens Stoltenberg, 2 Joe Biden");
    expect_text(s, "SELECT string_agg(rank || ' ' || canonical_name || ' ' || articles, ', '"
                   " ORDER BY rank) FROM @S.top_entities_weekly"
                   " WHERE iso_week = '2024-W08' AND kind = 'LOC'",
                "1 United States 2, 2 Netherlands 1");
    expect_text(s, "SELECT rank || ' ' || articles || ' ' || mentions FROM @S.top_entities_weekly"
                   " WHERE week = '2024-02-19' AND canonical_name = 'NATO'", "1 2 3");
    expect_text(s, "SELECT iso_week || ' ' || rank FROM @S.top_entities_weekly"
                   " WHERE week = '2024-02-26' AND entity_id = 1", "2024-W09 1");
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.top_entities_weekly"), 6 + 3);
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.top_entities_weekly"
                        " WHERE kind NOT IN ('PERSON', 'ORG', 'LOC', 'MISC')"), 0,
                 "named kinds only: no MONEY, PERCENT, QUANTITY");
}

Test(views, co_mentions_counts_each_pair_of_distinct_entities_once)
{
    const char *s = "t_v_pairs";

    setup(s, 1);
    /* article 1: {1,2,3,4} 6 pairs; article 2: {2,3,5,6} 5 more; article 3: {1,2,3} none */
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.co_mentions"), 11);
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.co_mentions WHERE entity_id_a = entity_id_b"), 0,
                 "an entity is never paired with itself");
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.co_mentions WHERE entity_id_a > entity_id_b"), 0);
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.co_mentions"
                        " WHERE 2 IN (entity_id_a, entity_id_b) AND 3 IN (entity_id_a, entity_id_b)"),
                 1, "each pair once");
    expect_text(s, "SELECT articles || ' ' || first_seen || ' ' || last_seen FROM @S.co_mentions"
                   " WHERE canonical_name_a = 'NATO' AND canonical_name_b = 'United States'",
                "3 2024-02-22 2024-02-26");
    expect_text(s, "SELECT string_agg(canonical_name_a || '-' || canonical_name_b || ' ' || articles,"
                   " ', ' ORDER BY articles DESC, entity_id_a, entity_id_b) FROM @S.co_mentions"
                   " WHERE articles > 1",
                "NATO-United States 3, Mark Rutte-NATO 2, Mark Rutte-United States 2");
    expect_text(s, "SELECT kind_a || country_code_b FROM @S.co_mentions"
                   " WHERE entity_id_a = 1 AND entity_id_b = 4", "PERSONNL");
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.co_mentions WHERE kind_a NOT IN"
                        " ('PERSON', 'ORG', 'LOC', 'MISC') OR kind_b NOT IN"
                        " ('PERSON', 'ORG', 'LOC', 'MISC')"), 0);
}

Test(views, entity_timeline_joins_the_dates_of_the_entitys_articles)
{
    const char *s = "t_v_timeline";

    setup(s, 0);
    /* Rutte: article 1 with two dates (the duration is not a date), article 3 with one */
    expect_text(s, "SELECT string_agg(article_id || ' ' || date_value, ', '"
                   " ORDER BY coalesce(range_start, published), article_id) FROM @S.entity_timeline"
                   " WHERE canonical_name = 'Mark Rutte'",
                "1 2024-02-22, 1 2024-W09, 3 2024-02-26");
    expect_text(s, "SELECT range_start || '..' || range_end FROM @S.entity_timeline"
                   " WHERE entity_id = 1 AND date_surface = 'next week'", "2024-02-26..2024-03-04");
    cr_expect_eq(gzt_schema_long(s, "SELECT mentions FROM @S.entity_timeline WHERE entity_id = 1"
                        " AND article_id = 1 AND date_value = '2024-02-22'"), 2);
    /* Biden's one article has no dates: it is still on his timeline */
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.entity_timeline WHERE entity_id = 5"), 1);
    expect_text(s, "SELECT date_value FROM @S.entity_timeline WHERE entity_id = 5", NULL);
    expect_text(s, "SELECT published || ' ' || title FROM @S.entity_timeline WHERE entity_id = 5",
                "2024-02-22 NATO summit");
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.entity_timeline WHERE timex_type = 'DURATION'"), 0);
}

Test(views, mention_surfaces_keeps_spellings_and_amounts)
{
    const char *s = "t_v_surfaces";

    setup(s, 0);
    expect_text(s, "SELECT mentions || ' ' || linked FROM @S.mention_surfaces"
                   " WHERE ner_type = 'MONEY' AND surface = '100 mln dlrs'", "1 0");
    expect_text(s, "SELECT mentions || ' ' || linked || ' ' || articles FROM @S.mention_surfaces"
                   " WHERE ner_type = 'ORG' AND surface = 'NATO'", "3 3 3");
    expect_text(s, "SELECT linked FROM @S.mention_surfaces WHERE surface = 'Reuters'", "0");
}

Test(views, migrating_twice_changes_nothing_and_co_mentions_answers_on_a_new_schema)
{
    const char *s = "t_v_migrate";

    gzt_drop_schema(gzt_suite_db, s);
    migrate(s, "applied=8");
    cr_assert_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.co_mentions"), 0);
    exec(s, handmade);
    exec(s, recount_pairs);
    migrate(s, "applied=0");
    cr_expect_eq(gzt_schema_long(s, "SELECT max(version) FROM @S.schema_migrations"), 8);
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.co_mentions"), 11);
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.article_entities"), 11);
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM pg_description d JOIN pg_class c ON c.oid = d.objoid"
                        " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE d.objsubid = 0"
                        " AND n.nspname = '@S' AND (c.relkind = 'v'"
                        " OR c.relname = 'co_mention_pairs')"), 7,
                 "every view and co_mention_pairs have their COMMENT ON text");
}

/* gazette run counts the pairs of the articles it loads, in their
 * transaction; it never recounts the corpus, so mentions written by hand
 * count only after a recount. */
Test(views, a_run_counts_only_what_it_loads_and_recomputes_nothing)
{
    const char *s = "t_v_run";
    const char *dir = gzt_tmpdir();
    char *a = gzt_write(dir, "run-1.txt", "date 2024-03-01 New article\n\nBody.\n");
    char files[600];
    char *p;
    struct gzt_proc r;

    setup(s, 1);
    /* Biden now also in article 3 (with Rutte, NATO, U.S.), by hand */
    exec(s, "INSERT INTO @S.mentions (article_id, surface, start_char, end_char, ner_type,"
            " sentence, confidence, entity_id) VALUES (3, 'Biden', 40, 45, 'PERSON', 2, 1, 5)");
    snprintf(files, sizeof(files), "[\"%s\"]", a);
    p = gzt_pipeline("run", s, files, "article", "");
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.err, "loaded=1") != NULL, "%s", r.err);
    cr_expect(strstr(r.err, "refresh") == NULL, "%s", r.err);
    gzt_proc_free(&r);
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.co_mentions"), 11,
                 "the pairs of the hand-written mention are not counted by a run");

    exec(s, recount_pairs);
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM @S.co_mentions"), 11 + 1, "Rutte-Biden is new");
    cr_expect_eq(gzt_schema_long(s, "SELECT articles FROM @S.co_mentions WHERE entity_id_a = 2"
                        " AND entity_id_b = 5"), 2);
    expect_text(s, "SELECT first_seen || ' ' || last_seen FROM @S.co_mentions"
                   " WHERE entity_id_a = 1 AND entity_id_b = 5", "2024-02-26 2024-02-26");
    free(a), free(p);
}
