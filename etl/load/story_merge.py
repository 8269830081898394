"""Set-based, idempotent story loading: COPY into staging, one merge per batch.

The merge (``sql/load/merge_stories.sql``) is one ``INSERT ... ON CONFLICT
(agency, identity_digest) DO UPDATE`` that only touches a story whose content
hash changed; every story it inserts or changes gets a ``story_version`` row
with that content. Loading the same batch twice therefore changes nothing.
The caller owns the transaction. Stories are keyed by the digest of their
identity (migration 012), so a guid of any length loads; text goes in
through ``text_guard`` (no NUL) and a CSV COPY in which every value is
quoted, so any text round-trips exactly.

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

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import psycopg2.extensions

from etl.load.identity_links import link_identities
from etl.load.sql_files import load_sql
from etl.load.text_guard import storable, storable_json, storable_text
from etl.model import CleanStory, WireMeta
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
    nul_removed: int = 0  # NUL characters taken out of the batch's text (text_guard)

    def __add__(self, other: MergeCounts) -> MergeCounts:
        return MergeCounts(
            self.new + other.new,
            self.updated + other.updated,
            self.unchanged + other.unchanged,
            self.nul_removed + other.nul_removed,
        )


# What a wire item says about itself (migration 013), on story and story_version.
WIRE_COLUMNS = (
    "agency_id",
    "agency_version",
    "first_created",
    "version_created",
    "pub_status",
    "urgency",
    "embargo_until",
    "signals",
    "edit_notes",
    "wire_format",
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
    "place_name",
    "place_region",
    "place_country",
    "place_geonames_id",
    "place_latitude",
    "place_longitude",
    *WIRE_COLUMNS,
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

# The statements, one file each under sql/load (see its README).
CREATE_STAGING_SQL = load_sql("create_staging")
MERGE_SQL = load_sql("merge_stories")
STATUS_ONLY_SQL = load_sql("status_only")
KILL_VERSIONS_SQL = load_sql("kill_versions")
DELETE_MEDIA_SQL = load_sql("delete_media")
INSERT_MEDIA_SQL = load_sql("insert_media")
DELETE_SUBJECTS_SQL = load_sql("delete_subjects")
INSERT_SUBJECTS_SQL = load_sql("insert_subjects")
LINK_FEED_SQL = load_sql("link_feed")


def merge_stories(
    conn: psycopg2.extensions.connection, rows: Sequence[StoryRow], feed_id: int | None = None
) -> MergeCounts:
    """Load a batch in the caller's transaction; count new, updated and unchanged stories."""
    if not rows:
        return MergeCounts()
    nul_removed = 0
    with conn.cursor() as cur:
        latest = latest_per_identity(link_identities(cur, rows))
        cur.execute(CREATE_STAGING_SQL)
        cur.execute("TRUNCATE story_stage, story_media_stage, story_subject_stage")
        nul_removed += _copy(cur, "story_stage", STAGE_COLUMNS, _stage_records(latest))
        nul_removed += _copy(cur, "story_media_stage", MEDIA_STAGE_COLUMNS, _media_records(latest))
        nul_removed += _copy(
            cur, "story_subject_stage", SUBJECT_STAGE_COLUMNS, _subject_records(latest)
        )
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
    return MergeCounts(
        new=new, updated=updated, unchanged=len(latest) - new - updated, nul_removed=nul_removed
    )


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
) -> int:
    """COPY the records in; return how many NUL characters had to be removed.

    Every value is quoted and NULL is the unquoted empty field, so any text
    (``\\N``, ``\\.``, quotes, newlines, an empty string) arrives exactly as it is.
    """
    buffer = io.StringIO()
    removed = 0
    for record in records:
        clean, nuls = storable(list(record))
        removed += nuls
        buffer.write(",".join(_csv_field(value) for value in clean))
        buffer.write("\n")
    buffer.seek(0)
    cur.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)", buffer)
    return removed


def _csv_field(value: object) -> str:
    """A CSV field PostgreSQL reads back as ``value``: quoted always, NULL left empty."""
    if value is None:
        return ""
    return '"' + str(value).replace('"', '""') + '"'


def _stage_records(rows: Sequence[StoryRow]) -> Iterable[Sequence[object]]:
    for row in rows:
        story = row.story
        dateline = story.dateline
        place = story.place
        yield (
            row.agency,
            row.identity_key,
            row.guid,
            row.url,
            story.headline,
            story.deck,
            story.body,
            storable_json([{"kind": b.kind, "text": b.text} for b in story.blocks])[0],
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
            place.name if place else None,
            place.region if place else None,
            place.country_code if place else None,
            place.geonames_id if place else None,
            place.latitude if place else None,
            place.longitude if place else None,
            *_wire_record(story.wire),
        )


def _wire_record(wire: WireMeta | None) -> tuple[object, ...]:
    """The WIRE_COLUMNS of a story (all NULL for a page)."""
    if wire is None:
        return (None,) * len(WIRE_COLUMNS)
    return (
        wire.agency_id,
        wire.version,
        wire.first_created.isoformat() if wire.first_created else None,
        wire.version_created.isoformat() if wire.version_created else None,
        wire.pub_status,
        wire.urgency,
        wire.embargo_until.isoformat() if wire.embargo_until else None,
        _pg_array(wire.signals),
        _pg_array(wire.edit_notes),
        wire.format,
    )


def _pg_array(values: tuple[str, ...]) -> str | None:
    """A text[] literal: ``{"sig:correction","a \\"quoted\\" note"}`` (NULL when empty)."""
    if not values:
        return None
    quoted = (v.replace("\\", "\\\\").replace('"', '\\"') for v in values)
    return "{" + ",".join(f'"{v}"' for v in quoted) + "}"


def _media_records(rows: Sequence[StoryRow]) -> Iterable[Sequence[object]]:
    for row in rows:
        for position, media in enumerate(row.story.media):
            # The key is the story's, counted once with the story: only media text counts here.
            key = storable_text(row.identity_key)[0]
            yield (
                row.agency,
                key,
                position,
                media.caption,
                media.credit,
                media.url,
                media.media_type,
            )


def _subject_records(rows: Sequence[StoryRow]) -> Iterable[Sequence[object]]:
    """Subjects with neither a name nor a code say nothing and are left out."""
    for row in rows:
        key = storable_text(row.identity_key)[0]  # counted once, with the story
        kept = [s for s in row.story.subjects if s.name or s.code]
        for position, subject in enumerate(kept):
            yield (
                row.agency,
                key,
                position,
                subject.name,
                subject.code,
                subject.scheme,
            )
