-- The latest successful copy of each page whose feed item falls in the window
-- (by published time, else updated time, else when it was fetched).
SELECT DISTINCT ON (url) raw_id, url, headers ->> 'content-type', fetched_at, feed_entry,
       content_gzip
FROM raw_document
WHERE kind = 'page' AND source = %(source)s AND http_status BETWEEN 200 AND 299
  AND coalesce((feed_entry ->> 'published_at')::timestamptz,
               (feed_entry ->> 'updated_at')::timestamptz,
               fetched_at) >= %(start)s
  AND coalesce((feed_entry ->> 'published_at')::timestamptz,
               (feed_entry ->> 'updated_at')::timestamptz,
               fetched_at) < %(end)s
ORDER BY url, fetched_at DESC, raw_id DESC
