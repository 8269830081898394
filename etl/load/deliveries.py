"""Bookkeeping of the delivery channels: which files were read, where each API stopped.

A delivered file (drop folder, HTTP listing) is known by its bytes: the same
file delivered twice, under any name, is read once. Its state moves
``landed`` (raw row committed) -> ``processed`` or ``quarantined`` in the
transaction that loads its stories, so a crash in between reads it again.
A content API's cursor (the next page to ask for) is saved in the
transaction that loaded the page's items, so a crash asks for it again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import psycopg2.extensions

from etl.load.sql_files import load_sql

FileState = Literal["landed", "processed", "quarantined"]

STATE_SQL = load_sql("delivered_file_state")
RECORD_SQL = load_sql("delivered_file_record")
LOCATIONS_DONE_SQL = load_sql("delivered_locations_done")
CURSOR_READ_SQL = load_sql("api_cursor_read")
CURSOR_SAVE_SQL = load_sql("api_cursor_save")


def file_state(
    conn: psycopg2.extensions.connection, source: str, content_hash: str
) -> FileState | None:
    """What became of a file with these bytes; ``None`` when never seen."""
    with conn.cursor() as cur:
        cur.execute(STATE_SQL, {"source": source, "content_hash": content_hash})
        row = cur.fetchone()
    return None if row is None else row[0]


def record_file(
    conn: psycopg2.extensions.connection,
    *,
    source: str,
    content_hash: str,
    location: str,
    raw_id: int | None,
    state: FileState,
) -> None:
    """Record a file's state in the caller's transaction."""
    with conn.cursor() as cur:
        cur.execute(
            RECORD_SQL,
            {
                "source": source,
                "content_hash": content_hash,
                "location": location,
                "raw_id": raw_id,
                "state": state,
            },
        )


def locations_done(
    conn: psycopg2.extensions.connection, source: str, locations: Sequence[str]
) -> set[str]:
    """The listed file URLs already read to the end (not fetched again)."""
    if not locations:
        return set()
    with conn.cursor() as cur:
        cur.execute(LOCATIONS_DONE_SQL, {"source": source, "locations": list(locations)})
        return {str(row[0]) for row in cur.fetchall()}


def read_cursor(conn: psycopg2.extensions.connection, source: str) -> str | None:
    """The page an API source asks for next; ``None`` on its first run."""
    with conn.cursor() as cur:
        cur.execute(CURSOR_READ_SQL, {"source": source})
        row = cur.fetchone()
    return None if row is None else row[0]


def save_cursor(conn: psycopg2.extensions.connection, source: str, next_page: str) -> None:
    """Move an API source's cursor, in the caller's transaction."""
    with conn.cursor() as cur:
        cur.execute(CURSOR_SAVE_SQL, {"source": source, "next_page": next_page})
