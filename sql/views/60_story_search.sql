-- story_search: which stories mention these words?
-- `document` is the headline (weight A), deck (B) and body (C) as a tsvector
-- in the story's own language (text_search_config), kept in
-- story_search_document and served by its GIN index story_search_idx. It is
-- refreshed at the end of every ingest or reprocess run (not by the merge
-- itself: etl/load/search_index.py). `published_at` is the document's own
-- copy (migration 008), so "latest matches first" goes through the GIN index.
-- Query it with the same language:
--   WHERE document @@ websearch_to_tsquery('english', 'ceasefire talks')
DROP VIEW IF EXISTS newswire.story_search CASCADE;

CREATE VIEW newswire.story_search AS
SELECT
    s.story_id,
    s.agency,
    s.headline,
    s.language,
    d.published_at,
    newswire.text_search_config(s.language) AS search_config,
    d.document
FROM newswire.story_search_document AS d
JOIN newswire.story AS s ON s.story_id = d.story_id
WHERE NOT s.killed
  AND (s.embargo_until IS NULL OR s.embargo_until <= now());  -- embargoed: not yet

COMMENT ON VIEW newswire.story_search IS
    'Which stories mention these words? (document @@ websearch_to_tsquery(config, words); no killed stories)';
GRANT SELECT ON newswire.story_search TO newswire_reader;
