"""The distributed deployment, written once: which processes, which commands, which settings.

The Celery topology test starts exactly these processes on this machine, and
``docker/compose.yaml`` must declare exactly these commands and environments
(``tests/deploy/test_compose.py`` renders them with the compose host names and
compares). Facts it encodes (checked on Airflow 3.3):

* the metadata URL is ``postgresql+psycopg2://``; Airflow derives an asyncpg
  URL from it for its async engine, so asyncpg must be installed;
* the Celery result backend is ``db+postgresql+psycopg2://`` (a bare
  ``db+postgresql://`` now means psycopg 3 to SQLAlchemy);
* task workers talk to the API server's execution API
  (``[core] execution_api_server_url``), and every process shares one JWT secret;
* two workers on one host need their own pid file and log-server port.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg2

from etl.sources import SAMPLE_CONFIG


@dataclass(frozen=True)
class Endpoints:
    """Where each part of the deployment is, as the processes see it."""

    metadata_db: str  # postgresql+psycopg2://user:pw@host:5432/airflow
    broker: str  # redis://host:6379/0
    warehouse: str  # postgresql://user:pw@host:5432/newswire (libpq URI)
    api_server: str  # http://host:8080
    dags_folder: str
    run_dir: str  # pid files
    jwt_secret: str
    sample_wire: str | None = None
    sample_drop: str | None = None  # where the sample wire delivers its drop-folder files
    queue: str = "newswire"
    api_port: int = 8080
    log_ports: tuple[int, int] = (8793, 8794)
    executor: str = "CeleryExecutor"  # LocalExecutor: no workers, the scheduler runs tasks


WORKERS = ("worker-1", "worker-2")
WORKER_CONCURRENCY = 2


def common_environment(e: Endpoints) -> dict[str, str]:
    """What every Airflow process of the deployment gets."""
    env = {
        "AIRFLOW__CORE__EXECUTOR": e.executor,
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_FOLDER": e.dags_folder,
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": e.metadata_db,
        "AIRFLOW__CELERY__BROKER_URL": e.broker,
        "AIRFLOW__CELERY__RESULT_BACKEND": f"db+{e.metadata_db}",
        "AIRFLOW__OPERATORS__DEFAULT_QUEUE": e.queue,
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{e.api_server}/execution/",
        "AIRFLOW__API_AUTH__JWT_SECRET": e.jwt_secret,
        "AIRFLOW__API__SECRET_KEY": e.jwt_secret,
        "DATABASE_URL": e.warehouse,
    }
    if e.sample_wire:
        env["NEWSWIRE_SAMPLE_WIRE_URL"] = e.sample_wire
    if e.sample_drop:
        env["NEWSWIRE_SAMPLE_DROP_DIR"] = e.sample_drop
    return env


def services(e: Endpoints) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Each long-running process: its command and its environment."""
    common = common_environment(e)
    result: dict[str, tuple[list[str], dict[str, str]]] = {
        "api-server": (["airflow", "api-server", "--port", str(e.api_port)], common),
        "scheduler": (["airflow", "scheduler"], common),
        "dag-processor": (["airflow", "dag-processor"], common),
    }
    if e.executor != "CeleryExecutor":
        return result
    for name, log_port in zip(WORKERS, e.log_ports, strict=True):
        command = [
            "airflow",
            "celery",
            "worker",
            "--queues",
            e.queue,
            "--concurrency",
            str(WORKER_CONCURRENCY),
            "--celery-hostname",
            f"{name}@%h",
            "--pid",
            f"{e.run_dir}/{name}.pid",
        ]
        result[name] = (
            command,
            {**common, "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(log_port)},
        )
    return result


def sample_wire_command(e: Endpoints, port: int = 8765) -> list[str]:
    """The sample wire as a service beside the deployment (compose's ``samplewire``)."""
    command = ["newswire", "sample-wire", "--host", "0.0.0.0", "--port", str(port)]
    if e.sample_wire:
        command += ["--public-url", e.sample_wire]
    if e.sample_drop:
        command += ["--drop-dir", e.sample_drop]
    return command


def init_command() -> list[str]:
    """Run once before the services: the metadata schema."""
    return ["airflow", "db", "migrate"]


def _bin(name: str) -> str:
    """A command of this virtualenv (``airflow``), not whichever is first on PATH."""
    return str(Path(sys.executable).parent / name)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status) == 200
    except OSError:
        return False


def metadata_query(url: str, sql: str) -> list[tuple[Any, ...]]:
    """Read Airflow's metadata database (dag_run states) directly."""
    conn = psycopg2.connect(url.replace("postgresql+psycopg2://", "postgresql://"))
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
            return cur.fetchall()
    finally:
        conn.close()


class Topology:
    """The running processes; stopped (each by its own process group) at the end."""

    def __init__(self, endpoints: Endpoints, home: Path, sources: Path = SAMPLE_CONFIG) -> None:
        self.endpoints = endpoints
        self.home = home
        self.sources = sources
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def env(self, extra: dict[str, str]) -> dict[str, str]:
        # Only what the deployment declares reaches the sources: not the test's own
        # sample-wire settings, nor a warehouse from the caller's environment.
        inherited = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("NEWSWIRE_SAMPLE_") and k != "DATABASE_URL"
        }
        return {
            **inherited,
            **extra,
            "AIRFLOW_HOME": str(self.home),
            "NEWSWIRE_SOURCES": str(self.sources),
        }

    def airflow(self, *args: str) -> str:
        """One CLI command against the deployment (trigger, backfill, unpause)."""
        common = services(self.endpoints)["scheduler"][1]
        done = subprocess.run(
            [_bin("airflow"), *args],
            env=self.env(common),
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert done.returncode == 0, f"airflow {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def start(self) -> None:
        common = services(self.endpoints)["scheduler"][1]
        migrate = subprocess.run(
            [_bin("airflow"), *init_command()[1:]],
            env=self.env(common),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert migrate.returncode == 0, migrate.stderr[-3000:]
        for name, (command, env) in services(self.endpoints).items():
            log = (self.home / f"{name}.log").open("wb")
            self.processes[name] = subprocess.Popen(
                [_bin(command[0]), *command[1:]],
                env=self.env(env),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_ready(self, timeout: float = 240) -> None:
        """Until the API server answers its health check and every worker is ready.

        Work handed out before that fails at the executor (a worker that
        cannot reach the execution API) and waits out the task's retry delay.
        """
        deadline = time.monotonic() + timeout
        health = f"{self.endpoints.api_server}/api/v2/monitor/health"
        while time.monotonic() < deadline:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited:\n{self.log(name)[-3000:]}")
            workers = [n for n in self.processes if n.startswith("worker")]
            if _answers(health) and all(" ready." in self.log(n) for n in workers):
                return
            time.sleep(2)
        raise RuntimeError(f"the deployment was not ready in {timeout} s:\n{self.logs_tail()}")

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)

    def log(self, name: str) -> str:
        return (self.home / f"{name}.log").read_text(encoding="utf-8", errors="replace")

    def logs_tail(self) -> str:
        return "\n".join(f"== {n}\n{self.log(n)[-2500:]}" for n in self.processes)
