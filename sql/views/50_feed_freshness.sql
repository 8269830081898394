-- feed_freshness: is every feed still delivering?
-- One row per feed: its last successful fetch, the last time it brought a
-- new story, how many fetches in a row have failed, and how long ago each was.
DROP VIEW IF EXISTS newswire.feed_freshness CASCADE;

CREATE VIEW newswire.feed_freshness AS
SELECT
    feed_id,
    source,
    agency,
    url,
    last_fetched_at,
    last_success_at,
    last_new_story_at,
    consecutive_failures,
    now() - last_success_at AS since_last_success,
    now() - last_new_story_at AS since_last_new_story
FROM newswire.feed;

COMMENT ON VIEW newswire.feed_freshness IS
    'Is every feed still delivering? (last success, last new story, consecutive failures)';
GRANT SELECT ON newswire.feed_freshness TO newswire_reader;
