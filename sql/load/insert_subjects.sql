-- An updated story's subjects from this batch, after delete_subjects.sql.
INSERT INTO story_subject (story_id, position, name, code, scheme)
SELECT s.story_id, t.position, t.name, t.code, t.scheme
FROM story_subject_stage t
JOIN story s USING (agency, identity_digest)
WHERE s.story_id = ANY(%(updated)s)
