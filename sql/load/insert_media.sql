-- An updated story's media from this batch, after delete_media.sql.
INSERT INTO story_media (story_id, position, caption, credit, url, media_type)
SELECT s.story_id, m.position, m.caption, m.credit, m.url, m.media_type
FROM story_media_stage m
JOIN story s USING (agency, identity_digest)
WHERE s.story_id = ANY(%(updated)s)
