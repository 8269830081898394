"""Set-based, idempotent story loading: COPY into staging, one merge per batch.

The merge is one ``INSERT ... ON CONFLICT (agency, identity_key) DO UPDATE``
that only touches a story whose content hash changed; every story it inserts
or changes gets a ``story_version`` row with that content. Loading the same
batch twice therefore changes nothing. The caller owns the transaction.

A kill or withdrawal (``CleanStory.status``) marks the story and every one of
its versions ``killed``, for good. A status that arrives without a content
change (a NewsML ``pubStatus`` of ``canceled``) is applied by a second,
rarely-run statement, so a batch of usable stories pays nothing for it.
Every new or changed story is queued for its near-duplicate sketch
(``story_sketch_pending``, worked off by ``etl.load.clusters``) and for its
full-text search document (``story_search_pending``, worked off by
``etl.load.search_index``), and so is a story a status-only notice kills:
the merge itself computes no ``tsvector``.
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
from etl.transform.story_status import is_killed


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
    "agency",
    "identity_key",
    "guid",
    "url",
    "headline",
    "deck",
    "body",
    "body_blocks",
    "byline",
    "signoff",
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
    "status",
    "killed",
    "text_source",
)
MEDIA_STAGE_COLUMNS = (
    "agency",
    "identity_key",
    "position",
    "caption",
    "credit",
    "url",
    "media_type",
)
SUBJECT_STAGE_COLUMNS = ("agency", "identity_key", "position", "name", "code", "scheme")

# The session's staging tables, made on its first merge. Their text columns
# take the codec the warehouse declares for story_version (lz4 where the
# server has it, migration 009): a text is compressed once, here, and the
# merge moves the compressed value into story and story_version as it is.
CREATE_STAGING_SQL = """
DO $$
BEGIN
    IF to_regclass('pg_temp.story_stage') IS NOT NULL THEN
        RETURN;
    END IF;
    CREATE TEMP TABLE story_stage (
        agency text, identity_key text, guid text, url text,
        headline text, deck text, body text, body_blocks jsonb, byline text, signoff text,
        dateline_raw text, dateline_place text, dateline_region text,
        dateline_month smallint, dateline_day smallint, dateline_year smallint,
        dateline_agency text, language text, published_at timestamptz,
        content_hash text, seen_at timestamptz, raw_id bigint, status text, killed boolean,
        text_source text
    ) ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE story_media_stage (
        agency text, identity_key text, position integer, caption text, credit text, url text,
        media_type text
    ) ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE story_subject_stage (
        agency text, identity_key text, position integer, name text, code text, scheme text
    ) ON COMMIT DELETE ROWS;
    IF (SELECT attcompression FROM pg_attribute
        WHERE attrelid = 'newswire.story_version'::regclass AND attname = 'body') = 'l' THEN
        ALTER TABLE story_stage
            ALTER COLUMN headline SET COMPRESSION lz4,
            ALTER COLUMN deck SET COMPRESSION lz4,
            ALTER COLUMN body SET COMPRESSION lz4,
            ALTER COLUMN body_blocks SET COMPRESSION lz4;
    END IF;
END
$$;
"""

# The search queue's DO UPDATE (not NOTHING) locks a row already queued, so a
# concurrent refresh skips it (SKIP LOCKED) instead of indexing the story
# before this merge commits.
MERGE_SQL = """
WITH merged AS (
    INSERT INTO story AS s (
        agency, identity_key, guid, url, headline, deck, body, body_blocks, byline, signoff,
        dateline_raw, dateline_place, dateline_region, dateline_month, dateline_day,
        dateline_year, dateline_agency, language, published_at, content_hash,
        current_version, first_seen_at, last_changed_at, raw_id, status, killed, killed_at,
        text_source
    )
    SELECT agency, identity_key, guid, url, headline, deck, body, body_blocks, byline, signoff,
           dateline_raw, dateline_place, dateline_region, dateline_month, dateline_day,
           dateline_year, dateline_agency, language, published_at, content_hash,
           1, seen_at, seen_at, raw_id, status, killed, CASE WHEN killed THEN seen_at END,
           text_source
    FROM story_stage
    ON CONFLICT (agency, identity_key) DO UPDATE SET
        guid = EXCLUDED.guid,
        url = EXCLUDED.url,
        headline = EXCLUDED.headline,
        deck = EXCLUDED.deck,
        body = EXCLUDED.body,
        body_blocks = EXCLUDED.body_blocks,
        byline = EXCLUDED.byline,
        signoff = EXCLUDED.signoff,
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
        raw_id = EXCLUDED.raw_id,
        status = EXCLUDED.status,
        killed = s.killed OR EXCLUDED.killed,
        killed_at = coalesce(s.killed_at,
                             CASE WHEN EXCLUDED.killed THEN EXCLUDED.last_changed_at END),
        text_source = EXCLUDED.text_source
    WHERE s.content_hash IS DISTINCT FROM EXCLUDED.content_hash
    RETURNING s.story_id, s.agency, s.identity_key, s.current_version, s.killed,
              (s.xmax = 0) AS inserted
), versions AS (
    INSERT INTO story_version (
        story_id, version, content_hash, headline, deck, body, body_blocks, seen_at, raw_id,
        status, killed, text_source
    )
    SELECT m.story_id, m.current_version, i.content_hash, i.headline, i.deck, i.body,
           i.body_blocks, i.seen_at, i.raw_id, i.status, m.killed, i.text_source
    FROM merged m JOIN story_stage i USING (agency, identity_key)
), new_media AS (
    INSERT INTO story_media (story_id, position, caption, credit, url, media_type)
    SELECT m.story_id, sm.position, sm.caption, sm.credit, sm.url, sm.media_type
    FROM merged m JOIN story_media_stage sm USING (agency, identity_key)
    WHERE m.inserted
), new_subjects AS (
    INSERT INTO story_subject (story_id, position, name, code, scheme)
    SELECT m.story_id, ss.position, ss.name, ss.code, ss.scheme
    FROM merged m JOIN story_subject_stage ss USING (agency, identity_key)
    WHERE m.inserted
), sketch_queue AS (
    INSERT INTO story_sketch_pending (story_id)
    SELECT story_id FROM merged
    ON CONFLICT (story_id) DO NOTHING
), search_queue AS (
    INSERT INTO story_search_pending AS p (story_id)
    SELECT story_id FROM merged
    ON CONFLICT (story_id) DO UPDATE SET queued_at = EXCLUDED.queued_at
)
SELECT story_id, inserted, killed FROM merged
"""

# A status announced without a content change (NewsML pubStatus): the story
# keeps its version and text, takes the status; a kill stays a kill (and
# is queued so the refresh drops its search document).
STATUS_ONLY_SQL = """
WITH changed AS (
    UPDATE story s SET
        status = i.status,
        killed = s.killed OR i.killed,
        killed_at = coalesce(s.killed_at, CASE WHEN i.killed THEN i.seen_at END)
    FROM story_stage i
    WHERE s.agency = i.agency AND s.identity_key = i.identity_key
      AND s.content_hash = i.content_hash
      AND (s.status IS DISTINCT FROM i.status OR (i.killed AND NOT s.killed))
    RETURNING s.story_id, s.killed
), search_queue AS (
    INSERT INTO story_search_pending AS p (story_id)
    SELECT story_id FROM changed WHERE killed
    ON CONFLICT (story_id) DO UPDATE SET queued_at = EXCLUDED.queued_at
)
SELECT story_id, killed FROM changed
"""

# A kill marks every version of the story, not only the notice itself.
KILL_VERSIONS_SQL = """
UPDATE story_version SET killed = true
WHERE story_id = ANY(%(killed)s) AND NOT killed
"""

# A new story's media and subjects go in with it (MERGE_SQL); an updated
# story's replace its old ones here, after the merge, so the delete and the
# insert of one key are never in the same statement.
DELETE_MEDIA_SQL = "DELETE FROM story_media WHERE story_id = ANY(%(updated)s)"
INSERT_MEDIA_SQL = """
INSERT INTO story_media (story_id, position, caption, credit, url, media_type)
SELECT s.story_id, m.position, m.caption, m.credit, m.url, m.media_type
FROM story_media_stage m
JOIN story s USING (agency, identity_key)
WHERE s.story_id = ANY(%(updated)s);
"""
DELETE_SUBJECTS_SQL = "DELETE FROM story_subject WHERE story_id = ANY(%(updated)s)"
INSERT_SUBJECTS_SQL = """
INSERT INTO story_subject (story_id, position, name, code, scheme)
SELECT s.story_id, t.position, t.name, t.code, t.scheme
FROM story_subject_stage t
JOIN story s USING (agency, identity_key)
WHERE s.story_id = ANY(%(updated)s);
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
    latest = latest_per_identity(rows)
    with conn.cursor() as cur:
        cur.execute(CREATE_STAGING_SQL)
        cur.execute("TRUNCATE story_stage, story_media_stage, story_subject_stage")
        _copy(cur, "story_stage", STAGE_COLUMNS, _stage_records(latest))
        _copy(cur, "story_media_stage", MEDIA_STAGE_COLUMNS, _media_records(latest))
        _copy(cur, "story_subject_stage", SUBJECT_STAGE_COLUMNS, _subject_records(latest))
        cur.execute(MERGE_SQL)
        merged = cur.fetchall()
        status_only = _apply_status_only(cur, latest)
        killed = [int(story_id) for story_id, _, k in [*merged, *status_only] if k]
        if killed:
            cur.execute(KILL_VERSIONS_SQL, {"killed": killed})
        updated_ids = [int(story_id) for story_id, inserted, _ in merged if not inserted]
        if updated_ids:
            cur.execute(DELETE_MEDIA_SQL, {"updated": updated_ids})
            cur.execute(INSERT_MEDIA_SQL, {"updated": updated_ids})
            cur.execute(DELETE_SUBJECTS_SQL, {"updated": updated_ids})
            cur.execute(INSERT_SUBJECTS_SQL, {"updated": updated_ids})
        if feed_id is not None:
            cur.execute(LINK_FEED_SQL, {"feed_id": feed_id})
    new = sum(1 for _, inserted, _ in merged if inserted)
    updated = len(merged) - new + len(status_only)
    return MergeCounts(new=new, updated=updated, unchanged=len(latest) - new - updated)


def latest_per_identity(rows: Sequence[StoryRow]) -> list[StoryRow]:
    """One row per story: the last one of an identity wins (a feed listing an update twice).

    The merge's upsert may touch a story only once per statement, so the
    batch is made unique here, before anything is sent.
    """
    return list({(row.agency, row.identity_key): row for row in rows}.values())


def _apply_status_only(
    cur: psycopg2.extensions.cursor, rows: Sequence[StoryRow]
) -> list[tuple[int, None, bool]]:
    """Statuses that came without new content; only run when the batch announces one."""
    if all(row.story.status == "usable" for row in rows):
        return []
    cur.execute(STATUS_ONLY_SQL)
    return [(int(story_id), None, bool(killed)) for story_id, killed in cur.fetchall()]


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
    for row in rows:
        story = row.story
        dateline = story.dateline
        yield (
            row.agency,
            row.identity_key,
            row.guid,
            row.url,
            story.headline,
            story.deck,
            story.body,
            json.dumps([{"kind": b.kind, "text": b.text} for b in story.blocks]),
            story.byline,
            story.signoff,
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
            story.status,
            is_killed(story.status),
            story.text_source,
        )


def _media_records(rows: Sequence[StoryRow]) -> Iterable[Sequence[object]]:
    for row in rows:
        for position, media in enumerate(row.story.media):
            yield (
                row.agency,
                row.identity_key,
                position,
                media.caption,
                media.credit,
                media.url,
                media.media_type,
            )


def _subject_records(rows: Sequence[StoryRow]) -> Iterable[Sequence[object]]:
    """Subjects with neither a name nor a code say nothing and are left out."""
    for row in rows:
        kept = [s for s in row.story.subjects if s.name or s.code]
        for position, subject in enumerate(kept):
            yield (
                row.agency,
                row.identity_key,
                position,
                subject.name,
                subject.code,
                subject.scheme,
            )
