-- killed_stories: which stories did the agencies kill or withdraw, and when?
-- The one view that shows them: every other view leaves them out.
DROP VIEW IF EXISTS newswire.killed_stories CASCADE;

CREATE VIEW newswire.killed_stories AS
SELECT
    story_id,
    agency,
    headline,
    status,
    killed_at,
    published_at,
    current_version,
    url,
    guid
FROM newswire.story
WHERE killed;

COMMENT ON VIEW newswire.killed_stories IS
    'Which stories did the agencies kill or withdraw, and when? (left out of every other view)';
GRANT SELECT ON newswire.killed_stories TO newswire_reader;
