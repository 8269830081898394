"""The daily DAG run through Airflow itself (`airflow dags test`), as `make run` does it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import psycopg2
import pytest

from etl.samplewire.server import SampleWireServer
from etl.sources import SAMPLE_CONFIG, load_config

pytestmark = [pytest.mark.dag, pytest.mark.integration]

NEWSWIRE = Path(sys.executable).parent / "newswire"
TOTAL_LINE = re.compile(
    r"^stories: (?P<new>\d+) new, (?P<updated>\d+) updated, "
    r"(?P<unchanged>\d+) unchanged, (?P<quarantined>\d+) quarantined$",
    re.M,
)


def _newswire_run(db_url: str, state_dir: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
    env.update(
        {"DATABASE_URL": db_url, "NEWSWIRE_STATE_DIR": str(state_dir)},
    )
    env.pop("NEWSWIRE_SAMPLE_WIRE_URL", None)
    done = subprocess.run(
        [str(NEWSWIRE), "run", "--date", "2026-11-19"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_newswire_run_goes_through_airflow_and_reruns_cleanly(db_url: str, tmp_path: Path) -> None:
    first = _newswire_run(db_url, tmp_path)
    totals = TOTAL_LINE.search(first)
    assert totals, first
    assert int(totals["new"]) >= 10
    assert int(totals["quarantined"]) == 3, "AP's broken page, AFP's two missing pages"
    config = load_config(SAMPLE_CONFIG)
    for agency in {source.agency for source in config.sources}:
        assert re.search(rf"^{agency}\s", first, re.M), first

    conn = psycopg2.connect(db_url)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT source, status FROM newswire.ingest_run ORDER BY source")
            assert cur.fetchall() == sorted((s.name, "success") for s in config.sources)
            cur.execute("SELECT count(*) FROM newswire.story")
            (stories,) = cur.fetchone() or (0,)
            # Feeds list their stories again; delivered files are read once.
            cur.execute("SELECT count(*) FROM newswire.story WHERE wire_format IS NULL")
            (feed_stories,) = cur.fetchone() or (0,)
    finally:
        conn.close()
    assert stories == int(totals["new"])
    assert (tmp_path / "airflow" / "airflow.db").exists(), "Airflow kept its metadata locally"

    second = TOTAL_LINE.search(_newswire_run(db_url, tmp_path))
    assert second
    assert (int(second["new"]), int(second["updated"])) == (0, 0)
    assert int(second["unchanged"]) == feed_stories


def test_reprocess_dag_restores_stories_from_raw(
    db_url: str, sample_wire: SampleWireServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime

    from etl.airflow_runner import run_dag
    from etl.pipeline import ingest_source

    ingest_source("tass", date(2026, 11, 19), db_url=db_url)
    conn = psycopg2.connect(db_url)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT story_id, body FROM newswire.story ORDER BY 1")
            before = cur.fetchall()
            cur.execute("UPDATE newswire.story SET body = 'garbled', content_hash = 'bad'")
        conn.commit()
        monkeypatch.setenv("NEWSWIRE_STATE_DIR", str(tmp_path))
        fetched = sum(sample_wire.requests.values())
        run_dag(
            "newswire_reprocess",
            datetime(2026, 11, 28, tzinfo=UTC),
            {"DATABASE_URL": db_url},
            conf={"from": "2026-11-19", "to": "2026-11-19", "sources": ["tass"]},
        )
        assert sum(sample_wire.requests.values()) == fetched, "reprocessing fetches nothing"
        with conn.cursor() as cur:
            cur.execute("SELECT story_id, body FROM newswire.story ORDER BY 1")
            assert cur.fetchall() == before
    finally:
        conn.close()


def _run_windows(db_url: str) -> set[tuple[object, object]]:
    conn = psycopg2.connect(db_url)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT DISTINCT window_start, window_end FROM newswire.ingest_run")
            return set(cur.fetchall())
    finally:
        conn.close()


def test_a_manual_run_loads_its_day_param_whatever_its_logical_date(
    db_url: str, sample_wire: SampleWireServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defect 1: a manual run at logical date 2 December with day 19 November loads the 19th."""
    from datetime import UTC, datetime

    from etl.airflow_runner import DAG_ID, run_dag
    from etl.window import day_window

    monkeypatch.setenv("NEWSWIRE_STATE_DIR", str(tmp_path))
    run_dag(
        DAG_ID, datetime(2026, 12, 2, tzinfo=UTC), {"DATABASE_URL": db_url}, {"day": "2026-11-19"}
    )
    window = day_window(date(2026, 11, 19), "UTC")
    assert _run_windows(db_url) == {(window.start, window.end)}
    conn = psycopg2.connect(db_url)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM newswire.story")
            assert (cur.fetchone() or (0,))[0] >= 6
    finally:
        conn.close()


def test_a_manual_run_with_no_day_and_no_date_loads_the_last_complete_day(
    db_url: str, sample_wire: SampleWireServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defect 1: no AssertionError, no retries: the run loads yesterday (UTC here) and succeeds."""
    from datetime import UTC, datetime, timedelta

    from etl.airflow_runner import DAG_ID, run_dag
    from etl.window import day_window

    monkeypatch.setenv("NEWSWIRE_STATE_DIR", str(tmp_path))
    before = datetime.now(UTC).date() - timedelta(days=1)
    run_dag(DAG_ID, None, {"DATABASE_URL": db_url})
    after = datetime.now(UTC).date() - timedelta(days=1)
    windows = _run_windows(db_url)
    assert windows in (
        {(w.start, w.end)} for w in {day_window(before, "UTC"), day_window(after, "UTC")}
    ), windows
    conn = psycopg2.connect(db_url)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT array_agg(DISTINCT status) FROM newswire.ingest_run")
            assert (cur.fetchone() or (None,))[0] == ["success"]
    finally:
        conn.close()
