"""A hostile feed beside a good one: the good feed loads, the bad one is refused or used safely.

Bombs and external entities must not expand or reach a file; a feed that
cannot be read is quarantined with its stage and reason (its bytes kept in
raw_document); a truncated feed is used and the run says so. Reruns
duplicate nothing and count the same quarantine row again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.faults.conftest import (
    HostileServer,
    gzip_bomb,
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

BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b']><rss version="2.0"><channel><title>&lol9;</title>'
    b"<item><title>&lol9;</title><link>LINK</link><guid>LINK</guid>"
    b"<pubDate>Thu, 19 Nov 2026 09:00:00 GMT</pubDate></item></channel></rss>"
)
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<rss version="2.0"><channel><title>x</title><item><title>Leak &xxe; here</title>'
    b"<description>&xxe;</description><link>LINK</link><guid>LINK</guid>"
    b"<pubDate>Thu, 19 Nov 2026 09:00:00 GMT</pubDate></item></channel></rss>"
)


@dataclass(frozen=True)
class Case:
    name: str
    body: Callable[[HostileServer], bytes] | None  # None: ``route`` serves it
    outcome: str  # 'quarantined' | 'used'
    stage: str | None = None
    reason: str | None = None
    route: Callable[[HostileServer], Any] | None = None
    fetch: dict[str, Any] = field(default_factory=dict)


def _with_link(template: bytes) -> Callable[[HostileServer], bytes]:
    def body(server: HostileServer) -> bytes:
        return template.replace(b"LINK", server.page("/from-bad-feed", "bad-feed").encode())

    return body


def _deep(server: HostileServer) -> bytes:
    return b'<?xml version="1.0"?><rss version="2.0"><channel>' + b"<x>" * 50_000 + b"</channel>"


def _long_feed(server: HostileServer) -> bytes:
    items = server.good_items("long", 40)
    return rss([{**i, "description": "w " * 3_000} for i in items])


def _cp1251(server: HostileServer) -> bytes:
    link = server.page("/cyrillic", "cyrillic")
    text = rss([{"guid": link, "link": link, "title": "Порт Мурманска"}]).decode()
    return text.encode("cp1251")  # the declaration still says utf-8


def _malformed(server: HostileServer) -> bytes:
    link = server.page("/malformed", "malformed")
    return rss([{"guid": link, "link": link, "title": "Unclosed <b>tag"}]).replace(b"</rss>", b"")


CASES = [
    Case(
        "billion-laughs",
        _with_link(BILLION_LAUGHS),
        "quarantined",
        "parse_feed",
        "declares XML entities",
    ),
    Case("xxe-file-entity", _with_link(XXE), "quarantined", "parse_feed", "declares XML entities"),
    Case(
        "html-served-as-feed",
        lambda s: b"<html><body><p>Welcome</p></body></html>",
        "quarantined",
        "parse_feed",
        "not an RSS or Atom feed",
    ),
    Case("empty-body", lambda s: b"", "quarantined", "parse_feed"),
    Case("binary-body", lambda s: bytes(range(256)) * 100, "quarantined", "parse_feed"),
    Case("deep-nesting", _deep, "quarantined", "parse_feed", "nested deeper than 64"),
    Case(
        "gzip-bomb-feed", None, "quarantined", "parse_feed", route=lambda s: gzip_bomb(50_000_000)
    ),
    Case(
        "http-404-feed",
        None,
        "quarantined",
        "fetch_feed",
        "HTTP 404",
        route=lambda s: lambda h: reply(h, 404, b"gone"),
    ),
    Case("truncated-feed-used", _long_feed, "used", fetch={"max_bytes": 150_000}),
    Case("wrong-charset", _cp1251, "used"),
    Case("malformed-but-readable", _malformed, "used"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_feed(case: Case, hostile: HostileServer, tmp_path: Path, db_url: str) -> None:
    good_feed = hostile.feed("/good.xml", hostile.good_items("ok", 2))
    if case.route is not None:
        hostile.routes["/bad.xml"] = case.route(hostile)
    else:
        assert case.body is not None
        body = case.body(hostile)
        hostile.routes["/bad.xml"] = lambda h: reply(h, 200, body, "application/rss+xml")
    bad_feed = hostile.url("/bad.xml")
    config = wire_config(tmp_path, [good_feed, bad_feed], **case.fetch)

    started = time.monotonic()
    ingest(config, db_url)
    assert time.monotonic() - started < 20
    loaded = stories(db_url)
    assert len(loaded) == len(set(loaded)) >= 2
    run = runs(db_url)[-1]
    assert run["status"] == "success"
    texts = query(db_url, "SELECT coalesce(max(length(headline || body)), 0) FROM story")
    assert texts[0][0] < 100_000, "no entity expansion reached a story"
    leaked = query(
        db_url,
        "SELECT count(*) FROM raw_document WHERE feed_entry::text LIKE '%%root:%%'"
        " UNION ALL SELECT count(*) FROM story WHERE body LIKE '%%root:%%'"
        " OR headline LIKE '%%root:%%'",
    )
    assert leaked == [(0,), (0,)], "no external entity was read"
    landed = query(
        db_url,
        "SELECT count(*) FROM raw_document WHERE kind = 'feed' AND source = %s",
        (config.sources[0].name,),
    )
    assert landed[0][0] == 2

    bad_rows = [q for q in open_quarantine(db_url) if q[0] == bad_feed]
    if case.outcome == "quarantined":
        assert len(bad_rows) == 1
        assert bad_rows[0][1] == case.stage
        if case.reason:
            assert case.reason in bad_rows[0][2]
    elif case.outcome == "used":
        assert not bad_rows and len(loaded) > 2
    if case.name == "truncated-feed-used":
        assert "truncated" in (run["notes"] or "")

    ingest(config, db_url)
    assert stories(db_url) == loaded, "a rerun adds and loses nothing"
    assert [q[3] for q in open_quarantine(db_url) if q[0] == bad_feed] == [2] * len(bad_rows)
