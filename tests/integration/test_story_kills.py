"""Kills, withdrawals and corrections on a real PostgreSQL: the story and every version."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from etl.load.database import connect
from etl.load.story_merge import MergeCounts, StoryRow, merge_stories
from etl.model import BodyBlock, CleanStory
from etl.transform.story_status import with_detected_status

pytestmark = pytest.mark.integration

SEEN = datetime(2026, 11, 19, 10, 0, tzinfo=UTC)


def _story(headline: str, body: str = "Leaders met in Brussels on Thursday.") -> CleanStory:
    story = CleanStory(
        headline, None, (BodyBlock("paragraph", body),), None, "AP", published_at=SEEN
    )
    return with_detected_status(story)


def _row(story: CleanStory, minutes: int = 0, key: str = "ap:1") -> StoryRow:
    return StoryRow("AP", key, key, None, story, None, SEEN + timedelta(minutes=minutes))


def _state(url: str) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    conn = connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT status, killed, killed_at, current_version FROM story")
            stories = cur.fetchall()
            cur.execute("SELECT version, status, killed FROM story_version ORDER BY version")
            return stories, cur.fetchall()
    finally:
        conn.close()


def test_a_kill_notice_marks_the_story_and_every_version(db_url: str) -> None:
    conn = connect(db_url)
    try:
        merge_stories(conn, [_row(_story("EU summit agrees budget"))])
        merge_stories(conn, [_row(_story("UPDATE 1-EU summit agrees budget"), 5)])
        counts = merge_stories(conn, [_row(_story("KILL: EU summit agrees budget"), 9)])
        conn.commit()
    finally:
        conn.close()
    assert counts == MergeCounts(updated=1)
    stories, versions = _state(db_url)
    assert stories == [("killed", True, SEEN + timedelta(minutes=9), 3)]
    assert versions == [(1, "usable", True), (2, "updated", True), (3, "killed", True)]


def test_a_kill_is_sticky_when_older_copy_is_fetched_again(db_url: str) -> None:
    conn = connect(db_url)
    try:
        merge_stories(conn, [_row(_story("WITHDRAWN: EU summit agrees budget"))])
        merge_stories(conn, [_row(_story("EU summit agrees budget"), 5)])
        conn.commit()
    finally:
        conn.close()
    stories, versions = _state(db_url)
    assert stories == [("usable", True, SEEN, 2)]
    assert versions == [(1, "withdrawn", True), (2, "usable", True)]


def test_pub_status_cancel_without_new_content_kills_in_place(db_url: str) -> None:
    story = _story("EU summit agrees budget")
    canceled = with_detected_status(story, pub_status="canceled")
    conn = connect(db_url)
    try:
        merge_stories(conn, [_row(story)])
        assert merge_stories(conn, [_row(canceled, 7)]) == MergeCounts(updated=1)
        assert merge_stories(conn, [_row(canceled, 8)]) == MergeCounts(unchanged=1)
        conn.commit()
    finally:
        conn.close()
    stories, versions = _state(db_url)
    assert stories == [("killed", True, SEEN + timedelta(minutes=7), 1)]
    assert versions == [(1, "usable", True)]


def test_a_correction_is_marked_and_stays_in_the_reports(db_url: str) -> None:
    conn = connect(db_url)
    try:
        merge_stories(conn, [_row(_story("EU summit agrees budget"))])
        corrected = _story("CORRECTED-EU summit agrees budget", "Leaders met in Brussels.")
        merge_stories(conn, [_row(corrected, 5)])
        conn.commit()
        with conn.cursor() as cur:
            cur.execute("SELECT headline, status FROM story_live")
            assert cur.fetchall() == [("CORRECTED-EU summit agrees budget", "corrected")]
    finally:
        conn.close()
    stories, versions = _state(db_url)
    assert stories == [("corrected", False, None, 2)]
    assert versions == [(1, "usable", False), (2, "corrected", False)]


def test_killed_stories_leave_the_views_and_show_in_killed_stories(db_url: str) -> None:
    conn = connect(db_url)
    try:
        live = dataclasses.replace(_story("Talks resume in Geneva"), agency="AP")
        merge_stories(
            conn,
            [_row(_story("KILL: EU summit agrees budget")), _row(live, key="ap:2")],
        )
        conn.commit()
        with conn.cursor() as cur:
            cur.execute("SELECT headline FROM story_live")
            assert cur.fetchall() == [("Talks resume in Geneva",)]
            cur.execute("SELECT stories FROM stories_per_agency_day")
            assert cur.fetchall() == [(1,)]
            cur.execute("SELECT count(*) FROM story_version_history")
            assert cur.fetchall() == [(1,)]
            cur.execute("SELECT headline, status FROM killed_stories")
            assert cur.fetchall() == [("KILL: EU summit agrees budget", "killed")]
    finally:
        conn.close()
