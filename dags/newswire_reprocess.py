"""
### newswire_reprocess

**Purpose.** Re-clean and re-merge stored raw pages for a range of days,
without fetching anything: how a cleaner fix or a new boilerplate rule
reaches stories already loaded. Triggered by hand with the days and,
optionally, the sources: `{"from": "2026-11-01", "to": "2026-11-19", "sources": ["tass"]}`.

**Owner.** newsroom data engineering.

**Idempotent?** Yes. Reprocessing the same raw pages with the same code
changes nothing; with new code, stories whose clean content changes get a new
version, the old text stays in `story_version`.

**Triage.** A failed task names its source and day; the raw pages are
untouched, so clearing the task is always safe. Pages the new code cannot
clean are quarantined with the reason, as in the daily run.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import Param, dag, task


@dag(
    dag_id="newswire_reprocess",
    schedule=None,
    start_date=pendulum.datetime(2026, 11, 1, tz="UTC"),
    catchup=False,
    doc_md=__doc__,
    tags=["newswire", "reprocess"],
    params={
        "from": Param(type="string", format="date", description="first day (inclusive)"),
        "to": Param(type="string", format="date", description="last day (inclusive)"),
        "sources": Param([], type="array", description="source names; empty means all"),
    },
    default_args={"owner": "newsroom-data", "retries": 1, "retry_delay": timedelta(minutes=2)},
)
def newswire_reprocess() -> None:
    @task
    def work_items(params: dict | None = None) -> list[dict]:
        from etl.pipeline import reprocess_work_items

        assert params is not None
        return reprocess_work_items(params["from"], params["to"], params.get("sources") or [])

    @task(max_active_tis_per_dagrun=4)
    def reprocess(item: dict) -> dict:
        from etl.pipeline import reprocess_item
        from etl.warehouse_connection import warehouse_url

        return reprocess_item(item, db_url=warehouse_url())

    @task
    def summarize(results: list[dict]) -> str:
        from etl.pipeline import summarize_results

        return summarize_results(results)

    summarize(reprocess.expand(item=work_items()))


newswire_reprocess()
