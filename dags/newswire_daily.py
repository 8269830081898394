"""
### newswire_daily

**Purpose.** Ingest one day of wire stories from every configured source:
fetch feeds and article pages, store the raw bytes, clean and normalise them,
merge the stories into the PostgreSQL warehouse (``DATABASE_URL``).

**Schedule.** Daily; each run covers one whole calendar day in the configured
timezone (``timezone`` in the sources config), and runs after that day ends.

**Owner.** newsroom data engineering.

**Idempotent?** Yes. A rerun of a day (or of one source's task) yields the
same stories: identities are unique, unchanged content adds nothing, raw
documents and quarantine rows are keyed on their input.

**Triage.** A failed ``ingest`` task after its retries means a feed or page
could not be fetched (network, 5xx) or the warehouse was unreachable: read
the task log and ``newswire.ingest_run.error``, then clear the task. Bad input
never fails a task: look in ``newswire.quarantine`` for the stage and reason.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import dag, task
from airflow.timetables.interval import CronDataIntervalTimetable

from etl.sources import load_config

TIMEZONE = load_config().timezone  # a local TOML read: no network, no database


@dag(
    dag_id="newswire_daily",
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone=TIMEZONE),
    start_date=pendulum.datetime(2026, 11, 1, tz=TIMEZONE),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["newswire", "ingestion"],
    default_args={
        "owner": "newsroom-data",
        "retries": 2,
        "retry_delay": timedelta(minutes=5),
    },
)
def newswire_daily() -> None:
    @task
    def migrate() -> list[str]:
        from etl.pipeline import migrate_database

        return migrate_database()

    @task
    def sources() -> list[str]:
        from etl.pipeline import list_source_names

        return list_source_names()

    @task(max_active_tis_per_dagrun=4)
    def ingest(source_name: str, data_interval_start: pendulum.DateTime | None = None) -> dict:
        from etl.pipeline import ingest_source
        from etl.window import window_from_interval

        assert data_interval_start is not None, "needs a data interval"
        day = window_from_interval(data_interval_start, TIMEZONE).day
        return ingest_source(source_name, day)

    @task
    def summarize(results: list[dict]) -> str:
        from etl.pipeline import summarize_results

        return summarize_results(results)

    names = sources()
    migrate() >> names
    summarize(ingest.expand(source_name=names))


newswire_daily()
