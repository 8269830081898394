"""The DAG folder loads with Airflow's own loader, and the daily DAG keeps its promises."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

pytestmark = pytest.mark.dag

DAGS_FOLDER = Path(__file__).resolve().parents[2] / "dags"


@pytest.fixture(scope="module")
def dagbag():  # type: ignore[no-untyped-def]
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS_FOLDER))


def test_no_import_errors(dagbag) -> None:  # type: ignore[no-untyped-def]
    assert dagbag.import_errors == {}
    assert "newswire_daily" in dagbag.dag_ids


def test_daily_dag_policy(dagbag) -> None:  # type: ignore[no-untyped-def]
    dag = dagbag.dags["newswire_daily"]
    assert dag.doc_md and "Idempotent" in dag.doc_md and "Triage" in dag.doc_md
    assert "newswire" in dag.tags
    assert not dag.catchup
    for task in dag.tasks:
        assert task.retries >= 1, task.task_id
    assert {t.task_id for t in dag.tasks} == {"migrate", "sources", "ingest", "summarize"}


def test_daily_interval_is_a_whole_day_in_the_configured_timezone(dagbag) -> None:  # type: ignore[no-untyped-def]
    dag = dagbag.dags["newswire_daily"]
    interval = dag.timetable.infer_manual_data_interval(
        run_after=datetime(2026, 11, 20, tzinfo=UTC)
    )
    assert interval.start == datetime(2026, 11, 19, tzinfo=UTC)
    assert interval.end == datetime(2026, 11, 20, tzinfo=UTC)


def test_dag_files_import_nothing_heavy_at_parse_time() -> None:
    source = (DAGS_FOLDER / "newswire_daily.py").read_text()
    top_level_imports = [
        line for line in source.splitlines() if line.startswith(("import ", "from "))
    ]
    assert all("etl.pipeline" not in line for line in top_level_imports)
