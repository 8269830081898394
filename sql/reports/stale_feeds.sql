-- Which feeds need a look: failing now, or no success / no new story for :'stale_hours' hours?
--   psql "$DATABASE_URL" -v stale_hours=24 -f sql/reports/stale_feeds.sql
SELECT
    source,
    url,
    consecutive_failures,
    since_last_success > make_interval(hours => :'stale_hours'::integer)
        OR last_success_at IS NULL AS no_recent_success,
    since_last_new_story > make_interval(hours => :'stale_hours'::integer)
        OR last_new_story_at IS NULL AS no_recent_story
FROM newswire.feed_freshness
WHERE consecutive_failures > 0
   OR last_success_at IS NULL
   OR since_last_success > make_interval(hours => :'stale_hours'::integer)
   OR last_new_story_at IS NULL
   OR since_last_new_story > make_interval(hours => :'stale_hours'::integer)
ORDER BY consecutive_failures DESC, source, url;
