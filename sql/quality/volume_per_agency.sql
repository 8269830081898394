-- volume_per_agency: did any agency publish far fewer stories than usual on the day checked?
-- Each agency's stories on the day against its mean over the 7 days before
-- (days with none count as 0); fails when one falls below volume_share of it.
-- Agencies with no story in those 7 days have no baseline and are not judged.
-- One row: (passed, numbers), for Airflow's SQLCheckOperator.
WITH checked AS (
    SELECT '{{ ti.xcom_pull(task_ids="check_day") }}'::date AS day,
           {{ params.volume_share }}::numeric AS share
),
per_agency AS (
    SELECT s.agency,
           coalesce(sum(s.stories) FILTER (WHERE s.day = c.day), 0) AS stories,
           coalesce(sum(s.stories) FILTER (WHERE s.day < c.day), 0) / 7.0 AS mean7,
           c.share
    FROM newswire.stories_per_agency_day AS s
    CROSS JOIN checked AS c
    WHERE s.day BETWEEN c.day - 7 AND c.day
    GROUP BY s.agency, c.share
),
judged AS (
    SELECT agency, stories, mean7, share * mean7 AS floor, stories >= share * mean7 AS ok
    FROM per_agency
    WHERE mean7 > 0
)
SELECT
    coalesce(bool_and(ok), true) AS volume_ok,
    coalesce(
        string_agg(
            format('%s: %s stories, 7-day mean %s, floor %s%s', agency, stories,
                   round(mean7, 1), round(floor, 1), CASE WHEN ok THEN '' ELSE ' (LOW)' END),
            '; ' ORDER BY ok, agency),
        'no agency has stories in the 7 days before'
    ) AS numbers
FROM judged;
