-- stories_per_agency_day: how many stories did each agency publish each day?
-- Days in the configured timezone; killed and withdrawn stories not counted.
DROP VIEW IF EXISTS newswire.stories_per_agency_day CASCADE;

CREATE VIEW newswire.stories_per_agency_day AS
SELECT
    day,
    agency,
    count(*) AS stories
FROM newswire.story_live
GROUP BY day, agency;

COMMENT ON VIEW newswire.stories_per_agency_day IS
    'How many stories did each agency publish each day? (configured timezone; no killed stories)';
GRANT SELECT ON newswire.stories_per_agency_day TO newswire_reader;
