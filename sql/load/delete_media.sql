-- An updated story's media are replaced (its subjects too: delete_subjects.sql):
-- first its old ones go; a new story's went in with merge_stories.sql. Never
-- in the statement that inserts them, so one key is never deleted and
-- inserted at once.
DELETE FROM story_media WHERE story_id = ANY(%(updated)s)
