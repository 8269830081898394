-- empty_bodies: how many of the day's stories have an empty body? Must be 0
-- (the cleaner quarantines what it cannot read; an empty body is a bug).
-- One value, for Airflow's SQLValueCheckOperator (pass_value 0).
SELECT count(*) AS empty_bodies
FROM newswire.story_live
WHERE day = '{{ ti.xcom_pull(task_ids="check_day") }}'::date
  AND btrim(body) = '';
