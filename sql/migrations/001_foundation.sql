-- 001: the foundation schema. Raw landing first, then stories, their
-- versions and media, the feeds they came from, ingest runs and quarantine.
-- Migrations run inside one transaction each and are recorded in
-- newswire.schema_migration by etl/load/migrations.py.

CREATE SCHEMA IF NOT EXISTS newswire;

SET search_path TO newswire, public;

-- Every feed a source config names; conditional-GET cursors live here.
CREATE TABLE feed (
    feed_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source         text        NOT NULL,            -- config name, e.g. 'tass'
    agency         text        NOT NULL,            -- canonical code, e.g. 'TASS'
    url            text        NOT NULL UNIQUE,
    etag           text,
    last_modified  text,
    last_body_hash text,
    last_fetched_at  timestamptz,
    last_success_at  timestamptz,
    last_new_story_at timestamptz,
    consecutive_failures integer NOT NULL DEFAULT 0
);

-- One daily (or backfill) run of one source over one window.
CREATE TABLE ingest_run (
    run_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source        text        NOT NULL,
    window_start  timestamptz NOT NULL,
    window_end    timestamptz NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    status        text        NOT NULL DEFAULT 'running'
                  CHECK (status IN ('running', 'success', 'failed')),
    feeds_read    integer     NOT NULL DEFAULT 0,
    fetched       integer     NOT NULL DEFAULT 0,
    new           integer     NOT NULL DEFAULT 0,
    updated       integer     NOT NULL DEFAULT 0,
    unchanged     integer     NOT NULL DEFAULT 0,
    quarantined   integer     NOT NULL DEFAULT 0,
    skipped       integer     NOT NULL DEFAULT 0,  -- feed items outside the window
    error         text,
    CHECK (window_end > window_start)
);
CREATE INDEX ingest_run_window_idx ON ingest_run (window_start, source);

-- Every payload exactly as fetched, stored before any transform. Immutable:
-- the same bytes from the same URL are stored once (first fetch kept).
CREATE TABLE raw_document (
    raw_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind          text        NOT NULL CHECK (kind IN ('feed', 'page', 'file')),
    source        text        NOT NULL,
    url           text        NOT NULL,
    http_status   integer,
    headers       jsonb       NOT NULL DEFAULT '{}',
    fetched_at    timestamptz NOT NULL,
    content_hash  text        NOT NULL,               -- sha256 of the raw bytes
    content_gzip  bytea       NOT NULL,
    byte_length   integer     NOT NULL,
    run_id        bigint REFERENCES ingest_run (run_id),
    -- For pages: the feed item that led here (guid, link, title, published_at,
    -- feed_url), so a reprocess needs nothing but this table.
    feed_entry    jsonb,
    UNIQUE (url, content_hash)
);
CREATE INDEX raw_document_fetched_idx ON raw_document (fetched_at);

-- One row per story identity: agency + the agency's id (guid) or canonical URL.
CREATE TABLE story (
    story_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency            text        NOT NULL,
    identity_key      text        NOT NULL,   -- guid, else canonical URL
    guid              text,
    url               text,
    headline          text        NOT NULL,
    deck              text,
    body              text        NOT NULL,
    body_blocks       jsonb       NOT NULL,   -- [{"kind": "paragraph"|"subheading", "text": ...}]
    byline            text,
    dateline_raw      text,
    dateline_place    text,
    dateline_region   text,
    dateline_month    smallint,
    dateline_day      smallint,
    dateline_year     smallint,
    dateline_agency   text,
    language          text,
    published_at      timestamptz,
    content_hash      text        NOT NULL,
    current_version   integer     NOT NULL DEFAULT 1,
    first_seen_at     timestamptz NOT NULL,
    last_changed_at   timestamptz NOT NULL,
    raw_id            bigint REFERENCES raw_document (raw_id),
    UNIQUE (agency, identity_key)
);
CREATE INDEX story_published_idx ON story (published_at);

-- Every distinct cleaned content a story has had; version 1 is the first seen.
CREATE TABLE story_version (
    story_id      bigint      NOT NULL REFERENCES story (story_id),
    version       integer     NOT NULL,
    content_hash  text        NOT NULL,
    headline      text        NOT NULL,
    deck          text,
    body          text        NOT NULL,
    body_blocks   jsonb       NOT NULL,
    seen_at       timestamptz NOT NULL,
    raw_id        bigint REFERENCES raw_document (raw_id),
    PRIMARY KEY (story_id, version)
);

-- Photo captions and credits, kept apart from the body (current version).
CREATE TABLE story_media (
    story_id  bigint  NOT NULL REFERENCES story (story_id),
    position  integer NOT NULL,
    caption   text,
    credit    text,
    url       text,
    PRIMARY KEY (story_id, position)
);

-- The same story seen in several feeds of one agency: one story, linked to each.
CREATE TABLE story_feed (
    story_id      bigint      NOT NULL REFERENCES story (story_id),
    feed_id       bigint      NOT NULL REFERENCES feed (feed_id),
    first_seen_at timestamptz NOT NULL,
    PRIMARY KEY (story_id, feed_id)
);

-- Inputs that could not become stories, with the stage and the reason.
-- The raw bytes stay in raw_document; reprocessing may resolve an entry.
CREATE TABLE quarantine (
    quarantine_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id        bigint REFERENCES ingest_run (run_id),
    raw_id        bigint REFERENCES raw_document (raw_id),
    source        text        NOT NULL,
    url           text        NOT NULL,
    stage         text        NOT NULL,
    reason        text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
-- A re-run quarantines the same input once: same bytes (or same URL when
-- nothing was fetched) at the same stage.
CREATE UNIQUE INDEX quarantine_input_uidx
    ON quarantine (source, url, stage, coalesce(raw_id, 0));
