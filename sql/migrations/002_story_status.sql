-- 002: kill, withdrawal, correction and update notices.
-- `status` is what the agency last said about the story (see
-- etl/transform/story_status.py); `killed` is sticky: once an agency kills or
-- withdraws a story, the story and every version of it stay out of the
-- reporting views, whatever is fetched later.

SET search_path TO newswire, public;

ALTER TABLE story
    ADD COLUMN status text NOT NULL DEFAULT 'usable'
        CONSTRAINT story_status_check
        CHECK (status IN ('usable', 'updated', 'corrected', 'withdrawn', 'killed')),
    ADD COLUMN killed boolean NOT NULL DEFAULT false,
    ADD COLUMN killed_at timestamptz;  -- when the kill or withdrawal was first seen

ALTER TABLE story_version
    ADD COLUMN status text NOT NULL DEFAULT 'usable'
        CONSTRAINT story_version_status_check
        CHECK (status IN ('usable', 'updated', 'corrected', 'withdrawn', 'killed')),
    ADD COLUMN killed boolean NOT NULL DEFAULT false;

-- Killed stories are few: this finds them for the killed_stories view.
CREATE INDEX story_killed_idx ON story (killed_at) WHERE killed;
