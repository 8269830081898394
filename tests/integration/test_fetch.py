"""The HTTP fetcher against real local servers: retries, bounds, conditional GET."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from etl.errors import TransientError
from etl.extract.fetch import Fetcher, HostPolicy
from etl.samplewire.server import SampleWireServer
from etl.sources import FetchPolicy
from tests.local_http import reply, serving

pytestmark = pytest.mark.integration


class _FlakyHandler(BaseHTTPRequestHandler):
    """/flaky fails twice with 503 then answers; /big is 1 MB; /gone is 404; /down always 503."""

    hits: dict[str, int] = {}  # noqa: RUF012 (shared on purpose: a test server)

    def do_GET(self) -> None:
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        if (self.path == "/flaky" and self.hits[self.path] <= 2) or self.path == "/down":
            self._reply(503, b"busy")
        elif self.path == "/big":
            self._reply(200, b"x" * 1_000_000)
        elif self.path == "/gone":
            self._reply(404, b"<html>Page not found</html>")
        else:
            self._reply(200, b"<rss/>")

    def _reply(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def flaky_server() -> Iterator[str]:
    _FlakyHandler.hits = {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FlakyHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_transient_503_is_retried_until_it_answers(flaky_server: str) -> None:
    result = Fetcher(FetchPolicy(retries=3, backoff_seconds=0.01)).get(f"{flaky_server}/flaky")
    assert result.ok
    assert _FlakyHandler.hits["/flaky"] == 3


def test_persistent_503_becomes_a_transient_error(flaky_server: str) -> None:
    with pytest.raises(TransientError, match="HTTP 503"):
        Fetcher(FetchPolicy(retries=1, backoff_seconds=0.01)).get(f"{flaky_server}/down")
    assert _FlakyHandler.hits["/down"] == 2


def test_404_is_returned_not_raised(flaky_server: str) -> None:
    result = Fetcher(FetchPolicy(retries=3, backoff_seconds=0.01)).get(f"{flaky_server}/gone")
    assert result.status == 404
    assert not result.ok
    assert _FlakyHandler.hits["/gone"] == 1
    assert result.content_type == "text/html; charset=utf-8"


def test_a_runaway_page_is_cut_at_the_byte_bound(flaky_server: str) -> None:
    result = Fetcher(FetchPolicy(max_bytes=10_000)).get(f"{flaky_server}/big")
    assert result.truncated
    assert len(result.body) == 10_000


def test_refused_connection_is_transient() -> None:
    with pytest.raises(TransientError, match="ConnectionError"):
        Fetcher(FetchPolicy(retries=0, timeout_seconds=2)).get("http://127.0.0.1:9/feed")


def test_conditional_get_gets_304_for_an_unchanged_feed() -> None:
    server = SampleWireServer(port=0).start_in_background()
    try:
        fetcher = Fetcher(FetchPolicy())
        first = fetcher.get(f"{server.base_url}/tass/rss.xml")
        assert first.ok
        assert b"{{BASE_URL}}" not in first.body
        again = fetcher.get(f"{server.base_url}/tass/rss.xml", etag=first.headers["etag"])
        assert again.not_modified
        assert again.body == b""
    finally:
        server.stop()


def test_robots_txt_is_respected_for_our_user_agent(tmp_path: Path) -> None:
    site = tmp_path / "edition-1"
    (site / "news").mkdir(parents=True)
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    (site / "news" / "a.html").write_text("<html></html>")
    server = SampleWireServer(port=0, site_dir=tmp_path).start_in_background()
    try:
        fetcher = Fetcher(FetchPolicy())
        assert fetcher.allowed(f"{server.base_url}/news/a.html")
        assert not fetcher.allowed(f"{server.base_url}/private/b.html")
        assert server.requests["/robots.txt"] == 1, "read once per host"
        relaxed = Fetcher(FetchPolicy(respect_robots_txt=False))
        assert relaxed.allowed(f"{server.base_url}/private/b.html")
    finally:
        server.stop()


def test_robots_txt_without_rules_or_unreachable_allows_everything(flaky_server: str) -> None:
    assert Fetcher(FetchPolicy()).allowed(f"{flaky_server}/gone")
    assert Fetcher(FetchPolicy(timeout_seconds=1)).allowed("http://127.0.0.1:9/story")


def test_the_connection_goes_to_the_address_the_host_fence_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """DNS rebinding: the name answers 127.0.0.1 (allowed) for the check, then 127.0.0.2."""
    seen_hosts: list[str | None] = []

    def answer(handler: BaseHTTPRequestHandler) -> None:
        seen_hosts.append(handler.headers.get("Host"))
        reply(handler, 200, b"<rss/>")

    real_getaddrinfo = socket.getaddrinfo
    answers = iter(["127.0.0.1"])

    def rebinding(host: str, *args: object, **kwargs: object) -> object:
        if host == "wire.example.test":  # first answer checked, every later one rebound
            host = next(answers, "127.0.0.2")
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    policy = HostPolicy(hosts=frozenset({"wire.example.test"}), listed=frozenset({"127.0.0.1"}))
    with serving(answer) as base:
        port = int(base.rsplit(":", 1)[1])
        url = f"http://wire.example.test:{port}/feed.xml"
        result = Fetcher(FetchPolicy(retries=0, timeout_seconds=2), hosts=policy).get(url)

    assert result.ok and result.body == b"<rss/>", "connected to the checked 127.0.0.1"
    assert seen_hosts == [f"wire.example.test:{port}"], "the request still names the host"
