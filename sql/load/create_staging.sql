-- The session's staging tables, made on its first merge. Their text columns
-- take the codec the warehouse declares for story_version (lz4 where the
-- server has it, migration 009): a text is compressed once, here, and the
-- merge moves the compressed value into story and story_version as it is.
-- identity_digest is the key the story table's unique index holds (012).
DO $$
BEGIN
    IF to_regclass('pg_temp.story_stage') IS NOT NULL THEN
        RETURN;
    END IF;
    CREATE TEMP TABLE story_stage (
        agency text, identity_key text, guid text, url text,
        headline text, deck text, body text, body_blocks jsonb, byline text, signoff text,
        dateline_raw text, dateline_place text, dateline_region text,
        dateline_month smallint, dateline_day smallint, dateline_year smallint,
        dateline_agency text, language text, published_at timestamptz,
        content_hash text, seen_at timestamptz, raw_id bigint, status text, killed boolean,
        text_source text,
        place_name text, place_region text, place_country text, place_geonames_id integer,
        place_latitude double precision, place_longitude double precision,
        agency_id text, agency_version integer, first_created timestamptz,
        version_created timestamptz, pub_status text, urgency smallint,
        embargo_until timestamptz, signals text[], edit_notes text[], wire_format text,
        identity_digest bytea GENERATED ALWAYS AS (newswire.key_digest(identity_key)) STORED
    ) ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE story_media_stage (
        agency text, identity_key text, position integer, caption text, credit text, url text,
        media_type text,
        identity_digest bytea GENERATED ALWAYS AS (newswire.key_digest(identity_key)) STORED
    ) ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE story_subject_stage (
        agency text, identity_key text, position integer, name text, code text, scheme text,
        identity_digest bytea GENERATED ALWAYS AS (newswire.key_digest(identity_key)) STORED
    ) ON COMMIT DELETE ROWS;
    IF (SELECT attcompression FROM pg_attribute
        WHERE attrelid = 'newswire.story_version'::regclass AND attname = 'body') = 'l' THEN
        ALTER TABLE story_stage
            ALTER COLUMN headline SET COMPRESSION lz4,
            ALTER COLUMN deck SET COMPRESSION lz4,
            ALTER COLUMN body SET COMPRESSION lz4,
            ALTER COLUMN body_blocks SET COMPRESSION lz4;
    END IF;
END
$$;
