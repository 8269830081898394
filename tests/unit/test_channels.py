"""Delivery channels without a database: source kinds in the TOML, API pages, listings, keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.channels.api_cursor import ApiPageError, parse_page, with_query_parameter
from etl.channels.credentials import api_key
from etl.channels.drop_folder import ready_files
from etl.channels.listing import listed_files
from etl.sources import (
    ApiSettings,
    ConfigError,
    DropFolderSettings,
    ListingSettings,
    load_config,
    resolve_sample_wire,
)

CONFIG = """
timezone = "UTC"

[[source]]
name = "reuters"
agency = "Reuters"
feeds = ["https://example.test/rss.xml"]

[[source]]
name = "afp-drop"
agency = "AFP"
kind = "drop_folder"
language = "fr"
[source.drop_folder]
path = "deliveries/afp"
format = "newsml-1.2"
pattern = "*.xml"

[[source]]
name = "ap-api"
agency = "AP"
kind = "api"
[source.api]
url = "https://api.example.test/media/v2.0/content/feed"
format = "ninjs"
items_path = "data.items"
item_path = "item"
next_path = "data.next_page"
api_key_env = "AP_MEDIA_API_KEY"

[[source]]
name = "ansa-listing"
agency = "ANSA"
kind = "listing"
[source.listing]
url = "https://files.example.test/ansa/"
pattern = "*.xml"
"""


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_each_kind_reads_its_own_table(tmp_path: Path) -> None:
    config = load_config(_config(tmp_path, CONFIG))
    kinds = {s.name: s.kind for s in config.sources}
    assert kinds == {
        "reuters": "feed",
        "afp-drop": "drop_folder",
        "ap-api": "api",
        "ansa-listing": "listing",
    }
    drop = config.source("afp-drop").drop_folder
    assert drop == DropFolderSettings(
        path=str(tmp_path / "deliveries" / "afp"), format="newsml-1.2", pattern="*.xml"
    )
    assert ".filepart" in drop.temporary_suffixes
    api = config.source("ap-api").api
    assert (api.items_path, api.item_path, api.next_path) == (
        "data.items",
        "item",
        "data.next_page",
    )
    assert config.source("ansa-listing").listing == ListingSettings(
        url="https://files.example.test/ansa/", pattern="*.xml"
    )
    assert config.source("afp-drop").feeds == ()


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[source.api]\nurl = "https://a.test/"\napi_key = "s3cret"', "unknown keys: api_key"),
        ('[source.api]\nurl = "https://a.test/"\nformat = "rtf"', "format 'rtf'"),
        ('[source.api]\nformat = "ninjs"', "lacks a key"),
        ("", "lacks 'api'"),
    ],
)
def test_a_bad_kind_table_is_refused_with_what_is_wrong(
    tmp_path: Path, table: str, message: str
) -> None:
    text = f'[[source]]\nname = "x"\nagency = "X"\nkind = "api"\n{table}\n'
    with pytest.raises(ConfigError, match=message):
        load_config(_config(tmp_path, text))


def test_an_unknown_kind_is_refused(tmp_path: Path) -> None:
    text = '[[source]]\nname = "x"\nagency = "X"\nkind = "telex"\n'
    with pytest.raises(ConfigError, match="'telex' is not one of"):
        load_config(_config(tmp_path, text))


def test_sample_placeholders_are_filled_at_run_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSWIRE_SAMPLE_DROP_DIR", "/var/lib/newswire/drop/")
    monkeypatch.setenv("NEWSWIRE_SAMPLE_WIRE_URL", "http://127.0.0.1:8765")
    assert resolve_sample_wire("{sample_drop}/dpa") == "/var/lib/newswire/drop/dpa"
    assert resolve_sample_wire("{sample_wire}/ap/feed.json") == "http://127.0.0.1:8765/ap/feed.json"
    monkeypatch.delenv("NEWSWIRE_SAMPLE_DROP_DIR")
    with pytest.raises(ConfigError, match="NEWSWIRE_SAMPLE_DROP_DIR"):
        resolve_sample_wire("{sample_drop}/dpa")


# An AP Media API feed page as its documentation shows the shape: ninjs items and a next link.
AP_PAGE = {
    "data": {
        "next_page": "/media/v2.0/content/feed?qt=abc&seq=1042",
        "items": [
            {"item": {"uri": "http://x/1", "headline": "One", "version": "1"}},
            {"meta": "an item without a story"},
            {"item": {"uri": "http://x/2", "headline": "Two", "version": "3"}},
        ],
    }
}
API_URL = "https://api.example.test/media/v2.0/content/feed"


def test_a_json_page_gives_its_inline_items_and_the_next_link() -> None:
    settings = ApiSettings(
        url=API_URL, items_path="data.items", item_path="item", next_path="data.next_page"
    )
    page = parse_page(json.dumps(AP_PAGE).encode(), settings, API_URL)
    assert [json.loads(i.inline or b"")["headline"] for i in page.items] == ["One", "Two"]
    assert page.next_page == "https://api.example.test/media/v2.0/content/feed?qt=abc&seq=1042"


def test_a_json_page_of_links_with_a_cursor_asks_for_the_cursor_next() -> None:
    settings = ApiSettings(
        url=API_URL, items_path="results", link_path="href", cursor_path="cursor"
    )
    body = json.dumps(
        {"results": [{"href": "items/tag-1.xml"}, {"href": ""}], "cursor": "c-77"}
    ).encode()
    page = parse_page(body, settings, API_URL + "?channel=wor&cursor=c-76")
    assert [i.link for i in page.items] == [
        "https://api.example.test/media/v2.0/content/items/tag-1.xml"
    ]
    assert page.next_page == API_URL + "?channel=wor&cursor=c-77"


def test_an_empty_page_has_no_items_and_no_cursor_means_no_next_page() -> None:
    settings = ApiSettings(url=API_URL, cursor_path="cursor")
    page = parse_page(b'{"items": [], "cursor": null}', settings, API_URL)
    assert (page.items, page.next_page) == ([], None)


@pytest.mark.parametrize("body", [b"<html>Bad gateway</html", b"not json", b'{"items": 3}'])
def test_a_page_of_another_shape_is_an_api_page_error(body: bytes) -> None:
    with pytest.raises(ApiPageError):
        parse_page(body, ApiSettings(url=API_URL), API_URL)


def test_a_cursor_replaces_the_previous_one_in_the_query() -> None:
    assert with_query_parameter("https://a.test/f?x=1&cursor=9", "cursor", "10") == (
        "https://a.test/f?x=1&cursor=10"
    )


LISTING = b"""<html><head><title>Index of /ansa/</title></head><body><h1>Index of /ansa/</h1>
<pre><a href="?C=N;O=D">Name</a> <a href="/">Parent Directory</a>
<a href="20261119-0815-politics.xml">20261119-0815-politics.xml</a> 19-Nov-2026 08:15 4.1K
<a href="20261119-0930-economy.xml">20261119-0930-economy.xml</a> 19-Nov-2026 09:30 3.8K
<a href="photos/">photos/</a>
<a href="readme.txt">readme.txt</a>
<a href="https://elsewhere.test/ansa/trap.xml">trap.xml</a>
<a href="../other/secret.xml">secret.xml</a>
<a href="20261119-0815-politics.xml#top">again</a>
</pre></body></html>"""


def test_a_listing_gives_the_matching_files_under_its_own_address() -> None:
    files = listed_files(LISTING, "https://files.example.test/ansa/", "*.xml")
    assert files == [
        "https://files.example.test/ansa/20261119-0815-politics.xml",
        "https://files.example.test/ansa/20261119-0930-economy.xml",
    ]


def test_api_key_comes_from_the_environment_or_an_airflow_connection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AP_MEDIA_API_KEY", "k-123")
    assert api_key(ApiSettings(url=API_URL, api_key_env="AP_MEDIA_API_KEY")) == "k-123"
    monkeypatch.setenv("AIRFLOW_CONN_AP_MEDIA", "https://:k%2F456@api.example.test")
    assert api_key(ApiSettings(url=API_URL, api_key_connection="ap_media")) == "k/456"
    monkeypatch.setenv("AIRFLOW_CONN_AP_MEDIA", '{"conn_type": "http", "password": "k-789"}')
    assert api_key(ApiSettings(url=API_URL, api_key_connection="ap_media")) == "k-789"
    assert api_key(ApiSettings(url=API_URL)) is None
    monkeypatch.delenv("AP_MEDIA_API_KEY")
    with pytest.raises(ConfigError, match="AP_MEDIA_API_KEY is not set"):
        api_key(ApiSettings(url=API_URL, api_key_env="AP_MEDIA_API_KEY"))


def test_only_complete_regular_files_are_ready(tmp_path: Path) -> None:
    for name in ("a.xml", "b.xml.part", "c.XML.FILEPART", "d.tmp", ".e.xml", "f.txt"):
        (tmp_path / name).write_text("x")
    (tmp_path / "processed").mkdir()
    (tmp_path / "processed" / "old.xml").write_text("x")
    (tmp_path / "link.xml").symlink_to("/etc/hostname")
    settings = DropFolderSettings(path=str(tmp_path), settle_seconds=0, pattern="*.xml")
    assert [f.path.name for f in ready_files(tmp_path, settings)] == ["a.xml"]
