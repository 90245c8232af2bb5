/*
 * Entities in PostgreSQL (normalise_names -> entities, entity_aliases,
 * mentions.entity_id, co_mention_pairs): reruns, duplicates, --reprocess
 * with a new alias file and two runs at once leave exactly one entity per
 * (kind, key), alias counts equal to the mentions that use them, and pair
 * counts and dates equal to a count from scratch over mentions and articles.
 */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gztest.h"


TestSuite(entities, .init = gzt_suite_init, .fini = gzt_suite_fini);

/* A pipeline of clean_text, extract_entities and, unless names is NULL,
 * normalise_names with the options in names ("" for none). */
static char *names_pipeline(const char *name, const char *schema, const char *files,
                            const char *format, int batch, const char *names)
{
    char *model = gzt_repo_path("models/ner-en.bin");
    static int made;                    /* file names differ for one (schema, name) */
    char text[4096], stage[1024], fname[300];

    if (names == NULL)
        stage[0] = '\0';
    else if (names[0] == '\0')
        snprintf(stage, sizeof(stage), "  - normalise_names\n");
    else
        snprintf(stage, sizeof(stage), "  - normalise_names: %s\n", names);
    snprintf(text, sizeof(text),
             "pipeline: %s\n"
             "source: {files: %s, format: %s}\n"
             "stages:\n"
             "  - clean_text\n"
             "  - extract_entities: {model: \"%s\"}\n"
             "%s"
             "sink: {postgres: {schema: %s, batch: %d}}\n",
             name, files, format, model, stage, schema, batch);
    snprintf(fname, sizeof(fname), "%s-%s-%d.yaml", schema, name, ++made);
    free(model);
    return gzt_write(gzt_tmpdir(), fname, text);
}

/* The query with every "@S" replaced by schema (malloc'd). */
static char *sql_for(const char *schema, const char *fmt, va_list ap)
{
    char buf[4096];

    vsnprintf(buf, sizeof(buf), fmt, ap);
    return gzt_in_schema(buf, schema);
}

static long q(const char *schema, const char *fmt, ...)
{
    va_list ap;
    char *sql;
    long v;

    va_start(ap, fmt);
    sql = sql_for(schema, fmt, ap);
    va_end(ap);
    v = gzt_long(gzt_suite_db, sql);
    free(sql);
    return v;
}

static char *qtext(const char *schema, const char *fmt, ...)
{
    va_list ap;
    char *sql, *v;

    va_start(ap, fmt);
    sql = sql_for(schema, fmt, ap);
    va_end(ap);
    v = gzt_text(gzt_suite_db, sql);
    free(sql);
    return v;
}

/* Aliases with the entity keys they belong to and their counts, hashed:
 * equal in two schemas when they hold the same aliases and counts. */
static char *aliases_fingerprint(const char *schema)
{
    return qtext(schema,
        "SELECT (SELECT count(*) FROM @S.entity_aliases) || ' aliases, '"
        " || (SELECT coalesce(sum(mentions), 0) FROM @S.entity_aliases) || ' alias mentions, '"
        " || (SELECT count(*) FROM @S.mentions WHERE entity_id IS NOT NULL) || ' linked, '"
        " || (SELECT count(DISTINCT entity_id) FROM @S.entity_aliases) || ' entities named, '"
        " || (SELECT md5(coalesce(string_agg(e.kind || '/' || e.key || '/' || a.alias || '/'"
        "     || a.mentions, ',' ORDER BY e.kind, e.key, a.alias), ''))"
        "     FROM @S.entity_aliases a JOIN @S.entities e USING (entity_id))");
}

/* The pairs by their entities' keys (ids differ between schemas), the
 * smaller key first, hashed: equal in two schemas with the same pairs. */
static char *pairs_fingerprint(const char *schema)
{
    return qtext(schema,
        "WITH k AS (SELECT least(ea.kind || '/' || ea.key, eb.kind || '/' || eb.key) AS k1,"
        "  greatest(ea.kind || '/' || ea.key, eb.kind || '/' || eb.key) AS k2,"
        "  p.articles, p.first_seen, p.last_seen FROM @S.co_mention_pairs p"
        "  JOIN @S.entities ea ON ea.entity_id = p.entity_id_a"
        "  JOIN @S.entities eb ON eb.entity_id = p.entity_id_b)"
        " SELECT count(*) || ' pairs, ' || coalesce(sum(articles), 0) || ' pair articles, '"
        " || md5(coalesce(string_agg(k1 || '|' || k2 || '|' || articles || '|' || first_seen"
        "     || '|' || last_seen, ',' ORDER BY k1, k2), '')) FROM k");
}

/* The whole state: articles, entities and pairs too. */
static char *snapshot(const char *schema)
{
    char *aliases = aliases_fingerprint(schema), *pairs = pairs_fingerprint(schema), *s;

    s = qtext(schema, "SELECT (SELECT count(*) FROM @S.articles) || ' articles, '"
                      " || (SELECT count(*) FROM @S.entities) || ' entities, '"
                      " || (SELECT md5(coalesce(string_agg(kind || '/' || key || '/'"
                      "     || canonical_name || '/' || coalesce(country_code, '-'), ','"
                      "     ORDER BY kind, key), '')) FROM @S.entities)");
    cr_assert_not_null(aliases);
    cr_assert_not_null(pairs);
    cr_assert_not_null(s);
    s = realloc(s, strlen(s) + strlen(aliases) + strlen(pairs) + 5);
    if (s == NULL)
        abort();
    strcat(s, "; ");
    strcat(s, aliases);
    strcat(s, "; ");
    strcat(s, pairs);
    free(aliases);
    free(pairs);
    return s;
}

/* Rows where co_mention_pairs and a count from scratch disagree: for two
 * distinct entities linked in one article (a < b), the number of such
 * articles and their first and last publication dates; no other row.
 * 0 when the table is exact. */
static long pair_mismatches(const char *schema)
{
    return q(schema,
        "WITH ae AS (SELECT DISTINCT article_id, entity_id FROM @S.mentions"
        "  WHERE entity_id IS NOT NULL),"
        " ref AS (SELECT x.entity_id AS entity_id_a, y.entity_id AS entity_id_b,"
        "  count(*) AS articles, min(a.published) AS first_seen, max(a.published) AS last_seen"
        "  FROM ae x JOIN ae y ON y.article_id = x.article_id AND y.entity_id > x.entity_id"
        "  JOIN @S.articles a ON a.article_id = x.article_id"
        "  GROUP BY x.entity_id, y.entity_id),"
        " tab AS (SELECT entity_id_a, entity_id_b, articles, first_seen, last_seen"
        "  FROM @S.co_mention_pairs)"
        " SELECT count(*) FROM ((TABLE tab EXCEPT TABLE ref)"
        "  UNION ALL (TABLE ref EXCEPT TABLE tab)) d");
}

/* Rows where entity_aliases and the mentions disagree: an alias's count is
 * the number of mentions with that entity and surface, and every such
 * (entity, surface) has its alias row. 0 when the counts are exact. */
static long alias_mismatches(const char *schema)
{
    return q(schema,
        "SELECT count(*) FROM ("
        " (SELECT entity_id, alias, mentions FROM @S.entity_aliases"
        "  EXCEPT SELECT entity_id, surface, count(*) FROM @S.mentions"
        "  WHERE entity_id IS NOT NULL GROUP BY 1, 2)"
        " UNION ALL"
        " (SELECT entity_id, surface, count(*) FROM @S.mentions WHERE entity_id IS NOT NULL"
        "  GROUP BY 1, 2 EXCEPT SELECT entity_id, alias, mentions FROM @S.entity_aliases)) d");
}

/* gazette run PIPELINE [ARG [ARG]] must exit 0. */
static void run_ok(const char *pipeline, const char *arg1, const char *arg2)
{
    struct gzt_proc r = gzt_run(NULL, NULL, "run", pipeline, arg1, arg2, NULL);

    cr_assert_eq(r.status, 0, "%s: exit %d\n%s", pipeline, r.status, r.err);
    gzt_proc_free(&r);
}

static char *quoted_list(const char *a, const char *b)
{
    char list[2048];

    if (b != NULL)
        snprintf(list, sizeof(list), "[\"%s\", \"%s\"]", a, b);
    else
        snprintf(list, sizeof(list), "[\"%s\"]", a);
    return strdup(list);
}

/* cp -r of the fixture articles to DIR (new names, same texts). */
static char *copy_fixtures(const char *name)
{
    char *src = gzt_repo_path("fixtures/articles"), cmd[1200], dst[512];

    snprintf(dst, sizeof(dst), "%s/%s", gzt_tmpdir(), name);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s' && cp -r '%s' '%s'", dst, src, dst);
    cr_assert_eq(system(cmd), 0);
    free(src);
    return strdup(dst);
}

Test(entities, loading_the_same_corpus_again_changes_no_entity_or_count)
{
    const char *schema = "t_ent_twice";
    char *dir = copy_fixtures("twice-a"), *again = copy_fixtures("twice-b");
    char *files = quoted_list(dir, NULL), *files2 = quoted_list(again, NULL);
    char *p = names_pipeline("twice", schema, files, "article", 3, "");
    char *p2 = names_pipeline("twice_copy", schema, files2, "article", 3, "");
    char *first, *now;

    gzt_drop_schema(gzt_suite_db, schema);
    run_ok(p, NULL, NULL);
    cr_assert_gt(q(schema, "SELECT count(*) FROM @S.entities"), 10);
    cr_assert_gt(q(schema, "SELECT count(*) FROM @S.mentions WHERE entity_id IS NOT NULL"), 20);
    cr_assert_eq(alias_mismatches(schema), 0);
    cr_assert_eq(q(schema, "SELECT count(*) FROM @S.mentions WHERE entity_id IS NOT NULL"),
                 q(schema, "SELECT sum(mentions) FROM @S.entity_aliases"));
    cr_assert_eq(q(schema, "SELECT count(*) FROM @S.mentions m JOIN @S.entities e"
                           " USING (entity_id) WHERE m.surface = 'Rutte'"
                           " AND e.canonical_name = 'Mark Rutte'"), 1,
                 "a short name links to the full one");
    cr_assert_gt(q(schema, "SELECT count(*) FROM @S.co_mention_pairs"), 20);
    cr_assert_eq(pair_mismatches(schema), 0);
    first = snapshot(schema);

    run_ok(p, NULL, NULL);                  /* rerun: files skipped */
    now = snapshot(schema);
    cr_assert_str_eq(now, first);
    free(now);

    run_ok(p2, NULL, NULL);                 /* the same texts under new names */
    cr_assert_eq(q(schema, "SELECT articles_loaded FROM @S.runs ORDER BY run_id DESC LIMIT 1"), 0);
    now = snapshot(schema);
    cr_assert_str_eq(now, first, "duplicates by content add nothing");
    free(now);

    run_ok(p2, "--since=2000-01-01", NULL); /* a window reads every file again */
    now = snapshot(schema);
    cr_assert_str_eq(now, first);
    cr_assert_eq(alias_mismatches(schema), 0);
    cr_assert_eq(pair_mismatches(schema), 0);
    free(now), free(first), free(dir), free(again), free(files), free(files2), free(p), free(p2);
}

/* Texts another run inserted between a batch's look at which texts are
 * loaded and its COPY into articles (GAZETTE_FAULT=stale_texts makes the
 * look miss them): the COPY meets a unique violation, the batch is loaded
 * again staged, and the result is the same as without the race. */
Test(entities, a_text_inserted_by_another_run_meanwhile_loads_the_batch_staged)
{
    const char *schema = "t_ent_stale";
    char *dir = copy_fixtures("stale-a"), *again = copy_fixtures("stale-b");
    char *files = quoted_list(dir, NULL), *files2 = quoted_list(again, NULL);
    char *p = names_pipeline("stale", schema, files, "article", 100, "");
    char *p2 = names_pipeline("stale_copy", schema, files2, "article", 100, "");
    char *extra;
    long articles;
    struct gzt_proc r;

    gzt_drop_schema(gzt_suite_db, schema);
    run_ok(p, NULL, NULL);
    articles = q(schema, "SELECT count(*) FROM @S.articles");
    extra = gzt_write(again, "zz-new.txt", "date 1987-03-02 Kowalczyk visits\n\n"
                      "Mr Jim Kowalczyk of Brandtmeyer Corp met Ronald Reagan in Washington.\n");
    r = gzt_run("GAZETTE_FAULT=stale_texts:1", NULL, "run", p2, NULL);
    cr_assert_eq(r.status, 0, "exit %d\n%s", r.status, r.err);
    cr_assert(strstr(r.err, "event=batch_staged") != NULL, "%s", r.err);
    cr_assert(strstr(r.err, "23505") != NULL, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(q(schema, "SELECT articles_loaded FROM @S.runs ORDER BY run_id DESC LIMIT 1"), 1);
    cr_assert_eq(q(schema, "SELECT duplicates - articles_read FROM @S.runs"
                           " ORDER BY run_id DESC LIMIT 1"), -1);
    cr_assert_eq(q(schema, "SELECT count(*) FROM @S.mentions m JOIN @S.articles a"
                           " USING (article_id) JOIN @S.entities e USING (entity_id)"
                           " WHERE a.title LIKE 'Kowalczyk%%' AND e.key = 'ronald reagan'"), 1);
    cr_assert_eq(alias_mismatches(schema), 0);
    cr_assert_eq(pair_mismatches(schema), 0);
    cr_assert_eq(q(schema, "SELECT count(*) FROM @S.articles"), articles + 1);
    free(extra), free(dir), free(again), free(files), free(files2);
    free(p), free(p2);
}

/* Load the fixture set FIXTURES into schema CLEAN as usual and into
 * schema FAULTED with GAZETTE_FAULT=FAULT; both must give the same rows
 * and pair counts that match the mentions. */
static void same_rows_with_fault(const char *fixtures, const char *fault, const char *clean,
                                 const char *faulted)
{
    char *dir = copy_fixtures(fixtures), *files = quoted_list(dir, NULL);
    char *pa = names_pipeline(fixtures, clean, files, "article", 3, "");
    char *pb = names_pipeline(fixtures, faulted, files, "article", 3, "");
    char env[64], *a, *b;
    struct gzt_proc r;

    snprintf(env, sizeof env, "GAZETTE_FAULT=%s", fault);
    gzt_drop_schema(gzt_suite_db, clean);
    gzt_drop_schema(gzt_suite_db, faulted);
    run_ok(pa, NULL, NULL);
    r = gzt_run(env, NULL, "run", pb, NULL);
    cr_assert_eq(r.status, 0, "exit %d\n%s", r.status, r.err);
    gzt_proc_free(&r);
    a = snapshot(clean);
    b = snapshot(faulted);
    cr_assert_str_eq(a, b);
    cr_assert_eq(pair_mismatches(clean), 0);
    cr_assert_eq(pair_mismatches(faulted), 0);
    free(a), free(b), free(dir), free(files), free(pa), free(pb);
}

/* Past a number of entity pairs per batch (GZ_DIRECT_MAX_PAIRS, here
 * GAZETTE_FAULT=max_pairs:40) the server counts them instead of gazette:
 * the same entities, aliases and pairs either way. */
Test(entities, pairs_counted_by_the_server_past_the_limit_are_the_same)
{
    same_rows_with_fault("maxpairs", "max_pairs:40", "t_ent_pairs_client", "t_ent_pairs_server");
    cr_assert_gt(q("t_ent_pairs_server", "SELECT count(*) FROM @S.co_mention_pairs"), 40);
}

/* Keys another run inserted between a batch's look at entities and its
 * insert (GAZETTE_FAULT=unseen_keys makes the second batch's merge see
 * none of its keys): they are read again, their aliases and pairs go
 * through the upserts, and the result is the same as without the race. */
Test(entities, keys_another_run_inserted_meanwhile_are_read_again)
{
    same_rows_with_fault("unseen", "unseen_keys:2", "t_ent_unseen_clean", "t_ent_unseen_race");
    cr_assert_gt(q("t_ent_unseen_race", "SELECT count(*) FROM @S.co_mention_pairs"), 40);
    cr_assert_eq(alias_mismatches("t_ent_unseen_race"), 0);
}

/* gazette makes a batch's pairs a few first entities at a time
 * (GZ_DIRECT_PAIR_ROOM; here GAZETTE_FAULT=pair_room:1, one entity's at
 * a time): the same pairs as all at once. */
Test(entities, pairs_made_a_few_entities_at_a_time_are_the_same)
{
    same_rows_with_fault("maxpairs", "pair_room:1", "t_ent_room_all", "t_ent_room_one");
    cr_assert_gt(q("t_ent_room_one", "SELECT count(DISTINCT entity_id_a) FROM @S.co_mention_pairs"),
                 2);
}

Test(entities, one_article_under_two_file_names_counts_once)
{
    const char *schema = "t_ent_names";
    const char *dir = gzt_tmpdir();
    const char *text = "date 1987-03-02 Reagan meets Mitterrand\n\n"
                       "President Ronald Reagan met French President Francois Mitterrand in "
                       "Washington. Mr Reagan said the U.S. and France agreed.\n";
    char *a = gzt_write(dir, "names-a.txt", text), *b, *files, *p, *both, *first, *now;

    files = quoted_list(a, NULL);
    p = names_pipeline("names1", schema, files, "article", 10, "");
    gzt_drop_schema(gzt_suite_db, schema);
    run_ok(p, NULL, NULL);
    cr_assert_gt(q(schema, "SELECT count(*) FROM @S.entity_aliases"), 3);
    first = snapshot(schema);

    b = gzt_write(dir, "names-b.txt", text);
    both = quoted_list(a, b);
    free(p);
    p = names_pipeline("names2", schema, both, "article", 10, "");
    run_ok(p, NULL, NULL);
    cr_assert_eq(q(schema, "SELECT count(*) FROM @S.sources"), 2, "both files were read");
    now = snapshot(schema);
    cr_assert_str_eq(now, first);
    cr_assert_eq(alias_mismatches(schema), 0);
    cr_assert_eq(pair_mismatches(schema), 0);
    cr_assert_eq(q(schema, "SELECT mentions FROM @S.entity_aliases WHERE alias = 'Reagan'"), 1);
    free(now), free(first), free(a), free(b), free(files), free(both), free(p);
}

/* Round r of the race: n articles for one side, each naming a person and
 * a company that are new in this round and the same on both sides. */
static char *race_articles(int round, const char *side, int n)
{
    char dir[512], name[32], text[1024];
    int i;

    snprintf(dir, sizeof(dir), "%s/race-%d-%s", gzt_tmpdir(), round, side);
    mkdir(dir, 0755);
    for (i = 0; i < n; i++) {
        int who = round * 100 + i;

        snprintf(name, sizeof(name), "%02d.txt", i);
        snprintf(text, sizeof(text),
                 "date 1987-03-02 Talks %s %d\n\n"
                 "President Ronald Reagan met Jim Kowalczyk%d of Brandtmeyer%d Corp in "
                 "Washington. Mr Reagan said the U.S. and the European Community would pay "
                 "100 mln dlrs, up 5 pct, said Side%s.\n", side, who, who, who, side);
        free(gzt_write(dir, name, text));
    }
    return strdup(dir);
}

/* Runs of pa and pb started at once (extra: "--reprocess" or NULL); both
 * must exit 0 and, when whole_batches, neither may have loaded a batch
 * article by article (a key inserted twice would: that hides a race). */
static void run_both_at_once(const char *pa, const char *pb, const char *extra, int round,
                             int whole_batches)
{
    struct gzt_child *ca = extra ? gzt_start(NULL, NULL, "run", pa, extra, "--jobs", "1", NULL)
                                 : gzt_start(NULL, NULL, "run", pa, "--jobs", "1", NULL);
    struct gzt_child *cb = extra ? gzt_start(NULL, NULL, "run", pb, extra, "--jobs", "1", NULL)
                                 : gzt_start(NULL, NULL, "run", pb, "--jobs", "1", NULL);
    struct gzt_proc ra = gzt_wait(ca), rb = gzt_wait(cb);

    cr_assert_eq(ra.status, 0, "round %d, run a: exit %d\n%s", round, ra.status, ra.err);
    cr_assert_eq(rb.status, 0, "round %d, run b: exit %d\n%s", round, rb.status, rb.err);
    if (whole_batches) {
        cr_assert(strstr(ra.err, "event=isolating") == NULL, "round %d, run a:\n%s", round, ra.err);
        cr_assert(strstr(rb.err, "event=isolating") == NULL, "round %d, run b:\n%s", round, rb.err);
    }
    gzt_proc_free(&ra), gzt_proc_free(&rb);
}

Test(entities, two_pipelines_at_once_make_one_entity_per_key, .timeout = 240)
{
    const char *schema = "t_ent_race";
    const int rounds = 8, n = 24;
    struct gzt_proc r;
    int round;

    gzt_drop_schema(gzt_suite_db, schema);
    r = gzt_run(NULL, NULL, "migrate", "--schema", schema, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    for (round = 1; round <= rounds; round++) {
        char *da = race_articles(round, "a", n), *db = race_articles(round, "b", n);
        char *fa = quoted_list(da, NULL), *fb = quoted_list(db, NULL);
        char *pa = names_pipeline("race_a", schema, fa, "article", 2, "");
        char *pb = names_pipeline("race_b", schema, fb, "article", 2, "");
        run_both_at_once(pa, pb, NULL, round, 1);
        free(da), free(db), free(fa), free(fb), free(pa), free(pb);
        cr_assert_eq(q(schema, "SELECT count(*) FROM @S.articles"), 2L * n * round);
        cr_assert_eq(q(schema, "SELECT count(*) FROM @S.rejects"), 0);
        /* each new person and company: one entity, named in one article of
         * each side, its spelling counted twice */
        cr_assert_eq(q(schema, "SELECT count(*) FROM (SELECT e.entity_id FROM @S.entities e"
                               " JOIN @S.mentions m USING (entity_id)"
                               " WHERE e.key ~ '^(jim kowalczyk|brandtmeyer)[0-9]+$'"
                               " GROUP BY e.entity_id HAVING count(DISTINCT m.article_id) = 2) x"),
                     2L * n * round, "round %d", round);
        cr_assert_eq(q(schema, "SELECT count(*) FROM @S.mentions"
                               " WHERE surface ~ '^(Jim Kowalczyk|Brandtmeyer)[0-9]+'"
                               " AND entity_id IS NULL"), 0, "round %d", round);
        cr_assert_eq(q(schema, "SELECT count(*) FROM @S.entities"),
                     q(schema, "SELECT count(DISTINCT (kind, key)) FROM @S.entities"));
        cr_assert_eq(q(schema, "SELECT count(*) FROM @S.entities WHERE key = 'ronald reagan'"), 1);
        cr_assert_eq(q(schema, "SELECT mentions FROM @S.entity_aliases a JOIN @S.entities e"
                               " USING (entity_id) WHERE e.key = 'united states'"
                               " AND a.alias = 'U.S.'"), 2L * n * round);
        cr_assert_eq(alias_mismatches(schema), 0, "round %d", round);
        /* every article of both sides pairs Reagan with the U.S.; each new
         * person with their company in one article of each side */
        cr_assert_eq(q(schema, "SELECT p.articles FROM @S.co_mentions p"
                               " JOIN @S.entities ea ON ea.entity_id = p.entity_id_a"
                               " JOIN @S.entities eb ON eb.entity_id = p.entity_id_b"
                               " WHERE 'ronald reagan' IN (ea.key, eb.key)"
                               " AND 'united states' IN (ea.key, eb.key)"), 2L * n * round,
                     "round %d", round);
        cr_assert_eq(pair_mismatches(schema), 0, "round %d", round);
    }
}

/* n texts for one side naming the same company and country as the other
 * side's, in spellings of their own (side a: "Brandtmeyer Corp", "U.S.";
 * side b: "Brandtmeyer Inc", "United States"): one entity each, but no
 * alias and no new key the two runs share, so nothing but the pair row
 * makes one run wait for the other. */
static char *spelled_articles(int round, int side, int n)
{
    char dir[512], name[32], text[1024];
    int i;

    snprintf(dir, sizeof(dir), "%s/spelled-%d-%c", gzt_tmpdir(), round, side);
    mkdir(dir, 0755);
    for (i = 0; i < n; i++) {
        snprintf(name, sizeof(name), "%02d.txt", i);
        snprintf(text, sizeof(text),
                 "date 1987-03-%02d Brandtmeyer sales %c%d-%d\n\n"
                 "Brandtmeyer %s said sales in the %s rose %d pct in the %d weeks to March.\n",
                 1 + (round + i) % 28, side, round, i, side == 'a' ? "Corp" : "Inc",
                 side == 'a' ? "U.S." : "United States", i + 1, round * 100 + i);
        free(gzt_write(dir, name, text));
    }
    return strdup(dir);
}

/* Two pipelines loading different texts about the same two entities at
 * once, one article per transaction: both add to the one pair row, and
 * neither addition may be lost. */
Test(entities, two_pipelines_counting_the_same_pair_at_once_lose_no_article, .timeout = 240)
{
    const char *schema = "t_ent_pairs";
    const int rounds = 6, n = 30;
    struct gzt_proc r;
    int round;

    gzt_drop_schema(gzt_suite_db, schema);
    r = gzt_run(NULL, NULL, "migrate", "--schema", schema, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    for (round = 1; round <= rounds; round++) {
        char *da = spelled_articles(round, 'a', n), *db = spelled_articles(round, 'b', n);
        char *fa = quoted_list(da, NULL), *fb = quoted_list(db, NULL);
        char *pa = names_pipeline("pairs_a", schema, fa, "article", 1, "");
        char *pb = names_pipeline("pairs_b", schema, fb, "article", 1, "");
        run_both_at_once(pa, pb, NULL, round, 1);
        free(da), free(db), free(fa), free(fb), free(pa), free(pb);
        cr_assert_eq(q(schema, "SELECT count(*) FROM @S.articles"), 2L * n * round);
        cr_assert_eq(q(schema, "SELECT p.articles FROM @S.co_mention_pairs p"
                               " JOIN @S.entities ea ON ea.entity_id = p.entity_id_a"
                               " JOIN @S.entities eb ON eb.entity_id = p.entity_id_b"
                               " WHERE 'brandtmeyer' IN (ea.key, eb.key)"
                               " AND 'united states' IN (ea.key, eb.key)"), 2L * n * round,
                     "round %d", round);
        cr_assert_eq(pair_mismatches(schema), 0, "round %d", round);
        cr_assert_eq(alias_mismatches(schema), 0, "round %d", round);
    }
}

/* Round r: the same n texts as CSV, in file order or reversed. */
static char *crossed_csv(int round, int reversed, int n)
{
    char path[512], row[512];
    FILE *f;
    int i;

    snprintf(path, sizeof(path), "%s/crossed-%d-%s.csv", gzt_tmpdir(), round,
             reversed ? "b" : "a");
    f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("id,published,title,body\n", f);
    for (i = 0; i < n; i++) {
        int k = reversed ? n - 1 - i : i, who = round * 1000 + k;

        snprintf(row, sizeof(row), "x%d,1987-03-02,Crossed %d,\"Mr Jim Kowalczyk%d of"
                 " Brandtmeyer%d Corp said the U.S. would act.\"\n", who, who, who, who);
        fputs(row, f);
    }
    fclose(f);
    return strdup(path);
}

/* Two pipelines loading the same texts in opposite orders at once: the
 * articles go in content order, so neither waits for a text the other
 * holds while holding one the other wants (before, the server found a
 * deadlock in one of the first few rounds and failed a run). */
Test(entities, two_pipelines_loading_the_same_texts_in_opposite_orders_both_finish,
     .timeout = 240)
{
    const char *schema = "t_ent_crossed";
    const int rounds = 20, n = 60;
    struct gzt_proc r;
    int round;

    gzt_drop_schema(gzt_suite_db, schema);
    r = gzt_run(NULL, NULL, "migrate", "--schema", schema, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    gzt_proc_free(&r);
    for (round = 1; round <= rounds; round++) {
        char *ca_ = crossed_csv(round, 0, n), *cb_ = crossed_csv(round, 1, n);
        char *fa = quoted_list(ca_, NULL), *fb = quoted_list(cb_, NULL);
        char *pa = names_pipeline("crossed_a", schema, fa, "csv", n, "");
        char *pb = names_pipeline("crossed_b", schema, fb, "csv", n, "");
        run_both_at_once(pa, pb, NULL, round, 0);
        free(ca_), free(cb_), free(fa), free(fb), free(pa), free(pb);
        cr_assert_eq(q(schema, "SELECT count(*) FROM @S.articles"), (long)n * round);
        cr_assert_eq(q(schema, "SELECT sum(articles_loaded) FROM @S.runs"), (long)n * round);
        cr_assert_eq(alias_mismatches(schema), 0, "round %d", round);
        cr_assert_eq(pair_mismatches(schema), 0, "round %d", round);
    }
}

/* Two pipelines reprocessing the same articles at once: each replaces
 * what the other left, so the counts stay those of one load. */
Test(entities, two_reprocess_runs_at_once_keep_counts_exact, .timeout = 240)
{
    const char *schema = "t_ent_rerace";
    char *da = race_articles(90, "r", 24), *files = quoted_list(da, NULL);
    char *pa = names_pipeline("rerace_a", schema, files, "article", 2, "");
    char *pb = names_pipeline("rerace_b", schema, files, "article", 3, "");
    char *want, *got, *want_pairs;
    int round;

    gzt_drop_schema(gzt_suite_db, schema);
    run_ok(pa, NULL, NULL);
    want = aliases_fingerprint(schema);
    want_pairs = pairs_fingerprint(schema);
    cr_assert_eq(pair_mismatches(schema), 0);
    for (round = 1; round <= 6; round++) {
        run_both_at_once(pa, pb, "--reprocess", round, 0);
        cr_assert_eq(alias_mismatches(schema), 0, "round %d", round);
        got = aliases_fingerprint(schema);
        cr_assert_str_eq(got, want, "round %d", round);
        free(got);
        cr_assert_eq(pair_mismatches(schema), 0, "round %d", round);
        got = pairs_fingerprint(schema);
        cr_assert_str_eq(got, want_pairs, "round %d", round);
        free(got);
    }
    free(want), free(want_pairs), free(da), free(files), free(pa), free(pb);
}

Test(entities, reprocess_with_a_new_alias_file_relinks_and_keeps_counts_exact)
{
    const char *dir = gzt_tmpdir();
    /* A tagger may call PostgreSQL an ORG or, as a product, MISC: both. */
    char *aliases = gzt_write(dir, "our-aliases.csv",
                              "ORG,PostgreSQL,PostgreSQL Global Development Group\n"
                              "MISC,PostgreSQL,PostgreSQL Global Development Group\n"
                              "LOC,Odesa,Odessa\n");
    char *fixtures = gzt_repo_path("fixtures/articles"), *files = quoted_list(fixtures, NULL);
    char opts[600], *plain, *taught, *fresh, *want, *got, *v;

    snprintf(opts, sizeof(opts), "{aliases: [\"%s\"]}", aliases);
    plain = names_pipeline("relink", "t_ent_relink", files, "article", 4, "");
    taught = names_pipeline("relink", "t_ent_relink", files, "article", 4, opts);
    fresh = names_pipeline("relink", "t_ent_relink_fresh", files, "article", 4, opts);
    gzt_drop_schema(gzt_suite_db, "t_ent_relink");
    gzt_drop_schema(gzt_suite_db, "t_ent_relink_fresh");
    run_ok(plain, NULL, NULL);
    v = qtext("t_ent_relink", "SELECT e.key FROM @S.mentions m JOIN @S.entities e"
                              " USING (entity_id) WHERE m.surface = 'PostgreSQL'");
    cr_assert_str_eq(v, "postgresql");
    free(v);

    run_ok(taught, "--reprocess", NULL);
    v = qtext("t_ent_relink", "SELECT e.canonical_name FROM @S.mentions m JOIN @S.entities e"
                              " USING (entity_id) WHERE m.surface = 'PostgreSQL'");
    cr_assert_str_eq(v, "PostgreSQL Global Development Group");
    free(v);
    v = qtext("t_ent_relink", "SELECT e.canonical_name FROM @S.mentions m JOIN @S.entities e"
                              " USING (entity_id) WHERE m.surface = 'Odesa'");
    cr_assert_str_eq(v, "Odessa");
    free(v);
    cr_assert_eq(q("t_ent_relink", "SELECT count(*) FROM @S.entity_aliases a JOIN @S.entities e"
                                   " USING (entity_id) WHERE e.key = 'postgresql'"), 0,
                 "the old entity's alias lost its count and its row");
    cr_assert_eq(alias_mismatches("t_ent_relink"), 0);
    cr_assert_eq(q("t_ent_relink", "SELECT count(*) FROM @S.co_mention_pairs p"
                                   " JOIN @S.entities e ON e.entity_id IN (p.entity_id_a,"
                                   " p.entity_id_b) WHERE e.key = 'postgresql'"), 0,
                 "the old entity's pairs went with its last mention");
    cr_assert_eq(pair_mismatches("t_ent_relink"), 0);

    run_ok(fresh, NULL, NULL);
    want = aliases_fingerprint("t_ent_relink_fresh");
    got = aliases_fingerprint("t_ent_relink");
    cr_assert_str_eq(got, want, "reprocessed = loaded afresh with the alias file");
    free(got), free(want);
    want = pairs_fingerprint("t_ent_relink_fresh");
    got = pairs_fingerprint("t_ent_relink");
    cr_assert_str_eq(got, want, "the same pairs as loaded afresh");
    free(got);

    run_ok(taught, "--reprocess", NULL);    /* again: nothing moves */
    got = pairs_fingerprint("t_ent_relink");
    cr_assert_str_eq(got, want);
    free(got), free(want);
    want = aliases_fingerprint("t_ent_relink_fresh");
    got = aliases_fingerprint("t_ent_relink");
    cr_assert_str_eq(got, want);
    free(got), free(want);

    run_ok(plain, "--reprocess", NULL);     /* and back */
    cr_assert_eq(alias_mismatches("t_ent_relink"), 0);
    cr_assert_eq(pair_mismatches("t_ent_relink"), 0);
    v = qtext("t_ent_relink", "SELECT e.key FROM @S.mentions m JOIN @S.entities e"
                              " USING (entity_id) WHERE m.surface = 'PostgreSQL'");
    cr_assert_str_eq(v, "postgresql");
    free(v), free(aliases), free(fixtures), free(files), free(plain), free(taught), free(fresh);
}

/* "Reagan, Washington, Quorvex Corp" on 1987-03-02; "... Brandtmeyer Corp"
 * on 03-05 and 03-09. An alias file making Quorvex Brandtmeyer moves the
 * first article to Brandtmeyer's pairs (first_seen 03-02) and leaves
 * Quorvex's at 0 (deleted); reprocessing without it takes the article
 * back: Brandtmeyer's pairs are down to 2 and their first date is 03-05
 * again, recomputed from the two articles left. */
static char *pair_of(const char *schema, const char *key_a, const char *key_b)
{
    return qtext(schema, "SELECT p.articles || ' ' || p.first_seen || ' ' || p.last_seen"
                         " FROM @S.co_mention_pairs p"
                         " JOIN @S.entities ea ON ea.entity_id = p.entity_id_a"
                         " JOIN @S.entities eb ON eb.entity_id = p.entity_id_b"
                         " WHERE '%s' IN (ea.key, eb.key) AND '%s' IN (ea.key, eb.key)",
                 key_a, key_b);
}

static void expect_pair(const char *schema, const char *key_a, const char *key_b,
                        const char *want)
{
    char *v = pair_of(schema, key_a, key_b);

    if (want == NULL)
        cr_expect_null(v, "%s-%s: got %s, want no pair", key_a, key_b, v);
    else
        cr_expect(v != NULL && strcmp(v, want) == 0, "%s-%s: got %s, want %s", key_a, key_b,
                  v ? v : "no pair", want);
    free(v);
}

Test(entities, reprocess_moves_pairs_and_recomputes_their_dates)
{
    const char *schema = "t_ent_redate";
    char dir[512], *files, *plain, *taught, *aliases, opts[600];

    snprintf(dir, sizeof(dir), "%s/redate", gzt_tmpdir());
    mkdir(dir, 0755);
    free(gzt_write(dir, "a.txt", "date 1987-03-02 Quorvex to buy stake\n\n"
                   "President Ronald Reagan met the chairman of Quorvex Corp in Washington"
                   " on Monday.\n"));
    free(gzt_write(dir, "b.txt", "date 1987-03-05 Brandtmeyer to buy stake\n\n"
                   "President Ronald Reagan met the chairman of Brandtmeyer Corp in Washington"
                   " on Thursday.\n"));
    free(gzt_write(dir, "c.txt", "date 1987-03-09 Brandtmeyer buys stake\n\n"
                   "President Ronald Reagan met the president of Brandtmeyer Corp in"
                   " Washington again.\n"));
    aliases = gzt_write(gzt_tmpdir(), "redate-aliases.csv", "ORG,Quorvex,Brandtmeyer\n");
    snprintf(opts, sizeof(opts), "{aliases: [\"%s\"]}", aliases);
    files = quoted_list(dir, NULL);
    plain = names_pipeline("redate", schema, files, "article", 10, "");
    taught = names_pipeline("redate", schema, files, "article", 10, opts);
    gzt_drop_schema(gzt_suite_db, schema);

    run_ok(plain, NULL, NULL);
    expect_pair(schema, "ronald reagan", "brandtmeyer", "2 1987-03-05 1987-03-09");
    expect_pair(schema, "ronald reagan", "quorvex", "1 1987-03-02 1987-03-02");
    expect_pair(schema, "ronald reagan", "washington", "3 1987-03-02 1987-03-09");
    cr_assert_eq(pair_mismatches(schema), 0);

    run_ok(taught, "--reprocess", NULL);
    expect_pair(schema, "ronald reagan", "brandtmeyer", "3 1987-03-02 1987-03-09");
    expect_pair(schema, "brandtmeyer", "washington", "3 1987-03-02 1987-03-09");
    expect_pair(schema, "ronald reagan", "quorvex", NULL);
    expect_pair(schema, "quorvex", "washington", NULL);
    expect_pair(schema, "ronald reagan", "washington", "3 1987-03-02 1987-03-09");
    cr_assert_eq(pair_mismatches(schema), 0);

    run_ok(plain, "--reprocess", NULL);
    expect_pair(schema, "ronald reagan", "brandtmeyer", "2 1987-03-05 1987-03-09");
    expect_pair(schema, "brandtmeyer", "washington", "2 1987-03-05 1987-03-09");
    expect_pair(schema, "ronald reagan", "quorvex", "1 1987-03-02 1987-03-02");
    cr_assert_eq(pair_mismatches(schema), 0);
    free(files), free(plain), free(taught), free(aliases);
}

Test(entities, a_country_code_learnt_later_fills_a_null_one)
{
    const char *schema = "t_ent_country";
    char *countries = gzt_write(gzt_tmpdir(), "odesa-countries.csv",
                                "kind,alias,code\ndisplay,Odesa,UA\n");
    char *fixtures = gzt_repo_path("fixtures/articles"), *files = quoted_list(fixtures, NULL);
    char opts[600], *plain, *taught, *v;

    snprintf(opts, sizeof(opts), "{countries: \"%s\"}", countries);
    plain = names_pipeline("country", schema, files, "article", 500, "");
    taught = names_pipeline("country", schema, files, "article", 500, opts);
    gzt_drop_schema(gzt_suite_db, schema);
    run_ok(plain, NULL, NULL);
    v = qtext(schema, "SELECT canonical_name || ' ' || coalesce(country_code, 'null')"
                      " FROM @S.entities WHERE kind = 'LOC' AND key = 'odesa'");
    cr_assert_str_eq(v, "Odesa null");
    free(v);
    run_ok(taught, "--reprocess", NULL);
    v = qtext(schema, "SELECT canonical_name || ' ' || coalesce(country_code, 'null')"
                      " FROM @S.entities WHERE kind = 'LOC' AND key = 'odesa'");
    cr_assert_str_eq(v, "Odesa UA");
    free(v);
    cr_assert_eq(q(schema, "SELECT count(*) FROM @S.entities WHERE key = 'odesa'"), 1);
    run_ok(plain, "--reprocess", NULL);         /* a load without it keeps it */
    v = qtext(schema, "SELECT country_code FROM @S.entities WHERE kind = 'LOC' AND key = 'odesa'");
    cr_assert_str_eq(v, "UA");
    free(v), free(countries), free(fixtures), free(files), free(plain), free(taught);
}

Test(entities, without_normalise_names_mentions_load_unlinked_and_reprocess_links_them)
{
    const char *schema = "t_ent_plain";
    char *fixtures = gzt_repo_path("fixtures/articles"), *files = quoted_list(fixtures, NULL);
    char *bare = names_pipeline("plain", schema, files, "article", 500, NULL);
    char *named = names_pipeline("plain", schema, files, "article", 500, "");
    long mentions;

    gzt_drop_schema(gzt_suite_db, schema);
    run_ok(bare, NULL, NULL);
    mentions = q(schema, "SELECT count(*) FROM @S.mentions");
    cr_assert_gt(mentions, 20);
    cr_assert_eq(q(schema, "SELECT count(*) FROM @S.mentions WHERE entity_id IS NOT NULL"
                           " OR role IS NOT NULL"), 0);
    cr_assert_eq(q(schema, "SELECT count(*) FROM @S.entities"), 0);
    cr_assert_eq(q(schema, "SELECT count(*) FROM @S.entity_aliases"), 0);

    run_ok(named, "--reprocess", NULL);
    cr_assert_eq(q(schema, "SELECT count(*) FROM @S.mentions"), mentions);
    cr_assert_gt(q(schema, "SELECT count(*) FROM @S.mentions WHERE entity_id IS NOT NULL"), 20);
    cr_assert_eq(alias_mismatches(schema), 0);
    free(fixtures), free(files), free(bare), free(named);
}

Test(entities, amounts_have_no_entity)
{
    const char *schema = "t_ent_amounts";
    char *fixtures = gzt_repo_path("fixtures/articles"), *files = quoted_list(fixtures, NULL);
    char *p = names_pipeline("amounts", schema, files, "article", 500, "");

    gzt_drop_schema(gzt_suite_db, schema);
    run_ok(p, NULL, NULL);
    cr_assert_geq(q(schema, "SELECT count(DISTINCT ner_type) FROM @S.mentions"
                            " WHERE ner_type IN ('MONEY', 'PERCENT', 'QUANTITY')"), 2);
    cr_assert_eq(q(schema, "SELECT count(*) FROM @S.mentions"
                           " WHERE ner_type IN ('MONEY', 'PERCENT', 'QUANTITY')"
                           " AND entity_id IS NOT NULL"), 0);
    cr_assert_eq(q(schema, "SELECT count(*) FROM @S.entity_aliases a JOIN @S.mentions m"
                           " ON m.surface = a.alias WHERE m.ner_type = 'PERCENT'"), 0);
    cr_assert_eq(q(schema, "SELECT count(*) FROM @S.mentions m JOIN @S.entities e"
                           " USING (entity_id) WHERE e.kind <> m.ner_type"
                           " AND m.ner_type <> 'MISC'"), 0,
                 "a named mention's entity is of its kind (a nationality stays MISC)");
    cr_assert_eq(q(schema, "SELECT count(*) FROM @S.mentions m JOIN @S.entities e"
                           " USING (entity_id) WHERE m.surface = 'Dutch'"
                           " AND e.country_code = 'NL'"), 1);
    free(fixtures), free(files), free(p);
}

Test(entities, a_refused_article_leaves_the_others_linked)
{
    const char *schema = "t_ent_isolate";
    char *fixtures = gzt_repo_path("fixtures/articles"), *files = quoted_list(fixtures, NULL);
    char *p = names_pipeline("isolate", schema, files, "article", 500, "");
    struct gzt_proc r;

    gzt_drop_schema(gzt_suite_db, schema);
    r = gzt_run("GAZETTE_FAULT=bad_row:Toyota", NULL, "run", p, NULL);
    cr_assert_eq(r.status, 65, "%s", r.err);
    gzt_proc_free(&r);
    cr_assert_eq(q(schema, "SELECT count(*) FROM @S.articles"), 8);
    cr_assert_gt(q(schema, "SELECT count(*) FROM @S.mentions WHERE entity_id IS NOT NULL"), 20,
                 "the articles loaded one by one are linked");
    cr_assert_eq(q(schema, "SELECT count(*) FROM @S.entities WHERE key LIKE 'toyota%%'"), 0,
                 "the refused article's entities went with it");
    cr_assert_eq(alias_mismatches(schema), 0);
    cr_assert_eq(pair_mismatches(schema), 0);
    free(fixtures), free(files), free(p);
}

/* The five spellings of the United States in Reuters-21578 are one
 * entity. One day of the corpus (1987-03-02, 562 articles) holds them all
 * and loads in well under a second. */
Test(entities, reuters_spellings_of_the_united_states_are_one_entity)
{
    const char *schema = "t_ent_reuters";
    const char *data = getenv("GAZETTE_SHARED_DATA");
    char csv[1024], files[1100];
    char *p, *v;

    snprintf(csv, sizeof csv, "%s/news/reuters21578.csv.gz", data ? data : "../shared/data");
    if (access(csv, R_OK) != 0)     /* the corpus is not ours to ship: say so, loudly */
        cr_skip_test("%s not found (set GAZETTE_SHARED_DATA to the shared data folder)", csv);
    if (csv[0] != '/') {
        char *abs = gzt_repo_path(csv);

        snprintf(csv, sizeof csv, "%s", abs);
        free(abs);
    }
    snprintf(files, sizeof files, "[\"%s\"]", csv);
    p = names_pipeline("reuters", schema, files, "csv", 1000, "");
    gzt_drop_schema(gzt_suite_db, schema);
    run_ok(p, "--since=1987-03-02", "--until=1987-03-02");
    cr_assert_gt(q(schema, "SELECT count(*) FROM @S.articles"), 500);
    cr_assert_eq(q(schema, "SELECT count(DISTINCT alias) FROM @S.entity_aliases"
                           " WHERE alias IN ('U.S.', 'United States', 'America', 'US', 'USA')"), 5,
                 "all five spellings occur that day");
    cr_assert_eq(q(schema, "SELECT count(DISTINCT entity_id) FROM @S.entity_aliases"
                           " WHERE alias IN ('U.S.', 'United States', 'America', 'US', 'USA')"), 1);
    v = qtext(schema, "SELECT DISTINCT e.kind || ' ' || e.canonical_name || ' ' || e.country_code"
                      " FROM @S.entity_aliases a JOIN @S.entities e USING (entity_id)"
                      " WHERE a.alias = 'USA'");
    cr_assert_str_eq(v, "LOC United States US");
    free(v);
    cr_assert_eq(alias_mismatches(schema), 0);
    cr_assert_eq(pair_mismatches(schema), 0);
    free(p);
}
