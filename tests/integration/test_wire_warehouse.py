"""Versions, corrections, kills and embargoes delivered as files change the warehouse.

Each test delivers NITF files into a drop folder, runs the source, and reads
what a newsroom would read: story, story_version and the reporting views.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from etl.load.database import connect
from etl.load.story_merge import StoryRow, merge_stories
from etl.model import BodyBlock, CleanStory, WireMeta
from etl.pipeline import ingest_source
from tests.integration.db_query import query as _query
from tests.integration.wire_files import DAY, HARBOUR_ID, drop_config, harbour, nitf

pytestmark = pytest.mark.integration


def _deliver(db_url: str, folder: Path, files: dict[str, bytes]) -> dict[str, Any]:
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return ingest_source("dpa", DAY, config=drop_config(folder), db_url=db_url)


def _versions(db_url: str) -> list[tuple[Any, ...]]:
    return _query(
        db_url,
        "SELECT v.version, v.agency_version, v.status, v.killed, v.edit_notes "
        "FROM story_version v ORDER BY v.version",
    )


def test_higher_agency_versions_and_a_correction_make_new_versions(
    db_url: str, tmp_path: Path
) -> None:
    _deliver(db_url, tmp_path, {"harbour-1.xml": harbour(1)})
    later = _deliver(
        db_url,
        tmp_path,
        {
            "harbour-2.xml": harbour(2, ["Ships queued in the Elbe estuary by midday."]),
            "harbour-3.xml": harbour(
                3,
                ["Ships queued in the Elbe estuary by midday."],
                ed_msg="Corrects number of striking members to 2,400 from 4,200",
            ),
        },
    )

    assert (later["new"], later["updated"]) == (0, 2)
    assert _versions(db_url) == [
        (1, 1, "usable", False, None),
        (2, 2, "usable", False, None),
        (3, 3, "corrected", False, ["Corrects number of striking members to 2,400 from 4,200"]),
    ]
    ((current, agency_version, status),) = _query(
        db_url, "SELECT current_version, agency_version, status FROM story"
    )
    assert (current, agency_version, status) == (3, 3, "corrected")


def test_an_older_version_delivered_late_changes_nothing(db_url: str, tmp_path: Path) -> None:
    _deliver(db_url, tmp_path, {"harbour-2.xml": harbour(2, ["Ships queued by midday."])})
    late = _deliver(db_url, tmp_path, {"harbour-1.xml": harbour(1)})

    assert (late["new"], late["updated"], late["unchanged"]) == (0, 0, 1)
    assert _query(db_url, "SELECT current_version, agency_version FROM story") == [(1, 2)]
    assert "Ships queued by midday." in _query(db_url, "SELECT body FROM story")[0][0]


def test_a_kill_notice_kills_the_story_and_every_version(db_url: str, tmp_path: Path) -> None:
    _deliver(
        db_url, tmp_path, {"harbour-1.xml": harbour(1), "harbour-2.xml": harbour(2, ["More."])}
    )
    assert _query(db_url, "SELECT count(*) FROM story_live") == [(1,)]

    _deliver(
        db_url,
        tmp_path,
        {"harbour-kill.xml": harbour(3, headline="KILL: Dock workers strike", status="canceled")},
    )

    ((status, killed, pub_status),) = _query(db_url, "SELECT status, killed, pub_status FROM story")
    assert (status, killed, pub_status) == ("killed", True, "canceled")
    assert [killed for _, _, _, killed, _ in _versions(db_url)] == [True, True, True]
    assert _query(db_url, "SELECT count(*) FROM story_live") == [(0,)]
    assert _query(db_url, "SELECT count(*) FROM killed_stories") == [(1,)]


def test_a_withdrawn_item_kills_the_story(db_url: str, tmp_path: Path) -> None:
    _deliver(db_url, tmp_path, {"harbour-1.xml": harbour(1)})
    _deliver(db_url, tmp_path, {"harbour-2.xml": harbour(2, status="withheld")})
    assert _query(db_url, "SELECT status, killed FROM story") == [("withdrawn", True)]
    assert _query(db_url, "SELECT count(*) FROM story_live") == [(0,)]


def test_an_embargoed_story_is_stored_but_not_reported_until_the_embargo_passes(
    db_url: str, tmp_path: Path
) -> None:
    budget = nitf(
        "dpa:20261119:eng-budget",
        1,
        "German cabinet agrees 2027 budget",
        ["Berlin (dpa) - The cabinet approved the draft budget for 2027 on Thursday."],
        release="20991231T060000Z",
    )
    harbour_past_embargo = harbour(1, release="20261119T090000Z")
    _deliver(db_url, tmp_path, {"budget.xml": budget, "harbour.xml": harbour_past_embargo})

    stored = _query(db_url, "SELECT headline, embargo_until FROM story ORDER BY headline")
    assert stored == [
        ("Dock workers strike at Hamburg port", datetime(2026, 11, 19, 9, 0, tzinfo=UTC)),
        ("German cabinet agrees 2027 budget", datetime(2099, 12, 31, 6, 0, tzinfo=UTC)),
    ]
    reported = _query(db_url, "SELECT headline FROM story_live")
    assert reported == [("Dock workers strike at Hamburg port",)]
    assert _query(db_url, "SELECT count(*) FROM stories_per_agency_day") == [(1,)]

    # The agency lifts the embargo with version 2: the story is reported from then on.
    lifted = nitf(
        "dpa:20261119:eng-budget",
        2,
        "German cabinet agrees 2027 budget",
        ["Berlin (dpa) - The cabinet approved the draft budget for 2027 on Thursday."],
    )
    _deliver(db_url, tmp_path, {"budget-2.xml": lifted})
    assert len(_query(db_url, "SELECT headline FROM story_live")) == 2


def _page_row(guid: str | None, url: str) -> StoryRow:
    story = CleanStory(
        "Dock workers strike at Hamburg port",
        None,
        (BodyBlock("paragraph", "Dock workers walked out on Thursday."),),
        None,
        "dpa",
        canonical_url=url,
    )
    key = guid or url
    seen = datetime(2026, 11, 19, 9, tzinfo=UTC)
    return StoryRow("dpa", key, guid, url, story, None, seen)


def _wire_row(agency_id: str, url: str | None) -> StoryRow:
    story = CleanStory(
        "Dock workers strike at Hamburg port",
        None,
        (BodyBlock("paragraph", "Hamburg (dpa) - Dock workers walked out on Thursday morning."),),
        None,
        "dpa",
        canonical_url=url,
        text_source="wire",
        wire=WireMeta(agency_id=agency_id, version=1, format="ninjs"),
    )
    seen = datetime(2026, 11, 19, 10, tzinfo=UTC)
    return StoryRow("dpa", agency_id, agency_id, url, story, None, seen)


@pytest.mark.parametrize("page_first", [True, False])
def test_a_story_as_page_and_as_wire_file_with_one_url_stays_one_story(
    db_url: str, page_first: bool
) -> None:
    url = "https://www.dpa-news.example/en/harbour-strike"
    page = _page_row("feed-guid-4711", url)
    wire = _wire_row("urn:newsml:dpa.com:20261119:harbour", url)
    conn = connect(db_url)
    try:
        for row in [page, wire] if page_first else [wire, page]:
            merge_stories(conn, [row])
        conn.commit()
    finally:
        conn.close()
    stories = _query(db_url, "SELECT agency_id, wire_format FROM story")
    assert stories == [("urn:newsml:dpa.com:20261119:harbour", "ninjs")]
    expected_versions = 2 if page_first else 1  # the wire copy is not overwritten by a page
    assert _query(db_url, "SELECT count(*) FROM story_version") == [(expected_versions,)]


def test_a_story_as_page_and_as_wire_file_with_one_agency_id_stays_one_story(
    db_url: str, tmp_path: Path
) -> None:
    conn = connect(db_url)
    try:
        merge_stories(conn, [_page_row(HARBOUR_ID, "https://www.dpa-news.example/en/x")])
        conn.commit()
    finally:
        conn.close()
    _deliver(db_url, tmp_path, {"harbour-1.xml": harbour(1)})
    assert _query(db_url, "SELECT count(*), max(current_version) FROM story") == [(1, 2)]
