-- 003_mentions: entity mentions found by extract_entities.

CREATE TABLE gazette.mentions (
    article_id      bigint  NOT NULL REFERENCES gazette.articles ON DELETE CASCADE,
    surface         text    NOT NULL,
    start_char      integer NOT NULL,
    end_char        integer NOT NULL,
    ner_type        text    NOT NULL,
    sentence        integer NOT NULL,
    confidence      real    NOT NULL,
    PRIMARY KEY (article_id, start_char, end_char)
);
CREATE INDEX mentions_type_surface_idx ON gazette.mentions (ner_type, surface);
COMMENT ON TABLE gazette.mentions IS
    'Entity mentions (PERSON, ORG, LOC, MISC, MONEY, PERCENT, QUANTITY) with their span in code points into articles.body and the sentence number.';
