"""The load stage on a real PostgreSQL: migrations, raw landing, the story merge."""

from __future__ import annotations

import dataclasses
import gzip
from datetime import UTC, datetime

import psycopg2
import pytest

from etl.load.database import connect
from etl.load.migrations import apply_migrations
from etl.load.raw_landing import RawDocument, land_raw, read_raw_body
from etl.load.story_merge import MergeCounts, StoryRow, merge_stories
from etl.model import BodyBlock, CleanStory, Dateline, MediaItem, Subject

pytestmark = pytest.mark.integration

SEEN = datetime(2026, 11, 19, 10, 0, tzinfo=UTC)


def _story(headline: str = "Ministers meet in Geneva", extra: str = "") -> CleanStory:
    return CleanStory(
        headline=headline,
        deck="Talks resumed after a pause",
        blocks=(
            BodyBlock("paragraph", "Two ministers met on Thursday." + extra),
            BodyBlock("subheading", "What comes next"),
            BodyBlock("paragraph", "They will meet again in December."),
        ),
        dateline=Dateline("GENEVA, November 19. /TASS/.", "Geneva", None, 11, 19, 2026, "TASS", 29),
        agency="TASS",
        media=(MediaItem("Ministers at the table", "EPA/ANNA KOWALSKA"),),
        published_at=SEEN,
    )


def _row(story: CleanStory, key: str = "https://tass.example/world/1") -> StoryRow:
    return StoryRow("TASS", key, key, key, story, None, SEEN)


def _count(url: str, table: str) -> int:
    conn = connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute(f"SELECT count(*) FROM {table}")
            row = cur.fetchone()
            assert row is not None
            return int(row[0])
    finally:
        conn.close()


def test_migrations_apply_in_order_once(empty_db_url: str) -> None:
    conn = psycopg2.connect(empty_db_url)
    try:
        first = apply_migrations(conn)
        assert [m.version for m in first] == sorted(m.version for m in first)
        assert first, "a new database gets every migration"
        assert apply_migrations(conn) == []
        with conn.cursor() as cur:
            cur.execute("SELECT version FROM newswire.schema_migration ORDER BY version")
            assert [v for (v,) in cur.fetchall()] == [m.version for m in first]
    finally:
        conn.close()


def test_merge_is_idempotent_and_versions_changes(db_url: str) -> None:
    conn = connect(db_url)
    try:
        assert merge_stories(conn, [_row(_story())]) == MergeCounts(new=1)
        conn.commit()
        assert merge_stories(conn, [_row(_story())]) == MergeCounts(unchanged=1)
        conn.commit()
        changed = _story(headline="Ministers meet in Geneva, agree to talk again")
        assert merge_stories(conn, [_row(changed)]) == MergeCounts(updated=1)
        conn.commit()
        with conn.cursor() as cur:
            cur.execute("SELECT headline, current_version FROM story")
            assert cur.fetchall() == [("Ministers meet in Geneva, agree to talk again", 2)]
            cur.execute("SELECT version, headline FROM story_version ORDER BY version")
            assert cur.fetchall() == [
                (1, "Ministers meet in Geneva"),
                (2, "Ministers meet in Geneva, agree to talk again"),
            ]
            cur.execute("SELECT caption, credit FROM story_media")
            assert cur.fetchall() == [("Ministers at the table", "EPA/ANNA KOWALSKA")]
            cur.execute("SELECT dateline_place, dateline_month, dateline_day FROM story")
            assert cur.fetchall() == [("Geneva", 11, 19)]
    finally:
        conn.close()


def test_one_batch_with_an_update_of_the_same_story_keeps_the_last(db_url: str) -> None:
    conn = connect(db_url)
    try:
        rows = [_row(_story()), _row(_story(extra=" Then they had lunch."))]
        assert merge_stories(conn, rows) == MergeCounts(new=1)
        conn.commit()
        with conn.cursor() as cur:
            cur.execute("SELECT body FROM story")
            (body,) = cur.fetchone() or ("",)
        assert "Then they had lunch." in body
    finally:
        conn.close()


def test_media_is_replaced_with_the_new_version(db_url: str) -> None:
    conn = connect(db_url)
    try:
        merge_stories(conn, [_row(_story())])
        recaptioned = dataclasses.replace(_story(), media=(MediaItem("New photo", "AP Photo/B C"),))
        merge_stories(conn, [_row(recaptioned)])
        conn.commit()
        with conn.cursor() as cur:
            cur.execute("SELECT caption, credit FROM story_media")
            assert cur.fetchall() == [("New photo", "AP Photo/B C")]
    finally:
        conn.close()


def test_text_source_subjects_and_media_type_are_kept_and_follow_the_upgrade(
    db_url: str,
) -> None:
    """A summary story keeps its feed's categories and photo; its page version replaces them."""
    summary = dataclasses.replace(
        _story(),
        text_source="feed_summary",
        media=(MediaItem("Ministers", "EPA/ANNA KOWALSKA", "https://i.test/1.jpg", "image/jpeg"),),
        subjects=(
            Subject("World", scheme="category"),
            Subject("Diplomacy", "medtop:11000000", "medtop"),
            Subject(None, None, "category"),  # says nothing: left out
        ),
    )
    conn = connect(db_url)
    try:
        merge_stories(conn, [_row(summary)])
        conn.commit()
        with conn.cursor() as cur:
            cur.execute("SELECT name, code, scheme FROM story_subject ORDER BY position")
            assert cur.fetchall() == [
                ("World", None, "category"),
                ("Diplomacy", "medtop:11000000", "medtop"),
            ]
            cur.execute("SELECT url, media_type FROM story_media")
            assert cur.fetchall() == [("https://i.test/1.jpg", "image/jpeg")]
        page = dataclasses.replace(
            _story(extra=" The page says more."),
            subjects=(Subject("World", scheme="category"),),
        )
        assert merge_stories(conn, [_row(page)]) == MergeCounts(updated=1)
        conn.commit()
        with conn.cursor() as cur:
            cur.execute("SELECT text_source, current_version FROM story")
            assert cur.fetchall() == [("page", 2)]
            cur.execute("SELECT version, text_source FROM story_version ORDER BY version")
            assert cur.fetchall() == [(1, "feed_summary"), (2, "page")]
            cur.execute("SELECT name FROM story_subject")
            assert cur.fetchall() == [("World",)]
            cur.execute("SELECT media_type FROM story_media")
            assert cur.fetchall() == [(None,)]
    finally:
        conn.close()


def test_failed_batch_leaves_nothing(db_url: str) -> None:
    conn = connect(db_url)
    try:
        merge_stories(conn, [_row(_story(), key="a"), _row(_story(), key="b")])
        conn.rollback()
    finally:
        conn.close()
    assert _count(db_url, "story") == 0
    assert _count(db_url, "story_version") == 0


def test_raw_documents_are_stored_compressed_once_per_content(db_url: str) -> None:
    conn = connect(db_url)
    try:
        body = "<html>Москва</html>".encode() * 50
        doc = RawDocument("page", "tass", "http://h/1", 200, {"etag": '"x"'}, SEEN, body)
        first = land_raw(conn, doc, None)
        assert land_raw(conn, doc, None) == first
        assert read_raw_body(conn, first) == body
        with conn.cursor() as cur:
            cur.execute("SELECT content_gzip, byte_length, headers FROM raw_document")
            stored, length, headers = cur.fetchone() or (b"", 0, {})
        assert gzip.decompress(bytes(stored)) == body
        assert len(bytes(stored)) < length
        assert headers == {"etag": '"x"'}
    finally:
        conn.close()


def test_a_landed_page_is_committed_at_once_and_later_commits_still_wait_for_the_disk(
    db_url: str,
) -> None:
    conn = connect(db_url)
    try:
        with conn.cursor() as cur:  # the caller's work before the page rides along, committed
            cur.execute(
                "INSERT INTO feed (source, agency, url) VALUES ('tass', 'TASS', 'http://h/f')"
            )
        doc = RawDocument("page", "tass", "http://h/2", 200, {}, SEEN, b"<html>page</html>")
        raw_id = land_raw(conn, doc, None)
        assert _count(db_url, "raw_document") == 1, "another process sees it: a kill loses nothing"
        assert _count(db_url, "feed") == 1
        with conn.cursor() as cur:
            cur.execute("SHOW synchronous_commit")
            assert cur.fetchone() == ("on",), "story merges after it still wait for the disk"
        assert read_raw_body(conn, raw_id) == b"<html>page</html>"
    finally:
        conn.close()


def test_story_identity_is_unique_in_the_schema(db_url: str) -> None:
    conn = connect(db_url)
    try:
        with conn.cursor() as cur, pytest.raises(psycopg2.errors.UniqueViolation):
            for _ in range(2):
                cur.execute(
                    "INSERT INTO story (agency, identity_key, headline, body, body_blocks,"
                    " content_hash, first_seen_at, last_changed_at)"
                    " VALUES ('AP', 'k', 'h', 'b', '[]', 'x', now(), now())"
                )
    finally:
        conn.close()


def _server_codec(conn: psycopg2.extensions.connection) -> str:
    """lz4 where the server was built with it (migration 009), else PostgreSQL's pglz."""
    with conn.cursor() as cur:
        cur.execute("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'")
        row = cur.fetchone()
    return "lz4" if row and "lz4" in row[0] else "pglz"


def _long_story(index: int) -> CleanStory:
    """A story long enough to be compressed (PostgreSQL compresses rows past ~2 KB)."""
    paragraphs = tuple(
        BodyBlock(
            "paragraph",
            f"Paragraph {n} of story {index}: the port authority said "
            f"that {n * 37 + index} ships waited off the coast on day {n}.",
        )
        for n in range(60)
    )
    return dataclasses.replace(_story(headline=f"Ships wait off the coast ({index})"),
                               blocks=paragraphs)  # fmt: skip


def test_story_text_is_stored_with_the_warehouse_codec(db_url: str) -> None:
    conn = connect(db_url)
    try:
        codec = _server_codec(conn)
        merge_stories(conn, [_row(_long_story(1), key="long-1")])
        conn.commit()
        with conn.cursor() as cur:
            for table in ("story", "story_version"):
                cur.execute(
                    f"SELECT pg_column_compression(body), pg_column_compression(body_blocks),"
                    f" octet_length(body) > pg_column_size(body) FROM {table}"
                )
                assert cur.fetchall() == [(codec, codec, True)], table
            # Every month there is and every month made from now on declare it too.
            cur.execute(
                "SELECT newswire.ensure_month_partitions('newswire.story_version', %s, 0)",
                (datetime(2024, 1, 1, tzinfo=UTC),),
            )
            cur.execute(
                "SELECT c.relname, array_agg(DISTINCT a.attcompression::text)"
                " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                " WHERE (c.relname = 'story' OR c.relname LIKE 'story\\_version%%')"
                " AND c.relkind IN ('r', 'p')"
                " AND a.attname IN ('headline', 'deck', 'body', 'body_blocks') GROUP BY 1"
            )
            declared = dict(cur.fetchall())
            assert "story_version_y2024m01" in declared
            assert "story_version_default" in declared
            assert set(map(tuple, declared.values())) == {("l",) if codec == "lz4" else ("",)}
        conn.commit()
        # Text reads back the same whatever the codec.
        assert merge_stories(conn, [_row(_long_story(1), key="long-1")]) == MergeCounts(unchanged=1)
        with conn.cursor() as cur:
            cur.execute("SELECT body FROM story")
            assert cur.fetchone() == (_long_story(1).body,)
    finally:
        conn.close()


def test_a_batch_of_new_and_updated_stories_keeps_each_ones_media(db_url: str) -> None:
    conn = connect(db_url)
    try:
        merge_stories(conn, [_row(_story(), key="old")])
        conn.commit()
        recaptioned = dataclasses.replace(
            _story(extra=" Later."),
            media=(MediaItem("Second photo", "AP Photo/B C"), MediaItem("Map", None)),
        )
        batch = [_row(recaptioned, key="old"), _row(_story(), key="new")]
        assert merge_stories(conn, batch) == MergeCounts(new=1, updated=1)
        conn.commit()
        with conn.cursor() as cur:
            cur.execute(
                "SELECT s.identity_key, m.position, m.caption, m.credit FROM story_media m"
                " JOIN story s USING (story_id) ORDER BY 1, 2"
            )
            assert cur.fetchall() == [
                ("new", 0, "Ministers at the table", "EPA/ANNA KOWALSKA"),
                ("old", 0, "Second photo", "AP Photo/B C"),
                ("old", 1, "Map", None),
            ]
    finally:
        conn.close()
