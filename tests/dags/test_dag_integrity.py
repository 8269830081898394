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
    assert {"newswire_daily", "newswire_reprocess"} <= set(dagbag.dag_ids)


@pytest.mark.parametrize("dag_id", ["newswire_daily", "newswire_reprocess"])
def test_dag_policy(dagbag, dag_id: str) -> None:  # type: ignore[no-untyped-def]
    dag = dagbag.dags[dag_id]
    for promise in ("Purpose", "Owner", "Idempotent?", "Triage"):
        assert promise in dag.doc_md, promise
    assert "newswire" in dag.tags
    assert not dag.catchup
    for task in dag.tasks:
        assert task.retries >= 1, task.task_id


def test_daily_dag_has_one_mapped_ingest_task_per_source(dagbag) -> None:  # type: ignore[no-untyped-def]
    dag = dagbag.dags["newswire_daily"]
    assert {t.task_id for t in dag.tasks} == {"migrate", "sources", "ingest", "summarize"}
    assert dag.get_task("ingest").upstream_task_ids == {"sources"}


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
