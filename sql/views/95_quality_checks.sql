-- quality_checks: did each data-quality check pass for each day, and with what numbers?
-- One row per check and day checked: its latest result (a rerun replaces an
-- earlier one), how many times it ran and when it last failed.
DROP VIEW IF EXISTS newswire.quality_checks CASCADE;

CREATE VIEW newswire.quality_checks AS
SELECT DISTINCT ON (day, check_name)
    day,
    check_name,
    passed,
    details,
    checked_at,
    dag_run_id,
    count(*) OVER w AS runs,
    max(checked_at) FILTER (WHERE NOT passed) OVER w AS last_failed_at
FROM newswire.quality_check_result
WINDOW w AS (PARTITION BY day, check_name)
ORDER BY day, check_name, checked_at DESC, result_id DESC;

COMMENT ON VIEW newswire.quality_checks IS
    'Did each data-quality check pass for each day, and with what numbers? (latest run per check and day)';
GRANT SELECT ON newswire.quality_checks TO newswire_reader;
