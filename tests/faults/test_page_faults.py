"""One hostile article page among good ones: the good load, the bad one is handled, reruns settle.

Each case serves a feed of two good items and one whose page (``/bad``) is
hostile. Asserted for every case: the run finishes (or fails with an error
naming the item), the good stories load once, the bad item ends as the case
says (quarantined with stage and reason, deferred to the backlog, or
loaded), a rerun duplicates nothing and keeps one quarantine row counting
two occurrences, and once the page is fixed the next run completes the day
(the quarantine row resolved, the backlog empty).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from etl.errors import TransientError
from tests.faults.conftest import (
    SLOW_STATUS_LINE,
    HostileServer,
    backlog,
    gzip_bomb,
    ingest,
    open_quarantine,
    query,
    reply,
    reset,
    runs,
    stories,
    trickle,
    trickle_headers,
    wire_config,
)

pytestmark = pytest.mark.integration


@dataclass(frozen=True)
class Case:
    name: str
    setup: Callable[[HostileServer], None]
    outcome: str  # 'quarantined' | 'deferred' | 'transient' | 'loaded'
    stage: str | None = None
    reason: str | None = None
    fetch: dict[str, Any] = field(default_factory=dict)


def _status(status: int, **headers: str) -> Callable[[HostileServer], None]:
    def setup(server: HostileServer) -> None:
        server.routes["/bad"] = lambda h: reply(h, status, b"<html>no</html>", **headers)

    return setup


def _route(route: Callable[[BaseHTTPRequestHandler], None]) -> Callable[[HostileServer], None]:
    def setup(server: HostileServer) -> None:
        server.routes["/bad"] = route

    return setup


def _redirect_to(target: Callable[[HostileServer], str]) -> Callable[[HostileServer], None]:
    def setup(server: HostileServer) -> None:
        server.routes["/bad"] = lambda h: reply(h, 302, b"", Location=target(server))

    return setup


def _redirect_loop(server: HostileServer) -> None:
    server.routes["/bad"] = lambda h: reply(h, 302, b"", Location="/bad-2")
    server.routes["/bad-2"] = lambda h: reply(h, 301, b"", Location=server.url("/bad"))


def _moved_within_host(server: HostileServer) -> None:
    server.page("/moved-here", "moved")
    server.routes["/bad"] = lambda h: reply(h, 301, b"", Location="/moved-here")


def _retry_after_once(server: HostileServer) -> None:
    def route(handler: BaseHTTPRequestHandler) -> None:
        if server.hits["/bad"] == 1:
            reply(handler, 503, b"busy", Retry_After="1")
        else:
            reply(
                handler,
                200,
                b"<html><body><article><h1>Ferry crews back at work after "
                b"the strike ends</h1><p>Ferry crews returned to work on Thursday after a "
                b"two-day stoppage that left islanders without a crossing.</p><p>The operator "
                b"said the timetable would be normal again by the weekend.</p></article>"
                b"</body></html>",
            )

    server.routes["/bad"] = route


def _deep_nesting(server: HostileServer) -> None:
    body = b"<html><body>" + b"<div>" * 60_000 + b"deep" + b"</div>" * 60_000 + b"</body></html>"
    server.routes["/bad"] = lambda h: reply(h, 200, body[:190_000])


CASES = [
    Case("http-404", _status(404), "quarantined", "fetch_page", "HTTP 404"),
    Case("http-410", _status(410), "quarantined", "fetch_page", "HTTP 410"),
    # A page that stays out of reach (retried first) does not fail the run: the item
    # is a summary story from its feed, quarantined why; the fixed page upgrades it.
    Case("http-500-persisting", _status(500), "quarantined", "fetch_page", "HTTP 500"),
    Case("http-503-retry-after-1s-once", _retry_after_once, "loaded"),
    Case("http-429-retry-after-an-hour", _status(429, Retry_After="3600"), "deferred"),
    Case("http-503-retry-after-an-hour", _status(503, Retry_After="3600"), "deferred"),
    Case(
        "slow-server-1-byte-per-50ms",
        _route(trickle(b"<html>" + b"x" * 200, 0.05)),
        "deferred",
        "fetch_page",
        "deadline",
    ),
    Case(
        "slow-headers-1-byte-per-50ms",
        _route(trickle_headers(0.05)),
        "deferred",
        "fetch_page",
        "before the response headers",
    ),
    Case(
        "slow-status-line-1-byte-per-50ms",
        _route(trickle_headers(0.05, SLOW_STATUS_LINE)),
        "deferred",
        "fetch_page",
        "before the response headers",
    ),
    Case(
        # nothing at all: the socket's timeout and the deadline's cut race, both say so
        "silent-server",
        _route(lambda h: time.sleep(4)),
        "deferred",
        "fetch_page",
        "deadline",
    ),
    Case("connection-reset", _route(reset), "quarantined", "fetch_page", "failed"),
    Case("redirect-loop", _redirect_loop, "quarantined", "fetch_refused", "redirect loop"),
    Case(
        "redirect-to-another-host",
        _redirect_to(lambda s: f"http://localhost:{s.port}/x"),
        "quarantined",
        "fetch_refused",
        "host 'localhost' is not one this source may reach",
    ),
    Case(
        "redirect-to-cloud-metadata",
        _redirect_to(lambda s: "http://169.254.169.254/latest/meta-data/"),
        "quarantined",
        "fetch_refused",
        "169.254.169.254",
    ),
    Case(
        "redirect-to-file-url",
        _redirect_to(lambda s: "file:///etc/passwd"),
        "quarantined",
        "fetch_refused",
        "not an HTTP(S) URL",
    ),
    Case("redirect-within-host", _moved_within_host, "loaded"),
    Case("gzip-bomb-page", _route(gzip_bomb(50_000_000)), "quarantined", "fetch_page", "truncated"),
    Case(
        "huge-page",
        _route(lambda h: reply(h, 200, b"<p>" + b"w " * 400_000)),
        "quarantined",
        "fetch_page",
        "truncated",
    ),
    Case(
        "binary-body",
        _route(lambda h: reply(h, 200, bytes(range(256)) * 64, "application/octet-stream")),
        "quarantined",
    ),
    Case("empty-body", _route(lambda h: reply(h, 200, b"")), "quarantined"),
    Case("deep-nesting", _deep_nesting, "quarantined"),
]


def _ingest(config: Any, db_url: str) -> BaseException | None:
    try:
        ingest(config, db_url)
    except TransientError as exc:
        return exc
    return None


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_page(case: Case, hostile: HostileServer, tmp_path: Path, db_url: str) -> None:
    good = hostile.good_items("ok", 2)
    bad = hostile.url("/bad")
    case.setup(hostile)
    feed = hostile.feed("/feed.xml", [*good, {"guid": bad, "link": bad, "title": "Bad item"}])
    config = wire_config(tmp_path, [feed], **case.fetch)

    started = time.monotonic()
    error = _ingest(config, db_url)
    assert time.monotonic() - started < 20, "a hostile page must not hold the source"
    loaded = stories(db_url)
    assert {i["link"] for i in good} <= set(loaded), "the good items load whatever /bad does"
    assert len(loaded) == len(set(loaded))
    first = runs(db_url)[-1]
    quarantined = open_quarantine(db_url)
    waiting = backlog(db_url)

    if case.outcome == "transient":
        assert error is not None and bad in str(error), "the error names the item"
        assert first["status"] == "failed" and bad in first["error"]
    else:
        assert error is None, error
        assert first["status"] == "success"
    if case.outcome == "loaded":
        assert len(loaded) == 3 and not quarantined and not waiting
        if case.name.startswith("http-503-retry-after-1s"):
            assert hostile.hits["/bad"] == 2, "asked again once, after the wait it was told"
        if case.name == "redirect-within-host":
            assert query(
                db_url,
                "SELECT url, requested_url FROM raw_document WHERE kind = 'page' AND source = %s"
                " AND requested_url IS NOT NULL",
                (config.sources[0].name,),
            ) == [(hostile.url("/moved-here"), bad)]
        return
    if case.outcome == "deferred":
        assert waiting and waiting[0][0] == bad
        assert first["deferred"] == 1
    if case.outcome in ("quarantined", "transient") or case.stage:
        rows = [q for q in quarantined if q[0] == bad]
        assert len(rows) == 1, quarantined
        if case.stage:
            assert rows[0][1] == case.stage
        if case.reason:
            assert case.reason in rows[0][2]
        assert first["quarantined"] == 1

    # A rerun of the same day: nothing duplicated, the same quarantine row counted twice.
    if case.outcome == "quarantined":
        _ingest(config, db_url)
        assert stories(db_url) == loaded
        assert [q[3] for q in open_quarantine(db_url) if q[0] == bad] == [2]

    # The page is fixed: the next run completes the day and resolves what was open.
    hostile.page("/bad", "fixed")
    assert _ingest(config, db_url) is None
    final = stories(db_url)
    assert len(final) == len(set(final)) == 3
    if case.outcome != "quarantined" or case.stage != "fetch_refused":
        assert not open_quarantine(db_url)
    assert not backlog(db_url)
    assert runs(db_url)[-1]["status"] == "success"
