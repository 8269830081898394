"""Feeds read with feedparser, malformed ones degraded or refused; the sources config."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from etl.errors import FeedError
from etl.extract.feeds import parse_feed
from etl.sources import (
    LIVE_CONFIG,
    SAMPLE_CONFIG,
    ConfigError,
    load_config,
    resolve_feed_url,
)

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>One</title><link>http://h/one</link><guid>http://h/one</guid>
<pubDate>Thu, 19 Nov 2026 09:30:00 +0300</pubDate></item>
<item><title>Two</title><link>http://h/two</link><guid isPermaLink="false">w-2</guid></item>
</channel></rss>"""


def test_rss_items_become_entries_with_utc_times() -> None:
    feed = parse_feed(RSS)
    assert feed.problem is None
    assert [e.guid for e in feed.entries] == ["http://h/one", "w-2"]
    assert feed.entries[0].published_at == datetime(2026, 11, 19, 6, 30, tzinfo=UTC)
    assert feed.entries[1].published_at is None


def test_truncated_feed_keeps_what_it_could_read() -> None:
    broken = RSS.replace(b"</channel></rss>", b"<item><title>Thr")
    feed = parse_feed(broken)
    assert feed.problem is not None
    assert [e.title for e in feed.entries][:2] == ["One", "Two"]


@pytest.mark.parametrize(
    "payload", [b"", b"<html><body>Service unavailable</body></html>", b"\x00\xff garbage"]
)
def test_no_feed_at_all_is_a_feed_error(payload: bytes) -> None:
    with pytest.raises(FeedError):
        parse_feed(payload)


def test_bundled_configs_load() -> None:
    sample = load_config(SAMPLE_CONFIG)
    assert {s.agency for s in sample.sources} >= {"TASS", "Reuters", "AP"}
    assert sample.uses_sample_wire
    live = load_config(LIVE_CONFIG)
    assert not live.uses_sample_wire
    assert all(url.startswith("https://") for s in live.sources for url in s.feeds)


def test_sample_wire_url_must_be_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSWIRE_SAMPLE_WIRE_URL", raising=False)
    with pytest.raises(ConfigError, match="NEWSWIRE_SAMPLE_WIRE_URL"):
        resolve_feed_url("{sample_wire}/tass/rss.xml")
    monkeypatch.setenv("NEWSWIRE_SAMPLE_WIRE_URL", "http://127.0.0.1:9/")
    assert resolve_feed_url("{sample_wire}/tass/rss.xml") == "http://127.0.0.1:9/tass/rss.xml"


def test_bad_config_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('timezone = "Mars/Olympus"\n[[source]]\nname="x"\nagency="X"\nfeeds=[]\n')
    with pytest.raises(ConfigError, match="unknown timezone"):
        load_config(path)
    path.write_text("[[source]]\nname = 'x'\n")
    with pytest.raises(ConfigError, match="lacks 'agency'"):
        load_config(path)
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "missing.toml")
