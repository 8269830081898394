-- How many stories did each agency publish each day from :'from_day' to :'to_day'?
-- Days in the configured timezone (report_config); killed stories not counted.
--   psql "$DATABASE_URL" -v from_day=2026-11-19 -v to_day=2026-11-20 \
--        -f sql/reports/stories_per_agency_day.sql
SELECT
    l.day,
    l.agency,
    count(*) AS stories
FROM newswire.report_config AS c
JOIN newswire.story_live AS l
    ON l.published_at >= (:'from_day'::date)::timestamp AT TIME ZONE c.timezone
   AND l.published_at < (:'to_day'::date + 1)::timestamp AT TIME ZONE c.timezone
GROUP BY l.day, l.agency
ORDER BY l.day, l.agency;
