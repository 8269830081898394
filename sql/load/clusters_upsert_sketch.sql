INSERT INTO story_sketch AS k (
    story_id, cluster_id, content_hash, sketch_version, signature, band_keys
)
SELECT story_id, coalesce(cluster_id, story_id), content_hash, %(version)s, signature, band_keys
FROM sketch_stage
ON CONFLICT (story_id) DO UPDATE SET
    content_hash = EXCLUDED.content_hash,
    sketch_version = EXCLUDED.sketch_version,
    signature = EXCLUDED.signature,
    band_keys = EXCLUDED.band_keys,
    sketched_at = now()
