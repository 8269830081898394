-- Which subjects had the most stories from :'from_day' to :'to_day', across agencies?
-- Subject codes (IPTC medtop/subj, agencies' own) and keywords alike; the top 20.
--   psql "$DATABASE_URL" -v from_day=2026-11-19 -v to_day=2026-11-20 \
--        -f sql/reports/stories_per_subject.sql
SELECT
    scheme,
    subject,
    min(subject_name) AS subject_name,
    sum(stories) AS stories,
    count(DISTINCT agency) AS agencies
FROM newswire.stories_per_subject_day
WHERE day BETWEEN :'from_day'::date AND :'to_day'::date
GROUP BY scheme, subject
ORDER BY stories DESC, scheme, subject
LIMIT 20;
