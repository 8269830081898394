-- feed_freshness: is every feed still delivering?
-- One row per feed: its last successful fetch, the last time it brought a
-- new story, how many fetches in a row have failed, and how long ago each was.
-- expected_interval is how often the feed says it changes (RSS ttl,
-- sy:updatePeriod); overdue is true when it has brought no new story for
-- twice that long (NULL when the feed declares no cadence).
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
    now() - last_new_story_at AS since_last_new_story,
    expected_interval,
    now() - coalesce(last_new_story_at, last_success_at) > 2 * expected_interval AS overdue
FROM newswire.feed;

COMMENT ON VIEW newswire.feed_freshness IS
    'Is every feed still delivering? (last success, last new story, consecutive failures)';
GRANT SELECT ON newswire.feed_freshness TO newswire_reader;
