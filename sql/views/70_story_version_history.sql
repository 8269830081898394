-- story_version_history: how has a story changed since it was first seen?
-- One row per version (1 = first seen), oldest first, with its status
-- (updated, corrected ...) and whether it is the current text. Killed
-- stories are left out here too: see killed_stories.
DROP VIEW IF EXISTS newswire.story_version_history CASCADE;

CREATE VIEW newswire.story_version_history AS
SELECT
    v.story_id,
    s.agency,
    s.identity_key,
    v.version,
    v.seen_at,
    v.status,
    v.headline,
    v.deck,
    v.body,
    v.content_hash,
    v.version = s.current_version AS is_current
FROM newswire.story_version AS v
JOIN newswire.story AS s ON s.story_id = v.story_id
WHERE NOT s.killed
  AND (s.embargo_until IS NULL OR s.embargo_until <= now());  -- embargoed: not yet

COMMENT ON VIEW newswire.story_version_history IS
    'How has a story changed since it was first seen? (one row per version; no killed stories)';
GRANT SELECT ON newswire.story_version_history TO newswire_reader;
