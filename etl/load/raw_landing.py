"""Raw landing: every fetched payload stored, compressed and hashed, before any transform.

A transform bug is fixed by reprocessing these rows, never by refetching.
The same bytes from the same URL are stored once; a later fetch of them
returns the existing row.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg2.extensions

from etl.load.sql_files import load_sql
from etl.load.text_guard import storable, storable_text
from etl.model import FeedEntry, MediaItem, Subject
from etl.window import Window

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class RawDocument:
    kind: str  # 'feed' | 'page' | 'file'
    source: str
    url: str
    http_status: int | None
    headers: dict[str, str]
    fetched_at: datetime
    body: bytes
    feed_entry: dict[str, Any] | None = None
    requested_url: str | None = None  # when redirects led elsewhere: url is the final one

    @property
    def content_hash(self) -> str:
        return content_hash(self.body)

    def storable(self) -> tuple[RawDocument, int]:
        """This document with NUL removed from its text fields (the body stays as fetched)."""
        url, in_url = storable_text(self.url)
        requested, in_requested = storable(self.requested_url)
        headers, in_headers = storable(self.headers)
        entry, in_entry = storable(self.feed_entry)
        removed = in_url + in_requested + in_headers + in_entry
        if not removed:
            return self, 0
        return (
            dataclasses.replace(
                self, url=url, requested_url=requested, headers=headers, feed_entry=entry
            ),
            removed,
        )


def content_hash(body: bytes) -> str:
    """sha256 of the bytes as fetched: the key a payload is stored once under."""
    return hashlib.sha256(body).hexdigest()


def land_raw(conn: psycopg2.extensions.connection, doc: RawDocument, run_id: int | None) -> int:
    """Store the document (committed at once, so nothing fetched is lost); return its id.

    The commit does not wait for the server to flush it to disk
    (``synchronous_commit`` off for this transaction only): a killed or
    failing ingest loses nothing landed, and a story merged from the page
    later is committed synchronously, which flushes the page's row first
    (the log is written in order). Only a crash of the database server
    itself can lose the pages landed in its last moment, before any story
    was made from them; the next run fetches them again. Waiting for a disk
    flush per page cost ~1-5 ms a story (tests/bench/bench_scale.py).

    Its URL, headers and feed item are made storable here too (a caller
    that counts removed NULs calls ``RawDocument.storable`` first).
    """
    doc, removed = doc.storable()
    if removed:
        LOGGER.warning("removed %d NUL characters from the record of %r", removed, doc.url)
    with conn.cursor() as cur:
        cur.execute("SET LOCAL synchronous_commit = off")
        cur.execute(
            """
            INSERT INTO raw_document (kind, source, url, http_status, headers, fetched_at,
                                      content_hash, content_gzip, byte_length, run_id, feed_entry,
                                      requested_url)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
            ON CONFLICT (url_digest, content_hash) DO NOTHING
            RETURNING raw_id
            """,
            (
                doc.kind,
                doc.source,
                doc.url,
                doc.http_status,
                json.dumps(doc.headers),
                doc.fetched_at,
                doc.content_hash,
                gzip.compress(doc.body, compresslevel=6),
                len(doc.body),
                run_id,
                json.dumps(doc.feed_entry) if doc.feed_entry is not None else None,
                doc.requested_url,
            ),
        )
        row = cur.fetchone()
        if row is None:
            cur.execute(
                "SELECT raw_id FROM raw_document"
                " WHERE url_digest = key_digest(%s) AND content_hash = %s",
                (doc.url, doc.content_hash),
            )
            row = cur.fetchone()
    conn.commit()
    assert row is not None
    return int(row[0])


def read_raw_body(conn: psycopg2.extensions.connection, raw_id: int) -> bytes:
    """The exact bytes as fetched."""
    with conn.cursor() as cur:
        cur.execute("SELECT content_gzip FROM raw_document WHERE raw_id = %s", (raw_id,))
        row = cur.fetchone()
    if row is None:
        raise KeyError(f"no raw document {raw_id}")
    return gzip.decompress(bytes(row[0]))


def latest_raw_feed(conn: psycopg2.extensions.connection, url: str) -> tuple[int, bytes] | None:
    """The last stored body of a feed: what a 304 Not Modified refers to."""
    with conn.cursor() as cur:
        cur.execute(
            """
            SELECT raw_id, content_gzip FROM raw_document
            WHERE request_digest = key_digest(%s) AND kind = 'feed'
              AND http_status BETWEEN 200 AND 299
            ORDER BY fetched_at DESC, raw_id DESC LIMIT 1
            """,
            (url,),
        )
        row = cur.fetchone()
    return (int(row[0]), gzip.decompress(bytes(row[1]))) if row else None


@dataclass(frozen=True)
class StoredPage:
    """The latest stored copy of a page, with the feed item that led to it."""

    raw_id: int
    url: str
    content_type: str | None
    fetched_at: datetime
    entry: FeedEntry
    body: bytes


STORED_PAGES_SQL = load_sql("stored_pages")


def stored_pages(
    conn: psycopg2.extensions.connection, source: str, window: Window
) -> Iterator[StoredPage]:
    """Stored pages of a source for a window, for reprocessing without refetching."""
    with conn.cursor() as cur:
        cur.execute(STORED_PAGES_SQL, {"source": source, "start": window.start, "end": window.end})
        for raw_id, url, content_type, fetched_at, entry, gz in cur.fetchall():
            yield StoredPage(
                raw_id=int(raw_id),
                url=url,
                content_type=content_type,
                fetched_at=fetched_at,
                entry=entry_from_json(entry or {}, url),
                body=gzip.decompress(bytes(gz)),
            )


@dataclass(frozen=True)
class StoredFeed:
    """A stored copy of a feed: where items whose story came from the feed are re-read."""

    raw_id: int
    url: str
    content_type: str | None
    fetched_at: datetime
    body: bytes


STORED_FEEDS_SQL = load_sql("stored_feeds")


def stored_feeds(conn: psycopg2.extensions.connection, source: str) -> Iterator[StoredFeed]:
    """Stored feeds of a source, for reprocessing the stories made from feed items."""
    with conn.cursor() as cur:
        cur.execute(STORED_FEEDS_SQL, {"source": source})
        for raw_id, url, content_type, fetched_at, gz in cur.fetchall():
            yield StoredFeed(int(raw_id), url, content_type, fetched_at, gzip.decompress(bytes(gz)))


def entry_from_json(data: dict[str, Any], url: str) -> FeedEntry:
    """A feed item back from its stored JSON (``raw_document.feed_entry``, the backlog)."""

    def moment(key: str) -> datetime | None:
        value = data.get(key)
        return datetime.fromisoformat(value) if value else None

    return FeedEntry(
        guid=data.get("guid"),
        link=data.get("link") or url,
        title=data.get("title"),
        summary=data.get("summary"),
        published_at=moment("published_at"),
        updated_at=moment("updated_at"),
        content=data.get("content"),
        content_type=data.get("content_type"),
        media=tuple(MediaItem(**media) for media in data.get("media") or []),
        subjects=tuple(Subject(**subject) for subject in data.get("subjects") or []),
        authors=tuple(data.get("authors") or []),
    )
