-- stories_per_country_day: how many stories were datelined in each country each day?
-- Countries are the dateline places resolved on the map (migration 014,
-- GeoNames country codes); a story whose place is unknown or ambiguous is
-- counted under country NULL, so the days' totals still add up. Days in the
-- configured timezone; killed and withdrawn stories not counted.
DROP VIEW IF EXISTS newswire.stories_per_country_day CASCADE;

CREATE VIEW newswire.stories_per_country_day AS
SELECT
    day,
    place_country AS country,
    count(*) AS stories,
    count(DISTINCT agency) AS agencies,
    count(DISTINCT place_geonames_id) AS places
FROM newswire.story_live
GROUP BY day, place_country;

COMMENT ON VIEW newswire.stories_per_country_day IS
    'How many stories were datelined in each country each day? (GeoNames country codes; NULL = no place on the map)';
GRANT SELECT ON newswire.stories_per_country_day TO newswire_reader;
