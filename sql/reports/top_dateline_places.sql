-- Which three places did each agency dateline most each day from :'from_day' to :'to_day'?
--   psql "$DATABASE_URL" -v from_day=2026-11-19 -v to_day=2026-11-20 \
--        -f sql/reports/top_dateline_places.sql
SELECT
    day,
    agency,
    place,
    stories,
    place_rank
FROM newswire.dateline_places_day
WHERE day BETWEEN :'from_day'::date AND :'to_day'::date
  AND place_rank <= 3
ORDER BY day, agency, place_rank, place;
