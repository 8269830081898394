-- Which news items did two or more agencies carry, first published :'from_day' to :'to_day'?
--   psql "$DATABASE_URL" -v from_day=2026-11-19 -v to_day=2026-11-20 \
--        -f sql/reports/cross_agency_news.sql
SELECT
    (k.first_published_at AT TIME ZONE c.timezone)::date AS day,
    k.first_headline,
    k.agencies,
    k.stories
FROM newswire.story_clusters AS k
CROSS JOIN newswire.report_config AS c
WHERE cardinality(k.agencies) >= 2
  AND (k.first_published_at AT TIME ZONE c.timezone)::date
      BETWEEN :'from_day'::date AND :'to_day'::date
ORDER BY k.first_published_at, k.cluster_id;
