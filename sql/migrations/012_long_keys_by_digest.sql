-- 012: long keys are indexed by their sha256, the full value is kept.
--
-- A btree entry holds at most ~2.7 kB, so a guid or link of 10 kB (hostile
-- or broken feeds send them) made the unique indexes on story, raw_document,
-- feed and quarantine refuse the row, and with it the whole feed. Each of
-- those keys now has a stored digest column (or expression) that the unique
-- index holds instead; the text column keeps the full value. The digest is a
-- 32-byte sha256 of the UTF-8 text, so distinct keys never share an entry.
-- Also: how many NUL characters a run removed from text on its way in
-- (PostgreSQL text and jsonb cannot hold U+0000).

SET search_path TO newswire, public;

-- convert_to is STABLE only because its encoding argument could name any
-- encoding; with the fixed 'UTF8' the result depends on nothing but the text.
CREATE FUNCTION key_digest(value text) RETURNS bytea
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT sha256(convert_to(value, 'UTF8')) $$;
COMMENT ON FUNCTION key_digest(text) IS
    'sha256 of a key''s UTF-8 text: what unique indexes hold for keys of any length';

ALTER TABLE story
    ADD COLUMN identity_digest bytea NOT NULL
        GENERATED ALWAYS AS (newswire.key_digest(identity_key)) STORED;
ALTER TABLE story ADD CONSTRAINT story_agency_identity_digest_key
    UNIQUE (agency, identity_digest);
ALTER TABLE story DROP CONSTRAINT story_agency_identity_key_key;

ALTER TABLE raw_document
    ADD COLUMN url_digest bytea NOT NULL
        GENERATED ALWAYS AS (newswire.key_digest(url)) STORED;
ALTER TABLE raw_document ADD CONSTRAINT raw_document_url_digest_content_hash_key
    UNIQUE (url_digest, content_hash);
ALTER TABLE raw_document DROP CONSTRAINT raw_document_url_content_hash_key;

ALTER TABLE feed
    ADD COLUMN url_digest bytea NOT NULL
        GENERATED ALWAYS AS (newswire.key_digest(url)) STORED;
ALTER TABLE feed ADD CONSTRAINT feed_url_digest_key UNIQUE (url_digest);
ALTER TABLE feed DROP CONSTRAINT feed_url_key;

DROP INDEX quarantine_input_uidx;
CREATE UNIQUE INDEX quarantine_input_uidx
    ON quarantine (source, newswire.key_digest(url), stage, coalesce(raw_id, 0));

ALTER TABLE ingest_run ADD COLUMN nul_removed integer NOT NULL DEFAULT 0;
COMMENT ON COLUMN ingest_run.nul_removed IS
    'NUL characters removed from text (feed items, stories, headers) before it was stored';
