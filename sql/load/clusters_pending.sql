-- A queue row keeps no key to its story (migration 010): one whose story is
-- gone comes back with no content hash and is only taken off the queue.
SELECT p.story_id, s.content_hash, s.body, k.cluster_id
FROM story_sketch_pending p
LEFT JOIN story s ON s.story_id = p.story_id
LEFT JOIN story_sketch k ON k.story_id = p.story_id
ORDER BY p.story_id
LIMIT %s
FOR UPDATE OF p
