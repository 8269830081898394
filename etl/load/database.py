"""Where the warehouse is and how to talk to it.

``DATABASE_URL`` (a libpq URI) names the warehouse. Without it, the project
starts its own embedded PostgreSQL under ``var/pgdata`` (see
``embedded_postgres``), so a fresh machine needs no server.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg2
import psycopg2.extensions
import psycopg2.extras

from etl.errors import TransientError

LOGGER = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_STATE_DIR = PROJECT_ROOT / "var"

# psycopg2 error classes a retry can cure: the server went away or is starting.
TRANSIENT_PGCODES_PREFIXES = ("08", "57P")  # connection exception, operator intervention


def database_url() -> str:
    """The warehouse URL: ``DATABASE_URL``, else the embedded server (started on demand)."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    from etl.load.embedded_postgres import ensure_embedded_server

    return ensure_embedded_server(state_dir())


def state_dir() -> Path:
    """Project-local folder for the embedded database, Airflow home and logs."""
    return Path(os.environ.get("NEWSWIRE_STATE_DIR", str(DEFAULT_STATE_DIR)))


def connect(url: str | None = None) -> psycopg2.extensions.connection:
    """Open a connection; connection failures become ``TransientError`` (worth a retry)."""
    try:
        conn = psycopg2.connect(url or database_url())
    except psycopg2.OperationalError as exc:
        raise TransientError(f"cannot connect to the warehouse: {exc}".strip()) from exc
    conn.set_session(autocommit=False)
    with conn.cursor() as cur:
        cur.execute("SET search_path TO newswire, public; SET TIME ZONE 'UTC'")
    conn.commit()
    return conn


@contextmanager
def transaction(url: str | None = None) -> Iterator[psycopg2.extensions.connection]:
    """One connection, one transaction: committed on success, rolled back on any error."""
    conn = connect(url)
    try:
        yield conn
        conn.commit()
    except psycopg2.OperationalError as exc:
        conn.rollback()
        if (exc.pgcode or "08").startswith(TRANSIENT_PGCODES_PREFIXES):
            raise TransientError(str(exc)) from exc
        raise
    except BaseException:
        conn.rollback()
        raise
    finally:
        conn.close()
