"""The deployment tests' fixture: a metadata database of their own."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import pytest

from tests.deploy.runs import reachable


@pytest.fixture
def metadata_db(postgres_admin_url: str) -> Iterator[str]:
    """A database of its own for Airflow's metadata, on the tests' PostgreSQL over TCP."""
    parts = urlsplit(postgres_admin_url)
    if not parts.hostname or not reachable(parts.hostname, parts.port or 5432):
        pytest.skip("deployment tests need PostgreSQL over TCP (NEWSWIRE_TEST_DATABASE_URL)")
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
