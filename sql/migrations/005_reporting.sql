-- 005: what the reporting views (sql/views) need: settings they read, the
-- full-text search expression, indexes that serve them, and the read-only
-- role `newswire_reader` that may SELECT from the views and nothing else.

SET search_path TO newswire, public;

-- Deployment settings the views read. `timezone` is written by
-- `newswire db migrate` (etl/pipeline.py) from the sources config; the day
-- of a story in every view is its publication date in that timezone.
CREATE TABLE setting (
    key        text PRIMARY KEY,
    value      text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO setting (key, value) VALUES ('timezone', 'UTC');

-- The text search configuration for a story's language code ('en', 'ru-RU', ...).
CREATE FUNCTION text_search_config(language text)
    RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE lower(split_part(coalesce(language, ''), '-', 1))
        WHEN 'en' THEN 'pg_catalog.english'
        WHEN 'ru' THEN 'pg_catalog.russian'
        WHEN 'fr' THEN 'pg_catalog.french'
        WHEN 'de' THEN 'pg_catalog.german'
        WHEN 'es' THEN 'pg_catalog.spanish'
        WHEN 'it' THEN 'pg_catalog.italian'
        WHEN 'pt' THEN 'pg_catalog.portuguese'
        WHEN 'ar' THEN 'pg_catalog.arabic'
        WHEN 'tr' THEN 'pg_catalog.turkish'
        ELSE 'pg_catalog.simple'
    END::regconfig
$$;

-- Headline (weight A), deck (B) and body (C) in the story's own language.
CREATE FUNCTION story_search_vector(language text, headline text, deck text, body text)
    RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT setweight(to_tsvector(newswire.text_search_config(language), coalesce(headline, '')), 'A')
        || setweight(to_tsvector(newswire.text_search_config(language), coalesce(deck, '')), 'B')
        || setweight(to_tsvector(newswire.text_search_config(language), coalesce(body, '')), 'C')
$$;

-- story_search: the GIN index its `document` column is matched against.
CREATE INDEX story_search_idx ON story
    USING gin (story_search_vector(language, headline, deck, body)) WHERE NOT killed;
-- stories_per_agency_day, dateline_places_day, the daily reports: a range of
-- publication times, read from the index alone.
CREATE INDEX story_live_published_idx ON story ((coalesce(published_at, first_seen_at)))
    INCLUDE (agency, dateline_place) WHERE NOT killed;
-- ingest_health: a run's documents, the stories first seen in them, its quarantine.
CREATE INDEX raw_document_run_idx ON raw_document (run_id);
CREATE INDEX story_version_first_raw_idx ON story_version (raw_id) WHERE version = 1;
CREATE INDEX quarantine_run_idx ON quarantine (run_id);
-- ingest_health and feed freshness: a source's runs, latest first.
CREATE INDEX ingest_run_source_started_idx ON ingest_run (source, started_at);

-- The read-only reporting role. Roles belong to the server, not the database:
-- on a server shared by many databases it may exist already.
-- Two databases migrating at once may both find it missing: the loser's
-- CREATE fails with duplicate_object (or unique_violation), which is fine.
-- It cannot log in: GRANT newswire_reader TO an analyst's own login role.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'newswire_reader') THEN
        CREATE ROLE newswire_reader NOLOGIN;
    END IF;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
-- Each view file in sql/views grants SELECT on its view; no table is granted.
GRANT USAGE ON SCHEMA newswire TO newswire_reader;
