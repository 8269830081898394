-- story_live: which stories may be reported, as they read now?
-- One row per story, current version, killed and withdrawn stories left out,
-- and so are stories under an agency embargo that has not passed yet.
-- published_at falls back to when the story was first seen when the agency
-- gave no time; day is its date in the configured timezone; cluster_id
-- groups near-duplicates (NULL until the story is sketched).
DROP VIEW IF EXISTS newswire.story_live CASCADE;

CREATE VIEW newswire.story_live AS
SELECT
    s.story_id,
    s.agency,
    s.headline,
    s.deck,
    s.body,
    s.byline,
    s.dateline_raw,
    s.dateline_place,
    s.dateline_region,
    s.place_name,
    s.place_region,
    s.place_country,
    s.place_geonames_id,
    s.place_latitude,
    s.place_longitude,
    s.language,
    coalesce(s.published_at, s.first_seen_at) AS published_at,
    (coalesce(s.published_at, s.first_seen_at) AT TIME ZONE c.timezone)::date AS day,
    s.status,
    s.current_version,
    k.cluster_id,
    s.first_seen_at,
    s.last_changed_at,
    s.url,
    s.guid
FROM newswire.story AS s
CROSS JOIN newswire.report_config AS c
LEFT JOIN newswire.story_sketch AS k ON k.story_id = s.story_id
WHERE NOT s.killed
  AND (s.embargo_until IS NULL OR s.embargo_until <= now());

COMMENT ON VIEW newswire.story_live IS
    'Which stories may be reported, as they read now? (current version; killed, withdrawn and embargoed left out)';
GRANT SELECT ON newswire.story_live TO newswire_reader;
