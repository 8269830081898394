"""Backfills find the past: the sample wire's archive, loaded day by day, resumable."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from etl.cli import main
from etl.load.database import connect
from etl.load.identities import with_known_identities
from etl.model import FeedEntry
from etl.pipeline import ingest_source
from etl.samplewire.archive import archive_stories
from etl.samplewire.server import SampleWireServer
from etl.sources import SAMPLE_CONFIG, load_config
from tests.integration.db_query import query as _query

pytestmark = pytest.mark.integration


def _stories_per_day(db_url: str) -> Counter[tuple[str, str]]:
    rows = _query(
        db_url,
        "SELECT agency, (published_at AT TIME ZONE 'UTC')::date::text FROM story",
    )
    return Counter((agency, day) for agency, day in rows)


@pytest.fixture
def backfill_env(
    db_url: str, sample_wire: SampleWireServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> dict[str, str]:
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("NEWSWIRE_STATE_DIR", str(tmp_path))
    monkeypatch.setenv("NEWSWIRE_SOURCES", str(SAMPLE_CONFIG))
    return {
        "DATABASE_URL": db_url,
        "NEWSWIRE_STATE_DIR": str(tmp_path),
        "NEWSWIRE_SOURCES": str(SAMPLE_CONFIG),
        "NEWSWIRE_SAMPLE_WIRE_URL": sample_wire.base_url,
    }


def test_a_backfill_of_past_days_loads_what_the_archives_list(
    backfill_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backfill", "--from", "2026-11-05", "--to", "2026-11-07"]) == 0
    loaded = _stories_per_day(backfill_env["DATABASE_URL"])
    for day in ("2026-11-05", "2026-11-06", "2026-11-07"):
        for agency in ("TASS", "Reuters", "AP"):
            assert loaded[(agency, day)] == 2, f"{agency} {day}: {loaded}"
    assert sum(loaded.values()) == 18, "nothing from outside the range"
    out = capsys.readouterr()
    assert "2026-11-06 reuters: 2 fetched, 2 new" in out.err
    assert "stories: 6 new, 0 updated" in out.out
    # Sitemaps and listing pages are stored raw like feeds; the same run again adds nothing.
    archive_docs = _query(
        backfill_env["DATABASE_URL"],
        "SELECT count(*) FROM raw_document WHERE kind = 'feed' AND url LIKE '%%sitemap%%'",
    )
    assert archive_docs[0][0] >= 3
    assert main(["backfill", "--from", "2026-11-05", "--to", "2026-11-07"]) == 0
    assert "stories: 0 new, 0 updated, 6 unchanged" in capsys.readouterr().out


def test_the_archive_reaches_every_story_of_the_two_weeks(
    db_url: str, sample_wire: SampleWireServer
) -> None:
    config = load_config(SAMPLE_CONFIG)
    expected = Counter((s.agency, s.day) for s in archive_stories())
    for day in (date(2026, 11, 10), date(2026, 11, 17)):
        for name in ("tass", "reuters", "ap"):
            result = ingest_source(name, day, config=config, db_url=db_url)
            want = expected[(name, day)] + (1 if (name, day) == ("tass", date(2026, 11, 17)) else 0)
            assert result["new"] == want, (name, day, result)
            assert result["quarantined"] == 0


def test_an_archive_item_already_loaded_from_a_feed_keeps_its_identity(
    db_url: str, sample_wire: SampleWireServer
) -> None:
    config = load_config(SAMPLE_CONFIG)
    ingest_source("reuters", date(2026, 11, 19), config=config, db_url=db_url)
    link, guid = _query(
        db_url, "SELECT url, identity_key FROM story WHERE agency = 'Reuters' LIMIT 1"
    )[0]
    assert not guid.startswith("http"), "the feed's opaque guid"
    conn = connect(db_url)
    try:
        entries = [
            FeedEntry(None, link, None, None, None),
            FeedEntry(None, link + "?x", None, None, None),
        ]
        found = with_known_identities(conn, "Reuters", entries)
    finally:
        conn.close()
    assert [e.guid for e in found] == [guid, None]


def test_an_interrupted_backfill_resumes_where_it_stopped(
    backfill_env: dict[str, str], sample_wire: SampleWireServer, capsys: pytest.CaptureFixture[str]
) -> None:
    command = [
        sys.executable,
        "-m",
        "etl.cli",
        "backfill",
        "--from",
        "2026-11-05",
        "--to",
        "2026-11-18",
    ]
    # As on an operator's terminal: rich draws its bar (TTY_COMPATIBLE), colourless.
    terminal = {"TTY_COMPATIBLE": "1", "NO_COLOR": "1", "COLUMNS": "120"}
    child = subprocess.Popen(
        command,
        env={**os.environ, **backfill_env, **terminal},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    progress_dir = Path(backfill_env["NEWSWIRE_STATE_DIR"]) / "backfill"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None:
        files = list(progress_dir.glob("*.json"))
        if files and files[0].read_text().count('"2026-') >= 3:
            break
        time.sleep(0.05)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 130, err
    assert "run the same command again to resume" in err
    # The bar names the (day, source) in hand and counts the items of the range.
    assert "backfill 2026-11-05 tass" in err, err
    assert re.search(r"━.* [1-9]\d*/70 ", err), err
    first_page = next(s.path for s in archive_stories() if s.agency == "tass")
    assert sample_wire.requests[first_page] == 1

    assert main(["backfill", "--from", "2026-11-05", "--to", "2026-11-18"]) == 0
    resumed = capsys.readouterr().err
    assert "resuming: " in resumed and " of 70 (day, source) items done" in resumed
    assert "2026-11-05 tass:" not in resumed, "the done items are not redone"
    assert sample_wire.requests[first_page] == 1, "nor refetched"
    loaded = _stories_per_day(backfill_env["DATABASE_URL"])
    assert sum(loaded.values()) == 14 * 6 + 1, "every archive story, and TASS's 17 November one"
    assert not list(progress_dir.glob("*.json")), "a finished backfill leaves no progress file"
