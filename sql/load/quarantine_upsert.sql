-- Keep a failed input with its stage and reason: one open row per (source,
-- item, stage). Met again, the row counts one more occurrence per run (not
-- per call), takes the latest reason and raw bytes, and says when.
INSERT INTO quarantine (run_id, last_run_id, raw_id, source, url, stage, reason)
VALUES (%(run_id)s, %(run_id)s, %(raw_id)s, %(source)s, %(url)s, %(stage)s, %(reason)s)
ON CONFLICT (source, newswire.key_digest(url), stage) WHERE resolved_at IS NULL
DO UPDATE SET
    occurrences = quarantine.occurrences
        + CASE WHEN quarantine.last_run_id IS DISTINCT FROM EXCLUDED.last_run_id THEN 1 ELSE 0 END,
    last_run_id = EXCLUDED.last_run_id,
    last_seen_at = now(),
    reason = EXCLUDED.reason,
    raw_id = coalesce(EXCLUDED.raw_id, quarantine.raw_id)
