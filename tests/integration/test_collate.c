/*
 * Migration 008 (sql/008_collate_c.sql) upgrading a schema that holds
 * rows: the older schema is made from the text of sql/001-007, as the
 * gazette before 008 made it, and filled with the rows a gazette run
 * loaded from the fixtures into another schema (all stages, entities and
 * pairs included), copied table by table. After `gazette migrate` the
 * rows and the views read the same, the matching columns compare bytes
 * (collation "C"), privileges on the views are kept, a rerun of the same
 * files loads nothing and a new file loads through the upgraded tables.
 */
#include <criterion/criterion.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gztest.h"

TestSuite(collate, .init = gzt_suite_init, .fini = gzt_suite_fini);

/* The tables in an order their foreign keys accept, then the views. */
static const char *const tables[] = {
    "runs", "sources", "articles", "rejects", "mentions", "date_mentions", "entities",
    "entity_aliases", "co_mention_pairs", NULL,
};
static const char *const views[] = {
    "article_entities", "entity_mentions_daily", "top_entities_weekly", "co_mentions",
    "entity_timeline", "mention_surfaces", NULL,
};

/* The columns of sql/008, as "table.column" in name order. */
static const char collated[] =
    "articles.content_sha256 entities.key entities.kind entity_aliases.alias"
    " mentions.ner_type mentions.surface";

/* What the last run loaded. */
static const char last_loaded[] =
    "SELECT articles_loaded FROM @S.runs ORDER BY run_id DESC LIMIT 1";

static char *pipeline(const char *schema, const char *files)
{
    char *model = gzt_repo_path("models/ner-en.bin");
    char text[4096], fname[300];
    static int made;

    snprintf(text, sizeof(text),
             "pipeline: collate\n"
             "source: {files: %s, format: article}\n"
             "stages:\n"
             "  - clean_text\n"
             "  - normalise_dates\n"
             "  - extract_entities: {model: \"%s\"}\n"
             "  - normalise_names\n"
             "sink: {postgres: {schema: %s, batch: 4}}\n",
             files, model, schema);
    snprintf(fname, sizeof(fname), "%s-%d.yaml", schema, ++made);
    free(model);
    return gzt_write(gzt_tmpdir(), fname, text);
}

static void exec(const char *schema, const char *sql)
{
    char *text = gzt_in_schema(sql, schema);
    PGresult *res = PQexec(gzt_suite_db, text);

    cr_assert(PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK,
              "%.200s: %s", text, PQerrorMessage(gzt_suite_db));
    PQclear(res);
    free(text);
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *text;
    long n;

    cr_assert_not_null(f, "%s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    text = malloc(n + 1);
    cr_assert_eq(fread(text, 1, n, f), (size_t)n);
    text[n] = '\0';
    fclose(f);
    return text;
}

/* text with every "gazette." replaced by "@S." (then by the schema). */
static char *to_schema(const char *text)
{
    size_t n = 0;
    char *out = malloc(strlen(text) * 2 + 1);

    while (*text) {
        if (strncmp(text, "gazette.", 8) == 0) {
            memcpy(out + n, "@S.", 3);
            n += 3;
            text += 8;
        } else {
            out[n++] = *text++;
        }
    }
    out[n] = '\0';
    return out;
}

/* The schema as migrations 1 to 7 made it, from their files in sql/. */
static void schema_at_7(const char *schema)
{
    char *pattern = gzt_repo_path("sql/00[1-7]_*.sql");
    glob_t g;
    size_t i;

    gzt_drop_schema(gzt_suite_db, schema);
    exec(schema, "CREATE SCHEMA @S; CREATE TABLE @S.schema_migrations ("
                 " version integer PRIMARY KEY, name text NOT NULL,"
                 " applied_at timestamptz NOT NULL DEFAULT now())");
    cr_assert_eq(glob(pattern, 0, NULL, &g), 0);
    cr_assert_eq(g.gl_pathc, 7, "sql/001 to sql/007");
    for (i = 0; i < g.gl_pathc; i++) {
        char *text = read_all(g.gl_pathv[i]), *sql = to_schema(text);
        char record[300];

        exec(schema, sql);
        snprintf(record, sizeof(record),
                 "INSERT INTO @S.schema_migrations (version, name)"
                 " VALUES (%zu, 'from sql/')", i + 1);
        exec(schema, record);
        free(text), free(sql);
    }
    globfree(&g);
    free(pattern);
}

/* Every row of the other schema's tables, copied; sequences moved on. */
static void copy_rows(const char *from, const char *to)
{
    char sql[600];
    int i;

    for (i = 0; tables[i] != NULL; i++) {
        snprintf(sql, sizeof(sql), "INSERT INTO @S.%s %s SELECT * FROM %s.%s", tables[i],
                 strcmp(tables[i], "entities") == 0 ? "OVERRIDING SYSTEM VALUE" : "", from,
                 tables[i]);
        exec(to, sql);
    }
    exec(to, "SELECT setval(pg_get_serial_sequence('@S.runs', 'run_id'), max(run_id)) FROM @S.runs;"
             "SELECT setval(pg_get_serial_sequence('@S.articles', 'article_id'), max(article_id))"
             " FROM @S.articles;"
             "SELECT setval(pg_get_serial_sequence('@S.entities', 'entity_id'), max(entity_id))"
             " FROM @S.entities");
}

/* The rows of a table or view: their number and a digest of them all. */
static char *rows_of(const char *schema, const char *rel)
{
    char sql[400];

    snprintf(sql, sizeof(sql),
             "SELECT count(*) || ' '"
             " || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '')"
             " FROM @S.%s t", rel);
    return gzt_schema_text(schema, sql);
}

/* The table columns of the schema whose collation is "C". */
static char *c_columns(const char *schema)
{
    return gzt_schema_text(schema,
        "SELECT coalesce(string_agg(c.relname || '.' || a.attname, ' '"
        "                           ORDER BY c.relname, a.attname), '')"
        " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
        " JOIN pg_collation co ON co.oid = a.attcollation"
        " WHERE c.relnamespace = '@S'::regnamespace AND c.relkind = 'r'"
        "  AND a.attnum > 0 AND NOT a.attisdropped AND co.collname = 'C'");
}

static void expect_same_rows(const char *schema, const char *const *rels, char **before)
{
    int i;

    for (i = 0; rels[i] != NULL; i++) {
        char *now = rows_of(schema, rels[i]);

        cr_expect_str_eq(now, before[i], "%s", rels[i]);
        free(now);
    }
}

static void rows_all(const char *schema, const char *const *rels, char **out)
{
    int i;

    for (i = 0; rels[i] != NULL; i++)
        out[i] = rows_of(schema, rels[i]);
}

Test(collate, migration_8_upgrades_a_schema_with_rows_in_place, .timeout = 120)
{
    const char *src = "t_col_src", *s = "t_col_old";
    char *files = gzt_fixture_list("fixtures/articles");
    char *table_rows[16] = {0}, *view_rows[16] = {0};
    char *p, *v, list[900];
    struct gzt_proc r;
    int i;

    /* rows as a run loads them */
    gzt_drop_schema(gzt_suite_db, src);
    p = pipeline(src, files);
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    free(p);
    cr_assert_gt(gzt_schema_long(src, "SELECT count(*) FROM @S.entity_aliases"), 10);
    cr_assert_gt(gzt_schema_long(src, "SELECT count(*) FROM @S.co_mention_pairs"), 10);
    v = c_columns(src);
    cr_expect_str_eq(v, collated, "a schema made by migrate");
    free(v);

    /* the same rows in a schema of version 7 */
    schema_at_7(s);
    copy_rows(src, s);
    v = c_columns(s);
    cr_expect_str_eq(v, "", "nothing collated \"C\" before 008");
    free(v);
    rows_all(s, tables, table_rows);
    rows_all(s, views, view_rows);
    exec(s, "GRANT SELECT ON @S.co_mentions, @S.mention_surfaces TO PUBLIC");

    r = gzt_run(NULL, NULL, "migrate", "--schema", s, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.err, "applied=1") != NULL, "%s", r.err);
    gzt_proc_free(&r);

    v = c_columns(s);
    cr_expect_str_eq(v, collated);
    free(v);
    expect_same_rows(s, tables, table_rows);
    expect_same_rows(s, views, view_rows);
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM pg_class c, aclexplode(c.relacl) a"
                                    " WHERE c.relnamespace = '@S'::regnamespace AND a.grantee = 0"
                                    "  AND a.privilege_type = 'SELECT'"), 2, "grants kept");
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM pg_description d JOIN pg_class c"
                                    " ON c.oid = d.objoid AND d.objsubid = 0"
                                    " WHERE c.relnamespace = '@S'::regnamespace"
                                    "  AND c.relkind = 'v'"),
                 6, "every view has its COMMENT ON text");
    cr_expect_eq(gzt_schema_long(s, "SELECT count(*) FROM pg_index i JOIN pg_class c"
                                    " ON c.oid = i.indrelid"
                                    " WHERE c.relnamespace = '@S'::regnamespace"
                                    "  AND NOT (i.indisvalid AND i.indisready)"), 0);

    /* a rerun of the same files loads nothing, changes no row */
    p = pipeline(s, files);
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    free(p);
    cr_expect_eq(gzt_schema_long(s, last_loaded), 0);
    expect_same_rows(s, views, view_rows);
    for (i = 2; tables[i] != NULL; i++) {   /* runs and sources have the rerun's marks */
        v = rows_of(s, tables[i]);
        cr_expect_str_eq(v, table_rows[i], "%s", tables[i]);
        free(v);
    }

    /* a new text merges into the upgraded tables: known entity, new alias */
    v = gzt_write(gzt_tmpdir(), "collate-new.txt",
                  "date 2024-07-01 NATO allies meet\n\n"
                  "The North Atlantic Treaty Organization met in Brussels on Monday."
                  " NATO said Germany and France would send more troops.\n");
    snprintf(list, sizeof(list), "[\"%s\"]", v);
    free(v);
    p = pipeline(s, list);
    r = gzt_run(NULL, NULL, "run", p, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    free(p);
    cr_expect_eq(gzt_schema_long(s, last_loaded), 1);
    cr_expect_gt(gzt_schema_long(s, "SELECT count(*) FROM @S.mentions m JOIN @S.articles a"
                                    " USING (article_id) WHERE a.published = '2024-07-01'"
                                    "  AND m.entity_id IS NOT NULL"), 0);

    for (i = 0; tables[i] != NULL; i++)
        free(table_rows[i]);
    for (i = 0; views[i] != NULL; i++)
        free(view_rows[i]);
    free(files);
}
