CREATE TEMP TABLE IF NOT EXISTS sketch_stage (
    story_id bigint, content_hash text, cluster_id bigint,
    signature integer[], band_keys bigint[]
) ON COMMIT DELETE ROWS
