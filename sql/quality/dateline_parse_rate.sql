-- dateline_parse_rate: for each agency, what share of the day's stories had a dateline parsed?
-- Fails when an agency's share is below dateline_floor: a new page layout or
-- dateline form the parser does not know yet shows up here first.
-- One row: (passed, numbers), for Airflow's SQLCheckOperator.
WITH checked AS (
    SELECT '{{ ti.xcom_pull(task_ids="check_day") }}'::date AS day,
           {{ params.dateline_floor }}::numeric AS floor
),
per_agency AS (
    SELECT s.agency,
           count(*) AS stories,
           count(*) FILTER (WHERE s.dateline_raw IS NOT NULL) AS parsed,
           c.floor
    FROM newswire.story_live AS s
    JOIN checked AS c ON s.day = c.day
    GROUP BY s.agency, c.floor
)
SELECT
    coalesce(bool_and(parsed >= floor * stories), true) AS dateline_rate_ok,
    coalesce(
        string_agg(
            format('%s: %s of %s datelines parsed (%s%%, floor %s%%)%s', agency, parsed, stories,
                   round(100.0 * parsed / stories), round(100 * floor),
                   CASE WHEN parsed >= floor * stories THEN '' ELSE ' (LOW)' END),
            '; ' ORDER BY parsed >= floor * stories, agency),
        'no stories on the day'
    ) AS numbers
FROM per_agency;
