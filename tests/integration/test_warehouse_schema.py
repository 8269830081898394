"""Schema upkeep on a real PostgreSQL: views recreated only when needed, monthly partitions."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import psycopg2
import pytest

from etl.load.database import connect
from etl.load.maintenance import ensure_partitions
from etl.load.migrations import VIEWS_DIR, apply_migrations
from etl.load.story_merge import StoryRow, merge_stories
from etl.model import BodyBlock, CleanStory
from etl.pipeline import migrate_database

pytestmark = pytest.mark.integration


def _view_oids(conn: psycopg2.extensions.connection) -> dict[str, int]:
    with conn.cursor() as cur:
        cur.execute(
            "SELECT c.relname, c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'newswire' AND c.relkind = 'v'"
        )
        return {str(name): int(oid) for name, oid in cur.fetchall()}


def test_views_are_created_with_the_migrations_and_left_alone_after(empty_db_url: str) -> None:
    conn = psycopg2.connect(empty_db_url)
    try:
        apply_migrations(conn)
        created = _view_oids(conn)
        assert {"story_live", "stories_per_agency_day", "story_search"} <= set(created)
        assert apply_migrations(conn) == []
        assert _view_oids(conn) == created, "unchanged files: the views were not touched"
    finally:
        conn.close()


def test_a_changed_view_file_replaces_the_views_in_one_go(db_url: str, tmp_path: Path) -> None:
    views = tmp_path / "views"
    shutil.copytree(VIEWS_DIR, views)
    changed = views / "20_stories_per_agency_day.sql"
    changed.write_text(
        changed.read_text().replace("count(*) AS stories", "count(*) AS stories, 1 AS marker")
    )
    conn = connect(db_url)
    try:
        before = _view_oids(conn)
        assert apply_migrations(conn, views_directory=views) == []
        after = _view_oids(conn)
        with conn.cursor() as cur:
            cur.execute("SELECT marker FROM stories_per_agency_day")
            assert cur.fetchall() == []
            cur.execute(
                "SELECT has_table_privilege('newswire_reader', %s, 'SELECT')",
                (after["stories_per_agency_day"],),
            )
            assert cur.fetchone() == (True,)
    finally:
        conn.close()
    assert set(after) == set(before)
    assert all(after[name] != before[name] for name in before), "every view was recreated"


def test_a_broken_view_file_leaves_the_old_views(db_url: str, tmp_path: Path) -> None:
    views = tmp_path / "views"
    shutil.copytree(VIEWS_DIR, views)
    (views / "95_broken.sql").write_text("CREATE VIEW newswire.broken AS SELECT nope FROM nowhere;")
    conn = connect(db_url)
    try:
        before = _view_oids(conn)
        with pytest.raises(psycopg2.errors.UndefinedTable):
            apply_migrations(conn, views_directory=views)
        conn.rollback()
        assert _view_oids(conn) == before
    finally:
        conn.close()


def _version_row(month: int, key: str) -> StoryRow:
    seen = datetime(2025, month, 15, tzinfo=UTC)
    story = CleanStory(key, None, (BodyBlock("paragraph", f"Body of {key}."),), None, "AP")
    return StoryRow("AP", key, key, None, story, None, seen)


def _partition_rows(conn: psycopg2.extensions.connection) -> dict[str, int]:
    with conn.cursor() as cur:
        cur.execute("SELECT tableoid::regclass::text, count(*) FROM story_version GROUP BY 1")
        return {str(name): int(count) for name, count in cur.fetchall()}


def test_story_versions_land_in_month_partitions_and_strays_are_moved(db_url: str) -> None:
    conn = connect(db_url)
    try:
        # Months long past have no partition yet: their rows wait in the DEFAULT one.
        merge_stories(conn, [_version_row(3, "march"), _version_row(4, "april")])
        conn.commit()
        assert _partition_rows(conn) == {"story_version_default": 2}
        with conn.cursor() as cur:
            cur.execute(
                "SELECT newswire.ensure_month_partitions('newswire.story_version', %s, 0)",
                (datetime(2025, 3, 1, tzinfo=UTC),),
            )
            created = [name for (name,) in cur.fetchall()]
        conn.commit()
        assert created[:2] == ["story_version_y2025m03", "story_version_y2025m04"]
        assert _partition_rows(conn) == {"story_version_y2025m03": 1, "story_version_y2025m04": 1}
        assert ensure_partitions(conn) == [], "the months ahead exist already: nothing to do"
        with conn.cursor() as cur:
            cur.execute("SELECT version, headline FROM story_version_history ORDER BY headline")
            assert cur.fetchall() == [(1, "april"), (1, "march")]
    finally:
        conn.close()


def test_migrate_writes_the_configured_timezone(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "sources.toml"
    config.write_text(
        'timezone = "Europe/Moscow"\n[[source]]\nname = "tass"\nagency = "TASS"\n'
        'feeds = ["http://127.0.0.1:9/rss.xml"]\n'
    )
    monkeypatch.setenv("NEWSWIRE_SOURCES", str(config))
    assert migrate_database(db_url) == []
    conn = connect(db_url)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT timezone FROM report_config")
            assert cur.fetchone() == ("Europe/Moscow",)
    finally:
        conn.close()
