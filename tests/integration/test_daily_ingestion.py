"""One daily ingestion of the sample wire, in process, against real PostgreSQL and HTTP."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from etl.load.database import connect
from etl.pipeline import ingest_source, list_source_names
from etl.samplewire.server import SampleWireServer
from etl.sources import SAMPLE_CONFIG, load_config
from tests.integration.db_query import query as _query

pytestmark = pytest.mark.integration

SAMPLE_DAY = date(2026, 11, 19)
# The sample's RSS/Atom sources; the others deliver files or an API (etl/channels).
FEED_SOURCES = ("tass", "reuters", "ap", "interfax", "afp")
SAMPLE_AGENCIES = {"AP", "Reuters", "TASS", "Interfax", "AFP", "ANSA", "AAP", "dpa"}


def _ingest_all(db_url: str) -> dict[str, dict[str, Any]]:
    config = load_config(SAMPLE_CONFIG)
    return {
        name: ingest_source(name, SAMPLE_DAY, config=config, db_url=db_url)
        for name in list_source_names(config)
    }


def _total(results: dict[str, dict[str, Any]], key: str) -> int:
    return sum(int(r[key]) for r in results.values())


def test_first_run_loads_every_sample_story_and_quarantines_the_broken_page(
    db_url: str, sample_wire: SampleWireServer
) -> None:
    results = _ingest_all(db_url)
    stories = _query(db_url, "SELECT agency, count(*) FROM story GROUP BY agency ORDER BY 1")
    assert {agency for agency, _ in stories} == SAMPLE_AGENCIES
    assert all(count >= 2 for _, count in stories)
    assert _total(results, "new") == sum(count for _, count in stories)
    # Only wire stories delivered in two versions at once are updated in a first run.
    versioned = _query(db_url, "SELECT count(*) FROM story WHERE current_version > 1")
    assert versioned == _query(
        db_url, "SELECT count(*) FROM story WHERE current_version = 2 AND wire_format IS NOT NULL"
    )
    assert _total(results, "updated") == versioned[0][0] >= 1
    quarantined = _query(
        db_url, "SELECT source, stage, reason, raw_id FROM quarantine ORDER BY source DESC"
    )
    assert len(quarantined) == 3, "AP's broken page, AFP's two missing pages"
    source, stage, reason, raw_id = quarantined[0]
    assert (source, stage) == ("ap", "clean")
    assert reason
    assert raw_id is not None, "the broken page's bytes stay stored"
    assert [(s, st, r) for s, st, r, _ in quarantined[1:]] == [
        ("afp", "fetch_page", "HTTP 404")
    ] * 2
    assert results["tass"]["skipped"] >= 1, "the item from another day is left out"
    assert _query(db_url, "SELECT DISTINCT status FROM ingest_run") == [("success",)]


def test_full_text_feed_and_feed_with_missing_pages_both_give_stories(
    db_url: str, sample_wire: SampleWireServer
) -> None:
    _ingest_all(db_url)
    rows = _query(
        db_url,
        "SELECT agency, text_source, dateline_place, byline FROM story "
        "WHERE agency IN ('AFP', 'Interfax') ORDER BY agency, published_at",
    )
    assert rows == [
        ("AFP", "feed_summary", "Nairobi", "Mary Wanjiru"),
        ("AFP", "feed_summary", "Paris", "Claire Morel"),
        ("Interfax", "feed_full_text", "Moscow", None),
        ("Interfax", "feed_full_text", "Moscow", None),
    ]
    assert not any("/interfax/news/" in path for path in sample_wire.requests), (
        "a feed carrying the full text needs no page"
    )
    credits = _query(
        db_url,
        "SELECT s.agency, m.credit, m.media_type FROM story_media m JOIN story s USING (story_id) "
        "WHERE s.agency IN ('AFP', 'Interfax') ORDER BY 1",
    )
    assert credits == [("AFP", "SIMON MAINA / AFP", "image/jpeg"),
                       ("Interfax", "Interfax/Sergei Volkov", "image/jpeg")]  # fmt: skip
    (cadence,) = _query(db_url, "SELECT expected_interval FROM feed WHERE source = 'interfax'")[0]
    assert cadence.total_seconds() == 15 * 60


def test_raw_documents_are_landed_before_transform_for_every_fetch(
    db_url: str, sample_wire: SampleWireServer
) -> None:
    _ingest_all(db_url)
    kinds = dict(
        _query(
            db_url,
            "SELECT kind, count(*) FROM raw_document WHERE source = ANY(%s) GROUP BY kind",
            list(FEED_SOURCES),
        )
    )
    # 6 feeds and 3 archive documents: TASS's and Reuters' sitemap indexes (no
    # child can hold the day) and AP's listing page for the day (a 404: none).
    assert kinds["feed"] == 6 + 3
    (stories,) = _query(
        db_url, "SELECT count(*) FROM story WHERE wire_format IS NULL AND text_source = 'page'"
    )[0]
    # every page story's page, the broken one, and AFP's two 404 answers
    assert kinds["page"] == stories + 1 + 2
    feed_made = _query(
        db_url,
        "SELECT DISTINCT r.kind FROM story s JOIN raw_document r USING (raw_id) "
        "WHERE s.text_source IN ('feed_full_text', 'feed_summary')",
    )
    assert feed_made == [("feed",)], "a story made from its feed points at the stored feed"
    drop_files = _query(db_url, "SELECT count(*) FROM raw_document WHERE source = 'dpa'")
    assert drop_files == [(3,)], "every delivered file is stored raw"
    missing = _query(db_url, "SELECT count(*) FROM story WHERE raw_id IS NULL")
    assert missing == [(0,)]


def test_seed_like_tass_story_lands_clean(db_url: str, sample_wire: SampleWireServer) -> None:
    _ingest_all(db_url)
    rows = _query(
        db_url,
        """
        SELECT s.story_id, s.body, s.body_blocks, s.dateline_raw, s.dateline_place,
               s.dateline_month, s.dateline_day, s.dateline_year, s.dateline_agency
        FROM story s WHERE s.agency = 'TASS' AND s.body_blocks @> '[{"kind": "subheading"}]'
        """,
    )
    assert rows, "the seed-like TASS page has a crosshead"
    story_id, body, blocks, raw, place, month, day, year, agency = rows[0]
    assert raw.endswith("/TASS/.")
    assert (month, day, year, agency) == (11, 19, 2026, "TASS")
    assert (place and place == place.title()) or " " in place
    assert "All news" not in body
    assert "/TASS/" not in body
    assert not body.startswith(raw)
    media = _query(db_url, "SELECT caption, credit FROM story_media WHERE story_id = %s", story_id)
    assert media, "the photo caption is kept apart"
    caption, credit = media[0]
    assert credit.startswith("EPA/")
    assert credit not in body
    texts = [b["text"] for b in blocks]
    assert caption not in texts, "the caption is not a paragraph of the body"
    assert not any(text.startswith(caption) for text in texts)
    assert any(b["kind"] == "subheading" and b["text"] in body for b in blocks)


def test_second_run_changes_nothing(db_url: str, sample_wire: SampleWireServer) -> None:
    tables = ("story", "story_version", "story_media", "story_feed", "quarantine", "raw_document")
    first = _ingest_all(db_url)
    snapshot = "SELECT agency, identity_key, content_hash, current_version FROM story ORDER BY 1, 2"
    before = _query(db_url, snapshot)
    counts_before = {t: _query(db_url, f"SELECT count(*) FROM {t}") for t in tables}
    second = _ingest_all(db_url)
    assert _query(db_url, snapshot) == before
    assert {t: _query(db_url, f"SELECT count(*) FROM {t}") for t in tables} == counts_before
    assert _total(second, "new") == 0
    assert _total(second, "updated") == 0
    # Feeds list their stories again; read files and API pages are not read twice.
    assert _total(second, "unchanged") == sum(first[name]["new"] for name in FEED_SOURCES)
    assert _total(second, "quarantined") == 3, "the broken page and the missing ones, again"


def test_story_updated_between_two_fetches_gets_a_new_version(
    db_url: str, sample_wire: SampleWireServer
) -> None:
    _ingest_all(db_url)
    sample_wire.edition = 2
    results = _ingest_all(db_url)
    assert _total(results, "new") == 0
    assert _total(results, "updated") == 1
    versions = _query(
        db_url,
        """
        SELECT s.agency, v.version, v.headline, s.headline
        FROM story_version v JOIN story s USING (story_id)
        WHERE s.current_version = 2 AND s.wire_format IS NULL ORDER BY v.version
        """,
    )
    assert [(agency, version) for agency, version, _, _ in versions] == [
        ("Reuters", 1),
        ("Reuters", 2),
    ]
    old_headline, new_headline = versions[0][2], versions[1][2]
    assert old_headline != new_headline
    assert versions[1][3] == new_headline


def test_a_story_in_two_feeds_is_one_story_linked_to_both(
    db_url: str, sample_wire: SampleWireServer
) -> None:
    _ingest_all(db_url)
    linked = _query(
        db_url,
        "SELECT story_id, count(*) FROM story_feed GROUP BY story_id HAVING count(*) > 1",
    )
    assert len(linked) >= 1
    (dupes,) = _query(
        db_url,
        "SELECT count(*) FROM (SELECT 1 FROM story GROUP BY agency, url HAVING count(*) > 1) d",
    )[0]
    assert dupes == 0


def test_unreachable_feed_fails_the_source_after_recording_it(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSWIRE_SAMPLE_WIRE_URL", "http://127.0.0.1:9")
    config = load_config(SAMPLE_CONFIG)
    fast = type(config.fetch)(retries=0, timeout_seconds=1)
    config = type(config)(config.timezone, config.sources, fast, config.path)
    from etl.errors import TransientError

    with pytest.raises(TransientError):
        ingest_source("tass", SAMPLE_DAY, config=config, db_url=db_url)
    runs = _query(db_url, "SELECT status, error FROM ingest_run")
    assert runs[0][0] == "failed"
    assert "ConnectionError" in runs[0][1]
    assert _query(db_url, "SELECT consecutive_failures FROM feed") == [(1,)]
    stages = _query(db_url, "SELECT stage, reason FROM quarantine ORDER BY stage")
    assert [stage for stage, _ in stages] == ["fetch_archive", "fetch_feed"], "feed and archive"
    assert all("ConnectionError" in reason for _, reason in stages)


def test_database_unreachable_is_transient() -> None:
    from etl.errors import TransientError

    with pytest.raises(TransientError):
        connect("postgresql://postgres@127.0.0.1:1/none?connect_timeout=2")


def test_reprocess_restores_stories_from_raw_without_fetching(
    db_url: str, sample_wire: SampleWireServer
) -> None:
    from etl.pipeline import reprocess_source

    _ingest_all(db_url)
    before = _query(db_url, "SELECT story_id, body FROM story ORDER BY story_id")
    conn = connect(db_url)
    try:
        with conn.cursor() as cur:  # a transform bug once loaded bad bodies
            cur.execute("UPDATE story SET body = 'garbled', content_hash = 'bad'")
        conn.commit()
    finally:
        conn.close()
    requests_before = sum(sample_wire.requests.values())
    config = load_config(SAMPLE_CONFIG)
    results = [
        reprocess_source(name, SAMPLE_DAY, config=config, db_url=db_url)
        for name in list_source_names(config)
    ]
    assert sum(sample_wire.requests.values()) == requests_before, "nothing was refetched"
    assert sum(r["updated"] for r in results) == len(before)
    assert sum(r["quarantined"] for r in results) == 1, "the broken page is still broken"
    assert _query(db_url, "SELECT story_id, body FROM story ORDER BY story_id") == before


def test_bylines_and_signoffs_land_apart_from_the_body(
    db_url: str, sample_wire: SampleWireServer
) -> None:
    _ingest_all(db_url)
    rows = _query(db_url, "SELECT byline, signoff, body FROM story WHERE agency = 'Reuters'")
    assert rows
    for byline, signoff, body in rows:
        assert signoff.startswith("Reporting by")
        assert byline and byline in signoff
        assert "Editing by" not in body
