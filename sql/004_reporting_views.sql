-- 004_reporting_views: views for SQL clients (psql \d+, DBeaver, Metabase).
-- Until entities are canonicalised (the names issue), an entity is its
-- surface form and type.

CREATE VIEW gazette.article_entities AS
SELECT a.article_id, a.published, a.title, m.ner_type, m.surface,
       count(*) AS mentions, min(m.sentence) AS first_sentence
  FROM gazette.articles a
  JOIN gazette.mentions m USING (article_id)
 GROUP BY a.article_id, a.published, a.title, m.ner_type, m.surface;
COMMENT ON VIEW gazette.article_entities IS
    'One row per (article, entity): how often the entity is mentioned in the article and the first sentence it appears in.';

CREATE VIEW gazette.entity_mentions_daily AS
SELECT a.published AS day, m.ner_type, m.surface,
       count(*) AS mentions, count(DISTINCT a.article_id) AS articles
  FROM gazette.articles a
  JOIN gazette.mentions m USING (article_id)
 GROUP BY a.published, m.ner_type, m.surface;
COMMENT ON VIEW gazette.entity_mentions_daily IS
    'Mentions and articles per entity per publication day. Filter on day and ner_type (PERSON, ORG, LOC, MISC, MONEY, PERCENT, QUANTITY).';

CREATE VIEW gazette.top_entities_weekly AS
SELECT week, ner_type, surface, articles,
       rank() OVER (PARTITION BY week, ner_type ORDER BY articles DESC) AS rank
  FROM (SELECT date_trunc('week', a.published)::date AS week, m.ner_type, m.surface,
               count(DISTINCT a.article_id) AS articles
          FROM gazette.articles a
          JOIN gazette.mentions m USING (article_id)
         GROUP BY 1, 2, 3) AS weekly;
COMMENT ON VIEW gazette.top_entities_weekly IS
    'Entities ranked by the number of articles mentioning them, per ISO week (Monday) and type. WHERE rank <= 10 gives a weekly top ten.';

CREATE VIEW gazette.co_mentions AS
SELECT x.ner_type AS type_a, x.surface AS entity_a,
       y.ner_type AS type_b, y.surface AS entity_b,
       count(DISTINCT x.article_id) AS articles,
       min(a.published) AS first_seen, max(a.published) AS last_seen
  FROM gazette.mentions x
  JOIN gazette.mentions y ON y.article_id = x.article_id
                         AND (y.surface, y.ner_type) > (x.surface, x.ner_type)
  JOIN gazette.articles a ON a.article_id = x.article_id
 WHERE x.ner_type IN ('PERSON', 'ORG', 'LOC', 'MISC')
   AND y.ner_type IN ('PERSON', 'ORG', 'LOC', 'MISC')
 GROUP BY 1, 2, 3, 4;
COMMENT ON VIEW gazette.co_mentions IS
    'Pairs of named entities mentioned in the same article, with the number of such articles and the first and last publication dates. Each pair appears once (a < b).';
