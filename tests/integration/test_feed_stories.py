"""Feeds of every shape with their article pages out of reach, on a real PostgreSQL.

A local HTTP server serves tests/fixtures/feeds/ with every link moved to
itself, and answers page requests as a test asks: 404, a robots.txt that
refuses, a page slower than the deadline, or the page itself.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from etl.load.database import connect
from etl.pipeline import ingest_source, migrate_database
from etl.sources import FetchPolicy, Source, SourcesConfig

pytestmark = pytest.mark.integration

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
DAY = date(2026, 11, 19)
# Every absolute link of a fixture, to be served by the local server instead.
LINK_RE = re.compile(rb"https?://([a-z0-9.-]+\.(?:example|reuters\.com))")

NORWAY_PAGE = b"""<!doctype html><html><head><meta charset="utf-8">
<title>Norway's wealth fund drops three Arctic shipping firms over safety record | Reuters</title>
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Norway's wealth fund drops three Arctic shipping firms over safety record</h1>
<div itemprop="articleBody">
<p>OSLO (Reuters) - Norway's $1.9 trillion sovereign wealth fund said on Thursday it had sold
its stakes in three shipping companies operating in the Arctic after a review of their
safety record.</p>
<p>The fund's ethics council found that the firms had repeatedly failed to report accidents
involving crew members and had not acted on inspectors' findings, the fund said.</p>
<p>The three companies together made up less than 0.01 percent of the fund's holdings.</p>
</div></article><footer>All quotes delayed a minimum of 15 minutes.</footer></body></html>"""


class _Site(BaseHTTPRequestHandler):
    """/feeds/NAME: a fixture feed; /robots.txt and every other path: as the test says."""

    page_mode = "404"  # '404' | 'slow' | 'pages'
    robots = b""
    content_types: dict[str, str] = {}  # noqa: RUF012 (set per test, a test server)
    page_hits: list[str] = []  # noqa: RUF012

    def do_GET(self) -> None:
        base = f"http://127.0.0.1:{self.server.server_address[1]}".encode()
        if self.path.startswith("/feeds/"):
            name, _, query = self.path.removeprefix("/feeds/").partition("?")
            body = LINK_RE.sub(base + rb"/\1", (FEEDS / name).read_bytes())
            if query == "noguid":  # the same feed as sites without guids publish it
                body = re.sub(rb"\s*<guid[^>]*>[^<]*</guid>", b"", body)
            self._reply(200, body, self.content_types.get(name, "application/xml"))
        elif self.path == "/robots.txt":
            self._reply(200 if self.robots else 404, self.robots, "text/plain")
        else:
            type(self).page_hits.append(self.path)
            if self.page_mode == "slow":
                time.sleep(1.5)
                self._reply(200, b"<html>too late</html>", "text/html")
            elif self.page_mode == "pages" and "norway-wealth-fund" in self.path:
                self._reply(200, NORWAY_PAGE, "text/html; charset=utf-8")
            elif self.page_mode == "canonical" and "norway-wealth-fund" in self.path:
                canonical = (
                    b'<link rel="canonical" href="https://www.reuters.com/world/norway-fund">'
                )
                page = NORWAY_PAGE.replace(b"</title>", b"</title>" + canonical)
                self._reply(200, page, "text/html; charset=utf-8")
            else:
                self._reply(404, b"<html>Not found</html>", "text/html")

    def _reply(self, status: int, body: bytes, content_type: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on a slow page: that is the point

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    _Site.page_mode, _Site.robots, _Site.page_hits = "404", b"", []
    _Site.content_types = {
        "wrong_charset_cp1251.rss": "application/rss+xml; charset=utf-8",
        "json_feed.json": "application/feed+json",
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _config(site: str, *sources: tuple[str, str, str]) -> SourcesConfig:
    return SourcesConfig(
        timezone="UTC",
        sources=tuple(
            Source(
                name=name,
                agency=agency,
                feeds=(f"{site}/feeds/{feed}",),
                pages=pages,
                allow_hosts=("127.0.0.1",),
            )  # type: ignore[arg-type]
            for name, agency, feed, pages in (
                (*s[:3], s[3] if len(s) > 3 else "auto") for s in sources
            )
        ),
        fetch=FetchPolicy(timeout_seconds=0.5, retries=0, backoff_seconds=0.01),
    )


def _rows(db_url: str, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    conn = connect(db_url)
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return list(cur.fetchall())
    finally:
        conn.close()


SHAPES = (
    ("kyivwire", "Kyiv Wire", "full_text_yandex.rss"),
    ("reuters", "Reuters", "summary_only_reuters.rss"),
    ("apa", "APA", "media_rss.xml"),
    ("gazette", "Harbour Gazette", "content_encoded.rss"),
    ("nns", "NNS", "atom_content.atom"),
    ("lakeside", "Lakeside", "json_feed.json"),
    ("mosregion", "Mosregion", "wrong_charset_cp1251.rss"),
)


def test_every_feed_shape_gives_stories_with_its_pages_out_of_reach(db_url: str, site: str) -> None:
    config = _config(site, *SHAPES)
    migrate_database(db_url)
    results = {name: ingest_source(name, DAY, config=config, db_url=db_url) for name, *_ in SHAPES}
    assert {name: r["new"] for name, r in results.items()} == {
        "kyivwire": 2, "reuters": 3, "apa": 3, "gazette": 1, "nns": 1, "lakeside": 2,
        "mosregion": 2,
    }  # fmt: skip
    assert _rows(db_url, "SELECT DISTINCT status FROM ingest_run") == [("success",)]
    by_source = dict(
        _rows(
            db_url,
            """SELECT f.source, string_agg(s.text_source, ',' ORDER BY s.text_source)
               FROM story s JOIN story_feed sf USING (story_id) JOIN feed f USING (feed_id)
               GROUP BY f.source""",
        )
    )
    assert by_source == {
        "kyivwire": "feed_full_text,feed_full_text",
        "reuters": "feed_summary,feed_summary,feed_summary",
        "apa": "feed_summary,feed_summary,feed_summary",
        "gazette": "feed_full_text",
        "nns": "feed_full_text",
        "lakeside": "feed_full_text,feed_summary",
        "mosregion": "feed_summary,feed_summary",
    }
    # Only items without full text asked for their page, and each 404 is on record.
    quarantined = _rows(db_url, "SELECT source, stage, reason FROM quarantine ORDER BY source")
    assert {(s, stage, reason) for s, stage, reason in quarantined} == {
        (s, "fetch_page", "HTTP 404") for s in ("apa", "lakeside", "mosregion", "reuters")
    }
    assert len(quarantined) == 3 + 3 + 1 + 2
    places = _rows(
        db_url,
        "SELECT dateline_place FROM story WHERE text_source = 'feed_summary' "
        "AND dateline_place IS NOT NULL ORDER BY 1",
    )
    assert [p for (p,) in places] == ["Geneva", "Innsbruck", "Oslo", "Salzburg", "Santiago",
                                     "Vienna"]  # fmt: skip
    credits = _rows(
        db_url, "SELECT credit FROM story_media WHERE credit IS NOT NULL ORDER BY credit"
    )
    assert [c for (c,) in credits] == [
        "APA/EXPA/JOHANN GRODER",
        "APA/HELMUT FOHRINGER",
        "APA/ROLAND SCHLAGER",
        "Gazette/Anne Byrne",
    ]
    subjects = _rows(db_url, "SELECT count(*), count(DISTINCT story_id) FROM story_subject")
    assert subjects == [(17, 11)]
    assert _rows(db_url, "SELECT byline FROM story WHERE headline LIKE 'Vienna opens%'") == [
        ("Markus Steiner",)
    ]
    headlines = [h for (h,) in _rows(db_url, "SELECT headline FROM story")]
    assert "Снегопад задержал рейсы в аэропортах столицы" in headlines
    assert not any("Ã" in h or "Ð" in h or "Ì" in h for h in headlines), "no mojibake stored"
    cadence = _rows(
        db_url,
        "SELECT source, expected_interval, overdue FROM newswire.feed_freshness "
        "WHERE expected_interval IS NOT NULL ORDER BY source",
    )
    assert cadence == [("apa", timedelta(minutes=30), False), ("kyivwire", timedelta(minutes=10),
                                                                False)]  # fmt: skip


def test_a_summary_story_is_upgraded_when_a_later_run_gets_its_page(db_url: str, site: str) -> None:
    config = _config(site, ("reuters", "Reuters", "summary_only_reuters.rss"))
    migrate_database(db_url)
    first = ingest_source("reuters", DAY, config=config, db_url=db_url)
    assert (first["new"], first["quarantined"]) == (3, 3)
    _Site.page_mode = "pages"
    second = ingest_source("reuters", DAY, config=config, db_url=db_url)
    assert (second["new"], second["updated"], second["unchanged"]) == (0, 1, 2)
    versions = _rows(
        db_url,
        """SELECT v.version, v.text_source FROM story_version v JOIN story s USING (story_id)
           WHERE s.headline LIKE 'Norway%' ORDER BY v.version""",
    )
    assert versions == [(1, "feed_summary"), (2, "page")]
    (body,) = _rows(db_url, "SELECT body FROM story WHERE headline LIKE 'Norway%'")[0]
    assert "ethics council" in body, "the page's whole text replaced the lead"
    third = ingest_source("reuters", DAY, config=config, db_url=db_url)
    assert third["new"] == third["updated"] == 0


def test_a_summary_story_without_guid_is_upgraded_in_place_by_a_page_of_another_url(
    db_url: str, site: str
) -> None:
    """No guid: the story is known by its link until the page names its canonical URL."""
    config = _config(site, ("reuters", "Reuters", "summary_only_reuters.rss?noguid"))
    migrate_database(db_url)
    ingest_source("reuters", DAY, config=config, db_url=db_url)
    _Site.page_mode = "canonical"
    second = ingest_source("reuters", DAY, config=config, db_url=db_url)
    assert (second["new"], second["updated"]) == (0, 1), "the page upgrades the summary story"
    stories = _rows(db_url, "SELECT text_source FROM story WHERE headline LIKE 'Norway%'")
    assert stories == [("page",)], "one story, not a summary and a page story beside it"
    third = ingest_source("reuters", DAY, config=config, db_url=db_url)
    assert third["new"] == third["updated"] == 0


def test_refused_and_slow_pages_do_not_fail_the_run(db_url: str, site: str) -> None:
    """Refused pages give summary stories; pages over the deadline wait in the backlog."""
    config = _config(
        site,
        ("reuters", "Reuters", "summary_only_reuters.rss"),
        ("apa", "APA", "media_rss.xml"),
    )
    migrate_database(db_url)
    _Site.robots = b"User-agent: *\nDisallow: /feeds.reuters.com/\n"
    _Site.page_mode = "slow"
    reuters = ingest_source("reuters", DAY, config=config, db_url=db_url)
    apa = ingest_source("apa", DAY, config=config, db_url=db_url)
    assert reuters["new"] == 3
    assert apa["new"] + apa["deferred"] == 3, "a timeout gives a summary, a deadline defers"
    reasons = _rows(db_url, "SELECT source, reason FROM quarantine ORDER BY source, url")
    assert {r for s, r in reasons if s == "reuters"} == {"disallowed by the site's robots.txt"}
    assert _rows(db_url, "SELECT DISTINCT status FROM ingest_run") == [("success",)]


def test_pages_never_and_always(db_url: str, site: str) -> None:
    config = _config(
        site,
        ("apa", "APA", "media_rss.xml", "never"),
        ("kyivwire", "Kyiv Wire", "full_text_yandex.rss", "always"),
    )
    migrate_database(db_url)
    apa = ingest_source("apa", DAY, config=config, db_url=db_url)
    assert (apa["new"], apa["quarantined"], apa["fetched"]) == (3, 0, 0)
    assert _Site.page_hits == [], "pages = never asks for no page"
    kyiv = ingest_source("kyivwire", DAY, config=config, db_url=db_url)
    assert len(_Site.page_hits) == 2, "pages = always asks even when the feed has the text"
    assert (kyiv["new"], kyiv["quarantined"]) == (2, 2)
    sources = _rows(db_url, "SELECT DISTINCT text_source FROM story WHERE agency = 'Kyiv Wire'")
    assert sources == [("feed_full_text",)], "the page missing, the feed's full text stands"


def test_discover_prints_a_feed_url_as_a_source_entry(
    site: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from etl.cli import main

    assert main(["sources", "discover", f"{site}/feeds/media_rss.xml", "--agency", "APA"]) == 0
    entry = capsys.readouterr().out
    assert 'agency = "APA"' in entry
    assert f'"{site}/feeds/media_rss.xml",  # RSS: Alpine Press Agency - English service' in entry
    assert main(["sources", "discover", f"{site}/no-such-page"]) == 1
    assert "HTTP 404" in capsys.readouterr().err
