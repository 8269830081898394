-- An updated story's subjects are replaced, like its media (delete_media.sql).
DELETE FROM story_subject WHERE story_id = ANY(%(updated)s)
