"""One delivered payload (a file, an API item) -> loadable story rows, or a quarantine row.

The format readers (``etl.transform.wire``) are pure; this is where a story
meets its source: the configured agency and language, the status its
``pubStatus`` and signals announce, and its identity (the agency's own id,
else its URL, else where the file was delivered).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from datetime import datetime

import psycopg2.extensions

from etl.channels.context import ChannelRun
from etl.errors import QuarantineError
from etl.load.story_merge import MergeCounts, StoryRow, merge_stories
from etl.model import CleanStory
from etl.transform.identity import canonical_url, identity_key
from etl.transform.story_status import with_wire_status

LOGGER = logging.getLogger(__name__)


def wire_rows(
    run: ChannelRun,
    data: bytes,
    *,
    location: str,
    raw_id: int | None,
    seen_at: datetime,
    fmt: str,
    name: str | None = None,
) -> list[StoryRow] | None:
    """The payload's stories as rows; ``None`` when it was quarantined (its reason recorded)."""
    from etl.transform.wire import read_wire  # pure, but heavy: only when a channel runs

    try:
        stories = read_wire(data, fmt=fmt, name=name)
    except QuarantineError as exc:
        run.quarantine(location, exc.stage, exc.reason, raw_id)
        return None
    except (ValueError, LookupError, TypeError, RecursionError) as exc:
        # A reader bug must not stop the source: the file is kept, the reason says what broke.
        LOGGER.exception("wire reader failed on %s", location)
        run.quarantine(location, "parse_wire", f"reader error: {type(exc).__name__}: {exc}", raw_id)
        return None
    several = len(stories) > 1
    return [
        _row(run, story, location, raw_id, seen_at, f"{location}#{index}" if several else location)
        for index, story in enumerate(stories)
    ]


def _row(
    run: ChannelRun,
    story: CleanStory,
    location: str,
    raw_id: int | None,
    seen_at: datetime,
    fallback_key: str,
) -> StoryRow:
    story = with_wire_status(_with_source_defaults(run, story))
    wire = story.wire
    agency_id = wire.agency_id if wire else None
    url = canonical_url(story.canonical_url) if story.canonical_url else None
    return StoryRow(
        agency=run.source.agency,
        identity_key=identity_key(agency_id, url or fallback_key),
        guid=agency_id,
        url=url or location,
        story=story,
        raw_id=raw_id,
        seen_at=seen_at,
    )


def _with_source_defaults(run: ChannelRun, story: CleanStory) -> CleanStory:
    """Fill in what the file did not say: language from the source, a time from the item."""
    changes: dict[str, object] = {}
    if story.language is None:
        changes["language"] = run.source.language
    if story.published_at is None and story.wire is not None:
        moment = story.wire.first_created or story.wire.version_created
        if moment is not None:
            changes["published_at"] = moment
    if story.text_source != "wire":
        changes["text_source"] = "wire"
    return dataclasses.replace(story, **changes) if changes else story  # type: ignore[arg-type]


def merge_in_order(
    conn: psycopg2.extensions.connection, rows: Sequence[StoryRow], feed_id: int | None = None
) -> MergeCounts:
    """Merge a batch where one story may come in several versions, oldest first.

    The merge keeps one row per story and batch, so the versions go in rounds:
    the first round has each story's oldest version in the batch, the next
    its next one; each version thus becomes a ``story_version`` in order.
    """
    rounds: list[list[StoryRow]] = []
    seen: dict[tuple[str, str], int] = {}
    for row in sorted(rows, key=_version_order):
        key = (row.agency, row.identity_key)
        index = seen[key] = seen.get(key, -1) + 1
        if index == len(rounds):
            rounds.append([])
        rounds[index].append(row)
    counts = MergeCounts()
    for batch in rounds:
        counts += merge_stories(conn, batch, feed_id)
    return counts


def _version_order(row: StoryRow) -> tuple[int, float]:
    wire = row.story.wire
    version = wire.version if wire and wire.version is not None else 0
    created = wire.version_created if wire else None
    return (version, created.timestamp() if created else 0.0)
