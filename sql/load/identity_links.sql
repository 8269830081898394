-- Which stored story each row of a batch is, when it is not found under its
-- own identity key: one story delivered both as a page and as a wire file
-- carries the same agency id (a feed guid, a NewsML guid, a ninjs uri) or
-- the same URL under different keys. Rows are numbered (ord); a row whose
-- own key is stored is left alone, else the oldest story matching by agency
-- id, then by URL, lends its key.
SELECT c.ord, found.identity_key
FROM unnest(%(agencies)s::text[], %(keys)s::text[], %(ids)s::text[], %(urls)s::text[],
            %(canonical_urls)s::text[])
     WITH ORDINALITY AS c(agency, key, agency_id, url, canonical_url, ord)
CROSS JOIN LATERAL (
    SELECT m.identity_key FROM (
        SELECT s.identity_key, s.story_id, 1 AS rank FROM story s
        WHERE s.agency = c.agency AND s.agency_id = c.agency_id
        UNION ALL
        SELECT s.identity_key, s.story_id, 2 FROM story s
        WHERE s.agency = c.agency AND s.guid = c.agency_id
        UNION ALL
        SELECT s.identity_key, s.story_id, 3 FROM story s
        WHERE s.agency = c.agency AND s.url IN (c.url, c.canonical_url)
        UNION ALL
        SELECT s.identity_key, s.story_id, 4 FROM story s
        WHERE s.agency = c.agency
          AND s.identity_digest IN (key_digest(c.agency_id), key_digest(c.canonical_url))
    ) AS m
    ORDER BY m.rank, m.story_id
    LIMIT 1
) AS found
WHERE found.identity_key <> c.key
  AND NOT EXISTS (SELECT 1 FROM story own
                  WHERE own.agency = c.agency AND own.identity_digest = key_digest(c.key))
