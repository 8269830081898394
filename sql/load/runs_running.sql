-- A source's runs still marked running: each is alive only while its
-- connection holds the run's advisory lock (runs_abandon.sql checks).
SELECT run_id FROM ingest_run
WHERE source = %(source)s AND status = 'running'
ORDER BY run_id
