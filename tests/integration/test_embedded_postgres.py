"""The embedded PostgreSQL a fresh machine gets when no DATABASE_URL is set."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest

from etl.load.embedded_postgres import (
    ensure_embedded_server,
    find_system_binaries,
    stop_embedded_server,
)
from etl.load.migrations import apply_migrations

pytestmark = pytest.mark.integration


@pytest.fixture
def state_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="newswire-embedded-"))
    path.chmod(0o755)  # as root the server runs as another user, who must reach it
    yield path
    stop_embedded_server(path)
    shutil.rmtree(path, ignore_errors=True)


def _migrate_and_count_tables(url: str) -> int:
    conn = psycopg2.connect(url)
    try:
        apply_migrations(conn)
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'newswire'")
            row = cur.fetchone()
            return int(row[0]) if row else 0
    finally:
        conn.close()


@pytest.mark.parametrize("flavour", ["system", "pgserver"])
def test_embedded_server_starts_migrates_restarts_and_stops(
    flavour: str, state_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if flavour == "pgserver":
        monkeypatch.setenv("NEWSWIRE_EMBEDDED_PG", "pgserver")
    elif find_system_binaries() is None:
        pytest.skip("no system initdb/pg_ctl on this machine (the pgserver case covers it)")
    url = ensure_embedded_server(state_dir)
    assert f"host={state_dir}" in url, "the socket lives inside the project's data folder"
    assert _migrate_and_count_tables(url) >= 8
    assert ensure_embedded_server(state_dir) == url, "a second start reuses the running server"
    assert stop_embedded_server(state_dir)
    with pytest.raises(psycopg2.OperationalError):
        psycopg2.connect(url, connect_timeout=2)
    url = ensure_embedded_server(state_dir)
    assert _migrate_and_count_tables(url) >= 8, "the data survived the restart"


def test_embedded_server_starts_in_a_clone_under_a_private_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """make run as root from /root: the postgres user cannot enter the clone (defect 11)."""
    import os

    binaries = find_system_binaries()
    if os.geteuid() != 0 or binaries is None or binaries.run_as is None:
        pytest.skip("only root hands the server to another user (run this suite as root)")
    home = Path(tempfile.mkdtemp(prefix="newswire-home-"))  # mode 700, like /root
    outside = Path(tempfile.mkdtemp(prefix="newswire-pgroot-"))
    outside.chmod(0o755)
    monkeypatch.setenv("NEWSWIRE_PGDATA_ROOT", str(outside))
    state = home / "clone" / "var"
    try:
        assert not binaries.can_enter(home), "the test needs a folder postgres cannot enter"
        url = ensure_embedded_server(state)
        assert _migrate_and_count_tables(url) >= 8
        recorded = Path((state / "pgdata.location").read_text().strip())
        assert recorded.is_relative_to(outside) and f"host={recorded}" in url
        assert ensure_embedded_server(state) == url, "the recorded place is reused"
        assert stop_embedded_server(state)
    finally:
        stop_embedded_server(state)
        shutil.rmtree(home, ignore_errors=True)
        shutil.rmtree(outside, ignore_errors=True)
