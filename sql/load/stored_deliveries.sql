-- A channel source's stored payloads to read again for a window: every file
-- and API page fetched in it, and every one a story of the window was made
-- from (a drop file delivered days after its story's date counts for the
-- story's day). Oldest first: versions are read in the order they came.
SELECT d.raw_id, d.kind, d.url, d.fetched_at, d.content_gzip
FROM raw_document d
WHERE d.source = %(source)s
  AND d.kind IN ('file', 'feed')
  AND coalesce(d.http_status BETWEEN 200 AND 299, true)
  AND (
      (d.fetched_at >= %(start)s AND d.fetched_at < %(end)s)
      OR d.raw_id IN (
          SELECT v.raw_id FROM story_version v JOIN story s USING (story_id)
          WHERE s.published_at >= %(start)s AND s.published_at < %(end)s
            AND v.raw_id IS NOT NULL
      )
  )
ORDER BY d.fetched_at, d.raw_id
