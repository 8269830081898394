-- feed_freshness: is every feed delivering within its cadence?
-- A feed is fresh when its last new story (else its last successful fetch)
-- is within twice its expected interval (what the feed declares, RSS ttl or
-- sy:updatePeriod; default_cadence_hours when it declares none), as the
-- feed_freshness view's "overdue" says. Checked as of now, not of the day.
-- One row: (passed, numbers), for Airflow's SQLCheckOperator.
WITH judged AS (
    SELECT source, url,
           coalesce(last_new_story_at, last_success_at) AS last_delivery,
           coalesce(expected_interval,
                    make_interval(hours => {{ params.default_cadence_hours }}::integer)) AS cadence
    FROM newswire.feed
),
flagged AS (
    SELECT *, last_delivery IS NOT NULL AND last_delivery >= now() - 2 * cadence AS fresh
    FROM judged
)
SELECT
    coalesce(bool_and(fresh), true) AS feeds_fresh,
    CASE WHEN coalesce(bool_and(fresh), true)
        THEN format('%s feeds, all fresh', count(*))
        ELSE format('%s of %s feeds stale: ', count(*) FILTER (WHERE NOT fresh), count(*))
             || string_agg(
                    format('%s %s (last delivery %s, cadence %s)', source, url,
                           coalesce(to_char(last_delivery AT TIME ZONE 'UTC',
                                            'YYYY-MM-DD HH24:MI "UTC"'), 'never'),
                           cadence),
                    '; ' ORDER BY source, url) FILTER (WHERE NOT fresh)
    END AS numbers
FROM flagged;
