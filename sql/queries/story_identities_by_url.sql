-- The identity each already-loaded story of an agency has, by the URL it was
-- fetched from (story_url_hash_idx): an archive item found again keeps it.
SELECT url, identity_key
FROM story
WHERE agency = %(agency)s AND url = ANY(%(urls)s)
