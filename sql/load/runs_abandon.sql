-- A run whose process or connection is gone: closed as abandoned, keeping
-- the counts it had committed with each feed (what it had loaded).
UPDATE ingest_run SET
    status = 'abandoned',
    finished_at = now(),
    error = 'abandoned: the run stopped without closing (process killed or connection lost); '
            || 'found by run ' || %(by_run)s || '; its counts are what it had committed'
WHERE run_id = %(run_id)s AND status = 'running'
