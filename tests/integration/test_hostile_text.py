"""Text from hostile feeds reaches the warehouse exactly, or without NUL, and never kills a load.

Defects 1-3 of issue 8: a value equal to ``\\N`` turned into NULL in the COPY;
a NUL character failed the whole feed (text and jsonb cannot hold it); a guid
or link longer than a btree entry failed every unique index it touched.
"""

from __future__ import annotations

import gzip
import itertools
from datetime import UTC, datetime

import psycopg2.extensions
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from etl.load.database import connect
from etl.load.raw_landing import RawDocument, land_raw, latest_raw_feed
from etl.load.run_records import quarantine, register_feed, start_run
from etl.load.story_merge import MergeCounts, StoryRow, merge_stories
from etl.model import BodyBlock, CleanStory, MediaItem
from etl.window import day_window

pytestmark = pytest.mark.integration

SEEN = datetime(2026, 11, 19, 10, 0, tzinfo=UTC)
# Anything PostgreSQL text can hold: every code point but NUL and lone surrogates.
STORABLE = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
TRICKY = st.sampled_from(["\\N", "\\.", "", '"', '""', "\\", "\t", "\n", "\r\n", ",", "NULL"])
TEXT = st.one_of(
    TRICKY,
    st.text(STORABLE, max_size=60),
    st.text(STORABLE, min_size=1).map(lambda s: s + "\\N\n\\.\n"),
)
COUNTER = itertools.count()


def _story(headline: str, deck: str | None, byline: str | None, paragraph: str) -> CleanStory:
    return CleanStory(
        headline=headline,
        deck=deck,
        blocks=(BodyBlock("paragraph", paragraph),),
        dateline=None,
        agency="TASS",
        byline=byline,
        signoff=byline,
        media=(MediaItem(deck, headline, None),),
        published_at=SEEN,
    )


def _read_back(conn: psycopg2.extensions.connection, key: str) -> tuple[object, ...]:
    with conn.cursor() as cur:
        cur.execute(
            "SELECT s.identity_key, s.guid, s.headline, s.deck, s.byline, s.signoff, s.body,"
            " s.body_blocks -> 0 ->> 'text', m.caption, m.credit"
            " FROM story s LEFT JOIN story_media m USING (story_id)"
            " WHERE s.agency = 'TASS' AND s.identity_digest = key_digest(%s)",
            (key,),
        )
        row = cur.fetchone()
    assert row is not None, f"story {key!r} not loaded"
    return tuple(row)


@pytest.fixture
def conn(db_url: str):  # type: ignore[no-untyped-def]
    connection = connect(db_url)
    yield connection
    connection.close()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    key=TEXT.filter(bool),
    headline=TEXT,
    deck=st.none() | TEXT,
    byline=st.none() | TEXT,
    paragraph=TEXT,
)
@example(key="\\N", headline="\\N", deck="\\N", byline="\\N", paragraph="\\N")
@example(key="\\.", headline="\\.", deck="", byline=None, paragraph='a "quoted"\ttab\nline')
def test_every_value_round_trips_exactly(
    conn: psycopg2.extensions.connection,
    key: str,
    headline: str,
    deck: str | None,
    byline: str | None,
    paragraph: str,
) -> None:
    key = f"{next(COUNTER)}:{key}"  # one story per example; the text after the prefix is free
    story = _story(headline, deck, byline, paragraph)
    counts = merge_stories(conn, [StoryRow("TASS", key, key, None, story, None, SEEN)])
    conn.commit()
    assert counts == MergeCounts(new=1)
    assert _read_back(conn, key) == (
        key,
        key,
        headline,
        deck,
        byline,
        byline,
        story.body,
        paragraph,
        deck,
        headline,
    )


def test_nul_is_removed_and_counted_in_stories(conn: psycopg2.extensions.connection) -> None:
    story = _story("Port\x00 strike", "Deck\x00", None, "First\x00 paragraph.")
    counts = merge_stories(conn, [StoryRow("TASS", "g\x001", "g\x001", None, story, None, SEEN)])
    conn.commit()
    assert counts.new == 1
    # key, guid, headline, deck, body (blocks: the body's text), caption, credit
    assert counts.nul_removed == 7
    assert _read_back(conn, "g1")[:4] == ("g1", "g1", "Port strike", "Deck")


def test_nul_in_a_feed_item_is_removed_when_landing(conn: psycopg2.extensions.connection) -> None:
    doc = RawDocument(
        kind="page",
        source="tass",
        url="http://127.0.0.1/a\x00b",
        http_status=200,
        headers={"content-type": "text/html\x00"},
        fetched_at=SEEN,
        body=b"<html>\x00</html>",
        feed_entry={"guid": "x\x00y", "title": "A \x00 title", "tags": ["\x00"]},
    )
    cleaned, removed = doc.storable()
    assert removed == 5
    raw_id = land_raw(conn, doc, None)
    with conn.cursor() as cur:
        cur.execute(
            "SELECT url, headers ->> 'content-type', feed_entry, content_gzip"
            " FROM raw_document WHERE raw_id = %s",
            (raw_id,),
        )
        url, content_type, entry, gz = cur.fetchone()  # type: ignore[misc]
    assert (url, content_type) == ("http://127.0.0.1/ab", "text/html")
    assert entry == {"guid": "xy", "title": "A  title", "tags": [""]}
    assert gzip.decompress(bytes(gz)) == b"<html>\x00</html>", "the raw bytes stay as fetched"
    assert cleaned.url == url


def test_long_keys_are_indexed_by_digest_and_kept_whole(
    conn: psycopg2.extensions.connection,
) -> None:
    guid = "urn:tass:" + "x" * 12_000
    link = "http://127.0.0.1/story?" + "q=1&" * 3_000
    story = _story("A very long key", None, None, "It loads.")
    assert merge_stories(conn, [StoryRow("TASS", guid, guid, link, story, None, SEEN)]).new == 1
    conn.commit()
    other = guid[:-1] + "y"  # same 12 kB prefix, another story
    assert merge_stories(conn, [StoryRow("TASS", other, other, link, story, None, SEEN)]).new == 1
    conn.commit()
    assert merge_stories(conn, [StoryRow("TASS", guid, guid, link, story, None, SEEN)]) == (
        MergeCounts(unchanged=1)
    )
    conn.commit()
    assert _read_back(conn, guid)[:2] == (guid, guid)

    doc = RawDocument("feed", "tass", link, 200, {}, SEEN, b"<rss/>")
    first = land_raw(conn, doc, None)
    assert land_raw(conn, doc, None) == first, "the same bytes from the same URL are kept once"
    stored = latest_raw_feed(conn, link)
    assert stored == (first, b"<rss/>")
    cursor = register_feed(conn, "tass", "TASS", link)
    assert register_feed(conn, "tass", "TASS", link).feed_id == cursor.feed_id
    run_id = start_run(conn, "tass", day_window(SEEN.date(), "UTC"))
    for _ in range(2):
        quarantine(
            conn,
            run_id=run_id,
            source="tass",
            url=link,
            stage="fetch_page",
            reason="HTTP 404",
            raw_id=None,
        )
    conn.commit()
    with conn.cursor() as cur:
        cur.execute("SELECT url FROM quarantine")
        assert cur.fetchall() == [(link,)]
