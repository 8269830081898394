"""Set-based, idempotent story loading: COPY into staging, one merge per batch.

The merge is one ``INSERT ... ON CONFLICT (agency, identity_key) DO UPDATE``
that only touches a story whose content hash changed; every story it inserts
or changes gets a ``story_version`` row with that content. Loading the same
batch twice therefore changes nothing. The caller owns the transaction.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import psycopg2.extensions

from etl.model import CleanStory


@dataclass(frozen=True)
class StoryRow:
    """A cleaned story with where and when it was seen."""

    agency: str
    identity_key: str
    guid: str | None
    url: str | None
    story: CleanStory
    raw_id: int | None
    seen_at: datetime


@dataclass(frozen=True)
class MergeCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0

    def __add__(self, other: MergeCounts) -> MergeCounts:
        return MergeCounts(
            self.new + other.new,
            self.updated + other.updated,
            self.unchanged + other.unchanged,
        )


STAGE_COLUMNS = (
    "ordinal",
    "agency",
    "identity_key",
    "guid",
    "url",
    "headline",
    "deck",
    "body",
    "body_blocks",
    "byline",
    "dateline_raw",
    "dateline_place",
    "dateline_region",
    "dateline_month",
    "dateline_day",
    "dateline_year",
    "dateline_agency",
    "language",
    "published_at",
    "content_hash",
    "seen_at",
    "raw_id",
)
MEDIA_STAGE_COLUMNS = ("agency", "identity_key", "position", "caption", "credit", "url")

CREATE_STAGING_SQL = """
CREATE TEMP TABLE IF NOT EXISTS story_stage (
    ordinal integer, agency text, identity_key text, guid text, url text,
    headline text, deck text, body text, body_blocks jsonb, byline text,
    dateline_raw text, dateline_place text, dateline_region text,
    dateline_month smallint, dateline_day smallint, dateline_year smallint,
    dateline_agency text, language text, published_at timestamptz,
    content_hash text, seen_at timestamptz, raw_id bigint
) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS story_media_stage (
    agency text, identity_key text, position integer, caption text, credit text, url text
) ON COMMIT DELETE ROWS;
"""

# Within one batch the last row of an identity wins (a feed listing an update twice).
MERGE_SQL = """
WITH incoming AS (
    SELECT DISTINCT ON (agency, identity_key) *
    FROM story_stage
    ORDER BY agency, identity_key, ordinal DESC
), merged AS (
    INSERT INTO story AS s (
        agency, identity_key, guid, url, headline, deck, body, body_blocks, byline,
        dateline_raw, dateline_place, dateline_region, dateline_month, dateline_day,
        dateline_year, dateline_agency, language, published_at, content_hash,
        current_version, first_seen_at, last_changed_at, raw_id
    )
    SELECT agency, identity_key, guid, url, headline, deck, body, body_blocks, byline,
           dateline_raw, dateline_place, dateline_region, dateline_month, dateline_day,
           dateline_year, dateline_agency, language, published_at, content_hash,
           1, seen_at, seen_at, raw_id
    FROM incoming
    ON CONFLICT (agency, identity_key) DO UPDATE SET
        guid = EXCLUDED.guid,
        url = EXCLUDED.url,
        headline = EXCLUDED.headline,
        deck = EXCLUDED.deck,
        body = EXCLUDED.body,
        body_blocks = EXCLUDED.body_blocks,
        byline = EXCLUDED.byline,
        dateline_raw = EXCLUDED.dateline_raw,
        dateline_place = EXCLUDED.dateline_place,
        dateline_region = EXCLUDED.dateline_region,
        dateline_month = EXCLUDED.dateline_month,
        dateline_day = EXCLUDED.dateline_day,
        dateline_year = EXCLUDED.dateline_year,
        dateline_agency = EXCLUDED.dateline_agency,
        language = EXCLUDED.language,
        published_at = COALESCE(EXCLUDED.published_at, s.published_at),
        content_hash = EXCLUDED.content_hash,
        current_version = s.current_version + 1,
        last_changed_at = EXCLUDED.last_changed_at,
        raw_id = EXCLUDED.raw_id
    WHERE s.content_hash IS DISTINCT FROM EXCLUDED.content_hash
    RETURNING s.story_id, s.agency, s.identity_key, s.current_version, (s.xmax = 0) AS inserted
), versions AS (
    INSERT INTO story_version (
        story_id, version, content_hash, headline, deck, body, body_blocks, seen_at, raw_id
    )
    SELECT m.story_id, m.current_version, i.content_hash, i.headline, i.deck, i.body,
           i.body_blocks, i.seen_at, i.raw_id
    FROM merged m JOIN incoming i USING (agency, identity_key)
)
SELECT story_id, inserted FROM merged
"""

REPLACE_MEDIA_SQL = """
DELETE FROM story_media WHERE story_id = ANY(%(changed)s);
INSERT INTO story_media (story_id, position, caption, credit, url)
SELECT s.story_id, m.position, m.caption, m.credit, m.url
FROM story_media_stage m
JOIN story s USING (agency, identity_key)
WHERE s.story_id = ANY(%(changed)s);
"""

LINK_FEED_SQL = """
INSERT INTO story_feed (story_id, feed_id, first_seen_at)
SELECT DISTINCT s.story_id, %(feed_id)s, now()
FROM story_stage st JOIN story s USING (agency, identity_key)
ON CONFLICT DO NOTHING
"""


def merge_stories(
    conn: psycopg2.extensions.connection, rows: Sequence[StoryRow], feed_id: int | None = None
) -> MergeCounts:
    """Load a batch in the caller's transaction; count new, updated and unchanged stories."""
    if not rows:
        return MergeCounts()
    with conn.cursor() as cur:
        cur.execute(CREATE_STAGING_SQL)
        cur.execute("TRUNCATE story_stage, story_media_stage")
        _copy(cur, "story_stage", STAGE_COLUMNS, _stage_records(rows))
        _copy(cur, "story_media_stage", MEDIA_STAGE_COLUMNS, _media_records(rows))
        cur.execute(MERGE_SQL)
        merged = cur.fetchall()
        changed = [int(story_id) for story_id, _ in merged]
        if changed:
            cur.execute(REPLACE_MEDIA_SQL, {"changed": changed})
        if feed_id is not None:
            cur.execute(LINK_FEED_SQL, {"feed_id": feed_id})
        cur.execute("SELECT count(DISTINCT (agency, identity_key)) FROM story_stage")
        distinct_row = cur.fetchone()
    distinct = int(distinct_row[0]) if distinct_row else 0
    new = sum(1 for _, inserted in merged if inserted)
    updated = len(merged) - new
    return MergeCounts(new=new, updated=updated, unchanged=distinct - len(merged))


def _copy(
    cur: psycopg2.extensions.cursor,
    table: str,
    columns: Sequence[str],
    records: Iterable[Sequence[object]],
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for record in records:
        writer.writerow(["\\N" if value is None else value for value in record])
    buffer.seek(0)
    cur.copy_expert(
        f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')", buffer
    )


def _stage_records(rows: Sequence[StoryRow]) -> Iterable[Sequence[object]]:
    for ordinal, row in enumerate(rows):
        story = row.story
        dateline = story.dateline
        yield (
            ordinal,
            row.agency,
            row.identity_key,
            row.guid,
            row.url,
            story.headline,
            story.deck,
            story.body,
            json.dumps([{"kind": b.kind, "text": b.text} for b in story.blocks]),
            story.byline,
            dateline.raw if dateline else None,
            dateline.place if dateline else None,
            dateline.region if dateline else None,
            dateline.month if dateline else None,
            dateline.day if dateline else None,
            dateline.year if dateline else None,
            dateline.agency if dateline else None,
            story.language,
            story.published_at.isoformat() if story.published_at else None,
            story.content_hash(),
            row.seen_at.isoformat(),
            row.raw_id,
        )


def _media_records(rows: Sequence[StoryRow]) -> Iterable[Sequence[object]]:
    latest = {(row.agency, row.identity_key): row for row in rows}
    for (agency, identity), row in latest.items():
        for position, media in enumerate(row.story.media):
            yield (agency, identity, position, media.caption, media.credit, media.url)
