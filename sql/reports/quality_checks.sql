-- Data-quality checks of a range of days: the latest result of each check, failures first.
--   psql "$DATABASE_URL" -v from_day=2026-11-19 -v to_day=2026-11-19 -f sql/reports/quality_checks.sql
SELECT
    day,
    check_name,
    CASE WHEN passed THEN 'passed' ELSE 'FAILED' END AS result,
    details,
    checked_at
FROM newswire.quality_checks
WHERE day BETWEEN :'from_day'::date AND :'to_day'::date
ORDER BY day, passed, check_name;
