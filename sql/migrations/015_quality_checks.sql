-- 015: data-quality check results (the newswire_quality DAG, etl/quality).
-- One row per check per run: which day it looked at, whether it passed and
-- the numbers it saw, so a failed check can be read without the task log.
CREATE TABLE newswire.quality_check_result (
    result_id   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    check_name  text        NOT NULL,
    day         date        NOT NULL,        -- the day checked, in the sources' timezone
    passed      boolean     NOT NULL,
    details     text        NOT NULL,        -- the numbers, e.g. 'AP: 2 stories, 7-day mean 10.0'
    checked_at  timestamptz NOT NULL DEFAULT now(),
    dag_run_id  text                          -- the Airflow run that checked, when one did
);
CREATE INDEX quality_check_result_day_idx ON newswire.quality_check_result (day, check_name, checked_at);
