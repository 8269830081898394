-- How did ingestion go per day and source from :'from_day' to :'to_day'?
-- Every run counts (reruns too); lag is the worst publication-to-ingestion
-- delay of a story first seen that day.
--   psql "$DATABASE_URL" -v from_day=2026-11-19 -v to_day=2026-11-20 \
--        -f sql/reports/ingest_health_daily.sql
SELECT
    day,
    source,
    count(*) AS runs,
    count(*) FILTER (WHERE failed) AS failed_runs,
    sum(fetched) AS fetched,
    sum(new) AS new,
    sum(updated) AS updated,
    sum(unchanged) AS unchanged,
    sum(quarantined) AS quarantined,
    sum(duration) AS duration,
    max(max_lag) AS max_lag
FROM newswire.ingest_health
WHERE day BETWEEN :'from_day'::date AND :'to_day'::date
GROUP BY day, source
ORDER BY day, source;
