-- The latest run of each source for the window: reruns replace, not add up,
-- so a clean rerun says 0 new. But when the latest run did not succeed (it
-- failed, or is still running), new and updated are summed over every run of
-- the window: a failed rerun must not hide what earlier runs loaded.
SELECT DISTINCT ON (r.source)
       r.source, coalesce(f.agency, r.source), r.status, r.feeds_read, r.fetched,
       CASE WHEN r.status = 'success' THEN r.new ELSE (sum(r.new) OVER w)::int END,
       CASE WHEN r.status = 'success' THEN r.updated ELSE (sum(r.updated) OVER w)::int END,
       r.unchanged, r.quarantined
FROM ingest_run r
LEFT JOIN LATERAL (SELECT agency FROM feed WHERE feed.source = r.source LIMIT 1) f ON true
WHERE r.window_start = %s AND r.window_end = %s
WINDOW w AS (PARTITION BY r.source)
ORDER BY r.source, r.started_at DESC, r.run_id DESC
