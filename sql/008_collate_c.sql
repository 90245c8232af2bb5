-- 008_collate_c: the columns that are only matched and grouped, never
-- sorted for people, compare bytes (COLLATE "C") whatever the database's
-- collation: articles.content_sha256, mentions.ner_type and surface,
-- entities.kind and key, entity_aliases.alias. Under a linguistic
-- collation (en_US.UTF-8, ICU) every comparison their indexes make on a
-- load calls the collation library; byte comparison is cheaper and gives
-- the same equalities. Display columns (titles, canonical names, file
-- names) keep the database's collation. docs/SQL.md says column by column.
-- No table is rewritten (text stays text); the indexes over these columns
-- are rebuilt. The views over them cannot stay while a column changes, so
-- the views of 006 are dropped and made again as they were; privileges
-- granted on them are written down first and granted again. A view of
-- your own over these columns makes the migration fail (and change
-- nothing): drop it, migrate, create it again.

CREATE TEMP TABLE gz_view_grants ON COMMIT DROP AS
SELECT format('GRANT %s ON %s TO %s%s', a.privilege_type, c.oid::regclass,
              CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END,
              CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END) AS grant_sql
  FROM pg_class c
 CROSS JOIN LATERAL aclexplode(c.relacl) a
 WHERE c.oid IN ('gazette.article_entities'::regclass, 'gazette.entity_mentions_daily'::regclass,
                 'gazette.top_entities_weekly'::regclass, 'gazette.co_mentions'::regclass,
                 'gazette.entity_timeline'::regclass, 'gazette.mention_surfaces'::regclass)
   AND a.grantee <> c.relowner;

DROP VIEW gazette.entity_timeline;
DROP VIEW gazette.article_entities;
DROP VIEW gazette.entity_mentions_daily;
DROP VIEW gazette.top_entities_weekly;
DROP VIEW gazette.co_mentions;
DROP VIEW gazette.mention_surfaces;

ALTER TABLE gazette.articles
    ALTER COLUMN content_sha256 TYPE text COLLATE "C";
ALTER TABLE gazette.mentions
    ALTER COLUMN ner_type TYPE text COLLATE "C",
    ALTER COLUMN surface  TYPE text COLLATE "C";
ALTER TABLE gazette.entities
    ALTER COLUMN kind TYPE text COLLATE "C",
    ALTER COLUMN key  TYPE text COLLATE "C";
ALTER TABLE gazette.entity_aliases
    ALTER COLUMN alias TYPE text COLLATE "C";

-- The views of 006, unchanged.
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

DO $$
DECLARE
    g text;
BEGIN
    FOR g IN SELECT grant_sql FROM gz_view_grants LOOP
        EXECUTE g;
    END LOOP;
END
$$;
