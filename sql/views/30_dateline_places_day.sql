-- dateline_places_day: where was the news datelined, per day and agency?
-- One row per day, agency and dateline place; place_rank 1 is the place
-- with the most stories that day for that agency (ties share a rank).
DROP VIEW IF EXISTS newswire.dateline_places_day CASCADE;

CREATE VIEW newswire.dateline_places_day AS
SELECT
    day,
    agency,
    dateline_place AS place,
    count(*) AS stories,
    rank() OVER (PARTITION BY day, agency ORDER BY count(*) DESC) AS place_rank
FROM newswire.story_live
WHERE dateline_place IS NOT NULL
GROUP BY day, agency, dateline_place;

COMMENT ON VIEW newswire.dateline_places_day IS
    'Where was the news datelined, per day and agency? (place_rank 1 = most stories)';
GRANT SELECT ON newswire.dateline_places_day TO newswire_reader;
