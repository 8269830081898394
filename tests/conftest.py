"""Shared fixtures: a real PostgreSQL database per test, the sample wire on 127.0.0.1.

The server is ``NEWSWIRE_TEST_DATABASE_URL`` (CI points it at the machine's
PostgreSQL), else ``DATABASE_URL``, else an embedded PostgreSQL started for
this test session: so the suite passes on a machine with no server at all.
Each test gets a database of its own, cloned from a migrated template.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import pytest

from etl.load.migrations import apply_migrations
from etl.samplewire.drops import deliver_sample_drops
from etl.samplewire.server import SampleWireServer

FIXTURES = Path(__file__).parent / "fixtures"

# pgserver logs from an atexit hook, after pytest has closed its capture streams.
logging.getLogger("pgserver").propagate = False


def _with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{database}"))


def _admin(url: str, sql: str) -> None:
    conn = psycopg2.connect(url)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
    finally:
        conn.close()


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    """A maintenance-database URL on the server the tests use."""
    configured = os.environ.get("NEWSWIRE_TEST_DATABASE_URL") or os.environ.get("DATABASE_URL")
    if configured:
        yield _with_database(configured, "postgres")
        return
    from etl.load.embedded_postgres import (
        ensure_embedded_server,
        socket_url,
        stop_embedded_server,
    )

    state = Path(tempfile.mkdtemp(prefix="newswire-test-pg-"))
    state.chmod(0o755)  # the server may run as another OS user (root cannot run it)
    url = ensure_embedded_server(state)
    data_dir = Path(urlsplit(url).query.removeprefix("host="))
    try:
        yield socket_url(data_dir, "postgres")
    finally:
        stop_embedded_server(state)
        shutil.rmtree(state, ignore_errors=True)


@pytest.fixture(scope="session")
def template_database(postgres_admin_url: str) -> Iterator[str]:
    """A migrated database to clone: migrations run once per session."""
    name = f"newswire_tmpl_{uuid.uuid4().hex[:10]}"
    _admin(postgres_admin_url, f'CREATE DATABASE "{name}"')
    conn = psycopg2.connect(_with_database(postgres_admin_url, name))
    try:
        apply_migrations(conn)
    finally:
        conn.close()
    yield name
    _admin(postgres_admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def db_url(postgres_admin_url: str, template_database: str) -> Iterator[str]:
    """A fresh, migrated database for one test, dropped afterwards."""
    name = f"newswire_test_{uuid.uuid4().hex[:10]}"
    _admin(postgres_admin_url, f'CREATE DATABASE "{name}" TEMPLATE "{template_database}"')
    yield _with_database(postgres_admin_url, name)
    _admin(postgres_admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def empty_db_url(postgres_admin_url: str) -> Iterator[str]:
    """A database with no schema at all, for migration tests."""
    name = f"newswire_empty_{uuid.uuid4().hex[:10]}"
    _admin(postgres_admin_url, f'CREATE DATABASE "{name}"')
    yield _with_database(postgres_admin_url, name)
    _admin(postgres_admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sample_wire(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[SampleWireServer]:
    """The bundled sample wire on a free port, edition 1; ``.edition = 2`` publishes the update.

    Its drop-folder files are delivered into this test's own folder.
    """
    server = SampleWireServer(port=0, edition=1).start_in_background()
    monkeypatch.setenv("NEWSWIRE_SAMPLE_WIRE_URL", server.base_url)
    monkeypatch.setenv(
        "NEWSWIRE_SAMPLE_DROP_DIR", str(deliver_sample_drops(tmp_path / "sample-drop"))
    )
    try:
        yield server
    finally:
        server.stop()
