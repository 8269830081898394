"""One source is ingested by one task at a time, whatever started the task.

A scheduled run, a backfill (Airflow's own default is ten active runs), a
manual run and ``newswire ingest`` may all reach the same source at once; no
agency's polite-fetch policy expects two crawlers. Each ingestion holds a
PostgreSQL session advisory lock keyed on the source's name in the warehouse
they all share. It is released when the ingestion ends, and by the server when
the holder's connection dies, so a crashed worker never leaves a source locked.
A second ingestion of the same source waits for the lock up to a bound, then
gives up with ``SourceBusyError`` (transient: Airflow retries it later),
naming the holder.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import psycopg2
import psycopg2.errors
import psycopg2.extensions

from etl.errors import TransientError

LOGGER = logging.getLogger(__name__)

# The lock key: (namespace, source) as two int4 hashes, so newswire's locks
# never collide with another application's single-bigint advisory locks.
LOCK_NAMESPACE = "newswire.ingest_source"
# How long a second ingestion of a busy source waits before it gives up.
DEFAULT_WAIT = timedelta(minutes=10)

_TRY_LOCK = "SELECT pg_try_advisory_lock(hashtext(%s), hashtext(%s))"
_LOCK = "SELECT pg_advisory_lock(hashtext(%s), hashtext(%s))"
_UNLOCK = "SELECT pg_advisory_unlock(hashtext(%s), hashtext(%s))"
# Who holds the lock (pg_locks keeps the two int4 keys in classid and objid).
_HOLDER = """
SELECT a.pid, a.application_name, a.client_addr::text, a.backend_start
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
  AND l.classid = hashtext(%s)::oid AND l.objid = hashtext(%s)::oid
"""


class SourceBusyError(TransientError):
    """Another task is ingesting this source; retry once it is done."""


@contextmanager
def source_lock(
    conn: psycopg2.extensions.connection, source: str, *, wait: timedelta = DEFAULT_WAIT
) -> Iterator[None]:
    """Hold the source's lock on ``conn`` for the block; wait at most ``wait`` for it."""
    key = (LOCK_NAMESPACE, source)
    with conn.cursor() as cur:
        cur.execute(_TRY_LOCK, key)
        got = cur.fetchone()
    conn.commit()
    if not (got and got[0]):
        LOGGER.warning(
            "source %s is being ingested by another task (%s); waiting up to %.0f s",
            source,
            holder(conn, source),
            wait.total_seconds(),
        )
        _wait_for_lock(conn, source, key, wait)
    LOGGER.info("holding the ingestion lock of source %s", source)
    try:
        yield
    finally:
        _release(conn, key)


def _wait_for_lock(
    conn: psycopg2.extensions.connection, source: str, key: tuple[str, str], wait: timedelta
) -> None:
    with conn.cursor() as cur:
        # lock_timeout bounds pg_advisory_lock's wait too; SET LOCAL ends with the transaction.
        cur.execute("SET LOCAL lock_timeout = %s", (f"{max(wait.total_seconds(), 0.001):.3f}s",))
        try:
            cur.execute(_LOCK, key)
        except psycopg2.errors.LockNotAvailable:
            conn.rollback()
            raise SourceBusyError(
                f"source {source} is being ingested by another task ({holder(conn, source)}); "
                f"waited {wait.total_seconds():.0f} s"
            ) from None
    conn.commit()


def _release(conn: psycopg2.extensions.connection, key: tuple[str, str]) -> None:
    """Unlock; a connection already lost has released it on the server, so that is no error."""
    try:
        conn.rollback()  # an aborted transaction would refuse the unlock
        with conn.cursor() as cur:
            cur.execute(_UNLOCK, key)
        conn.commit()
    except psycopg2.Error as exc:
        LOGGER.warning("source lock %s: connection lost before unlock (%s)", key[1], exc)


def holder(conn: psycopg2.extensions.connection, source: str) -> str:
    """Who holds a source's lock, for the error message: a pid and since when."""
    with conn.cursor() as cur:
        cur.execute(_HOLDER, (LOCK_NAMESPACE, source))
        row = cur.fetchone()
    conn.rollback()
    if row is None:
        return "holder gone"
    pid, app, addr, backend_start = row
    where = f" from {addr}" if addr else ""
    name = f" {app}" if app else ""
    return f"server pid {pid}{name}{where}, connected since {backend_start:%Y-%m-%d %H:%M:%S %Z}"
