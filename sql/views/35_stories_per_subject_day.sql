-- stories_per_subject_day: how many stories were there about each subject, per day and agency?
-- One row per day, agency and subject of a reportable story (story_live: no
-- killed, withdrawn or embargoed stories). A subject is its code within its
-- scheme when it has one ('medtop:04000000', 'subj:09000000'), else its name
-- (a keyword, a feed category), lower-cased so 'Ukraine' and 'ukraine' meet;
-- subject_name is the name the stories gave it.
DROP VIEW IF EXISTS newswire.stories_per_subject_day CASCADE;

CREATE VIEW newswire.stories_per_subject_day AS
SELECT
    l.day,
    l.agency,
    t.scheme,
    coalesce(t.code, lower(t.name)) AS subject,
    min(t.name) AS subject_name,
    count(DISTINCT l.story_id) AS stories
FROM newswire.story_live AS l
JOIN newswire.story_subject AS t ON t.story_id = l.story_id
GROUP BY l.day, l.agency, t.scheme, coalesce(t.code, lower(t.name));

COMMENT ON VIEW newswire.stories_per_subject_day IS
    'How many stories about each subject (code, else keyword), per day and agency? (no killed or embargoed stories)';
GRANT SELECT ON newswire.stories_per_subject_day TO newswire_reader;
