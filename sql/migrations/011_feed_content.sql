-- 011: what feeds carry besides a link.
-- * text_source on story and story_version: which text a story was made
--   from ('page', 'feed_full_text' a feed item's content:encoded or
--   yandex:full-text, 'feed_summary' only the item's headline and lead when
--   the page was out of reach, 'wire' an agency delivery format). A summary
--   story is upgraded to a new version when a later run gets its page; its
--   versions keep which text each was.
-- * story_subject: subject codes, categories and keywords of a story's
--   current version (feed categories, IPTC codes of wire formats), replaced
--   with the story like story_media.
-- * story_media.media_type: what a feed says a media item is ('image/jpeg',
--   'image', 'video'); page captions leave it empty.
-- * feed.expected_interval: how often a feed says it changes (RSS ttl,
--   sy:updatePeriod / sy:updateFrequency); feed_freshness uses it.

SET search_path TO newswire, public;

ALTER TABLE story
    ADD COLUMN text_source text NOT NULL DEFAULT 'page'
        CONSTRAINT story_text_source_check
        CHECK (text_source IN ('page', 'feed_full_text', 'feed_summary', 'wire'));

-- On the partitioned parent: every month's partition takes the column.
ALTER TABLE story_version
    ADD COLUMN text_source text NOT NULL DEFAULT 'page'
        CONSTRAINT story_version_text_source_check
        CHECK (text_source IN ('page', 'feed_full_text', 'feed_summary', 'wire'));

ALTER TABLE story_media ADD COLUMN media_type text;

CREATE TABLE story_subject (
    story_id  bigint  NOT NULL REFERENCES story (story_id),
    position  integer NOT NULL,
    name      text,                  -- 'Economy', 'Ukraine'
    code      text,                  -- 'medtop:04000000', an agency's own code
    scheme    text,                  -- 'medtop', 'subj', 'category', 'keyword', a feed's domain
    PRIMARY KEY (story_id, position),
    CHECK (name IS NOT NULL OR code IS NOT NULL)
);
-- "Which stories are about X": by code within a scheme, else by name.
CREATE INDEX story_subject_term_idx
    ON story_subject (scheme, coalesce(code, lower(name)));

ALTER TABLE feed ADD COLUMN expected_interval interval;
