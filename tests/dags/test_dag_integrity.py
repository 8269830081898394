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
    assert {"newswire_daily", "newswire_reprocess", "newswire_quality"} <= set(dagbag.dag_ids)


@pytest.mark.parametrize("dag_id", ["newswire_daily", "newswire_reprocess", "newswire_quality"])
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
    tasks = {t.task_id for t in dag.tasks}
    assert tasks == {"migrate", "sources", "run_day", "ingest", "summarize"}
    assert dag.get_task("ingest").upstream_task_ids == {"sources", "run_day"}


def test_the_day_is_a_param_of_the_trigger_form(dagbag) -> None:  # type: ignore[no-untyped-def]
    from airflow.sdk.exceptions import ParamValidationError

    day = dagbag.dags["newswire_daily"].params.get_param("day")
    assert day.value is None, "no param: the run's own day"
    assert day.schema["format"] == "date"
    assert day.resolve("2026-11-19") == "2026-11-19"
    with pytest.raises(ParamValidationError):
        day.resolve("19/11/2026")


def test_clearing_a_failed_ingest_task_clears_the_summary_and_the_run_state_follows_ingest(
    dagbag,  # type: ignore[no-untyped-def]
) -> None:
    """Triage (defect 7): what ``airflow tasks clear -t ^ingest$`` and the UI's Clear select."""
    dag = dagbag.dags["newswire_daily"]
    cleared = dag.partial_subset("ingest", include_downstream=False, include_upstream=False)
    assert set(cleared.task_dict) == {"migrate", "ingest", "summarize"}
    summarize = dag.get_task("summarize")
    assert summarize.is_teardown, "runs after a failed source, and is cleared with it"
    assert not summarize.on_failure_fail_dagrun, "the run's state comes from the ingest tasks"
    assert dag.get_task("migrate").is_setup


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


def test_the_quality_dag_runs_on_the_asset_the_daily_dag_publishes(dagbag) -> None:  # type: ignore[no-untyped-def]
    from etl.assets import STORIES_LANDED

    daily, quality = dagbag.dags["newswire_daily"], dagbag.dags["newswire_quality"]
    assert STORIES_LANDED in daily.get_task("summarize").outlets
    assert list(quality.timetable.asset_condition.objects) == [STORIES_LANDED]
    checks = [t for t in quality.tasks if t.task_id != "check_day"]
    assert len(checks) == 5
    for check in checks:
        assert not check.retry_on_failure, "a failed check fails at once"
        assert check.upstream_task_ids == {"check_day"}
