-- A separate statement: its snapshot sees the stories as the merges that queued them left them.
WITH dropped AS (
    DELETE FROM story_search_document d
    USING search_refresh_stage q, story s
    WHERE d.story_id = q.story_id AND s.story_id = q.story_id AND s.killed
    RETURNING d.story_id
), indexed AS (
    INSERT INTO story_search_document AS d (story_id, document, indexed_hash, published_at)
    SELECT s.story_id, story_search_vector(s.language, s.headline, s.deck, s.body),
           s.content_hash, coalesce(s.published_at, s.first_seen_at)
    FROM search_refresh_stage q
    JOIN story s ON s.story_id = q.story_id
    LEFT JOIN story_search_document old ON old.story_id = s.story_id
    WHERE NOT s.killed AND old.indexed_hash IS DISTINCT FROM s.content_hash
    ON CONFLICT (story_id) DO UPDATE SET
        document = EXCLUDED.document,
        indexed_hash = EXCLUDED.indexed_hash,
        published_at = EXCLUDED.published_at
    RETURNING d.story_id
)
SELECT (SELECT count(*) FROM indexed), (SELECT count(*) FROM dropped)
