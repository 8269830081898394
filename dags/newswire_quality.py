"""
### newswire_quality

**Purpose.** Data-quality checks on a day that landed, with Airflow's
common-sql check operators against the warehouse (the connection
``newswire_warehouse``, else ``DATABASE_URL``): stories per agency not below
``volume_share`` of its trailing 7-day mean, dateline parse rate per agency
not below ``dateline_floor``, no story with an empty body, every feed fresh
within its cadence, no ingest run left running. The queries are in
``sql/quality/``; every result, passed or failed, with its numbers, goes to
``newswire.quality_check_result`` (view ``newswire.quality_checks``,
``newswire report``).

**Schedule.** On the asset ``newswire_stories``: after each daily run's
stories land, for the day that run loaded. By hand:
``airflow dags trigger newswire_quality -c '{"day": "2026-11-19"}'``
(no day: the last complete day).

**Owner.** newsroom data engineering.

**Idempotent?** Yes: checks only read; each run adds one result row per
check, and the view shows the latest.

**Triage.** A failed check fails its task at once (no retries: the data will
not change by itself) and logs the query and the numbers, e.g.
``AP: 2 stories, 7-day mean 10.0, floor 5.0 (LOW)``; the same numbers are in
``newswire.quality_checks``. Look at the day's ``ingest_health`` and
``quarantine``, fix the source or the cleaner, rerun or reprocess the day
(``newswire_daily`` with ``{"day": ...}``, ``newswire_reprocess``), which runs
the checks again. A check that cannot reach the warehouse is retried.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pendulum
from airflow.sdk import Param, dag, task

from etl.assets import STORIES_LANDED
from etl.quality import QUALITY_SQL_DIR
from etl.quality.operators import DAY_TASK_ID, WarehouseSQLCheck, WarehouseValueCheck
from etl.sources import load_config

TIMEZONE = load_config().timezone  # a local TOML read: no network, no database
# A failed check fails at once (AirflowFailException); a lost connection is retried.
STRICT: dict[str, Any] = {"retry_on_failure": False}


@dag(
    dag_id="newswire_quality",
    schedule=[STORIES_LANDED],
    start_date=pendulum.datetime(2026, 11, 1, tz=TIMEZONE),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["newswire", "quality"],
    template_searchpath=[str(QUALITY_SQL_DIR)],
    params={
        "day": Param(
            None,
            type=["null", "string"],
            format="date",
            title="Day to check",
            description="YYYY-MM-DD; empty: the day that landed (by hand: the last complete day)",
        ),
        "volume_share": Param(0.5, type="number", minimum=0, maximum=1),
        "dateline_floor": Param(0.5, type="number", minimum=0, maximum=1),
        "default_cadence_hours": Param(24, type="integer", minimum=1),
    },
    default_args={
        "owner": "newsroom-data",
        "retries": 1,
        "retry_delay": timedelta(minutes=2),
    },
)
def newswire_quality() -> None:
    @task(task_id=DAY_TASK_ID)
    def check_day(
        params: dict[str, Any] | None = None,
        dag_run: Any = None,
        triggering_asset_events: Any = None,
    ) -> str:
        from airflow.sdk.exceptions import AirflowFailException

        from etl.run_day import day_for_quality_run
        from etl.sources import ConfigError

        events = (triggering_asset_events or {}).get(STORIES_LANDED, [])
        try:
            day = day_for_quality_run(
                requested=(params or {}).get("day"),
                event_days=[e.extra["day"] for e in events if "day" in (e.extra or {})],
                run_after=dag_run.run_after,
                timezone=TIMEZONE,
            )
        except ConfigError as exc:
            raise AirflowFailException(str(exc)) from exc
        return day.isoformat()

    checks = [
        WarehouseSQLCheck(task_id="volume_per_agency", sql="volume_per_agency.sql", **STRICT),
        WarehouseSQLCheck(task_id="dateline_parse_rate", sql="dateline_parse_rate.sql", **STRICT),
        WarehouseValueCheck(task_id="empty_bodies", sql="empty_bodies.sql", pass_value=0, **STRICT),
        WarehouseSQLCheck(task_id="feed_freshness", sql="feed_freshness.sql", **STRICT),
        WarehouseSQLCheck(task_id="runs_left_running", sql="runs_left_running.sql", **STRICT),
    ]
    check_day() >> checks


newswire_quality()
