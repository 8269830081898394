"""The newswire_quality DAG run for real (`airflow dags test`) against a real warehouse.

The warehouse is reached through the Airflow connection ``newswire_warehouse``
(``AIRFLOW_CONN_NEWSWIRE_WAREHOUSE``) while ``DATABASE_URL`` points nowhere:
the DAG must take the connection. One run with failing checks, one passing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg2
import pytest

from etl.airflow_runner import run_dag
from etl.load.database import connect
from etl.load.story_merge import StoryRow, merge_stories
from etl.model import BodyBlock, CleanStory
from etl.pipeline import ingest_source
from etl.samplewire.server import SampleWireServer

pytestmark = [pytest.mark.dag, pytest.mark.integration]

DAY = date(2026, 11, 19)
NOWHERE = "postgresql://nobody@127.0.0.1:9/nowhere"  # DATABASE_URL the DAG must not use


def _seed(db_url: str) -> int:
    """The sample wire's day, AP's busier week before it, and a run a killed worker left."""
    for source in ("tass", "reuters", "ap"):
        ingest_source(source, DAY, db_url=db_url)
    history = []
    for days_before in range(1, 8):
        published = datetime(2026, 11, 19, 12, tzinfo=UTC) - timedelta(days=days_before)
        for n in range(10):
            body = f"WASHINGTON (AP) — Item {n} of the day, written for the volume check."
            story = CleanStory(
                f"AP history {days_before}-{n}",
                None,
                (BodyBlock("paragraph", body),),
                None,
                "AP",
                published_at=published,
            )
            key = f"ap-history-{days_before}-{n}"
            history.append(StoryRow("AP", key, key, None, story, None, published))
    conn = connect(db_url)
    try:
        merge_stories(conn, history)
        with conn.cursor() as cur:
            cur.execute(
                "INSERT INTO ingest_run (source, window_start, window_end, started_at)"
                " VALUES ('ap', '2026-11-18', '2026-11-19', '2026-11-18 00:05+00') RETURNING run_id"
            )
            row = cur.fetchone()
        conn.commit()
    finally:
        conn.close()
    assert row is not None
    return int(row[0])


def _results(db_url: str) -> dict[str, tuple[bool, str]]:
    conn = psycopg2.connect(db_url)
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT check_name, passed, details FROM newswire.quality_checks WHERE day = %s",
                (DAY,),
            )
            return {name: (passed, details) for name, passed, details in cur.fetchall()}
    finally:
        conn.close()


def test_quality_checks_fail_with_their_numbers_then_pass(
    db_url: str, sample_wire: SampleWireServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale_run = _seed(db_url)
    monkeypatch.setenv("NEWSWIRE_STATE_DIR", str(tmp_path))
    env = {"AIRFLOW_CONN_NEWSWIRE_WAREHOUSE": db_url, "DATABASE_URL": NOWHERE}

    with pytest.raises(RuntimeError, match="failed"):
        run_dag("newswire_quality", None, env, {"day": DAY.isoformat()})
    results = _results(db_url)
    assert set(results) == {
        "volume_per_agency",
        "dateline_parse_rate",
        "empty_bodies",
        "feed_freshness",
        "runs_left_running",
    }
    assert results["volume_per_agency"][0] is False
    assert "AP: 2 stories, 7-day mean 10.0, floor 5.0 (LOW)" in results["volume_per_agency"][1]
    assert results["runs_left_running"] == (
        False,
        f"1 run(s) left running: run {stale_run} of ap, started 2026-11-18 00:05 UTC",
    )
    assert results["empty_bodies"] == (True, "0 (must be 0)")
    assert results["feed_freshness"] == (True, "4 feeds, all fresh")
    assert results["dateline_parse_rate"][0] is True, results["dateline_parse_rate"]
    log = (tmp_path / "airflow" / "logs" / "newswire-run.log").read_text(encoding="utf-8")
    assert "AP: 2 stories, 7-day mean 10.0, floor 5.0 (LOW)" in log, "the numbers are in the log"

    # The operator looks into it: the stale run is closed, AP's quiet day is accepted.
    conn = psycopg2.connect(db_url)
    try:
        with conn.cursor() as cur:
            cur.execute(
                "UPDATE newswire.ingest_run SET status = 'failed', finished_at = now()"
                " WHERE run_id = %s",
                (stale_run,),
            )
        conn.commit()
    finally:
        conn.close()
    run_dag("newswire_quality", None, env, {"day": DAY.isoformat(), "volume_share": 0.1})
    results = _results(db_url)
    assert all(passed for passed, _ in results.values()), results
    assert results["runs_left_running"] == (True, "no run left running")
    assert "AP: 2 stories, 7-day mean 10.0, floor 1.0" in results["volume_per_agency"][1]
