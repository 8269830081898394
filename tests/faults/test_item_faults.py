"""Feed items with hostile values: ``\\N``, NUL, 10 kB keys, a guid that is no URL.

Before issue 8 each of these failed the whole feed on every run. Now the
storable ones load (NUL removed and counted), the one that cannot be
fetched is quarantined as terminal, and the other items of the feed load.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.faults.conftest import (
    HostileServer,
    ingest,
    open_quarantine,
    query,
    reply,
    rss,
    runs,
    stories,
    wire_config,
)

pytestmark = pytest.mark.integration


def test_hostile_item_values(hostile: HostileServer, tmp_path: Path, db_url: str) -> None:
    plain = hostile.page("/plain", "plain")
    backslash_n = hostile.page("/slash-n", "slash-n")
    nul = hostile.page("/nul", "nul")
    long_path = "/long/" + "k" * 9_000
    long_link = hostile.page(long_path, "long")
    long_guid = "urn:wire:" + "g" * 10_000
    items = [
        {"guid": plain, "link": plain, "title": "Plain"},
        {"guid": "\\N", "link": backslash_n, "title": "\\N"},
        {"guid": nul, "link": nul, "title": "Nul &#0; in the title"},
        {"guid": long_guid, "link": long_link, "title": "Long keys"},
        {"guid": "tag:wire.example,2026:4711", "title": "A guid that is no URL, no link"},
    ]
    body = rss(items).replace(b"Nul &#0; in", b"Nul \x00 in")  # a raw NUL as well
    body = body.replace(b"</title><pubDate>", b"</title><pubDate>", 1)
    hostile.routes["/feed.xml"] = lambda h: reply(h, 200, body, "application/rss+xml")
    config = wire_config(tmp_path, [hostile.url("/feed.xml")], max_bytes=1_000_000)

    ingest(config, db_url)
    loaded = stories(db_url)
    assert plain in loaded and long_guid in loaded
    # feedparser reads a guid as a permalink, so "\\N" comes back resolved against the feed URL
    assert f"{hostile.base}/\\N" in loaded
    titles = query(
        db_url, "SELECT feed_entry ->> 'title' FROM raw_document WHERE url = %s", (backslash_n,)
    )
    assert titles == [("\\N",)], "a value of exactly \\N is kept, not turned into NULL"
    assert query(db_url, "SELECT url FROM story WHERE guid = %s", (long_guid,)) == [(long_link,)]
    assert [r[:2] for r in open_quarantine(db_url)] == [
        ("tag:wire.example,2026:4711", "fetch_refused")
    ]
    run = runs(db_url)[-1]
    assert run["status"] == "success" and run["quarantined"] == 1
    assert runs(db_url)[0]["nul_removed"] >= 1, "the removed NUL is counted"
    feed_entries = query(
        db_url, "SELECT feed_entry ->> 'title' FROM raw_document WHERE url = %s", (nul,)
    )
    assert feed_entries and "\x00" not in feed_entries[0][0]

    ingest(config, db_url)
    assert stories(db_url) == loaded
    assert [r[3] for r in open_quarantine(db_url)] == [2]
