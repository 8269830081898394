"""Bookkeeping rows: ingest runs, feeds and their cursors, quarantine.

Runs are a log: every attempt at a window leaves a row with its counts and
status, so reruns and failures stay visible in reporting.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

import psycopg2
import psycopg2.extensions

from etl.load.sql_files import load_sql
from etl.load.text_guard import storable_text
from etl.window import Window

LOGGER = logging.getLogger(__name__)

QUARANTINE_UPSERT_SQL = load_sql("quarantine_upsert")
QUARANTINE_RESOLVE_SQL = load_sql("quarantine_resolve")
RUNS_RUNNING_SQL = load_sql("runs_running")
RUNS_ABANDON_SQL = load_sql("runs_abandon")
# A live run holds this advisory lock (key: namespace, run id) on its own
# connection for as long as it runs: a killed process or a terminated
# connection releases it, which is how the next run tells a dead run.
RUN_LOCK_NAMESPACE = 7_310_002


@dataclass
class RunCounts:
    feeds_read: int = 0
    fetched: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0
    skipped: int = 0  # items outside the window
    nul_removed: int = 0
    deferred: int = 0  # items left for the next run (feed_backlog)

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
    """Open a run record, held by this connection's advisory lock; close dead ones first."""
    with conn.cursor() as cur:
        cur.execute(
            "INSERT INTO ingest_run (source, window_start, window_end) VALUES (%s, %s, %s) "
            "RETURNING run_id",
            (source, window.start, window.end),
        )
        row = cur.fetchone()
        assert row is not None
        run_id = int(row[0])
        cur.execute("SELECT pg_advisory_lock(%s, %s)", (RUN_LOCK_NAMESPACE, _lock_key(run_id)))
    conn.commit()
    abandon_dead_runs(conn, source, by_run=run_id)
    return run_id


def abandon_dead_runs(
    conn: psycopg2.extensions.connection, source: str, *, by_run: int
) -> list[int]:
    """Mark ``running`` runs of ``source`` whose connection is gone as ``abandoned``.

    A run's lock is free only when its session ended (process killed, its
    connection terminated) without closing the record; a run still going
    (another task of the same source) keeps its lock and its status.
    """
    abandoned = []
    with conn.cursor() as cur:
        cur.execute(RUNS_RUNNING_SQL, {"source": source})
        for (run_id,) in cur.fetchall():
            if int(run_id) == by_run:
                continue
            key = (RUN_LOCK_NAMESPACE, _lock_key(int(run_id)))
            cur.execute("SELECT pg_try_advisory_lock(%s, %s)", key)
            got = cur.fetchone()
            if not got or not got[0]:
                continue
            cur.execute(RUNS_ABANDON_SQL, {"run_id": run_id, "by_run": str(by_run)})
            cur.execute("SELECT pg_advisory_unlock(%s, %s)", key)
            abandoned.append(int(run_id))
    conn.commit()
    if abandoned:
        LOGGER.warning(
            "source %s: runs %s had stopped without closing: abandoned", source, abandoned
        )
    return abandoned


def _lock_key(run_id: int) -> int:
    return run_id % 2_147_483_647


def save_run_counts(conn: psycopg2.extensions.connection, run_id: int, counts: RunCounts) -> None:
    """Record progress in the caller's transaction (committed with the batch it counts)."""
    with conn.cursor() as cur:
        cur.execute(
            """
            UPDATE ingest_run SET feeds_read = %(feeds_read)s, fetched = %(fetched)s,
                new = %(new)s, updated = %(updated)s, unchanged = %(unchanged)s,
                quarantined = %(quarantined)s, skipped = %(skipped)s,
                nul_removed = %(nul_removed)s, deferred = %(deferred)s
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
    notes: Iterable[str] = (),
) -> None:
    save_run_counts(conn, run_id, counts)
    with conn.cursor() as cur:
        cur.execute(
            "UPDATE ingest_run SET finished_at = now(), status = %s, error = %s, notes = %s"
            " WHERE run_id = %s",
            (
                "failed" if error else "success",
                storable_text(error)[0] if error else None,
                storable_text("; ".join(notes))[0] or None,
                run_id,
            ),
        )
        cur.execute("SELECT pg_advisory_unlock(%s, %s)", (RUN_LOCK_NAMESPACE, _lock_key(run_id)))
    conn.commit()


def close_failed_run(
    conn: psycopg2.extensions.connection,
    reconnect: Callable[[], psycopg2.extensions.connection],
    run_id: int,
    counts: RunCounts,
    error: str,
    notes: Iterable[str] = (),
) -> None:
    """Close a run as failed with its real error, on a fresh connection if its own is gone.

    A terminated connection (``pg_terminate_backend``, a server restart)
    cannot even roll back; the record is then closed through ``reconnect``.
    If that fails too, the run stays ``running`` and the next run of the
    source marks it abandoned.
    """
    try:
        conn.rollback()
        finish_run(conn, run_id, counts, error=error, notes=notes)
        return
    except (psycopg2.InterfaceError, psycopg2.OperationalError) as lost:
        LOGGER.warning(
            "run %d: its connection is gone (%s); closing it on a fresh one", run_id, lost
        )
    try:
        fresh = reconnect()
    except Exception as exc:
        LOGGER.error("run %d: cannot close the record (%s); the next run abandons it", run_id, exc)
        return
    try:
        finish_run(fresh, run_id, counts, error=error, notes=notes)
    finally:
        fresh.close()


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
    """Keep a failed input with its reason: one open row per (source, input, stage)."""
    with conn.cursor() as cur:
        cur.execute(
            QUARANTINE_UPSERT_SQL,
            {
                "run_id": run_id,
                "raw_id": raw_id,
                "source": source,
                "url": storable_text(url)[0],
                "stage": stage,
                "reason": storable_text(reason[:2000])[0],
            },
        )


def resolve_quarantine(
    conn: psycopg2.extensions.connection, source: str, urls: Iterable[str]
) -> int:
    """Resolve the open quarantine rows of inputs that went through; how many were."""
    digests = [psycopg2.Binary(key_digest(url)) for url in urls]
    if not digests:
        return 0
    with conn.cursor() as cur:
        cur.execute(QUARANTINE_RESOLVE_SQL, {"source": source, "digests": digests})
        return cur.rowcount


def key_digest(value: str) -> bytes:
    """What ``newswire.key_digest`` computes in SQL (migration 012), of the stored text."""
    return hashlib.sha256(storable_text(value)[0].encode("utf-8")).digest()


def set_feed_cadence(
    conn: psycopg2.extensions.connection, feed_id: int, interval: timedelta
) -> None:
    """Record how often the feed says it changes (feed_freshness compares against it)."""
    with conn.cursor() as cur:
        cur.execute(
            "UPDATE feed SET expected_interval = %s "
            "WHERE feed_id = %s AND expected_interval IS DISTINCT FROM %s",
            (interval, feed_id, interval),
        )
