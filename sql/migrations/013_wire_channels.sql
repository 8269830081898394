-- 013: agencies' own deliveries (NITF, NewsML, ninjs ... through drop folders,
-- content APIs and file listings).
-- * What a wire item says about itself, on story (as it stands now) and on
--   story_version (as each version said it): the agency's id and version,
--   first-created and version-created times, publication status, urgency,
--   embargo, signals (correction, update) and edit notes, and the format.
--   A higher agency version or a correction makes a new version; an older
--   version delivered late changes nothing; an embargoed story stays out of
--   the reporting views until its embargo passes (sql/views/10_story_live.sql).
-- * delivered_file: every file a drop folder or listing delivered, by its
--   bytes, so a file is read once whatever its name, and a crash between
--   landing it raw and loading its stories reads it again.
-- * api_cursor: where each content API source stopped (the next page to ask
--   for), so each run continues from there.

SET search_path TO newswire, public;

ALTER TABLE story
    ADD COLUMN agency_id text,                 -- NewsML guid, NITF doc-id, ninjs uri
    ADD COLUMN agency_version integer,         -- NewsML version / RevisionId, ninjs version
    ADD COLUMN first_created timestamptz,
    ADD COLUMN version_created timestamptz,
    ADD COLUMN pub_status text CHECK (pub_status IN ('usable', 'withdrawn', 'canceled')),
    ADD COLUMN urgency smallint CHECK (urgency BETWEEN 0 AND 9),
    ADD COLUMN embargo_until timestamptz,
    ADD COLUMN signals text[],                 -- 'sig:correction', 'sig:update'
    ADD COLUMN edit_notes text[],              -- ed-msg, correction notes
    ADD COLUMN wire_format text;               -- 'nitf', 'newsml-g2', 'ninjs', ...

-- On the partitioned parent: every month's partition takes the columns.
ALTER TABLE story_version
    ADD COLUMN agency_id text,
    ADD COLUMN agency_version integer,
    ADD COLUMN first_created timestamptz,
    ADD COLUMN version_created timestamptz,
    ADD COLUMN pub_status text CHECK (pub_status IN ('usable', 'withdrawn', 'canceled')),
    ADD COLUMN urgency smallint CHECK (urgency BETWEEN 0 AND 9),
    ADD COLUMN embargo_until timestamptz,
    ADD COLUMN signals text[],
    ADD COLUMN edit_notes text[],
    ADD COLUMN wire_format text;

-- One story delivered both as a page and as a wire file: the merge finds the
-- story a row belongs to by the agency's id or the story's URL as well as by
-- its identity key. Hash indexes: keys of any length, equality only (the URL's
-- is migration 016's).
CREATE INDEX story_agency_id_idx ON story USING hash (agency_id) WHERE agency_id IS NOT NULL;
CREATE INDEX story_guid_idx ON story USING hash (guid) WHERE guid IS NOT NULL;
-- Whether an agency has wire stories at all: page rows of the others skip the lookup.
CREATE INDEX story_wire_agency_idx ON story (agency) WHERE agency_id IS NOT NULL;

-- Embargoed stories are few: the views find them through this.
CREATE INDEX story_embargo_idx ON story (embargo_until) WHERE embargo_until IS NOT NULL;

CREATE TABLE delivered_file (
    source        text        NOT NULL,
    content_hash  text        NOT NULL,   -- sha256 of the file's bytes
    location      text        NOT NULL,   -- file:// path or URL it was last delivered at
    raw_id        bigint REFERENCES raw_document (raw_id),
    state         text        NOT NULL CHECK (state IN ('landed', 'processed', 'quarantined')),
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    done_at       timestamptz,
    PRIMARY KEY (source, content_hash)
);
CREATE INDEX delivered_file_location_idx ON delivered_file USING hash (location);

CREATE TABLE api_cursor (
    source      text        PRIMARY KEY,
    next_page   text        NOT NULL,     -- the URL to ask next (never holds an API key)
    pages_read  bigint      NOT NULL DEFAULT 0,
    updated_at  timestamptz NOT NULL
);
