-- A status announced without a content change (NewsML pubStatus): the story
-- keeps its version and text, takes the status; a kill stays a kill (and
-- is queued so the refresh drops its search document).
WITH changed AS (
    UPDATE story s SET
        status = i.status,
        killed = s.killed OR i.killed,
        killed_at = coalesce(s.killed_at, CASE WHEN i.killed THEN i.seen_at END)
    FROM story_stage i
    WHERE s.agency = i.agency AND s.identity_digest = i.identity_digest
      AND s.content_hash = i.content_hash
      AND (s.status IS DISTINCT FROM i.status OR (i.killed AND NOT s.killed))
    RETURNING s.story_id, s.killed
), search_queue AS (
    INSERT INTO story_search_pending AS p (story_id)
    SELECT story_id FROM changed WHERE killed
    ON CONFLICT (story_id) DO UPDATE SET queued_at = EXCLUDED.queued_at
)
SELECT story_id, killed FROM changed
