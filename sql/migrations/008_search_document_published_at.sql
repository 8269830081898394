-- 008: the search document carries its story's publication time.
-- "Latest stories matching X" (ORDER BY published_at DESC LIMIT n) through
-- the story_search view joined story's time index: at 1M stories the planner
-- walked that index backwards, testing every document, 1.4 s for a query that
-- matched nothing. With the time on the document itself the only way in is
-- the GIN index, then a top-n sort of the matches.

SET search_path TO newswire, public;

ALTER TABLE story_search_document ADD COLUMN published_at timestamptz;

UPDATE story_search_document AS d
SET published_at = coalesce(s.published_at, s.first_seen_at)
FROM story AS s
WHERE s.story_id = d.story_id;
