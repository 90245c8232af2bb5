-- 002_date_mentions: temporal expressions found by normalise_dates.

CREATE TABLE gazette.date_mentions (
    article_id      bigint  NOT NULL REFERENCES gazette.articles ON DELETE CASCADE,
    surface         text    NOT NULL,
    start_char      integer NOT NULL,
    end_char        integer NOT NULL,
    timex_type      text    NOT NULL CHECK (timex_type IN ('DATE', 'TIME', 'DURATION', 'SET')),
    value           text    NOT NULL,
    range_start     date,
    range_end       date,
    in_title        boolean NOT NULL DEFAULT false,
    PRIMARY KEY (article_id, in_title, start_char, end_char)
);
CREATE INDEX date_mentions_range_idx ON gazette.date_mentions (range_start, range_end);
COMMENT ON TABLE gazette.date_mentions IS
    'Temporal expressions in the body: TIMEX3 type and value, and [range_start, range_end) when the value is a calendar interval. Offsets are code points into articles.body, or into articles.title when in_title.';
