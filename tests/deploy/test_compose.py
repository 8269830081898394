"""docker/compose.yaml, checked without a Docker engine: it parses, and it runs the
same topology as the Celery test (tests/deploy/topology.py), command for command,
setting for setting, with the compose host names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.deploy.topology import Endpoints, init_command, sample_wire_command, services

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker" / "compose.yaml"
COMPOSE_ENDPOINTS = Endpoints(
    metadata_db="postgresql+psycopg2://postgres:airflow@airflow-db:5432/airflow",
    broker="redis://redis:6379/0",
    warehouse="postgresql://postgres:newswire@warehouse:5432/newswire",
    api_server="http://api-server:8080",
    dags_folder="/opt/newswire/dags",
    run_dir="/opt/airflow",
    jwt_secret="change-me-to-a-long-random-secret",
    sample_wire="http://samplewire:8765",
    sample_drop="/opt/newswire/var/sample-drop",
)


def _compose() -> dict[str, Any]:
    data = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))  # anchors and merge keys resolved
    assert isinstance(data, dict)
    return data


def test_every_service_runs_what_the_celery_test_runs() -> None:
    compose = _compose()["services"]
    expected = services(COMPOSE_ENDPOINTS)
    for name, (command, env) in expected.items():
        service = compose[name]
        # The official image's entrypoint runs `airflow <command>`.
        assert ["airflow", *service["command"]] == command, name
        assert {k: str(v) for k, v in service["environment"].items()} == env, name
    assert ["airflow", *compose["airflow-init"]["command"]] == init_command()


def test_services_wait_for_healthy_dependencies_and_keep_the_warehouse_apart() -> None:
    compose = _compose()["services"]
    for name in services(COMPOSE_ENDPOINTS):
        depends = compose[name]["depends_on"]
        assert depends["airflow-db"] == {"condition": "service_healthy"}, name
        assert depends["redis"] == {"condition": "service_healthy"}, name
        assert depends["airflow-init"] == {"condition": "service_completed_successfully"}, name
    for name in ("warehouse", "airflow-db", "redis", "api-server"):
        assert "healthcheck" in compose[name], name
    assert compose["warehouse"] is not compose["airflow-db"]
    assert "warehouse" not in COMPOSE_ENDPOINTS.metadata_db


def test_the_build_context_leaves_out_the_virtualenv_and_state() -> None:
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", "var"} <= set(ignored)
    dockerfile = (ROOT / "docker" / "Dockerfile").read_text(encoding="utf-8")
    base = next(line for line in dockerfile.splitlines() if line.startswith("FROM "))
    assert base.startswith("FROM apache/airflow:3.3.2"), "the official image, same Airflow"
    assert "requirements-deploy.txt" in dockerfile


def test_the_sample_wire_delivers_its_drop_folder_where_the_workers_read_it() -> None:
    compose = _compose()["services"]
    wire = compose["samplewire"]
    assert [*wire["entrypoint"], *wire["command"]] == sample_wire_command(COMPOSE_ENDPOINTS)
    mount = f"sample-drop:{COMPOSE_ENDPOINTS.sample_drop}"
    assert mount in wire["volumes"]
    for name, (_, env) in services(COMPOSE_ENDPOINTS).items():
        assert mount in compose[name]["volumes"], name
        assert env["NEWSWIRE_SAMPLE_DROP_DIR"] == COMPOSE_ENDPOINTS.sample_drop, name
    assert "sample-drop" in _compose()["volumes"]
