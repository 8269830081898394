"""Archive discovery, pure: sitemaps (hardened), listing pages, day filters, config."""

from __future__ import annotations

import gzip
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from etl.extract.archive import (
    discover_day,
    expand_day,
    in_day,
    may_hold_day,
    names_other_period,
    parse_listing,
)
from etl.extract.sitemaps import SitemapError, parse_sitemap, parse_w3c_datetime
from etl.sources import ArchiveConfig, ConfigError, load_config
from etl.window import day_window

DAY = day_window(date(2026, 11, 5), "Europe/Moscow")  # 2026-11-04T21:00Z .. 2026-11-05T21:00Z

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://agency.test/sitemap-news-2026-11-04.xml</loc><lastmod>2026-11-04T18:00:00+03:00</lastmod></sitemap>
  <sitemap><loc>https://agency.test/sitemap-news-2026-11-05.xml</loc><lastmod>2026-11-05T19:00:00+03:00</lastmod></sitemap>
  <sitemap><loc>https://agency.test/sitemap-news-2026-11-06.xml</loc><lastmod>2026-11-06T19:00:00+03:00</lastmod></sitemap>
  <sitemap><loc>https://agency.test/sitemap-latest.xml</loc></sitemap>
</sitemapindex>"""

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://agency.test/world/1.html</loc>
    <news:news><news:publication_date>2026-11-05T23:30:00+03:00</news:publication_date>
    <news:title>Late on the fifth, Moscow time</news:title></news:news></url>
  <url><loc>https://agency.test/world/2.html</loc><lastmod>2026-11-05T21:30:00Z</lastmod></url>
  <url><loc>https://agency.test/world/3.html</loc><lastmod>2026-11-05</lastmod></url>
  <url><loc>https://agency.test/world/4.html</loc></url>
</urlset>"""

LISTING = b"""<html><head><link rel="next" href="/archive/2026-11-05/page-2"></head><body>
<nav><a href="/world">World</a></nav>
<main><ul class="archive">
  <li><a class="item" href="/world/10.html">Ten</a>
    <time datetime="2026-11-05T10:00:00+03:00">10:00</time></li>
  <li><a class="item" href="https://agency.test/world/11.html#comments">Eleven</a></li>
  <li><a class="item" href="https://elsewhere.test/world/12.html">Elsewhere</a></li>
  <li><a class="item" href="/world/13.html">Thirteen</a>
    <time datetime="2026-11-03T10:00:00Z">old</time></li>
  <li><a class="item" href="/world/10.html">Ten again</a></li>
</ul></main></body></html>"""


def test_an_index_lists_its_children_with_lastmod() -> None:
    sitemap = parse_sitemap(INDEX)
    assert sitemap.is_index
    assert [c.loc.rsplit("/", 1)[1] for c in sitemap.children][:2] == [
        "sitemap-news-2026-11-04.xml",
        "sitemap-news-2026-11-05.xml",
    ]
    assert sitemap.children[0].lastmod is not None
    assert sitemap.children[0].lastmod.moment == datetime(2026, 11, 4, 15, 0, tzinfo=UTC)
    assert sitemap.children[3].lastmod is None


def test_news_sitemap_items_are_dated_by_publication_date_then_lastmod() -> None:
    urls = parse_sitemap(NEWS).urls
    assert urls[0].title == "Late on the fifth, Moscow time"
    assert urls[0].dated is not None and in_day(urls[0].dated, DAY)
    assert urls[1].dated is not None and not in_day(urls[1].dated, DAY), "00:30 Moscow, the sixth"
    assert urls[2].dated is not None and urls[2].dated.date_only and in_day(urls[2].dated, DAY)
    assert urls[3].dated is None


def test_gzipped_sitemaps_are_read_and_bombs_refused() -> None:
    assert parse_sitemap(gzip.compress(NEWS)).urls[0].loc.endswith("/world/1.html")
    bomb = gzip.compress(b"<urlset>" + b" " * 60_000_000 + b"</urlset>")
    with pytest.raises(SitemapError, match="decompression bomb"):
        parse_sitemap(bomb)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><urlset><url><loc>&b;</loc></url></urlset>',
            "refused XML",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<urlset><url><loc>&x;</loc></url></urlset>",
            "refused XML",
        ),
        (b"<urlset><url><loc>https://a.test/1</loc></url>", "not well-formed"),
        (b"<rss><channel/></rss>", "not a sitemap"),
    ],
)
def test_hostile_or_foreign_xml_is_a_sitemap_error(data: bytes, reason: str) -> None:
    with pytest.raises(SitemapError, match=reason) as caught:
        parse_sitemap(data)
    assert caught.value.stage == "parse_sitemap"


def test_w3c_datetimes() -> None:
    assert parse_w3c_datetime("2026-11-05T18:00Z") == parse_w3c_datetime("2026-11-05T21:00+03:00")
    assert parse_w3c_datetime("yesterday") is None
    assert parse_w3c_datetime("") is None


def test_children_are_skipped_when_lastmod_or_their_name_rules_the_day_out() -> None:
    children = parse_sitemap(INDEX).children
    wanted = [
        c.loc
        for c in children
        if may_hold_day(c.lastmod, DAY) and not names_other_period(c.loc, DAY.day)
    ]
    assert wanted == [
        "https://agency.test/sitemap-news-2026-11-05.xml",
        "https://agency.test/sitemap-latest.xml",
    ]
    assert names_other_period("https://a.test/sitemaps/2026/10/news.xml", DAY.day)
    assert not names_other_period("https://a.test/sitemaps/news-2026-11.xml", DAY.day)


def test_listing_pages_give_same_host_links_with_their_times_and_the_next_page() -> None:
    links, next_page = parse_listing(
        LISTING, "https://agency.test/archive/2026-11-05", "main a.item"
    )
    assert [url for url, _ in links] == [
        "https://agency.test/world/10.html",
        "https://agency.test/world/11.html",
        "https://agency.test/world/13.html",
    ]
    assert links[0][1] is not None and in_day(links[0][1], DAY)
    assert links[1][1] is None
    assert next_page == "https://agency.test/archive/2026-11-05/page-2"


def test_listing_templates_take_the_day() -> None:
    assert expand_day("https://a.test/archive/{day:%Y/%m/%d}/", DAY.day) == (
        "https://a.test/archive/2026/11/05/"
    )
    assert expand_day("https://a.test/archive?date={day}", DAY.day) == (
        "https://a.test/archive?date=2026-11-05"
    )


def test_discovery_walks_index_urlset_and_listing_within_the_day() -> None:
    documents = {
        "https://agency.test/sitemap.xml": (200, INDEX),
        "https://agency.test/sitemap-news-2026-11-05.xml": (200, NEWS),
        "https://agency.test/sitemap-latest.xml": (503, b""),
        "https://agency.test/archive/2026-11-05": (200, LISTING),
        "https://agency.test/archive/2026-11-05/page-2": (404, b""),
    }
    read_urls: list[str] = []

    def read(url: str) -> tuple[int, bytes]:
        read_urls.append(url)
        return documents.get(url, (404, b""))

    archive = ArchiveConfig(
        sitemaps=("https://agency.test/sitemap.xml",),
        pages=("https://agency.test/archive/{day}",),
        link_selector="main a.item",
    )
    found = discover_day(archive, DAY, read)
    assert [e.link for e in found.entries] == [
        "https://agency.test/world/1.html",
        "https://agency.test/world/3.html",
        "https://agency.test/world/10.html",
        "https://agency.test/world/11.html",
    ]
    assert found.entries[0].title == "Late on the fifth, Moscow time"
    assert found.entries[1].published_at is None, "a bare date leaves the time to the page"
    assert "https://agency.test/sitemap-news-2026-11-04.xml" not in read_urls
    assert (found.skipped, found.undated) == (2, 1)
    problems = {url: exc.reason for url, exc in found.problems}
    assert problems == {
        "https://agency.test/sitemap-latest.xml": "HTTP 503",
        "https://agency.test/archive/2026-11-05/page-2": "HTTP 404",
    }


def test_discovery_reads_no_more_documents_than_its_bound() -> None:
    calls = []

    def read(url: str) -> tuple[int, bytes]:
        calls.append(url)
        return 200, INDEX

    found = discover_day(
        ArchiveConfig(sitemaps=("https://agency.test/sitemap.xml",), max_documents=3), DAY, read
    )
    assert len(calls) == 3
    assert found.entries == []


def test_archive_config_is_read_from_the_sources_file(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(
        '[[source]]\nname = "a"\nagency = "AP"\nfeeds = []\n'
        '[source.archive]\npages = ["https://a.test/archive/{day}"]\nlink_selector = "li a"\n'
    )
    archive = load_config(path).source("a").archive
    assert archive == ArchiveConfig(pages=("https://a.test/archive/{day}",), link_selector="li a")
    path.write_text(
        '[[source]]\nname = "a"\nagency = "AP"\nfeeds = []\n[source.archive]\nsitemap = "x"\n'
    )
    with pytest.raises(ConfigError, match="unknown keys"):
        load_config(path)
