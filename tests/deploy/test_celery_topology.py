"""The real distributed topology on this machine: CeleryExecutor, two workers, Postgres metadata.

API server, scheduler, DAG processor and two Celery workers (tests/deploy/
topology.py) on a metadata database of their own on the PostgreSQL server the
tests use and the local Redis (127.0.0.1:6379, a queue of this test's own).
The test triggers one day by param and a two-day ``airflow backfill create``
of the sample wire's archive, waits for the runs and checks the warehouse.
Skipped, saying why, when there is no TCP PostgreSQL or no Redis.
"""

from __future__ import annotations

import json
import os
import secrets
import uuid
from datetime import date
from pathlib import Path

import psycopg2
import pytest

from etl.samplewire.server import SampleWireServer
from tests.deploy.runs import REDIS, free_port, reachable, stories_per_day, wait_for
from tests.deploy.topology import WORKERS, Endpoints, Topology

pytestmark = [pytest.mark.integration, pytest.mark.deploy]

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def test_celery_workers_load_a_triggered_day_and_a_backfill(
    metadata_db: str, db_url: str, sample_wire: SampleWireServer, tmp_path: Path
) -> None:
    if not reachable(*REDIS):
        pytest.skip("the Celery topology needs Redis on 127.0.0.1:6379")
    endpoints = Endpoints(
        metadata_db=metadata_db,
        broker=f"redis://{REDIS[0]}:{REDIS[1]}/0",
        warehouse=db_url,
        api_server=f"http://127.0.0.1:{(api_port := free_port())}",
        dags_folder=str(PROJECT_ROOT / "dags"),
        run_dir=str(tmp_path),
        jwt_secret=secrets.token_hex(32),
        sample_wire=sample_wire.base_url,
        sample_drop=os.environ["NEWSWIRE_SAMPLE_DROP_DIR"],  # delivered by the fixture
        queue=f"newswire-test-{uuid.uuid4().hex[:8]}",
        api_port=api_port,
        log_ports=(free_port(), free_port()),
    )
    topology = Topology(endpoints, tmp_path)
    try:
        topology.start()
        topology.wait_ready()
        topology.airflow("dags", "reserialize")
        topology.airflow("dags", "unpause", "newswire_daily")
        topology.airflow(
            "dags", "trigger", "newswire_daily", "-c", json.dumps({"day": "2026-11-19"})
        )
        topology.airflow(
            "backfill", "create", "--dag-id", "newswire_daily",
            "--from-date", "2026-11-05", "--to-date", "2026-11-06",
            "--max-active-runs", "1",
        )  # fmt: skip
        runs = wait_for(
            topology,
            "the manual run and the two backfill runs",
            lambda runs: (
                sum(r[1] != "scheduled" and r[2] in ("success", "failed") for r in runs) >= 3
            ),
        )
        mine = [r for r in runs if r[1] != "scheduled"]
        assert all(r[2] == "success" for r in mine), f"{runs}\n{topology.logs_tail()}"
        assert {r[1] for r in mine} == {"manual", "backfill"}
        # The backfill of days X..Y made the runs of X..Y: logical date = the day,
        # its data interval that day (the sample wire's timezone is UTC).
        backfill = sorted((r[4], r[5]) for r in mine if r[1] == "backfill")
        assert [(ld.date(), start.date()) for ld, start in backfill] == [
            (date(2026, 11, 5), date(2026, 11, 5)),
            (date(2026, 11, 6), date(2026, 11, 6)),
        ], backfill
        # Two workers on one host: each with its own pid file and log-server port,
        # both joined the queue and are still up (a clash would have stopped one).
        for name in WORKERS:
            assert " ready." in topology.log(name), f"{name} joined the queue"
            assert topology.processes[name].poll() is None, f"{name} still running"
        ran = {name: topology.log(name).count("execute_workload") for name in WORKERS}
        assert sum(ran.values()) > 0, f"tasks ran on the Celery workers: {ran}"
    finally:
        topology.stop()
    days = stories_per_day(db_url)
    # Exactly the days asked for: the archive also holds 11-07 .. 11-18.
    assert set(days) == {"2026-11-05", "2026-11-06", "2026-11-19"}, days
    # The sample day: 17 stories of eight agencies (make run's first line says
    # "17 new"): feeds, full-text and summary feeds, two content APIs, a drop folder.
    assert days.get("2026-11-19") == 17, days
    assert days.get("2026-11-05") == 6, days
    assert days.get("2026-11-06") == 6, days
    conn = psycopg2.connect(db_url)
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT count(*), count(DISTINCT (agency, identity_key)) FROM newswire.story"
            )
            total, distinct = cur.fetchone()  # type: ignore[misc]
    finally:
        conn.close()
    assert total == distinct, "no story loaded twice"
