"""A scratch database for a benchmark, on the server the project would use, dropped after."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import psycopg2

from etl.load.database import database_url


def server_url() -> str:
    """``DATABASE_URL``, else ``NEWSWIRE_TEST_DATABASE_URL``, else the embedded server."""
    return (
        os.environ.get("DATABASE_URL")
        or os.environ.get("NEWSWIRE_TEST_DATABASE_URL")
        or database_url()
    )


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _admin(url: str, sql: str) -> None:
    conn = psycopg2.connect(with_database(url, "postgres"))
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
    finally:
        conn.close()


@contextmanager
def scratch_database(prefix: str) -> Iterator[str]:
    """A new empty database on the server; its URL. Dropped on the way out, whatever happens."""
    base = server_url()
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    _admin(base, f'CREATE DATABASE "{name}"')
    try:
        yield with_database(base, name)
    finally:
        _admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
