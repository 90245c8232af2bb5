-- 005_entities: one row per real-world name (normalise_names), the
-- spellings it was written as, and each named mention's entity.
-- An entity is (kind, key): loading an article twice, or two runs at once,
-- never makes a second row for one key (INSERT ... ON CONFLICT (kind, key)).

CREATE TABLE gazette.entities (
    entity_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('PERSON', 'ORG', 'LOC', 'MISC')),
    canonical_name  text NOT NULL,
    key             text NOT NULL,
    country_code    char(2),
    UNIQUE (kind, key)
);
COMMENT ON TABLE gazette.entities IS
    'One row per entity: a person, organisation, place or other name, whatever spellings the articles use. key is the matching key (case-folded, accents and punctuation removed, legal forms dropped); country_code is the ISO 3166-1 alpha-2 code when the entity is a country.';

CREATE TABLE gazette.entity_aliases (
    entity_id       bigint NOT NULL REFERENCES gazette.entities ON DELETE CASCADE,
    alias           text   NOT NULL,
    mentions        bigint NOT NULL DEFAULT 0 CHECK (mentions >= 0),
    PRIMARY KEY (entity_id, alias)
);
COMMENT ON TABLE gazette.entity_aliases IS
    'The spellings each entity was written as (mentions.surface) and how many loaded mentions use each.';

-- mentions.entity_id has no foreign key: gazette run writes only ids it
-- has just read from entities in the same transaction and never deletes an
-- entity, and checking 200,000 mentions one by one cost a Reuters load
-- about 1 s. An entity deleted by hand leaves its mentions pointing at
-- nothing (the views join entities, so they drop out of them).
ALTER TABLE gazette.mentions
    ADD COLUMN entity_id bigint,
    ADD COLUMN role      text;
CREATE INDEX mentions_entity_idx ON gazette.mentions (entity_id, article_id);
COMMENT ON COLUMN gazette.mentions.entity_id IS
    'The entity this mention names (normalise_names); NULL for MONEY, PERCENT, QUANTITY, names on the stoplist, short names that fit several entities of the article, and mentions loaded without normalise_names.';
COMMENT ON COLUMN gazette.mentions.role IS
    'Title or honorific written before a person''s name ("Mr", "President", "former US President"), split off the name; NULL when none.';
