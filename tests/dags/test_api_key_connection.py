"""An API key kept in Airflow's own connection store reaches the API through a real DAG run.

Operators keep credentials in Airflow connections (the UI, ``airflow
connections add``), not in the environment: the key is put in the metadata
database here, the daily DAG runs through Airflow (``newswire run``, that is
``airflow dags test``), and the local agency API only answers requests that
carry it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from etl.airflow_runner import airflow_command, airflow_env, ensure_metadata_db
from tests.integration.db_query import query
from tests.local_http import reply, serving

pytestmark = [pytest.mark.dag, pytest.mark.integration]

NEWSWIRE = Path(sys.executable).parent / "newswire"
NINJS = Path(__file__).resolve().parents[1] / "fixtures" / "wire" / "ninjs"
KEY = "k-store-0077"


@pytest.fixture
def api() -> Iterator[tuple[str, list[str | None]]]:
    """An AP-style content API: one page with one ninjs item, 401 without the key."""
    keys: list[str | None] = []
    item = json.loads((NINJS / "ap_media_api_response.json").read_text(encoding="utf-8"))
    page = json.dumps({"data": {"items": [{"item": item["data"]["item"]}]}}).encode()

    def answer(handler: BaseHTTPRequestHandler) -> None:
        keys.append(handler.headers.get("x-api-key"))
        if handler.headers.get("x-api-key") == KEY:
            reply(handler, 200, page, "application/json")
        else:
            reply(handler, 401, b'{"error": "unauthorized"}', "application/json")

    with serving(answer) as base:
        yield base, keys


def test_the_api_key_is_read_from_airflow_s_connection_store(
    api: tuple[str, list[str | None]],
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    base, keys = api
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f"""timezone = "UTC"

[[source]]
name = "ap-api"
agency = "AP"
kind = "api"
allow_hosts = ["127.0.0.1"]
[source.api]
url = "{base}/content/feed"
format = "ninjs"
items_path = "data.items"
item_path = "item"
api_key_connection = "ap_media"
""",
        encoding="utf-8",
    )
    for name in [k for k in os.environ if k.startswith("AIRFLOW")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("NEWSWIRE_STATE_DIR", str(tmp_path))
    env = airflow_env({"DATABASE_URL": db_url, "NEWSWIRE_SOURCES": str(sources)})
    ensure_metadata_db(env)
    added = subprocess.run(
        [
            *airflow_command(),
            "connections",
            "add",
            "ap_media",
            "--conn-type",
            "generic",
            "--conn-password",
            KEY,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert added.returncode == 0, added.stdout + added.stderr
    assert not any(KEY in value for value in env.values()), "the key is only in Airflow's store"

    run = subprocess.run(
        [str(NEWSWIRE), "run", "--date", "2026-11-19"],
        env={k: v for k, v in env.items() if not k.startswith("AIRFLOW")},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert run.returncode == 0, run.stdout + run.stderr
    assert keys and all(key == KEY for key in keys), keys
    assert query(db_url, "SELECT headline FROM story") == [
        ("Storm knocks out power to 40,000 homes in Maine",)
    ]
    stored = query(db_url, "SELECT url, headers::text FROM raw_document")
    assert stored and not any(KEY in url + headers for url, headers in stored)
