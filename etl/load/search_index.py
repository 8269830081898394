"""Full-text search documents, refreshed set-based off the merge's hot path.

The merge queues every story it inserts or changes, and every story a
status-only notice kills, in ``story_search_pending`` (one cheap insert per
row). ``refresh_search_index`` works the queue off in two statements: take
the queued ids (``FOR UPDATE SKIP LOCKED``: a row a concurrent merge is
re-queueing stays for the next refresh, and no refresh ever waits on a merge,
so the two cannot deadlock); then, with a fresh snapshot that sees every merge
committed before the ids were taken, recompute the documents of live stories
whose content hash differs from the one indexed and delete killed stories'
documents. Refreshing twice changes nothing. The pipeline calls it at the end
of every source run (ingest and reprocess), so search is current when a run
finishes; the ``story_search`` view leaves killed stories out at once anyway.
"""

from __future__ import annotations

import logging

import psycopg2.extensions

from etl.load.sql_files import load_sql

LOGGER = logging.getLogger(__name__)

TAKE_SQL = load_sql("search_take")

REFRESH_SQL = load_sql("search_refresh")


def refresh_search_index(conn: psycopg2.extensions.connection) -> int:
    """Bring queued stories' search documents up to date in the caller's transaction.

    Returns how many documents were written or deleted.
    """
    with conn.cursor() as cur:
        cur.execute(TAKE_SQL)
        cur.execute(REFRESH_SQL)
        row = cur.fetchone()
    indexed, dropped = (int(row[0]), int(row[1])) if row else (0, 0)
    if indexed or dropped:
        LOGGER.info("search index: %d documents written, %d dropped", indexed, dropped)
    return indexed + dropped
