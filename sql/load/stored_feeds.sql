-- Every successfully fetched copy of a source's feeds, newest first: an item
-- that left the latest copy is still in an older one.
SELECT raw_id, url, headers ->> 'content-type', fetched_at, content_gzip
FROM raw_document
WHERE kind = 'feed' AND source = %(source)s AND http_status BETWEEN 200 AND 299
ORDER BY fetched_at DESC, raw_id DESC
