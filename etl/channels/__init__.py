"""Delivery channels other than feeds: drop folders, content APIs, file listings.

Each module takes one source's run (``etl.channels.context.ChannelRun``),
stores every payload raw before anything else, reads it with the wire
readers (``etl.transform.wire.read_wire``) and merges the stories; bad files
are quarantined with their stage and reason and the run goes on.
``etl.pipeline`` dispatches on ``source.kind`` to ``ingest_channel``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Final

from etl.channels.context import ChannelRun
from etl.load.run_records import feed_failed, feed_succeeded, register_feed
from etl.sources import resolve_sample_wire


def ingest_channel(run: ChannelRun) -> None:
    """Ingest one non-feed source by its kind's module.

    The channel's place (folder, API, listing) is registered as the source's
    feed: the summary, feed health and ``story_feed`` links treat it as one.
    """
    from etl.channels import api_cursor, drop_folder, listing

    channels: Final[dict[str, Callable[[ChannelRun, int], None]]] = {
        "drop_folder": drop_folder.ingest_drop_folder,
        "api": api_cursor.ingest_api,
        "listing": listing.ingest_listing,
    }
    place = resolve_sample_wire(run.source.channel_place or run.source.name)
    cursor = register_feed(run.conn, run.source.name, run.source.agency, place)
    failures_before = len(run.transient_failures)
    channels[run.source.kind](run, cursor.feed_id)
    now = datetime.now(UTC)
    if len(run.transient_failures) > failures_before:
        feed_failed(run.conn, cursor.feed_id, now)
        return
    feed_succeeded(
        run.conn,
        cursor,
        etag=None,
        last_modified=None,
        body_hash=None,
        fetched_at=now,
        found_new=run.counts.new > 0,
    )
    run.conn.commit()
