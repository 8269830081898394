-- Items taken by this run (loaded or quarantined) leave the backlog.
DELETE FROM feed_backlog
WHERE feed_id = %(feed_id)s AND item_digest = ANY(%(digests)s)
