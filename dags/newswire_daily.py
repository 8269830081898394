"""
### newswire_daily

**Purpose.** Ingest one day of wire stories from every configured source:
fetch feeds and article pages, store the raw bytes, clean and normalise them,
merge the stories into the PostgreSQL warehouse: the Airflow connection
``newswire_warehouse`` when it exists, else ``DATABASE_URL``.

**Which day a run loads** (``etl/run_day.py``, one rule): the ``day`` param
when given (``airflow dags trigger newswire_daily -c '{"day": "2026-11-19"}'``,
the trigger form, the REST API); else a scheduled or backfill run loads its
data interval (the run of day D has the logical date D and starts once D is
over, in the sources' timezone); else a manual run loads the last complete
day before it was triggered. A manual run's ``--logical-date`` never picks
its day: pass the param.

**Schedule.** Daily; each run covers one whole calendar day in the configured
timezone (``timezone`` in the sources config).

**Owner.** newsroom data engineering.

**Idempotent?** Yes. A rerun of a day (or of one source's task) yields the
same stories: identities are unique, unchanged content adds nothing, raw
documents and quarantine rows are keyed on their input.

**Triage.** A failed ``ingest`` task after its retries (two, ``[core]
default_task_retry_delay`` apart) means a feed or page could not be fetched
(network, 5xx) or the warehouse was unreachable: read the task log and
``newswire.ingest_run.error``. Once the cause is gone, clear the failed
``ingest`` task instance: UI, the task instance, *Clear* (its setup
``migrate`` and teardown ``summarize`` are cleared with it, so the summary is
written and the asset published again); REST API, ``clearTaskInstances``
with ``task_ids: [["ingest", MAP_INDEX]]``; CLI, for a scheduled or backfill
run, ``airflow tasks clear newswire_daily -t ingest --only-failed -s D -e D
-y`` (``-t`` is a substring in Airflow 3.3, not a regex: ``'^ingest$'``
clears nothing; ``--only-failed`` leaves ``summarize`` as it was, so trigger
``newswire_quality`` for D to check again). The run goes back to running, the
source is loaded and the run ends green. ``summarize`` runs even when a
source failed (it shows what landed); the run's state comes from the
``ingest`` tasks, never from the summary. A task failed at once, without
retries, hit a terminal error (config, a bug): its log names it; fix it, then
clear. Bad input never fails a task: look in ``newswire.quarantine`` for the
stage and reason; items left over (page cap, time budget) wait in
``newswire.feed_backlog`` for the next run.

**Publishes.** The asset ``newswire_stories`` (its extra names the day) when
the run's summary is written; the ``newswire_quality`` DAG checks that day.
"""

from __future__ import annotations

from typing import Any

import pendulum
from airflow.sdk import Param, dag, task
from airflow.timetables.interval import CronDataIntervalTimetable

from etl.assets import STORIES_LANDED
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
    params={
        "day": Param(
            None,
            type=["null", "string"],
            format="date",
            title="Day to load",
            description="YYYY-MM-DD in the sources' timezone; empty: the run's own day "
            "(scheduled and backfill runs: their interval; manual runs: the last complete day)",
        ),
    },
    default_args={
        "owner": "newsroom-data",
        "retries": 2,
        # The delay between tries is Airflow's [core] default_task_retry_delay
        # (300 s unless set): a deployment, or a test, tunes it without a DAG change.
    },
)
def newswire_daily() -> None:
    @task
    def migrate() -> list[str]:
        from etl.pipeline import migrate_database
        from etl.warehouse_connection import warehouse_url

        return migrate_database(warehouse_url())

    @task
    def sources() -> list[str]:
        from etl.pipeline import list_source_names

        return list_source_names()

    @task
    def run_day(params: dict[str, Any] | None = None, dag_run: Any = None) -> str:
        from airflow.sdk.exceptions import AirflowFailException

        from etl.run_day import day_for_run
        from etl.sources import ConfigError

        try:
            day = day_for_run(
                requested=(params or {}).get("day"),
                run_type=str(getattr(dag_run.run_type, "value", dag_run.run_type)),
                interval_start=dag_run.data_interval_start,
                run_after=dag_run.run_after,
                timezone=TIMEZONE,
            )
        except ConfigError as exc:  # a wrong param stays wrong: no retry
            raise AirflowFailException(str(exc)) from exc
        from airflow.configuration import conf

        from etl.run_day import LOGGER, cli_timezone_advice

        advice = cli_timezone_advice(
            conf.get("core", "default_timezone", fallback="utc"), TIMEZONE, dag_run.run_after
        )
        if advice:  # in every run's log: the operator reading it can fix the setting
            LOGGER.warning("%s", advice)
        return day.isoformat()

    @task(max_active_tis_per_dagrun=4)
    def ingest(source_name: str, day: str) -> dict:
        from datetime import date

        from etl.pipeline import ingest_source
        from etl.task_outcome import terminal_errors_fail_task
        from etl.warehouse_connection import warehouse_url

        with terminal_errors_fail_task(f"ingest {source_name}"):
            return ingest_source(source_name, date.fromisoformat(day), db_url=warehouse_url())

    @task(outlets=[STORIES_LANDED])
    def summarize(results: list[dict], day: str, outlet_events: Any = None) -> str:
        from etl.pipeline import summarize_results

        landed = [r for r in results if r]
        # The asset event tells newswire_quality which day to check.
        outlet_events[STORIES_LANDED].extra = {
            "day": day,
            "sources": len(landed),
            "new": sum(int(r["new"]) for r in landed),
        }
        return summarize_results(landed)

    prepared = migrate()
    names, day = sources(), run_day()
    prepared >> [names, day]
    loaded = ingest.partial(day=day).expand(source_name=names)
    # The run's teardown: it reports even when a source failed, and clearing a
    # failed ingest task clears it too, so a recovered run ends green.
    summarize(loaded, day).as_teardown(setups=prepared)


newswire_daily()
