"""Run the real Airflow DAG for one day, in one process, on a project-local Airflow home.

``airflow dags test`` runs every task of a DAG run without a scheduler or an
API server, on Airflow's own SQLite metadata under ``var/airflow``. The
run for day D has the logical date D 00:00 in the configured timezone (as a
scheduled or backfill run of D has) and the ``day`` param D, which is what
picks the day (``etl/run_day.py``): the same param an operator passes with
``airflow dags trigger newswire_daily -c '{"day": "D"}'``.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from etl.load.database import PROJECT_ROOT, state_dir

LOGGER = logging.getLogger(__name__)

DAG_ID = "newswire_daily"
DAGS_FOLDER = PROJECT_ROOT / "dags"


def airflow_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for Airflow commands: project-local home, no examples, SQLite metadata."""
    home = state_dir().resolve() / "airflow"
    home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        {
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS_FOLDER),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}",
            "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(home / "logs"),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")])),
        }
    )
    env.update(extra or {})
    return env


def airflow_command() -> list[str]:
    """The ``airflow`` of this virtualenv, not whichever is first on PATH."""
    candidate = Path(sys.executable).parent / "airflow"
    return [str(candidate)] if candidate.exists() else ["airflow"]


def logical_date_for_day(day: date, timezone: str) -> datetime:
    """The logical date of day D's run: D 00:00 in the sources' timezone (one convention)."""
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(timezone))


def ensure_metadata_db(env: dict[str, str]) -> None:
    marker = Path(env["AIRFLOW_HOME"]) / ".newswire-migrated-3.3"
    if marker.exists():
        return
    LOGGER.info("initialising Airflow metadata in %s", env["AIRFLOW_HOME"])
    _run([*airflow_command(), "db", "migrate"], env)
    marker.touch()


def run_daily_dag(day: date, timezone: str, extra_env: dict[str, str]) -> None:
    """``airflow dags test newswire_daily D --conf '{"day": "D"}'``: raises when any task failed."""
    run_dag(DAG_ID, logical_date_for_day(day, timezone), extra_env, conf={"day": day.isoformat()})


def run_dag(
    dag_id: str,
    logical: datetime | None,
    extra_env: dict[str, str],
    conf: dict[str, object] | None = None,
) -> None:
    """One DAG run in this machine's Airflow home, with its run conf (no logical date: now)."""
    env = airflow_env(extra_env)
    ensure_metadata_db(env)
    cmd = [*airflow_command(), "dags", "test", dag_id]
    if logical is not None:
        cmd.append(logical.isoformat())
    if conf is not None:
        cmd += ["--conf", json.dumps(conf)]
    LOGGER.info("%s", " ".join(cmd[1:]))
    _run(cmd, env)


def _run(cmd: list[str], env: dict[str, str]) -> None:
    log_dir = Path(env["AIRFLOW_HOME"]) / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / "newswire-run.log"
    with log_path.open("a", encoding="utf-8") as log:
        log.write(f"\n$ {' '.join(cmd)}\n")
        log.flush()
        result = subprocess.run(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, check=False)
    if result.returncode != 0:
        tail = log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-40:]
        raise RuntimeError(
            f"{' '.join(cmd[-4:])} failed ({result.returncode}); log: {log_path}\n"
            + "\n".join(tail)
        )
