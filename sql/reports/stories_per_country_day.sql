-- How many stories were datelined in each country each day from :'from_day' to :'to_day'?
-- Countries are the dateline places on the map (GeoNames country codes,
-- migration 014); stories whose place is not on the map count under '-'.
-- Reads the days' stories through story_live_published_idx, as the view
-- stories_per_country_day answers the same question for every day.
--   psql "$DATABASE_URL" -v from_day=2026-11-19 -v to_day=2026-11-20 \
--        -f sql/reports/stories_per_country_day.sql
SELECT
    l.day,
    coalesce(l.place_country, '-') AS country,
    count(*) AS stories,
    count(DISTINCT l.agency) AS agencies,
    count(DISTINCT l.place_geonames_id) AS places
FROM newswire.report_config AS c
JOIN newswire.story_live AS l
    ON l.published_at >= (:'from_day'::date)::timestamp AT TIME ZONE c.timezone
   AND l.published_at < (:'to_day'::date + 1)::timestamp AT TIME ZONE c.timezone
GROUP BY l.day, l.place_country
ORDER BY l.day, stories DESC, country;
