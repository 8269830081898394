-- Inputs that went through after all (a page fetched and loaded, a feed
-- read): their open quarantine rows are resolved, kept for the record.
UPDATE quarantine SET resolved_at = now()
WHERE resolved_at IS NULL
  AND source = %(source)s
  AND newswire.key_digest(url) = ANY(%(digests)s)
RETURNING quarantine_id
