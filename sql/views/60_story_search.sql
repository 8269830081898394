-- story_search: which stories mention these words?
-- `document` is the headline (weight A), deck (B) and body (C) as a tsvector
-- in the story's own language (text_search_config), served by the GIN index
-- story_search_idx. Query it with the same language:
--   WHERE document @@ websearch_to_tsquery('english', 'ceasefire talks')
DROP VIEW IF EXISTS newswire.story_search CASCADE;

CREATE VIEW newswire.story_search AS
SELECT
    s.story_id,
    s.agency,
    s.headline,
    s.language,
    coalesce(s.published_at, s.first_seen_at) AS published_at,
    newswire.text_search_config(s.language) AS search_config,
    newswire.story_search_vector(s.language, s.headline, s.deck, s.body) AS document
FROM newswire.story AS s
WHERE NOT s.killed;

COMMENT ON VIEW newswire.story_search IS
    'Which stories mention these words? (document @@ websearch_to_tsquery(config, words); no killed stories)';
GRANT SELECT ON newswire.story_search TO newswire_reader;
