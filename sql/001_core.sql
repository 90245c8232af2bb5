-- 001_core: runs, sources, articles, rejects.
-- Applied by `gazette migrate` inside one transaction; the schema name
-- "gazette" is replaced by the configured schema.

CREATE TABLE gazette.runs (
    run_id          bigserial PRIMARY KEY,
    pipeline        text        NOT NULL,
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    status          text        NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'ok', 'rejected', 'failed', 'aborted')),
    files_seen      integer     NOT NULL DEFAULT 0,
    files_skipped   integer     NOT NULL DEFAULT 0,
    articles_read   integer     NOT NULL DEFAULT 0,
    articles_loaded integer     NOT NULL DEFAULT 0,
    duplicates      integer     NOT NULL DEFAULT 0,
    rejected        integer     NOT NULL DEFAULT 0,
    config_sha256   text        NOT NULL,
    version         text        NOT NULL,
    host            text,
    pid             integer,
    message         text
);
COMMENT ON TABLE gazette.runs IS
    'One row per `gazette run`: counts, status (running, ok, rejected = finished with rejects, failed, aborted = a crashed run found by the next one).';

CREATE TABLE gazette.sources (
    uri             text PRIMARY KEY,
    size_bytes      bigint      NOT NULL,
    mtime           timestamptz NOT NULL,
    file_sha256     text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('loaded', 'rejected')),
    articles        integer     NOT NULL DEFAULT 0,
    rejects         integer     NOT NULL DEFAULT 0,
    first_run_id    bigint      NOT NULL REFERENCES gazette.runs,
    last_run_id     bigint      NOT NULL REFERENCES gazette.runs,
    first_seen      timestamptz NOT NULL DEFAULT now(),
    last_loaded     timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE gazette.sources IS
    'Input files fully read by some run. A rerun skips a file whose size and mtime (or else SHA-256) are unchanged.';

CREATE TABLE gazette.articles (
    article_id      bigserial PRIMARY KEY,
    content_sha256  text        NOT NULL UNIQUE,
    published       date        NOT NULL,
    published_raw   text        NOT NULL,
    title           text        NOT NULL,
    body            text        NOT NULL,
    language        text        NOT NULL DEFAULT 'en',
    word_count      integer     NOT NULL,
    repairs         text[]      NOT NULL DEFAULT '{}',
    source_uri      text        NOT NULL,
    source_line     integer     NOT NULL,
    external_id     text,
    run_id          bigint      NOT NULL REFERENCES gazette.runs,
    loaded_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX articles_published_idx ON gazette.articles (published);
COMMENT ON TABLE gazette.articles IS
    'One row per distinct article. content_sha256 = SHA-256 of cleaned title || E''\n'' || cleaned body, so the same text under another file name loads once.';
COMMENT ON COLUMN gazette.articles.repairs IS
    'What was repaired on the way in: bom, crlf, nul, cp1252, leading_space, no_final_newline, html_tags, html_entities, whitespace.';

CREATE TABLE gazette.rejects (
    reject_id       bigserial PRIMARY KEY,
    run_id          bigint      NOT NULL REFERENCES gazette.runs,
    uri             text        NOT NULL,
    line            integer     NOT NULL,
    reason          text        NOT NULL,
    excerpt         text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (uri, line, reason)
);
CREATE INDEX rejects_run_idx ON gazette.rejects (run_id);
COMMENT ON TABLE gazette.rejects IS
    'Inputs that were not loaded, with the reason. line is 1-based (the record start for CSV), 0 for the whole file. The same input rejected again for the same reason keeps its first row (run_id of the first run).';
