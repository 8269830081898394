"""``newswire ingest --parallel N``: sources at once, each still one page at a time.

A real local wire (the scale bench's generated agencies) whose first page of
each agency is answered only once the other agency's first page has been
asked for too: ingested one source after the other, the meeting never
happens (the page is answered after a wait, and the test sees it); with
``--parallel 2`` both sources are in flight together. The server also counts
requests in flight per agency: the politeness rule (one page at a time per
source) holds whatever the parallelism.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from etl.cli import main as newswire
from tests.bench.scale_wire import feed, sources_toml, story_page
from tests.integration.db_query import query

pytestmark = pytest.mark.integration

DAY = date(2026, 11, 19)
PER_DAY = 3
MEETING_WAIT = 5.0  # seconds a first page waits for the other agency's


class MeetingWire:
    """Two generated agencies; each agency's first page waits for the other's."""

    def __init__(self) -> None:
        self.arrived = {"wire01": threading.Event(), "wire02": threading.Event()}
        self.met: set[str] = set()
        self.in_flight: Counter[str] = Counter()
        self.most_in_flight: Counter[str] = Counter()
        self.lock = threading.Lock()
        wire = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                agency, _, rest = self.path.strip("/").partition("/")
                if agency not in wire.arrived:  # robots.txt
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                with wire.lock:
                    wire.in_flight[agency] += 1
                    wire.most_in_flight[agency] = max(
                        wire.most_in_flight[agency], wire.in_flight[agency]
                    )
                try:
                    self._answer(agency, rest)
                finally:
                    with wire.lock:
                        wire.in_flight[agency] -= 1

            def _answer(self, agency: str, rest: str) -> None:
                if rest == "feed.xml":
                    body = feed(agency, DAY, PER_DAY, wire.base_url)
                else:
                    index = int(rest.removeprefix("story/").removesuffix(".html"))
                    if index == PER_DAY - 1:  # the feed lists newest first: its first page
                        wire.arrived[agency].set()
                        other = "wire02" if agency == "wire01" else "wire01"
                        if wire.arrived[other].wait(MEETING_WAIT):
                            wire.met.add(agency)
                    body = story_page(agency, index, DAY, PER_DAY, wire.base_url)
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def wire() -> Iterator[MeetingWire]:
    server = MeetingWire()
    yield server
    server.stop()


def _ingest(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wire: MeetingWire, parallel: int
) -> int:
    sources = sources_toml(tmp_path / "sources.toml", wire.base_url, 2, PER_DAY)
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("NEWSWIRE_SOURCES", str(sources))
    return newswire(["ingest", "--date", DAY.isoformat(), "--parallel", str(parallel)])


def test_parallel_sources_are_in_flight_together_one_page_at_a_time_each(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wire: MeetingWire
) -> None:
    assert _ingest(db_url, tmp_path, monkeypatch, wire, parallel=2) == 0
    assert wire.met == {"wire01", "wire02"}, "both sources were fetching at the same time"
    assert wire.most_in_flight == {"wire01": 1, "wire02": 1}, "one request at a time per source"
    loaded = query(db_url, "SELECT agency, count(*) FROM story GROUP BY agency ORDER BY agency")
    assert loaded == [("WIRE01", PER_DAY), ("WIRE02", PER_DAY)]
    runs = query(db_url, "SELECT source, status FROM ingest_run ORDER BY source")
    assert runs == [("wire01", "success"), ("wire02", "success")]


def test_one_at_a_time_by_default(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wire: MeetingWire
) -> None:
    assert _ingest(db_url, tmp_path, monkeypatch, wire, parallel=1) == 0
    # wire01's first page waited in vain: wire02 was not being fetched yet.
    assert "wire01" not in wire.met, "the second source started after the first had finished"
    (count,) = query(db_url, "SELECT count(*) FROM story")[0]
    assert count == 2 * PER_DAY


def test_parallel_must_be_a_positive_number() -> None:
    with pytest.raises(SystemExit):
        newswire(["ingest", "--date", DAY.isoformat(), "--parallel", "0"])
