-- runs_left_running: is any ingest run still marked running with nobody running it?
-- A run holds its source's advisory lock while it works (etl/load/source_lock.py);
-- a 'running' row whose source lock nobody holds was left by a killed worker.
-- One row: (passed, numbers), for Airflow's SQLCheckOperator.
WITH left_running AS (
    SELECT r.run_id, r.source, r.started_at
    FROM newswire.ingest_run AS r
    WHERE r.status = 'running'
      AND NOT EXISTS (
          SELECT 1 FROM pg_locks AS l
          WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
            AND l.classid = hashtext('newswire.ingest_source')::oid
            AND l.objid = hashtext(r.source)::oid
      )
)
SELECT
    count(*) = 0 AS none_left_running,
    CASE WHEN count(*) = 0 THEN 'no run left running'
        ELSE format('%s run(s) left running: ', count(*))
             || string_agg(format('run %s of %s, started %s', run_id, source,
                                  to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')),
                           '; ' ORDER BY run_id)
    END AS numbers
FROM left_running;
