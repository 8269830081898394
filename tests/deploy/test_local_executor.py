"""A real scheduler with the LocalExecutor: a failed source, fixed, cleared, and the run is green.

The same processes as the Celery topology minus the workers (API server,
scheduler running the tasks itself, DAG processor) on a metadata database of
their own. AP's server is down (its feed and archive point at a port where
nothing listens), so its ``ingest`` task fails after its retries and both the
scheduled run and a day triggered by param through the REST API end failed.
Then the server comes up and each run is cleared the way the README's
*Triage: back to green* says: the scheduled run with ``airflow tasks clear``,
the manual one through the REST API. Both end green, AP's stories land, and
``newswire_quality``, scheduled on the asset the recovered run publishes,
records its checks, which ``newswire report`` prints.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from etl.samplewire.server import SampleWireServer
from etl.sources import SAMPLE_CONFIG
from tests.deploy.runs import free_port, stories_per_day, wait_for, warehouse_query
from tests.deploy.topology import Endpoints, Topology, metadata_query

pytestmark = [pytest.mark.integration, pytest.mark.deploy]

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DAY = "2026-11-19"  # the sample wire's feed day: 17 stories of eight agencies


def _sources_with_ap_at(tmp_path: Path, ap_base: str) -> Path:
    """The sample sources, AP's feed and archive on a server of its own."""
    blocks = SAMPLE_CONFIG.read_text(encoding="utf-8").split("[[source]]")
    ap = next(i for i, block in enumerate(blocks) if '\nname = "ap"\n' in block)
    blocks[ap] = blocks[ap].replace("{sample_wire}", ap_base)
    path = tmp_path / "sources.toml"
    path.write_text("[[source]]".join(blocks), encoding="utf-8")
    return path


class Api:
    """Airflow 3's REST API as an operator calls it: a token from /auth/token, then /api/v2."""

    def __init__(self, topology: Topology) -> None:
        self.base = topology.endpoints.api_server
        # The simple auth manager's generated admin password, in AIRFLOW_HOME.
        passwords = json.loads(
            (topology.home / "simple_auth_manager_passwords.json.generated").read_text()
        )
        login = {"username": "admin", "password": passwords["admin"]}
        self.token = str(self._call("POST", "/auth/token", login, auth=False)["access_token"])

    def _call(self, method: str, path: str, body: Any = None, auth: bool = True) -> Any:
        request = urllib.request.Request(
            self.base + path,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        if auth:
            request.add_header("Authorization", f"Bearer {self.token}")
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read() or b"null")

    def post(self, path: str, body: Any) -> Any:
        return self._call("POST", f"/api/v2{path}", body)

    def get(self, path: str) -> Any:
        return self._call("GET", f"/api/v2{path}")


def _ingest_states(topology: Topology, run_id: str) -> dict[str, tuple[str, int]]:
    """Each task instance of a run: (state, try number), ``ingest[3]`` for a mapped one."""
    rows = metadata_query(
        topology.endpoints.metadata_db,
        "SELECT task_id, map_index, state, try_number FROM task_instance "
        f"WHERE dag_id = 'newswire_daily' AND run_id = '{run_id}'",
    )
    return {
        (f"{task}[{index}]" if index >= 0 else task): (state, tries)
        for task, index, state, tries in rows
    }


def _finished(runs: list[tuple[Any, ...]], run_ids: set[str], state: str) -> bool:
    return {r[0] for r in runs if r[2] == state} >= run_ids


def test_a_failed_source_fixed_and_cleared_brings_its_runs_back_to_green(
    metadata_db: str,
    db_url: str,
    sample_wire: SampleWireServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ap_port = free_port()
    sources = _sources_with_ap_at(tmp_path, f"http://127.0.0.1:{ap_port}")
    # Retries as deployed (2), seconds apart instead of Airflow's default five minutes.
    monkeypatch.setenv("AIRFLOW__CORE__DEFAULT_TASK_RETRY_DELAY", "2")
    endpoints = Endpoints(
        metadata_db=metadata_db,
        broker="redis://127.0.0.1:6379/0",  # unused by the LocalExecutor
        warehouse=db_url,
        api_server=f"http://127.0.0.1:{(api_port := free_port())}",
        dags_folder=str(PROJECT_ROOT / "dags"),
        run_dir=str(tmp_path),
        jwt_secret=secrets.token_hex(32),
        sample_wire=sample_wire.base_url,
        sample_drop=os.environ["NEWSWIRE_SAMPLE_DROP_DIR"],  # delivered by the fixture
        api_port=api_port,
        executor="LocalExecutor",
    )
    topology = Topology(endpoints, tmp_path, sources=sources)
    ap_server: SampleWireServer | None = None
    try:
        topology.start()
        topology.wait_ready()
        assert set(topology.processes) == {"api-server", "scheduler", "dag-processor"}
        topology.airflow("dags", "reserialize")
        topology.airflow("dags", "unpause", "newswire_quality")
        topology.airflow("dags", "unpause", "newswire_daily")  # its scheduled run: yesterday
        api = Api(topology)
        manual = api.post(
            "/dags/newswire_daily/dagRuns", {"logical_date": None, "conf": {"day": DAY}}
        )["dag_run_id"]

        def scheduled_run(runs: list[tuple[Any, ...]]) -> str | None:
            return next((r[0] for r in runs if r[1] == "scheduled"), None)

        runs = wait_for(
            topology,
            "the scheduled and the manual run fail on AP",
            lambda runs: (
                bool(scheduled_run(runs))
                and _finished(runs, {manual, str(scheduled_run(runs))}, "failed")
            ),
        )
        scheduled = str(scheduled_run(runs))
        for run_id in (scheduled, manual):
            tasks = _ingest_states(topology, run_id)
            failed = [task for task, (state, _) in tasks.items() if state == "failed"]
            assert len(failed) == 1 and failed[0].startswith("ingest["), tasks
            assert tasks[failed[0]][1] == 3, "tried three times: retries 2"
            assert tasks["summarize"][0] == "success", "the teardown reports what landed"
        assert "AP" not in {
            agency
            for (agency,) in warehouse_query(db_url, "SELECT DISTINCT agency FROM newswire.story")
        }
        failed_ap = warehouse_query(
            db_url,
            "SELECT count(*) FROM newswire.ingest_run "
            "WHERE source = 'ap' AND status = 'failed' AND error <> ''",
        )[0][0]
        assert failed_ap >= 2, "the error is in newswire.ingest_run"

        # The cause goes away: AP's server is back.
        fixed_at = warehouse_query(db_url, "SELECT now()")[0][0]
        ap_server = SampleWireServer(port=ap_port).start_in_background()

        # A scheduled run: the README's CLI, selecting the run by its day. -t is a
        # substring of the task id in Airflow 3.3 (not a regex: '^ingest$' matches nothing).
        scheduled_day = next(r[4] for r in runs if r[0] == scheduled).date().isoformat()
        cleared = topology.airflow(
            "tasks", "clear", "newswire_daily", "-t", "ingest", "--only-failed",
            "-s", scheduled_day, "-e", scheduled_day, "-y",
        )  # fmt: skip
        # The manual run (no logical date): the REST API, the failed task instance only.
        failed_tis = api.get(f"/dags/newswire_daily/dagRuns/{manual}/taskInstances?state=failed")
        (ap_ti,) = failed_tis["task_instances"]
        api.post(
            "/dags/newswire_daily/clearTaskInstances",
            {
                "dry_run": False,
                "dag_run_id": manual,
                "task_ids": [["ingest", ap_ti["map_index"]]],
                "only_failed": False,
            },
        )
        wait_for(
            topology,
            "both runs back to green",
            lambda runs: _finished(runs, {manual, scheduled}, "success"),
        )
        for run_id in (scheduled, manual):
            tasks = _ingest_states(topology, run_id)
            assert all(state == "success" for state, _ in tasks.values()), (run_id, tasks)
        # --only-failed reran the failed source alone (summarize had succeeded); the REST
        # API's clear of the task instance took its setup and teardown with it: the
        # summary was written and the asset published again.
        assert _ingest_states(topology, scheduled)["summarize"][1] == 1, cleared
        assert _ingest_states(topology, manual)["summarize"][1] == 2
        assert _ingest_states(topology, manual)["migrate"][1] == 2
        assert stories_per_day(db_url).get(DAY) == 17, "AP's stories landed: the whole day"
        assert (
            warehouse_query(
                db_url,
                "SELECT count(*) FROM newswire.story WHERE agency = 'AP' "
                f"AND (published_at AT TIME ZONE 'UTC')::date = '{DAY}'",
            )[0][0]
            > 0
        )

        # Data quality: the recovered run's asset event checked the day again.
        deadline = time.monotonic() + 300
        checked: list[tuple[Any, ...]] = []
        while time.monotonic() < deadline:
            checked = warehouse_query(
                db_url,
                "SELECT DISTINCT check_name FROM newswire.quality_check_result "
                f"WHERE day = '{DAY}' AND checked_at > '{fixed_at.isoformat()}'",
            )
            if len(checked) >= 5:
                break
            time.sleep(3)
        assert len(checked) >= 5, f"{checked}\n{topology.logs_tail()}"
    finally:
        topology.stop()
        if ap_server is not None:
            ap_server.stop()
    report = subprocess.run(
        [sys.executable, "-m", "etl.cli", "report", "--from", DAY, "--to", DAY],
        env={**os.environ, "DATABASE_URL": db_url, "NEWSWIRE_STATE_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert report.returncode == 0, report.stderr
    for check in ("volume_per_agency", "empty_bodies", "feed_freshness"):
        assert check in report.stdout, report.stdout
