-- Which of these item URLs a source already has a page for (asked for or
-- landed at): they are not new, so the page cap takes unseen items first.
SELECT DISTINCT d.request_digest FROM raw_document d
WHERE d.request_digest = ANY(%(digests)s) AND d.kind = 'page' AND d.source = %(source)s
  AND d.http_status BETWEEN 200 AND 299
