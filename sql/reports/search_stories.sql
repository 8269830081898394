-- Which English stories match :'words' (web-search syntax: "exact phrase", or, -not)?
-- Best matches first; headline matches weigh most. Uses the GIN index story_search_idx
-- (on story_search_document, current as of the end of the last run).
--   psql "$DATABASE_URL" -v words='ceasefire geneva' -f sql/reports/search_stories.sql
SELECT
    story_id,
    agency,
    headline,
    round(ts_rank(document, query)::numeric, 3) AS rank
FROM newswire.story_search,
     websearch_to_tsquery('english', :'words') AS query
WHERE document @@ query
ORDER BY rank DESC, published_at DESC, story_id
LIMIT 20;
