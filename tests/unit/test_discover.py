"""Feed discovery: a site's announced feeds as a source entry that loads as config."""

from __future__ import annotations

import tomllib
from pathlib import Path

from etl.extract.discover import feeds_in_page, source_entry
from etl.sources import _parse_config

PAGE = """<!doctype html><html lang="en-GB"><head>
<meta property="og:site_name" content="Harbour Gazette">
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="Harbour Gazette &raquo; Feed" href="/feed/">
<link rel="alternate" type="application/atom+xml" title="Comments" href="https://harbourgazette.example/comments/atom.xml">
<link rel="alternate" type="application/feed+json" title="JSON" href="feed.json">
<link rel="alternate" hreflang="de" href="https://harbourgazette.example/de/">
<link rel="alternate" type="application/rss+xml" title="Feed again" href="/feed/">
</head><body><p>Hello</p></body></html>"""


def test_feeds_a_page_announces_are_found_and_resolved() -> None:
    site = feeds_in_page(PAGE, "https://harbourgazette.example/news/")
    assert [(f.url, f.kind, f.title) for f in site.feeds] == [
        ("https://harbourgazette.example/feed/", "RSS", "Harbour Gazette » Feed"),
        ("https://harbourgazette.example/comments/atom.xml", "Atom", "Comments"),
        ("https://harbourgazette.example/news/feed.json", "JSON Feed", "JSON"),
    ], "a language alternate is no feed; a feed named twice is listed once"
    assert (site.site_name, site.language) == ("Harbour Gazette", "en")


def test_the_entry_is_valid_sources_toml(tmp_path: Path) -> None:
    site = feeds_in_page(PAGE, "https://www.harbourgazette.example/")
    entry = source_entry(site)
    assert 'name = "harbourgazette-example"' in entry
    assert 'agency = "Harbour Gazette"' in entry
    config = _parse_config(tomllib.loads(entry), tmp_path / "sources.toml")
    (source,) = config.sources
    assert source.pages == "auto"
    assert source.feeds[0] == "https://www.harbourgazette.example/feed/"


def test_a_known_agency_site_is_named_by_its_profile() -> None:
    site = feeds_in_page(
        '<html><head><link rel="alternate" type="application/rss+xml" href="/rss/v2.xml">',
        "https://tass.com/",
    )
    assert 'agency = "TASS"' in source_entry(site)
