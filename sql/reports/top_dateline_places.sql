-- Which three places did each agency dateline most each day from :'from_day' to :'to_day'?
-- Ties share a rank. Reads the days' stories through story_live_published_idx.
--   psql "$DATABASE_URL" -v from_day=2026-11-19 -v to_day=2026-11-20 \
--        -f sql/reports/top_dateline_places.sql
SELECT
    day,
    agency,
    place,
    stories,
    place_rank
FROM (
    SELECT
        l.day,
        l.agency,
        l.dateline_place AS place,
        count(*) AS stories,
        rank() OVER (PARTITION BY l.day, l.agency ORDER BY count(*) DESC) AS place_rank
    FROM newswire.report_config AS c
    JOIN newswire.story_live AS l
        ON l.published_at >= (:'from_day'::date)::timestamp AT TIME ZONE c.timezone
       AND l.published_at < (:'to_day'::date + 1)::timestamp AT TIME ZONE c.timezone
    WHERE l.dateline_place IS NOT NULL
    GROUP BY l.day, l.agency, l.dateline_place
) AS ranked
WHERE place_rank <= 3
ORDER BY day, agency, place_rank, place;
