"""Bookkeeping rows: ingest runs, feeds and their cursors, quarantine.

Runs are a log: every attempt at a window leaves a row with its counts and
status, so reruns and failures stay visible in reporting.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

import psycopg2.extensions

from etl.load.text_guard import storable_text
from etl.window import Window


@dataclass
class RunCounts:
    feeds_read: int = 0
    fetched: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0
    skipped: int = 0
    nul_removed: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class FeedCursor:
    """What we last saw of a feed, for a conditional GET."""

    feed_id: int
    etag: str | None
    last_modified: str | None
    last_body_hash: str | None


def start_run(conn: psycopg2.extensions.connection, source: str, window: Window) -> int:
    with conn.cursor() as cur:
        cur.execute(
            "INSERT INTO ingest_run (source, window_start, window_end) VALUES (%s, %s, %s) "
            "RETURNING run_id",
            (source, window.start, window.end),
        )
        row = cur.fetchone()
    conn.commit()
    assert row is not None
    return int(row[0])


def save_run_counts(conn: psycopg2.extensions.connection, run_id: int, counts: RunCounts) -> None:
    """Record progress in the caller's transaction (committed with the batch it counts)."""
    with conn.cursor() as cur:
        cur.execute(
            """
            UPDATE ingest_run SET feeds_read = %(feeds_read)s, fetched = %(fetched)s,
                new = %(new)s, updated = %(updated)s, unchanged = %(unchanged)s,
                quarantined = %(quarantined)s, skipped = %(skipped)s,
                nul_removed = %(nul_removed)s
            WHERE run_id = %(run_id)s
            """,
            {**counts.as_dict(), "run_id": run_id},
        )


def finish_run(
    conn: psycopg2.extensions.connection,
    run_id: int,
    counts: RunCounts,
    *,
    error: str | None = None,
) -> None:
    save_run_counts(conn, run_id, counts)
    with conn.cursor() as cur:
        cur.execute(
            "UPDATE ingest_run SET finished_at = now(), status = %s, error = %s WHERE run_id = %s",
            ("failed" if error else "success", storable_text(error)[0] if error else None, run_id),
        )
    conn.commit()


def register_feed(
    conn: psycopg2.extensions.connection, source: str, agency: str, url: str
) -> FeedCursor:
    with conn.cursor() as cur:
        cur.execute(
            """
            INSERT INTO feed (source, agency, url) VALUES (%s, %s, %s)
            ON CONFLICT (url_digest)
                DO UPDATE SET source = EXCLUDED.source, agency = EXCLUDED.agency
            RETURNING feed_id, etag, last_modified, last_body_hash
            """,
            (source, agency, url),
        )
        row = cur.fetchone()
    conn.commit()
    assert row is not None
    return FeedCursor(int(row[0]), row[1], row[2], row[3])


def feed_succeeded(
    conn: psycopg2.extensions.connection,
    cursor: FeedCursor,
    *,
    etag: str | None,
    last_modified: str | None,
    body_hash: str | None,
    fetched_at: datetime,
    found_new: bool,
) -> None:
    """Advance the feed cursor only after its items are loaded: a crash refetches them."""
    with conn.cursor() as cur:
        cur.execute(
            """
            UPDATE feed SET etag = %s, last_modified = %s, last_body_hash = %s,
                last_fetched_at = %s, last_success_at = %s, consecutive_failures = 0,
                last_new_story_at = CASE WHEN %s THEN %s ELSE last_new_story_at END
            WHERE feed_id = %s
            """,
            (
                etag,
                last_modified,
                body_hash,
                fetched_at,
                fetched_at,
                found_new,
                fetched_at,
                cursor.feed_id,
            ),
        )


def feed_failed(conn: psycopg2.extensions.connection, feed_id: int, at: datetime) -> None:
    with conn.cursor() as cur:
        cur.execute(
            "UPDATE feed SET last_fetched_at = %s, consecutive_failures = consecutive_failures + 1"
            " WHERE feed_id = %s",
            (at, feed_id),
        )
    conn.commit()


def quarantine(
    conn: psycopg2.extensions.connection,
    *,
    run_id: int,
    source: str,
    url: str,
    stage: str,
    reason: str,
    raw_id: int | None,
) -> None:
    """Keep a failed input with its reason; the same input at the same stage is kept once."""
    with conn.cursor() as cur:
        cur.execute(
            """
            INSERT INTO quarantine (run_id, raw_id, source, url, stage, reason)
            VALUES (%s, %s, %s, %s, %s, %s)
            ON CONFLICT (source, key_digest(url), stage, coalesce(raw_id, 0)) DO NOTHING
            """,
            (run_id, raw_id, source, storable_text(url)[0], stage, storable_text(reason[:2000])[0]),
        )
