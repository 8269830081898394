"""One source, one ingesting task at a time: two started at once take turns (real PostgreSQL)."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from typing import Any

import psycopg2
import pytest

from etl.load.database import connect
from etl.load.source_lock import SourceBusyError, source_lock
from etl.pipeline import ingest_source
from etl.samplewire.server import SampleWireServer

pytestmark = pytest.mark.integration

DAY = date(2026, 11, 19)


def _runs(db_url: str) -> list[tuple[Any, ...]]:
    conn = psycopg2.connect(db_url)
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT started_at, finished_at, status, new, unchanged FROM newswire.ingest_run"
                " WHERE source = 'tass' ORDER BY started_at"
            )
            return cur.fetchall()
    finally:
        conn.close()


def test_two_ingestions_of_one_source_started_at_once_take_turns(
    db_url: str, sample_wire: SampleWireServer
) -> None:
    start = threading.Barrier(2)
    results: list[dict[str, Any]] = []
    errors: list[BaseException] = []

    def ingest() -> None:
        start.wait()
        try:
            results.append(ingest_source("tass", DAY, db_url=db_url))
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=ingest) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors

    first, second = _runs(db_url)
    assert first[1] <= second[0], "the second run started only after the first had finished"
    assert [r[2] for r in (first, second)] == ["success", "success"]
    assert (first[3], second[3], second[4]) == (3, 0, 3), "the second saw the first's stories"
    assert sorted(r["new"] for r in results) == [0, 3]


def test_a_busy_source_makes_the_second_task_give_up_clearly_after_its_wait(
    db_url: str, sample_wire: SampleWireServer
) -> None:
    holder = connect(db_url)
    try:
        with source_lock(holder, "tass"):
            holder_pid = holder.get_backend_pid()
            with pytest.raises(SourceBusyError) as raised:
                ingest_source("tass", DAY, db_url=db_url, lock_wait=timedelta(seconds=0.3))
            # Other sources are not held up.
            assert ingest_source("reuters", DAY, db_url=db_url)["new"] == 2
    finally:
        holder.close()
    message = str(raised.value)
    assert "source tass is being ingested by another task" in message
    assert f"server pid {holder_pid}" in message
    assert _runs(db_url) == [], "a task that never got the source records no run"
    assert ingest_source("tass", DAY, db_url=db_url)["new"] == 3, "released on exit"


def test_a_holder_whose_connection_dies_releases_the_source(
    db_url: str, sample_wire: SampleWireServer
) -> None:
    holder = connect(db_url)
    lock = source_lock(holder, "tass")
    lock.__enter__()
    holder.close()  # a worker killed mid-run: the server drops its session locks
    assert ingest_source("tass", DAY, db_url=db_url, lock_wait=timedelta(seconds=5))["new"] == 3
