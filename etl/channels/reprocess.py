"""Reprocess a channel source: read its stored files and API pages again, fetch nothing.

A reader fix reaches stories already loaded this way, as for pages: each
stored payload of the window goes through the same reading and merge as on
the day it came, in the order it came, so versions keep their order (an
older version read again changes nothing). API pages are read again only
for their inline items; linked items and listed files are stored files.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from etl.channels.api_cursor import ApiPageError, parse_page
from etl.channels.context import ChannelRun
from etl.channels.wire_items import merge_in_order, wire_rows
from etl.load.clusters import assign_clusters
from etl.load.sql_files import load_sql
from etl.load.story_merge import StoryRow
from etl.sources import ApiSettings

STORED_DELIVERIES_SQL = load_sql("stored_deliveries")


@dataclass(frozen=True)
class StoredDelivery:
    raw_id: int
    kind: str
    url: str
    fetched_at: datetime
    body: bytes


def reprocess_channel(run: ChannelRun) -> None:
    """Read and merge again every stored payload of the source's window."""
    fmt = run.source.channel.format if run.source.channel else "auto"
    for stored in stored_deliveries(run):
        run.counts.fetched += 1
        if stored.kind == "file":
            rows = wire_rows(
                run,
                stored.body,
                location=stored.url,
                raw_id=stored.raw_id,
                seen_at=stored.fetched_at,
                fmt=fmt,
                name=stored.url.rsplit("/", 1)[-1],
            )
        else:
            rows = _inline_items(run, stored)
        merged = merge_in_order(run.conn, rows or [])
        run.counts.new += merged.new
        run.counts.updated += merged.updated
        run.counts.unchanged += merged.unchanged
    assign_clusters(run.conn)


def stored_deliveries(run: ChannelRun) -> Iterator[StoredDelivery]:
    with run.conn.cursor() as cur:
        cur.execute(
            STORED_DELIVERIES_SQL,
            {"source": run.source.name, "start": run.window.start, "end": run.window.end},
        )
        for raw_id, kind, url, fetched_at, gz in cur.fetchall():
            yield StoredDelivery(int(raw_id), kind, url, fetched_at, gzip.decompress(bytes(gz)))


def _inline_items(run: ChannelRun, stored: StoredDelivery) -> list[StoryRow]:
    """The stories an API page carried inline (pages of links and listings carry none)."""
    settings = run.source.channel
    if not isinstance(settings, ApiSettings) or settings.link_path:
        return []
    try:
        page = parse_page(stored.body, settings, stored.url)
    except ApiPageError as exc:
        run.quarantine(stored.url, exc.stage, exc.reason, stored.raw_id)
        return []
    rows: list[StoryRow] = []
    for position, item in enumerate(page.items):
        if item.inline is None:
            continue
        rows.extend(
            wire_rows(
                run,
                item.inline,
                location=f"{stored.url}#item-{position}",
                raw_id=stored.raw_id,
                seen_at=stored.fetched_at,
                fmt=settings.format,
            )
            or []
        )
    return rows
