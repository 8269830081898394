-- A feed's deferred items, oldest first, in their feed order.
SELECT item_url, entry FROM feed_backlog
WHERE feed_id = %(feed_id)s
ORDER BY deferred_at, position
