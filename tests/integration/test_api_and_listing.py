"""Content API with a cursor and HTTP listing, against a local server and a real PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from etl.errors import TransientError
from etl.pipeline import ingest_source
from etl.sources import ApiSettings, FetchPolicy, ListingSettings, Source, SourcesConfig
from tests.integration.db_query import query as _query
from tests.integration.wire_files import BROKEN_NITF, DAY, harbour, nitf
from tests.local_http import reply, serving

pytestmark = pytest.mark.integration

API_KEY = "k-test-0042"


@dataclass
class Agency:
    """A local agency server: path (with query) -> (status, body); it logs what was asked."""

    routes: dict[str, tuple[int, bytes]] = field(default_factory=dict)
    asked: list[tuple[str, str | None]] = field(default_factory=list)
    base_url: str = ""


@pytest.fixture
def agency() -> Iterator[Agency]:
    state = Agency()

    def answer(handler: BaseHTTPRequestHandler) -> None:
        state.asked.append((handler.path, handler.headers.get("x-api-key")))
        status, body = state.routes.get(handler.path, (404, b"not found"))
        reply(handler, status, body)

    with serving(answer) as base:
        state.base_url = base
        yield state


def _config(source: Source) -> SourcesConfig:
    return SourcesConfig(timezone="UTC", sources=(source,), fetch=FetchPolicy(retries=0))


def _api_source(base_url: str) -> Source:
    settings = ApiSettings(
        url=f"{base_url}/api/items?channel=world",
        format="nitf",
        items_path="results",
        link_path="href",
        cursor_path="cursor",
        api_key_env="NEWSWIRE_TEST_AGENCY_KEY",
    )
    return Source(
        name="dpa-api",
        agency="dpa",
        feeds=(),
        kind="api",
        channel=settings,
        allow_hosts=("127.0.0.1",),
    )


def _page(cursor: str, *hrefs: str) -> bytes:
    items = ", ".join(f'{{"href": "/files/{h}"}}' for h in hrefs)
    return f'{{"results": [{items}], "cursor": "{cursor}"}}'.encode()


BUDGET = nitf(
    "dpa:20261119:eng-budget", 1, "German cabinet agrees budget", ["Berlin (dpa) - Agreed."]
)


def test_api_follows_the_cursor_and_the_next_run_continues_where_it_stopped(
    db_url: str, agency: Agency, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSWIRE_TEST_AGENCY_KEY", API_KEY)
    agency.routes.update(
        {
            "/api/items?channel=world": (200, _page("c2", "harbour-1.xml", "budget.xml")),
            "/api/items?channel=world&cursor=c2": (200, _page("c3", "harbour-2.xml", "bad.xml")),
            "/api/items?channel=world&cursor=c3": (200, _page("c3")),
            "/files/harbour-1.xml": (200, harbour(1)),
            "/files/harbour-2.xml": (200, harbour(2, ["Ships queued by midday."])),
            "/files/budget.xml": (200, BUDGET),
            "/files/bad.xml": (200, BROKEN_NITF),
        }
    )
    source = _api_source(agency.base_url)

    first = ingest_source("dpa-api", DAY, config=_config(source), db_url=db_url)

    assert (first["new"], first["updated"], first["quarantined"]) == (2, 1, 1)
    assert _query(db_url, "SELECT next_page FROM api_cursor") == [
        (f"{agency.base_url}/api/items?channel=world&cursor=c3",)
    ]
    assert all(key == API_KEY for _, key in agency.asked), "every request carries the key"
    stored = _query(db_url, "SELECT url, headers::text FROM raw_document")
    assert not any(API_KEY in url + headers for url, headers in stored), "the key is never stored"
    assert _query(db_url, "SELECT stage FROM quarantine") == [("parse_wire",)]
    assert _query(db_url, "SELECT agency_version FROM story ORDER BY headline") == [(2,), (1,)]

    agency.asked.clear()
    agency.routes["/api/items?channel=world&cursor=c3"] = (200, _page("c4", "budget.xml"))
    agency.routes["/api/items?channel=world&cursor=c4"] = (200, _page("c4"))
    second = ingest_source("dpa-api", DAY, config=_config(source), db_url=db_url)

    assert [path for path, _ in agency.asked] == [
        "/api/items?channel=world&cursor=c3",
        "/files/budget.xml",
        "/api/items?channel=world&cursor=c4",
    ]
    assert (second["new"], second["updated"], second["unchanged"]) == (0, 0, 1)


def test_an_api_outage_keeps_the_cursor_and_fails_the_run_for_a_retry(
    db_url: str, agency: Agency, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSWIRE_TEST_AGENCY_KEY", API_KEY)
    agency.routes.update(
        {
            "/api/items?channel=world": (200, _page("c2", "harbour-1.xml")),
            "/api/items?channel=world&cursor=c2": (503, b"maintenance"),
            "/files/harbour-1.xml": (200, harbour(1)),
        }
    )
    with pytest.raises(TransientError, match="503"):
        ingest_source("dpa-api", DAY, config=_config(_api_source(agency.base_url)), db_url=db_url)
    assert _query(db_url, "SELECT count(*) FROM story") == [(1,)], "the first page stays loaded"
    assert _query(db_url, "SELECT next_page FROM api_cursor") == [
        (f"{agency.base_url}/api/items?channel=world&cursor=c2",)
    ]


def test_an_api_key_that_is_not_set_stops_the_source_before_any_request(
    db_url: str, agency: Agency, monkeypatch: pytest.MonkeyPatch
) -> None:
    from etl.sources import ConfigError

    monkeypatch.delenv("NEWSWIRE_TEST_AGENCY_KEY", raising=False)
    with pytest.raises(ConfigError, match="NEWSWIRE_TEST_AGENCY_KEY"):
        ingest_source("dpa-api", DAY, config=_config(_api_source(agency.base_url)), db_url=db_url)
    assert agency.asked == []


def test_a_listing_is_read_once_file_by_file(db_url: str, agency: Agency) -> None:
    index = b"""<html><body><h1>Index of /dpa/</h1><pre>
<a href="../">../</a>
<a href="harbour-1.xml">harbour-1.xml</a>  19-Nov-2026 08:01  2K
<a href="budget.xml">budget.xml</a>  19-Nov-2026 08:30  1K
<a href="bad.xml">bad.xml</a>  19-Nov-2026 08:40  1K
<a href="http://elsewhere.invalid/dpa/x.xml">x.xml</a>
</pre></body></html>"""
    agency.routes.update(
        {
            "/dpa/": (200, index),
            "/dpa/harbour-1.xml": (200, harbour(1)),
            "/dpa/budget.xml": (200, BUDGET),
            "/dpa/bad.xml": (200, BROKEN_NITF),
        }
    )
    settings = ListingSettings(url=f"{agency.base_url}/dpa/", format="nitf", pattern="*.xml")
    source = Source(
        name="dpa-files",
        agency="dpa",
        feeds=(),
        kind="listing",
        channel=settings,
        allow_hosts=("127.0.0.1",),
    )

    first = ingest_source("dpa-files", DAY, config=_config(source), db_url=db_url)
    assert (first["new"], first["quarantined"], first["fetched"]) == (2, 1, 3)
    assert _query(db_url, "SELECT stage, raw_id IS NOT NULL FROM quarantine") == [
        ("parse_wire", True)
    ]

    agency.asked.clear()
    second = ingest_source("dpa-files", DAY, config=_config(source), db_url=db_url)
    assert [path for path, _ in agency.asked] == ["/dpa/"], "read files are not fetched again"
    assert (second["new"], second["skipped"]) == (0, 3)


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "wire" / "newsml-g2"


def _xml_api_source(base_url: str, *, link_path: str) -> Source:
    settings = ApiSettings(
        url=f"{base_url}/g2/feed",
        format="auto",
        items_path="feed.entry",
        link_path=link_path,
    )
    return Source(
        name="xml-api",
        agency="Reuters",
        feeds=(),
        kind="api",
        channel=settings,
        allow_hosts=("127.0.0.1",),
    )


def _atom_page(next_href: str | None, *hrefs: str) -> bytes:
    """An Atom-like page of links to NewsML-G2 documents, with a next link or none."""
    entries = "".join(f'<entry><title>item</title><link href="/g2/{h}"/></entry>' for h in hrefs)
    link = f'<link rel="next" href="{next_href}"/>' if next_href else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<feed xmlns="http://www.w3.org/2005/Atom"><title>wire</title>{link}{entries}</feed>'
    ).encode()


def test_an_xml_api_of_atom_pages_follows_next_links_and_fetches_each_linked_item(
    db_url: str, agency: Agency
) -> None:
    reuters = (FIXTURES / "reuters_style_versioned.xml").read_bytes()
    agency.routes.update(
        {
            "/g2/feed": (200, _atom_page("/g2/feed?page=2", "boe.xml")),
            "/g2/feed?page=2": (200, _atom_page(None, "broken.xml")),
            "/g2/boe.xml": (200, reuters),
            "/g2/broken.xml": (200, b"<newsItem xmlns='http://iptc.org/std/nar/2006-10-01/'><"),
        }
    )
    source = _xml_api_source(agency.base_url, link_path="href")

    counts = ingest_source("xml-api", DAY, config=_config(source), db_url=db_url)

    assert [path for path, _ in agency.asked] == [
        "/g2/feed",
        "/g2/boe.xml",
        "/g2/feed?page=2",
        "/g2/broken.xml",
    ]
    assert (counts["new"], counts["quarantined"]) == (1, 1)
    assert _query(db_url, "SELECT headline, agency_version FROM story") == [
        ("UPDATE 1-Bank of England holds rates, signals cut in spring", 3)
    ]
    assert _query(db_url, "SELECT stage FROM quarantine") == [("parse_wire",)]
    # The last page named no next page: it stands as the cursor, asked again next run.
    assert _query(db_url, "SELECT next_page FROM api_cursor") == [
        (f"{agency.base_url}/g2/feed?page=2",)
    ]


def test_an_xml_api_page_that_is_a_news_message_is_read_whole(db_url: str, agency: Agency) -> None:
    message = (FIXTURES / "news_message_text_and_picture.xml").read_bytes()
    agency.routes["/g2/feed"] = (200, message)
    source = _xml_api_source(agency.base_url, link_path="")

    counts = ingest_source("xml-api", DAY, config=_config(source), db_url=db_url)

    assert counts["new"] == 1, "the text item is a story, the picture and the package are not"
    assert _query(db_url, "SELECT headline FROM story") == [("Isen lade sig tidigt på Vättern",)]
    assert [path for path, _ in agency.asked] == ["/g2/feed"], "no next link: one page"


def test_an_xml_api_page_that_is_not_xml_is_quarantined_and_stored(
    db_url: str, agency: Agency
) -> None:
    agency.routes["/g2/feed"] = (200, b"<feed><entry><link href='/g2/a.xml'/></entry>")
    source = _xml_api_source(agency.base_url, link_path="href")

    ingest_source("xml-api", DAY, config=_config(source), db_url=db_url)

    assert _query(db_url, "SELECT stage FROM quarantine") == [("parse_api",)]
    assert _query(db_url, "SELECT count(*) FROM raw_document") == [(1,)], "the page's bytes stay"
