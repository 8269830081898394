-- story_clusters: which stories are the same news, across agencies?
-- One row per cluster of two or more live stories whose bodies are near
-- duplicates (etl/transform/near_duplicates.py: MinHash of word 3-shingles,
-- estimated Jaccard >= 0.3). The members: story_live WHERE cluster_id = ...
DROP VIEW IF EXISTS newswire.story_clusters CASCADE;

CREATE VIEW newswire.story_clusters AS
SELECT
    cluster_id,
    count(*) AS stories,
    array_agg(DISTINCT agency ORDER BY agency) AS agencies,
    min(published_at) AS first_published_at,
    max(published_at) AS last_published_at,
    (array_agg(headline ORDER BY published_at, story_id))[1] AS first_headline
FROM newswire.story_live
WHERE cluster_id IS NOT NULL
GROUP BY cluster_id
HAVING count(*) > 1;

COMMENT ON VIEW newswire.story_clusters IS
    'Which stories are the same news, across agencies? (near-duplicate clusters of 2+ live stories)';
GRANT SELECT ON newswire.story_clusters TO newswire_reader;
