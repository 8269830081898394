-- An item left for the next run; one already waiting keeps its place.
INSERT INTO feed_backlog (feed_id, item_digest, item_url, entry, reason, position, run_id)
VALUES (%(feed_id)s, newswire.key_digest(%(item_url)s), %(item_url)s, %(entry)s, %(reason)s,
        %(position)s, %(run_id)s)
ON CONFLICT (feed_id, item_digest) DO UPDATE SET reason = EXCLUDED.reason
