"""A feed's backlog: items deferred to the next run, taken first by it.

An item is deferred when the feed lists more new items than
``max_pages_per_feed``, when the source's time budget is spent, when its
request overran its deadline, or when the server asked to be called back
later than the budget allows. Nothing is dropped: the next run of the
source takes the backlog first (oldest first), then the feed's unseen items,
then items it already has pages for (to catch updates), up to the cap.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg2
import psycopg2.extensions

from etl.load.run_records import key_digest
from etl.load.sql_files import load_sql
from etl.load.text_guard import storable

BACKLOG_PENDING_SQL = load_sql("backlog_pending")
BACKLOG_DEFER_SQL = load_sql("backlog_defer")
BACKLOG_DONE_SQL = load_sql("backlog_done")
PAGES_SEEN_SQL = load_sql("pages_seen")


@dataclass(frozen=True)
class Planned:
    """The items a feed's run takes, and those it defers because of the cap."""

    take: list[tuple[str, dict[str, Any]]]  # (item URL, feed item as JSON)
    over_cap: list[tuple[str, dict[str, Any]]]


def pending(conn: psycopg2.extensions.connection, feed_id: int) -> list[tuple[str, dict[str, Any]]]:
    """The feed's deferred items, oldest first."""
    with conn.cursor() as cur:
        cur.execute(BACKLOG_PENDING_SQL, {"feed_id": feed_id})
        return [(str(url), dict(entry)) for url, entry in cur.fetchall()]


def plan(
    conn: psycopg2.extensions.connection,
    source: str,
    feed_id: int,
    items: Sequence[tuple[str, dict[str, Any]]],
    cap: int,
) -> Planned:
    """Backlog first, then unseen items, then seen ones; what is new and over ``cap`` waits.

    Items the source already has a page for are loaded: leaving them out
    loses nothing, so only unseen items go to the backlog.
    """
    waiting = pending(conn, feed_id)
    waiting_urls = {url for url, _ in waiting}
    fresh = [(url, entry) for url, entry in items if url not in waiting_urls]
    seen = _seen(conn, source, [url for url, _ in fresh])
    ordered = (
        waiting
        + [(u, e) for u, e in fresh if key_digest(u) not in seen]
        + [(u, e) for u, e in fresh if key_digest(u) in seen]
    )
    take, rest = ordered[:cap], ordered[cap:]
    over_cap = [(u, e) for u, e in rest if key_digest(u) not in seen]
    return Planned(take=take, over_cap=over_cap)


def _seen(conn: psycopg2.extensions.connection, source: str, urls: Iterable[str]) -> set[bytes]:
    digests = [psycopg2.Binary(key_digest(url)) for url in urls]
    if not digests:
        return set()
    with conn.cursor() as cur:
        cur.execute(PAGES_SEEN_SQL, {"digests": digests, "source": source})
        return {bytes(d) for (d,) in cur.fetchall()}


def defer(
    conn: psycopg2.extensions.connection,
    *,
    feed_id: int,
    run_id: int,
    item_url: str,
    entry: dict[str, Any],
    reason: str,
    position: int,
) -> None:
    """Put an item on the feed's backlog (in the caller's transaction)."""
    clean, _ = storable(entry)
    with conn.cursor() as cur:
        cur.execute(
            BACKLOG_DEFER_SQL,
            {
                "feed_id": feed_id,
                "run_id": run_id,
                "item_url": storable(item_url)[0],
                "entry": json.dumps(clean),
                "reason": reason,
                "position": position,
            },
        )


def done(conn: psycopg2.extensions.connection, feed_id: int, urls: Iterable[str]) -> None:
    """Items this run took (loaded or quarantined) leave the backlog."""
    digests = [psycopg2.Binary(key_digest(url)) for url in urls]
    if digests:
        with conn.cursor() as cur:
            cur.execute(BACKLOG_DONE_SQL, {"feed_id": feed_id, "digests": digests})
