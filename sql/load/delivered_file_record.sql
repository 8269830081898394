-- Record a delivered file's progress; a file never goes back from done to landed.
INSERT INTO delivered_file AS d (source, content_hash, location, raw_id, state, done_at)
VALUES (%(source)s, %(content_hash)s, %(location)s, %(raw_id)s, %(state)s,
        CASE WHEN %(state)s <> 'landed' THEN now() END)
ON CONFLICT (source, content_hash) DO UPDATE SET
    location = EXCLUDED.location,
    raw_id = coalesce(EXCLUDED.raw_id, d.raw_id),
    state = CASE WHEN d.state <> 'landed' AND EXCLUDED.state = 'landed' THEN d.state
                 ELSE EXCLUDED.state END,
    done_at = coalesce(d.done_at, EXCLUDED.done_at)
