-- The batch's stories, each linked once to the feed that listed them.
INSERT INTO story_feed (story_id, feed_id, first_seen_at)
SELECT DISTINCT s.story_id, %(feed_id)s, now()
FROM story_stage st JOIN story s USING (agency, identity_digest)
ON CONFLICT DO NOTHING
