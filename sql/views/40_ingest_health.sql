-- ingest_health: how did each ingest run of each source go?
-- One row per run: its counts, whether it failed, how long it took, and the
-- lag from publication to ingestion of the stories it saw first (median and
-- worst), so a slow or stuck source shows before anyone asks. A story is
-- credited to the run that landed its first version: an abandoned run (it
-- stopped without closing) keeps what it had committed, and the run after it
-- finds those stories unchanged. A run still running is credited nothing yet.
DROP VIEW IF EXISTS newswire.ingest_health CASCADE;

CREATE VIEW newswire.ingest_health AS
SELECT
    r.run_id,
    r.source,
    f.agency,
    (r.window_start AT TIME ZONE c.timezone)::date AS day,
    r.window_start,
    r.window_end,
    r.status,
    r.status = 'failed' AS failed,
    r.error,
    r.feeds_read,
    r.fetched,
    r.new,
    r.updated,
    r.unchanged,
    r.quarantined,
    r.deferred,
    r.skipped,
    r.nul_removed,
    r.notes,
    r.started_at,
    r.finished_at,
    r.finished_at - r.started_at AS duration,
    first_seen.stories AS stories_first_seen,
    first_seen.median_lag,
    first_seen.max_lag
FROM newswire.ingest_run AS r
CROSS JOIN newswire.report_config AS c
LEFT JOIN LATERAL (
    SELECT feed.agency FROM newswire.feed WHERE feed.source = r.source LIMIT 1
) AS f ON true
LEFT JOIN LATERAL (
    SELECT
        count(*) AS stories,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY v.seen_at - s.published_at) AS median_lag,
        max(v.seen_at - s.published_at) AS max_lag
    FROM newswire.raw_document AS d
    JOIN newswire.story_version AS v ON v.raw_id = d.raw_id AND v.version = 1
    JOIN newswire.story AS s ON s.story_id = v.story_id
    WHERE d.run_id = r.run_id AND s.published_at IS NOT NULL
      AND r.status IN ('success', 'failed', 'abandoned')
) AS first_seen ON true;

COMMENT ON VIEW newswire.ingest_health IS
    'How did each ingest run of each source go? (counts, failed, duration, publication-to-ingestion lag)';
GRANT SELECT ON newswire.ingest_health TO newswire_reader;
