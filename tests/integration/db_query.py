"""One query against a test's warehouse database, on a connection of its own."""

from __future__ import annotations

from typing import Any

from etl.load.database import connect


def query(db_url: str, sql: str, *params: object) -> list[tuple[Any, ...]]:
    """Every row ``sql`` returns; the connection is closed whatever happens."""
    conn = connect(db_url)
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()
    finally:
        conn.close()
