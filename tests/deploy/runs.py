"""Helpers of the deployment tests: ports, waiting for runs, reading the warehouse."""

from __future__ import annotations

import socket
import time
from typing import Any

import pytest

from tests.deploy.topology import Topology, metadata_query
from tests.integration.db_query import query as warehouse_query

REDIS = ("127.0.0.1", 6379)
RUNS_TIMEOUT_SECONDS = 600


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def daily_runs(topology: Topology) -> list[tuple[Any, ...]]:
    """Every run of newswire_daily: run_id, run_type, state, conf, logical date, data interval."""
    return metadata_query(
        topology.endpoints.metadata_db,
        "SELECT run_id, run_type, state, conf, logical_date, data_interval_start "
        "FROM dag_run WHERE dag_id = 'newswire_daily' ORDER BY id",
    )


def wait_for(
    topology: Topology, what: str, done: Any, timeout: float = RUNS_TIMEOUT_SECONDS
) -> list[tuple[Any, ...]]:
    """Poll newswire_daily's runs until ``done(runs)``; fail with the logs after ``timeout``."""
    deadline = time.monotonic() + timeout
    runs: list[tuple[Any, ...]] = []
    while time.monotonic() < deadline:
        runs = daily_runs(topology)
        if done(runs):
            return runs
        for name, process in topology.processes.items():
            assert process.poll() is None, f"{name} died:\n{topology.log(name)[-3000:]}"
        time.sleep(3)
    pytest.fail(f"{what}: not within {timeout} s: {runs}\n{topology.logs_tail()}")


def stories_per_day(db_url: str) -> dict[str, int]:
    rows = warehouse_query(
        db_url,
        "SELECT (published_at AT TIME ZONE 'UTC')::date::text, count(*) "
        "FROM newswire.story GROUP BY 1",
    )
    return {day: int(n) for day, n in rows}
