"""The reporting views and the example reports in sql/reports, on fixture data with known answers.

The fixture: a Moscow-time day (2026-11-19) of TASS and Reuters stories and
the next day's AP story with an update; one Reuters story killed; TASS and
Reuters telling the same Geneva talks (one near-duplicate cluster); three
ingest runs (one failed) and three feeds (one failing, one quiet).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg2
import psycopg2.errors
import psycopg2.extensions
import pytest

from etl.load.clusters import assign_clusters
from etl.load.database import PROJECT_ROOT, connect
from etl.load.maintenance import write_settings
from etl.load.raw_landing import RawDocument, land_raw
from etl.load.search_index import refresh_search_index
from etl.load.story_merge import StoryRow, merge_stories
from etl.model import BodyBlock, CleanStory, Dateline, Subject, WireMeta
from etl.report import REPORTS_DIR, run_report
from etl.transform.normalise import with_place
from etl.transform.story_status import with_detected_status

pytestmark = pytest.mark.integration

D1, D2 = date(2026, 11, 19), date(2026, 11, 20)
NEAR_DUPLICATES = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "near_duplicates" / "stories.json").read_text(
        encoding="utf-8"
    )
)["stories"]
TALKS = {item["id"]: item["body"] for item in NEAR_DUPLICATES if item["family"] == "talks"}


def _utc(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, second, tzinfo=UTC)


# (run, agency, key, headline, place, published, seen, body)
STORIES: list[tuple[str | None, str, str, str, str, datetime, datetime, str]] = [
    ("tass", "TASS", "t1", "Lavrov and Blinken meet in Geneva", "Geneva",
     _utc(19, 8), _utc(19, 21, 5, 10), TALKS["talks-tass"]),
    ("tass", "TASS", "t2", "Moscow hosts energy forum", "Moscow",
     _utc(19, 10), _utc(19, 21, 5, 20),
     "Energy ministers from twelve countries gathered in Moscow for a two-day forum on oil "
     "output, pipeline tariffs and the price of liquefied gas in Asian markets."),
    ("tass", "TASS", "t3", "Moscow metro opens new line", "Moscow",
     _utc(19, 12), _utc(19, 21, 5, 30),
     "The city's underground railway opened eight new stations on Thursday, linking the "
     "southern districts to the centre in under half an hour, the mayor's office said."),
    (None, "TASS", "t4", "Heavy snow closes Moscow airports", "Moscow",
     _utc(19, 22, 30), _utc(19, 22, 40),
     "Two airports suspended departures overnight as more than thirty centimetres of snow "
     "fell, and crews worked until dawn to clear the runways and taxiways."),
    ("reuters", "Reuters", "r1", "Lavrov, Blinken agree working group", "Geneva",
     _utc(19, 8, 30), _utc(19, 21, 5, 5), TALKS["talks-reuters"]),
    ("reuters", "Reuters", "r2", "London markets close higher", "London",
     _utc(19, 15), _utc(19, 21, 5, 6),
     "Shares in London ended the session higher as miners and banks gained after "
     "better-than-expected factory data from China lifted commodity prices."),
    ("reuters", "Reuters", "r3", "KILL: London fire toll rises", "London",
     _utc(19, 16), _utc(19, 21, 5, 7),
     "Firefighters in London said the toll from a warehouse blaze had risen, in a report "
     "the agency later withdrew because the figures were wrong."),
    ("ap", "AP", "a1", "Washington budget deal", "Washington",
     _utc(20, 9), _utc(20, 21, 5),
     "Congressional leaders reached a deal on a stopgap budget late on Friday, averting a "
     "partial shutdown of federal agencies at midnight."),
]  # fmt: skip
AP_UPDATE_SEEN = _utc(20, 21, 5, 30)
# An agency's embargoed story (released in 2099): stored, never in a view or report.
EMBARGOED = (
    None, "TASS", "t5", "Cabinet approves 2027 budget", "Moscow", _utc(19, 11), _utc(19, 11, 5),
    "The cabinet approved next year's draft budget with higher outlays on roads and schools.",
)  # fmt: skip
# Subjects of some stories (IPTC media topics, keywords); the killed r3 must not count.
ECONOMY = Subject("economy", "medtop:04000000", "medtop")
POLITICS = Subject("politics", "medtop:11000000", "medtop")
SUBJECTS: dict[str, tuple[Subject, ...]] = {
    "t1": (POLITICS,),
    "r1": (POLITICS,),
    "t2": (ECONOMY, Subject("Energy", None, "keyword")),
    "r2": (ECONOMY,),
    "r3": (ECONOMY,),
    "t5": (ECONOMY,),
    "a1": (Subject("Budget", None, "keyword"),),
}

# source: (window day, started, duration, status, fetched, new, updated, quarantined)
RUNS = {
    "tass": (D1, _utc(19, 21, 5), timedelta(seconds=90), "success", 4, 4, 0, 0),
    "reuters": (D1, _utc(19, 21, 5), timedelta(seconds=10), "failed", 3, 3, 0, 1),
    "ap": (D2, _utc(20, 21, 5), timedelta(seconds=20), "success", 1, 1, 1, 0),
}
# source: (consecutive failures, since last success, since last new story)
FEEDS = {
    "tass": (0, timedelta(hours=1), timedelta(hours=1)),
    "reuters": (2, timedelta(days=2), timedelta(days=3)),
    "ap": (0, timedelta(hours=1), timedelta(hours=30)),
}


def _story(agency: str, headline: str, place: str, published: datetime, body: str) -> CleanStory:
    dateline = Dateline(f"{place.upper()}, November 19.", place, None, 11, 19, 2026, agency, 0)
    story = CleanStory(
        headline=headline,
        deck=None,
        blocks=(BodyBlock("paragraph", body),),
        dateline=dateline,
        agency=agency,
        published_at=published,
        language="en",
    )
    return with_detected_status(with_place(story))


def _load_fixture(conn: psycopg2.extensions.connection) -> dict[str, int]:
    write_settings(conn, {"timezone": "Europe/Moscow"})
    run_ids = _insert_runs(conn)
    _insert_feeds(conn)
    _insert_quality_results(conn)
    for run, agency, key, headline, place, published, seen, body in STORIES:
        raw_id = None
        if run is not None:
            doc = RawDocument("page", run, f"http://wire.test/{key}", 200, {}, seen, key.encode())
            raw_id = land_raw(conn, doc, run_ids[run])
        story = _story(agency, headline, place, published, body)
        story = dataclasses.replace(story, subjects=SUBJECTS.get(key, ()))
        merge_stories(conn, [StoryRow(agency, key, key, None, story, raw_id, seen)])
    update = _story(
        "AP", "UPDATE 1-Washington budget deal", "Washington", _utc(20, 9), STORIES[-1][7]
    )
    update = dataclasses.replace(update, subjects=SUBJECTS["a1"])
    _, agency, key, headline, place, published, seen, body = EMBARGOED
    embargoed = dataclasses.replace(
        _story(agency, headline, place, published, body),
        subjects=SUBJECTS[key],
        wire=WireMeta(embargo_until=datetime(2099, 1, 1, tzinfo=UTC)),
    )
    merge_stories(conn, [StoryRow(agency, key, key, None, embargoed, None, seen)])
    merge_stories(conn, [StoryRow("AP", "a1", "a1", None, update, None, AP_UPDATE_SEEN)])
    assign_clusters(conn)
    refresh_search_index(conn)  # what the end of every ingest run does
    conn.commit()
    return run_ids


def _insert_runs(conn: psycopg2.extensions.connection) -> dict[str, int]:
    ids = {}
    with conn.cursor() as cur:
        for source, (day, started, took, status, fetched, new, updated, quar) in RUNS.items():
            start = datetime(day.year, day.month, day.day, tzinfo=UTC) - timedelta(hours=3)
            cur.execute(
                "INSERT INTO ingest_run (source, window_start, window_end, started_at,"
                " finished_at, status, fetched, new, updated, quarantined, error)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING run_id",
                (source, start, start + timedelta(days=1), started, started + took, status,
                 fetched, new, updated, quar, "timeout" if status == "failed" else None),
            )  # fmt: skip
            row = cur.fetchone()
            assert row is not None
            ids[source] = int(row[0])
    return ids


def _insert_feeds(conn: psycopg2.extensions.connection) -> None:
    with conn.cursor() as cur:
        for source, (failures, since_success, since_new) in FEEDS.items():
            cur.execute(
                "INSERT INTO feed (source, agency, url, last_success_at, last_new_story_at,"
                " consecutive_failures) VALUES (%s, %s, %s, now() - %s, now() - %s, %s)",
                (source, source.upper() if source != "reuters" else "Reuters",
                 f"http://wire.test/{source}.xml", since_success, since_new, failures),
            )  # fmt: skip


# Quality check results: (check, day, passed, details, minutes after 21:00 UTC on the 20th).
# volume_per_agency ran twice for D1: the later run (passed) is the one reported.
QUALITY = [
    ("volume_per_agency", D1, False, "AP: 2 stories, 7-day mean 10.0, floor 5.0 (LOW)", 0),
    ("volume_per_agency", D1, True, "AP: 2 stories, 7-day mean 10.0, floor 1.0", 30),
    ("empty_bodies", D1, True, "0 (must be 0)", 0),
    ("runs_left_running", D2, False, "1 run(s) left running: run 7 of ap", 45),
]


def _insert_quality_results(conn: psycopg2.extensions.connection) -> None:
    with conn.cursor() as cur:
        for name, day, passed, details, minutes in QUALITY:
            cur.execute(
                "INSERT INTO quality_check_result (check_name, day, passed, details, checked_at)"
                " VALUES (%s, %s, %s, %s, %s)",
                (name, day, passed, details, _utc(20, 21, minutes)),
            )


@pytest.fixture
def report_db(db_url: str) -> Iterator[psycopg2.extensions.connection]:
    conn = connect(db_url)
    try:
        _load_fixture(conn)
        yield conn
    finally:
        conn.close()


def _t(hours: int, minutes: int, seconds: int) -> timedelta:
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


RANGE = {"from_day": "2026-11-19", "to_day": "2026-11-20"}
# report: [(params, expected rows)]
EXPECTED: dict[str, list[tuple[dict[str, str], list[tuple[Any, ...]]]]] = {
    "stories_per_agency_day": [
        # t4 was published at 22:30 UTC: 01:30 on the 20th in Moscow. r3 is killed.
        (RANGE, [(D1, "Reuters", 2), (D1, "TASS", 3), (D2, "AP", 1), (D2, "TASS", 1)]),
        ({"from_day": "2026-11-19", "to_day": "2026-11-19"}, [(D1, "Reuters", 2), (D1, "TASS", 3)]),
    ],
    "top_dateline_places": [
        (RANGE, [
            (D1, "Reuters", "Geneva", 1, 1), (D1, "Reuters", "London", 1, 1),
            (D1, "TASS", "Moscow", 2, 1), (D1, "TASS", "Geneva", 1, 2),
            (D2, "AP", "Washington", 1, 1), (D2, "TASS", "Moscow", 1, 1),
        ]),
    ],
    "ingest_health_daily": [
        (RANGE, [
            (D1, "reuters", 1, 1, 3, 3, 0, 0, 1, timedelta(seconds=10), _t(12, 35, 5)),
            (D1, "tass", 1, 0, 4, 4, 0, 0, 0, timedelta(seconds=90), _t(13, 5, 10)),
            (D2, "ap", 1, 0, 1, 1, 1, 0, 0, timedelta(seconds=20), _t(12, 5, 0)),
        ]),
        ({"from_day": "2026-11-21", "to_day": "2026-11-30"}, []),
    ],
    "stale_feeds": [
        ({"stale_hours": "24"}, [
            ("reuters", "http://wire.test/reuters.xml", 2, True, True),
            ("ap", "http://wire.test/ap.xml", 0, False, True),
        ]),
        ({"stale_hours": "100"}, [("reuters", "http://wire.test/reuters.xml", 2, False, False)]),
    ],
    "search_stories": [
        # The headline match ranks first; the killed London story is never found.
        ({"words": "working group"}, [("Reuters", "Lavrov, Blinken agree working group"),
                                      ("TASS", "Lavrov and Blinken meet in Geneva")]),
        ({"words": "london"}, [("Reuters", "London markets close higher")]),
        ({"words": '"budget deal" -shutdown'}, []),
        ({"words": "cabinet outlays"}, []),  # embargoed until 2099
    ],
    "story_history": [
        ({"agency": "AP", "identity_key": "a1"}, [
            (1, _utc(20, 21, 5), "usable", "Washington budget deal", False),
            (2, AP_UPDATE_SEEN, "updated", "UPDATE 1-Washington budget deal", True),
        ]),
        ({"agency": "Reuters", "identity_key": "r3"}, []),  # killed: out of the views
    ],
    "stories_per_subject": [
        (RANGE, [
            ("medtop", "medtop:04000000", "economy", 2, 2),
            ("medtop", "medtop:11000000", "politics", 2, 2),
            ("keyword", "budget", "Budget", 1, 1),
            ("keyword", "energy", "Energy", 1, 1),
        ]),
        ({"from_day": "2026-11-20", "to_day": "2026-11-20"},
         [("keyword", "budget", "Budget", 1, 1)]),
    ],
    "cross_agency_news": [
        (RANGE, [(D1, "Lavrov and Blinken meet in Geneva", ["Reuters", "TASS"], 2)]),
    ],
    "stories_per_country_day": [
        # (day, country, stories, agencies, places); t4 is the 20th in Moscow, r3 killed.
        (RANGE, [
            (D1, "CH", 2, 2, 1), (D1, "RU", 2, 1, 1), (D1, "GB", 1, 1, 1),
            (D2, "RU", 1, 1, 1), (D2, "US", 1, 1, 1),
        ]),
    ],
    "quality_checks": [
        # the latest result per check and day, failures first within a day
        (RANGE, [
            (D1, "empty_bodies", "passed", "0 (must be 0)", _utc(20, 21)),
            (D1, "volume_per_agency", "passed", "AP: 2 stories, 7-day mean 10.0, floor 1.0",
             _utc(20, 21, 30)),
            (D2, "runs_left_running", "FAILED", "1 run(s) left running: run 7 of ap",
             _utc(20, 21, 45)),
        ]),
        ({"from_day": "2026-11-21", "to_day": "2026-11-30"}, []),
    ],
}  # fmt: skip


def test_the_dateline_place_is_stored_on_the_map(
    report_db: psycopg2.extensions.connection,
) -> None:
    with report_db.cursor() as cur:
        cur.execute(
            "SELECT s.place_name, s.place_country, s.place_geonames_id, s.place_region,"
            " round(s.place_latitude::numeric, 1), round(s.place_longitude::numeric, 1),"
            " v.place_name, v.place_country"
            " FROM story s JOIN story_version v ON v.story_id = s.story_id"
            " AND v.version = s.current_version"
            " WHERE s.agency = %s AND s.identity_key = %s",
            ("AP", "a1"),
        )
        row = cur.fetchone()
    # "Washington" from AP, a US agency: Washington, D.C.
    assert row is not None
    assert row[:4] == ("Washington", "US", 4140963, "District of Columbia")
    assert (float(row[4]), float(row[5])) == (38.9, -77.0)
    assert row[6:] == ("Washington", "US")


def test_every_example_report_has_an_expected_result() -> None:
    assert sorted(path.stem for path in REPORTS_DIR.glob("*.sql")) == sorted(EXPECTED)


@pytest.mark.parametrize(
    ("name", "case"),
    [(name, case) for name, cases in EXPECTED.items() for case in range(len(cases))],
)
def test_example_report_gives_its_expected_result(
    report_db: psycopg2.extensions.connection, name: str, case: int
) -> None:
    params, expected = EXPECTED[name][case]
    result = run_report(report_db, name, params)
    rows = result.rows
    if name == "search_stories":  # the rank is a float: compare what a reader checks
        assert [r[3] for r in rows] == sorted((r[3] for r in rows), reverse=True)
        rows = [(agency, headline) for _, agency, headline, _ in rows]
    assert rows == expected


def test_search_uses_the_gin_index(report_db: psycopg2.extensions.connection) -> None:
    with report_db.cursor() as cur:
        cur.execute("SET enable_seqscan = off")  # a tiny table: make the planner show its options
        cur.execute(
            "EXPLAIN SELECT story_id FROM story_search"
            " WHERE document @@ websearch_to_tsquery('english', 'geneva')"
        )
        plan = "\n".join(line for (line,) in cur.fetchall())
        assert "story_search_idx" in plan
        cur.execute(  # latest matches first: still through the GIN index, not by time
            "EXPLAIN SELECT story_id FROM story_search"
            " WHERE document @@ websearch_to_tsquery('english', 'geneva')"
            " ORDER BY published_at DESC LIMIT 20"
        )
        latest_plan = "\n".join(line for (line,) in cur.fetchall())
    assert "story_search_idx" in latest_plan
    assert "Index Scan Backward" not in latest_plan  # no walk down a time index


def _search(conn: psycopg2.extensions.connection, words: str) -> list[str]:
    return [
        headline for _, _, headline, _ in run_report(conn, "search_stories", {"words": words}).rows
    ]


def _merge(
    conn: psycopg2.extensions.connection,
    key: str,
    headline: str,
    body: str,
    *,
    pub_status: str | None = None,
) -> None:
    story = _story("TASS", headline, "Moscow", _utc(19, 9), body)
    if pub_status is not None:
        story = with_detected_status(story, pub_status=pub_status)
    merge_stories(conn, [StoryRow("TASS", key, key, None, story, None, _utc(19, 21))])
    conn.commit()


def _documents(conn: psycopg2.extensions.connection) -> int:
    with conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM story_search_document")
        row = cur.fetchone()
    assert row is not None
    return int(row[0])


def test_search_finds_a_story_once_the_index_is_refreshed(db_url: str) -> None:
    conn = connect(db_url)
    try:
        _merge(conn, "s1", "Glaciers retreat in the Alps", "Ice fields shrank again this summer.")
        assert _search(conn, "glaciers") == []  # the merge computes no search document
        assert refresh_search_index(conn) == 1
        conn.commit()
        assert _search(conn, "glaciers") == ["Glaciers retreat in the Alps"]
        assert _search(conn, "ice fields") == ["Glaciers retreat in the Alps"]
        assert refresh_search_index(conn) == 0  # idempotent: nothing queued, nothing changed
        _merge(conn, "s1", "Glaciers retreat in the Alps", "Ice fields shrank again this summer.")
        assert refresh_search_index(conn) == 0  # an unchanged re-fetch queues nothing
        assert _documents(conn) == 1
    finally:
        conn.close()


def test_search_finds_a_changed_storys_new_words_not_its_old_ones(db_url: str) -> None:
    conn = connect(db_url)
    try:
        _merge(conn, "s1", "Storm hits the coast", "Fishing boats stayed in harbour.")
        refresh_search_index(conn)
        _merge(conn, "s1", "Storm hits the coast", "Ferries were cancelled until Monday.")
        assert _search(conn, "ferries") == []  # not refreshed yet: the old document stands
        assert refresh_search_index(conn) == 1
        conn.commit()
        assert _search(conn, "ferries cancelled") == ["Storm hits the coast"]
        assert _search(conn, "fishing boats") == []
        assert _documents(conn) == 1
    finally:
        conn.close()


def test_search_never_finds_a_killed_story(db_url: str) -> None:
    conn = connect(db_url)
    try:
        _merge(conn, "k1", "Bridge collapse toll rises", "Rescuers searched the river.")
        _merge(conn, "k2", "Dam inspection ordered", "Engineers will inspect the dam walls.")
        refresh_search_index(conn)
        conn.commit()
        assert _search(conn, "river") == ["Bridge collapse toll rises"]
        # A kill notice with new content, and a NewsML pubStatus without a content change.
        _merge(conn, "k1", "KILL: Bridge collapse toll rises", "Rescuers searched the river.")
        _merge(conn, "k2", "Dam inspection ordered", "Engineers will inspect the dam walls.",
               pub_status="canceled")  # fmt: skip
        assert _search(conn, "river") == []  # the view leaves killed stories out at once
        assert _search(conn, "dam") == []
        assert refresh_search_index(conn) == 2
        conn.commit()
        assert _documents(conn) == 0  # and the refresh drops their documents
        assert _search(conn, "bridge") == []
    finally:
        conn.close()


def test_views_answer_in_the_configured_timezone(report_db: psycopg2.extensions.connection) -> None:
    with report_db.cursor() as cur:
        cur.execute("SELECT day, stories FROM stories_per_agency_day WHERE agency = 'TASS'")
        assert sorted(cur.fetchall()) == [(D1, 3), (D2, 1)]
    write_settings(report_db, {"timezone": "UTC"})
    with report_db.cursor() as cur:
        cur.execute("SELECT day, stories FROM stories_per_agency_day WHERE agency = 'TASS'")
        assert sorted(cur.fetchall()) == [(D1, 4)]


def test_ingest_health_per_run(report_db: psycopg2.extensions.connection) -> None:
    with report_db.cursor() as cur:
        cur.execute(
            "SELECT source, agency, failed, error, duration, stories_first_seen, median_lag"
            " FROM ingest_health ORDER BY source"
        )
        assert cur.fetchall() == [
            ("ap", "AP", False, None, timedelta(seconds=20), 1, _t(12, 5, 0)),
            ("reuters", "Reuters", True, "timeout", timedelta(seconds=10), 3, _t(6, 5, 6)),
            ("tass", "TASS", False, None, timedelta(seconds=90), 3, _t(11, 5, 20)),
        ]


VIEW_FILES = sorted((PROJECT_ROOT / "sql" / "views").glob("*.sql"))


def _view_names(conn: psycopg2.extensions.connection) -> list[str]:
    with conn.cursor() as cur:
        cur.execute("SELECT viewname FROM pg_views WHERE schemaname = 'newswire' ORDER BY 1")
        return [str(name) for (name,) in cur.fetchall()]


def test_every_view_file_makes_one_commented_view(db_url: str) -> None:
    conn = connect(db_url)
    try:
        names = _view_names(conn)
        assert sorted(path.stem.split("_", 1)[1] for path in VIEW_FILES) == names
        with conn.cursor() as cur:
            cur.execute(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE n.nspname = 'newswire' AND c.relkind = 'v'"
                " AND coalesce(obj_description(c.oid, 'pg_class'), '') NOT LIKE '%?%'"
            )
            assert cur.fetchall() == [], "each view's comment asks the question it answers"
    finally:
        conn.close()


def test_reader_role_reads_every_view_and_nothing_else(
    report_db: psycopg2.extensions.connection,
) -> None:
    names = _view_names(report_db)
    with report_db.cursor() as cur:
        cur.execute("SET ROLE newswire_reader")
        for name in names:
            cur.execute(f"SELECT count(*) FROM newswire.{name}")
            row = cur.fetchone()
            assert row is not None
        cur.execute("SELECT count(*) FROM newswire.story_live")
        assert cur.fetchone() == (7,)
    report_db.rollback()
    forbidden = [
        "SELECT * FROM newswire.story",
        "SELECT * FROM newswire.raw_document",
        "SELECT * FROM newswire.story_version",
        "SELECT * FROM newswire.setting",
        "INSERT INTO newswire.feed (source, agency, url) VALUES ('x', 'X', 'http://x')",
        "UPDATE newswire.feed_freshness SET url = 'http://changed'",
        "DELETE FROM newswire.killed_stories",
        "DELETE FROM newswire.ingest_run",
        "CREATE TABLE newswire.scratch (id integer)",
        "TRUNCATE newswire.story_sketch",
    ]
    for statement in forbidden:
        with report_db.cursor() as cur:
            cur.execute("SET ROLE newswire_reader")
            with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                cur.execute(statement)
        report_db.rollback()


def test_report_command_prints_the_daily_tables_and_writes_a_png(
    report_db: psycopg2.extensions.connection,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from etl.cli import main

    monkeypatch.setenv("DATABASE_URL", db_url)
    chart = tmp_path / "report.png"
    assert (
        main(["report", "--from", "2026-11-19", "--to", "2026-11-20", "--chart", str(chart)]) == 0
    )
    out = capsys.readouterr().out
    assert "newswire report: 2026-11-19 .. 2026-11-20 (Europe/Moscow)" in out
    assert "stories per agency day:" in out
    assert "2026-11-19  TASS     3" in out
    assert "2026-11-19  reuters  1     1" in out  # one run, one failed
    assert "quality checks:" in out
    assert "2026-11-20  runs_left_running  FAILED  1 run(s) left running: run 7 of ap" in out
    assert f"chart: {chart}" in out
    assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
