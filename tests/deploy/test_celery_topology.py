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
import secrets
import socket
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import pytest

from etl.samplewire.server import SampleWireServer
from tests.deploy.topology import WORKERS, Endpoints, Topology, metadata_query

pytestmark = [pytest.mark.integration, pytest.mark.deploy]

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REDIS = ("127.0.0.1", 6379)
RUNS_TIMEOUT_SECONDS = 600


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def metadata_db(postgres_admin_url: str) -> Iterator[str]:
    """A database of its own for Airflow's metadata, on the tests' PostgreSQL over TCP."""
    parts = urlsplit(postgres_admin_url)
    if not parts.hostname or not _reachable(parts.hostname, parts.port or 5432):
        pytest.skip("the Celery topology needs PostgreSQL over TCP (NEWSWIRE_TEST_DATABASE_URL)")
    if not _reachable(*REDIS):
        pytest.skip("the Celery topology needs Redis on 127.0.0.1:6379")
    name = f"newswire_airflow_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(postgres_admin_url)
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(scheme="postgresql+psycopg2", path=f"/{name}"))
    finally:
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _wait_for_runs(topology: Topology, wanted: int) -> list[tuple[Any, ...]]:
    """Wait until ``wanted`` non-scheduled runs have finished; return every run."""
    deadline = time.monotonic() + RUNS_TIMEOUT_SECONDS
    runs: list[tuple[Any, ...]] = []
    while time.monotonic() < deadline:
        runs = metadata_query(
            topology.endpoints.metadata_db,
            "SELECT run_id, run_type, state, conf FROM dag_run WHERE dag_id = 'newswire_daily'",
        )
        finished = [r for r in runs if r[1] != "scheduled" and r[2] in ("success", "failed")]
        if len(finished) >= wanted:
            return runs
        for name, process in topology.processes.items():
            assert process.poll() is None, f"{name} died:\n{topology.log(name)[-3000:]}"
        time.sleep(3)
    pytest.fail(f"runs not finished in {RUNS_TIMEOUT_SECONDS} s: {runs}\n{topology.logs_tail()}")


def _warehouse_days(db_url: str) -> dict[str, int]:
    conn = psycopg2.connect(db_url)
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT (published_at AT TIME ZONE 'UTC')::date::text, count(*) "
                "FROM newswire.story GROUP BY 1"
            )
            return dict(cur.fetchall())
    finally:
        conn.close()


def test_celery_workers_load_a_triggered_day_and_a_backfill(
    metadata_db: str, db_url: str, sample_wire: SampleWireServer, tmp_path: Path
) -> None:
    endpoints = Endpoints(
        metadata_db=metadata_db,
        broker=f"redis://{REDIS[0]}:{REDIS[1]}/0",
        warehouse=db_url,
        api_server=f"http://127.0.0.1:{(api_port := _free_port())}",
        dags_folder=str(PROJECT_ROOT / "dags"),
        run_dir=str(tmp_path),
        jwt_secret=secrets.token_hex(32),
        sample_wire=sample_wire.base_url,
        queue=f"newswire-test-{uuid.uuid4().hex[:8]}",
        api_port=api_port,
        log_ports=(_free_port(), _free_port()),
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
        runs = _wait_for_runs(topology, wanted=3)
        mine = [r for r in runs if r[1] != "scheduled"]
        assert all(state == "success" for _, _, state, _ in mine), f"{runs}\n{topology.logs_tail()}"
        assert {r[1] for r in mine} == {"manual", "backfill"}
        # Two workers on one host: each with its own pid file and log-server port,
        # both joined the queue and are still up (a clash would have stopped one).
        for name in WORKERS:
            assert " ready." in topology.log(name), f"{name} joined the queue"
            assert topology.processes[name].poll() is None, f"{name} still running"
        ran = {name: topology.log(name).count("execute_workload") for name in WORKERS}
        assert sum(ran.values()) > 0, f"tasks ran on the Celery workers: {ran}"
    finally:
        topology.stop()
    days = _warehouse_days(db_url)
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
