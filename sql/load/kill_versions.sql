-- A kill marks every version of the story, not only the notice itself.
UPDATE story_version SET killed = true
WHERE story_id = ANY(%(killed)s) AND NOT killed
