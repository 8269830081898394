"""Hostile local servers for the fault suite: every one on 127.0.0.1, none reaching out.

``hostile`` is a threaded HTTP server whose routes a test sets (a feed, a good
page, a bomb, a trickle, a reset, a redirect loop ...); ``wire_config`` writes
a sources TOML with one source reading the given feeds, with tight bounds so
the whole suite stays well under two minutes. A test module shares one
database (cloning one per test cost more than the tests): each test has a
source of its own, named after its temporary folder, and every helper here
reads that source's rows only.
"""

from __future__ import annotations

import gzip
import hashlib
import socket
import struct
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import psycopg2
import pytest

from etl.sources import SourcesConfig, load_config
from tests.conftest import _with_database

DAY = date(2026, 11, 19)
PUBLISHED = datetime(2026, 11, 19, 9, 0, tzinfo=UTC)

Route = Callable[[BaseHTTPRequestHandler], None]


def reply(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes = b"",
    content_type: str = "text/html; charset=utf-8",
    **headers: str,
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()
    handler.wfile.write(body)


def page_html(n: int | str) -> bytes:
    """An ordinary article page: what a good item links to (text written for these tests)."""
    return (
        f"<html><head><title>Harbour report {n}</title></head><body><article>"
        f"<h1>Harbour cranes idle in port {n} as dockers strike</h1>"
        f"<p>Dock workers in port {n} stopped work on Thursday morning, leaving container "
        "ships waiting in the roads outside the breakwater.</p>"
        "<p>The union said talks with the port authority would resume next week, after a "
        "vote by members on the latest offer.</p></article></body></html>"
    ).encode()


def rss(items: list[dict[str, str]], *, title: str = "Hostile wire") -> bytes:
    """An RSS 2.0 feed; each item's keys become its elements (guid, link, title ...)."""
    stamp = format_datetime(PUBLISHED, usegmt=True)
    parts = [
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://127.0.0.1/</link><description>d</description>"
    ]
    for item in items:
        fields = "".join(f"<{k}>{v}</{k}>" for k, v in item.items())
        if "pubDate" not in item:
            fields += f"<pubDate>{stamp}</pubDate>"
        parts.append(f"<item>{fields}</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


class HostileServer:
    """A threaded HTTP server on 127.0.0.1 whose routes a test sets; it counts hits."""

    def __init__(self, port: int = 0) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server.hits[self.path] += 1
                route = server.routes.get(self.path)
                if route is None:
                    reply(self, 404, b"<html>not here</html>")
                else:
                    route(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, n: int | str | None = None) -> str:
        body = page_html(n if n is not None else path)
        self.routes[path] = lambda h: reply(h, 200, body)
        return self.url(path)

    def feed(self, path: str, items: list[dict[str, str]]) -> str:
        body = rss(items)
        self.routes[path] = lambda h: reply(h, 200, body, "application/rss+xml")
        return self.url(path)

    def good_items(self, prefix: str, count: int) -> list[dict[str, str]]:
        """``count`` items whose pages are fine."""
        items = []
        for i in range(count):
            link = self.page(f"/{prefix}/{i}", f"{prefix}-{i}")
            items.append({"guid": link, "link": link, "title": f"Story {prefix} {i}"})
        return items

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def db_url(postgres_admin_url: str, template_database: str) -> Iterator[str]:
    """One migrated database for a whole test module (each test has its own source)."""
    name = f"newswire_faults_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(postgres_admin_url)
    admin.autocommit = True
    try:
        with admin.cursor() as cur:
            cur.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_database}"')
        yield _with_database(postgres_admin_url, name)
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.close()


# The source of the test running now (set by wire_config): the helpers' filter.
CURRENT: dict[str, str] = {"source": "wire"}


@pytest.fixture
def hostile() -> Iterator[HostileServer]:
    server = HostileServer()
    try:
        yield server
    finally:
        server.stop()


def _drip(handler: BaseHTTPRequestHandler, data: bytes, pause: float) -> None:
    """Write ``data`` a byte every ``pause`` seconds, until the client hangs up."""
    try:
        for byte in data:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(pause)
    except OSError:
        pass


def trickle(body: bytes, pause: float) -> Route:
    """A server that sends a byte every ``pause`` seconds (the per-read timeout never fires)."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        _drip(handler, body, pause)

    return route


SLOW_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Pad: " + b"x" * 400
# A status line still coming at the deadline: cut there, it is a broken response, not an EOF.
SLOW_STATUS_LINE = b"HTTP/1.1 200 " + b"O" * 400


def trickle_headers(pause: float, head: bytes = SLOW_HEAD) -> Route:
    """A server that sends its status line and headers a byte every ``pause`` seconds."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        _drip(handler, head, pause)
        handler.close_connection = True

    return route


def reset(handler: BaseHTTPRequestHandler) -> None:
    """Accept, then drop the connection with a TCP reset (SO_LINGER 0)."""
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()
    handler.close_connection = True


def gzip_bomb(size: int) -> Route:
    """A small gzip body that inflates to ``size`` bytes of zeros."""
    body = gzip.compress(b"\0" * size, compresslevel=9)

    def route(handler: BaseHTTPRequestHandler) -> None:
        reply(handler, 200, body, "text/html", Content_Encoding="gzip")

    return route


@dataclass
class WireConfig:
    config: SourcesConfig
    path: Path


def wire_config(tmp_path: Path, feeds: list[str], **fetch: Any) -> SourcesConfig:
    """One source (agency TASS, named after ``tmp_path``) reading ``feeds``; tight bounds."""
    bounds: dict[str, Any] = {
        "timeout_seconds": 2,
        "retries": 1,
        "backoff_seconds": 0.05,
        "max_bytes": 200_000,
        "max_pages_per_feed": 50,
        "request_deadline_seconds": 2,
        "source_budget_seconds": 40,
        "respect_robots_txt": False,
        **fetch,
    }
    source = "wire_" + hashlib.sha1(str(tmp_path).encode()).hexdigest()[:10]
    CURRENT["source"] = source
    lines = ['timezone = "UTC"', "[fetch]"]
    lines += [
        f"{k} = {v!r}".replace("True", "true").replace("False", "false") for k, v in bounds.items()
    ]
    lines += [
        "[[source]]",
        f'name = "{source}"',
        'agency = "TASS"',
        'allow_hosts = ["127.0.0.1"]',
        "feeds = [" + ", ".join(f'"{url}"' for url in feeds) + "]",
    ]
    path = tmp_path / "sources.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_config(path)


def query(db_url: str, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    conn = psycopg2.connect(db_url)
    try:
        with conn.cursor() as cur:
            cur.execute("SET search_path TO newswire, public")
            cur.execute(sql, params)
            return list(cur.fetchall())
    finally:
        conn.close()


def ingest(config: SourcesConfig, db_url: str) -> dict[str, Any]:
    """One ingestion of the test's source for the day."""
    from etl.pipeline import ingest_source

    return ingest_source(config.sources[0].name, DAY, config=config, db_url=db_url)


def stories(db_url: str) -> list[str]:
    """The source's stories (guid, else URL); a duplicate would show twice."""
    return [
        k
        for (k,) in query(
            db_url,
            "SELECT coalesce(s.guid, s.url) FROM story s WHERE EXISTS (SELECT 1 FROM story_feed"
            " sf JOIN feed f USING (feed_id) WHERE sf.story_id = s.story_id AND f.source = %s)"
            " ORDER BY 1",
            (CURRENT["source"],),
        )
    ]


def open_quarantine(db_url: str) -> list[tuple[str, str, str, int]]:
    return [
        tuple(r)  # type: ignore[misc]
        for r in query(
            db_url,
            "SELECT url, stage, reason, occurrences FROM quarantine"
            " WHERE resolved_at IS NULL AND source = %s ORDER BY url, stage",
            (CURRENT["source"],),
        )
    ]


def backlog(db_url: str) -> list[tuple[str, str]]:
    """The source's deferred items: (item URL, reason)."""
    return [
        (str(u), str(r))
        for u, r in query(
            db_url,
            "SELECT b.item_url, b.reason FROM feed_backlog b JOIN feed f USING (feed_id)"
            " WHERE f.source = %s ORDER BY b.position",
            (CURRENT["source"],),
        )
    ]


def runs(db_url: str) -> list[dict[str, Any]]:
    cols = (
        "run_id",
        "status",
        "error",
        "new",
        "quarantined",
        "deferred",
        "skipped",
        "notes",
        "nul_removed",
    )
    rows = query(
        db_url,
        f"SELECT {', '.join(cols)} FROM ingest_run WHERE source = %s ORDER BY run_id",
        (CURRENT["source"],),
    )
    return [dict(zip(cols, row, strict=True)) for row in rows]
