-- 010: less for every merged story to pay for.
-- story_published_idx (001) is read by nothing: every report, view and the
-- clustering window go by coalesce(published_at, first_seen_at), which
-- story_live_published_idx (005) serves. Each story paid one index entry
-- for it.
-- The two work queues keep no foreign key to story: a queue row is a note
-- that a story needs work, written by the merge in the same statement that
-- writes the story, and its worker joins story to do the work (a note whose
-- story is gone, which nothing here makes, is just never matched). The key
-- checks were a lock on the story row each, twice per merged story.

SET search_path TO newswire, public;

DROP INDEX story_published_idx;

ALTER TABLE story_sketch_pending DROP CONSTRAINT story_sketch_pending_story_id_fkey;
ALTER TABLE story_search_pending DROP CONSTRAINT story_search_pending_story_id_fkey;
