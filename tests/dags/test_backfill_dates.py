"""Which runs ``airflow backfill create --from-date X --to-date Y`` makes: the runs of X..Y.

Asked of Airflow itself (``--dry-run`` lists the logical dates it would
create, from the serialized DAG, as the real command does), for sources in
a timezone east of UTC. The CLI reads a bare date in ``[core]
default_timezone``; set to the sources' timezone, X..Y are exactly the
days X..Y. Left at UTC, X 00:00 UTC is already 03:00 in Moscow, so the run
of X is not in the range: the README says to set it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from etl.sources import LIVE_CONFIG, load_config

pytestmark = pytest.mark.dag

AIRFLOW = Path(sys.executable).parent / "airflow"
DAGS = Path(__file__).resolve().parents[2] / "dags"
LOGICAL_DATE = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d[+-]\d\d:\d\d")


def _airflow(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(AIRFLOW), *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _planned_days(env: dict[str, str], timezone: str) -> list[date]:
    out = _airflow(
        env,
        "backfill", "create", "--dag-id", "newswire_daily",
        "--from-date", "2026-11-05", "--to-date", "2026-11-06", "--dry-run",
    )  # fmt: skip
    runs = [datetime.fromisoformat(m) for m in LOGICAL_DATE.findall(out.split("Runs to be")[1])]
    zone = ZoneInfo(timezone)
    assert all(run.astimezone(zone).time() == datetime.min.time() for run in runs), out
    return [run.astimezone(zone).date() for run in runs]


def test_a_backfill_of_days_x_to_y_makes_the_runs_of_x_to_y(tmp_path: Path) -> None:
    timezone = load_config(LIVE_CONFIG).timezone
    assert timezone == "Europe/Moscow", "a timezone east of UTC"
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW__")}
    env.update(
        {
            "AIRFLOW_HOME": str(tmp_path),
            "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{tmp_path / 'airflow.db'}",
            "NEWSWIRE_SOURCES": str(LIVE_CONFIG),
        }
    )
    _airflow(env, "db", "migrate")
    _airflow(env, "dags", "reserialize")
    in_sources_zone = {**env, "AIRFLOW__CORE__DEFAULT_TIMEZONE": timezone}
    assert _planned_days(in_sources_zone, timezone) == [date(2026, 11, 5), date(2026, 11, 6)]
    # The pitfall the README warns of: dates read as UTC midnights lose the first day.
    assert _planned_days(env, timezone) == [date(2026, 11, 6)]
