-- 006_entity_views: the reporting views count entities, not spellings.
-- Replaces the views of 004 (which grouped mentions by surface form) with
-- views over gazette.entities and gazette.mentions.entity_id (005). Only
-- named entities (PERSON, ORG, LOC, MISC) have an entity: MONEY, PERCENT,
-- QUANTITY and unlinked mentions have entity_id NULL and appear in none of
-- these views but mention_surfaces. co_mentions reads a table of counts,
-- co_mention_pairs, that the loader keeps. docs/SQL.md has example queries.

DROP VIEW gazette.co_mentions;
DROP VIEW gazette.top_entities_weekly;
DROP VIEW gazette.entity_mentions_daily;
DROP VIEW gazette.article_entities;

CREATE VIEW gazette.article_entities AS
SELECT a.article_id, a.published, a.title,
       e.entity_id, e.kind, e.canonical_name, e.country_code,
       count(*) AS mentions, min(m.sentence) AS first_sentence
  FROM gazette.mentions m
  JOIN gazette.entities e ON e.entity_id = m.entity_id
  JOIN gazette.articles a ON a.article_id = m.article_id
 GROUP BY a.article_id, e.entity_id;
COMMENT ON VIEW gazette.article_entities IS
    'One row per (article, entity): how many mentions of the entity the article has, whatever their spelling, and the first sentence (0-based) it appears in.';

CREATE VIEW gazette.entity_mentions_daily AS
SELECT a.published AS day,
       e.entity_id, e.kind, e.canonical_name, e.country_code,
       count(*) AS mentions, count(DISTINCT m.article_id) AS articles
  FROM gazette.mentions m
  JOIN gazette.entities e ON e.entity_id = m.entity_id
  JOIN gazette.articles a ON a.article_id = m.article_id
 GROUP BY a.published, e.entity_id;
COMMENT ON VIEW gazette.entity_mentions_daily IS
    'Per entity and publication day: its mentions and the number of articles mentioning it. Filter on day (uses the index on articles.published), kind or country_code.';

CREATE VIEW gazette.top_entities_weekly AS
SELECT week, to_char(week, 'IYYY-"W"IW') AS iso_week, kind,
       rank() OVER (PARTITION BY week, kind ORDER BY articles DESC, mentions DESC) AS rank,
       entity_id, canonical_name, country_code, articles, mentions
  FROM (SELECT date_trunc('week', a.published)::date AS week,
               e.kind, e.entity_id, e.canonical_name, e.country_code,
               count(DISTINCT m.article_id) AS articles, count(*) AS mentions
          FROM gazette.mentions m
          JOIN gazette.entities e ON e.entity_id = m.entity_id
          JOIN gazette.articles a ON a.article_id = m.article_id
         GROUP BY 1, e.entity_id) AS weekly;
COMMENT ON VIEW gazette.top_entities_weekly IS
    'Entities ranked per ISO week (week = its Monday, iso_week = ''1987-W10'') and kind (PERSON, ORG, LOC, MISC; amounts are not entities) by the number of articles mentioning them, then by mentions; equal counts share a rank. WHERE rank <= 10 gives a weekly top ten.';

-- co_mentions is a self-join of every article's entities: too slow to
-- compute per query on a large corpus, so the pairs are counted in a table
-- that the loader keeps exact in each batch's transaction
-- (src/sinks/loader.c): the pairs of the articles it inserts add one
-- article each, --reprocess first takes away the pairs of the mentions it
-- replaces. A run's cost follows what it loads, not the corpus. No foreign
-- keys: a pair exists only while mentions of both entities do, and entities
-- are never deleted by gazette (mentions.entity_id has none either, 005).
CREATE TABLE gazette.co_mention_pairs (
    entity_id_a     bigint NOT NULL,
    entity_id_b     bigint NOT NULL,
    articles        bigint NOT NULL CHECK (articles >= 0),  -- 0 only until deleted, in one transaction
    first_seen      date,
    last_seen       date,
    PRIMARY KEY (entity_id_a, entity_id_b),
    CHECK (entity_id_a < entity_id_b)
);
-- Mentions linked before this migration (by 005) are counted now.
INSERT INTO gazette.co_mention_pairs (entity_id_a, entity_id_b, articles, first_seen, last_seen)
SELECT x.entity_id, y.entity_id, count(*), min(a.published), max(a.published)
  FROM (SELECT DISTINCT article_id, entity_id FROM gazette.mentions WHERE entity_id IS NOT NULL) x
  JOIN (SELECT DISTINCT article_id, entity_id FROM gazette.mentions WHERE entity_id IS NOT NULL) y
    ON y.article_id = x.article_id AND y.entity_id > x.entity_id
  JOIN gazette.articles a ON a.article_id = x.article_id
 GROUP BY x.entity_id, y.entity_id;
COMMENT ON TABLE gazette.co_mention_pairs IS
    'The counts behind co_mentions (query that view instead): pairs of entity ids with entity_id_a < entity_id_b, the number of articles naming both and their first and last publication dates. Kept exact by gazette run in the transaction of each batch it loads or reprocesses; rows written to mentions by other means are not counted (docs/SQL.md shows how to recount).';

CREATE VIEW gazette.co_mentions AS
SELECT p.entity_id_a, ea.kind AS kind_a, ea.canonical_name AS canonical_name_a,
       ea.country_code AS country_code_a,
       p.entity_id_b, eb.kind AS kind_b, eb.canonical_name AS canonical_name_b,
       eb.country_code AS country_code_b,
       p.articles, p.first_seen, p.last_seen
  FROM gazette.co_mention_pairs p
  JOIN gazette.entities ea ON ea.entity_id = p.entity_id_a
  JOIN gazette.entities eb ON eb.entity_id = p.entity_id_b;
COMMENT ON VIEW gazette.co_mentions IS
    'Pairs of distinct entities mentioned in the same article: the number of such articles and the first and last publication dates. Each pair appears once, the smaller entity_id as a; an entity is never paired with itself. Up to date with every committed gazette run (counted in co_mention_pairs as articles load).';

CREATE VIEW gazette.entity_timeline AS
SELECT ae.entity_id, ae.kind, ae.canonical_name, ae.country_code,
       ae.article_id, ae.published, ae.title, ae.mentions,
       d.surface AS date_surface, d.timex_type, d.value AS date_value,
       d.range_start, d.range_end, d.in_title AS date_in_title
  FROM gazette.article_entities ae
  LEFT JOIN gazette.date_mentions d
         ON d.article_id = ae.article_id AND d.timex_type IN ('DATE', 'TIME');
COMMENT ON VIEW gazette.entity_timeline IS
    'For each entity, the articles mentioning it and the dates those articles talk about (DATE and TIME expressions of date_mentions: TIMEX3 value, [range_start, range_end) when a calendar interval): one row per (entity, article, date), an article without dates once with NULLs. WHERE entity_id = ... ORDER BY coalesce(range_start, published).';

CREATE VIEW gazette.mention_surfaces AS
SELECT m.ner_type, m.surface, count(*) AS mentions, count(m.entity_id) AS linked,
       count(DISTINCT m.article_id) AS articles,
       min(a.published) AS first_seen, max(a.published) AS last_seen
  FROM gazette.mentions m
  JOIN gazette.articles a ON a.article_id = m.article_id
 GROUP BY m.ner_type, m.surface;
COMMENT ON VIEW gazette.mention_surfaces IS
    'Mentions grouped by spelling and tagger type, as the reports were before entities: the only view with MONEY, PERCENT and QUANTITY amounts ("100 mln dlrs"), and linked = how many of the mentions point at an entity (the rest are amounts, stoplisted or ambiguous names).';
