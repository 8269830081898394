CREATE TEMP TABLE IF NOT EXISTS search_refresh_stage (story_id bigint) ON COMMIT DELETE ROWS;
TRUNCATE search_refresh_stage;
WITH taken AS (
    DELETE FROM story_search_pending p
    WHERE p.story_id IN (
        SELECT story_id FROM story_search_pending FOR UPDATE SKIP LOCKED
    )
    RETURNING p.story_id
)
INSERT INTO search_refresh_stage SELECT story_id FROM taken;
