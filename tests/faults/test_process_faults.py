"""Faults of the run itself: a killed process, a terminated connection, a server gone, a backlog.

Each asserts what a newsroom would check the morning after: the run record
says what happened (abandoned, failed with the real error), nothing already
loaded is lost, nothing is loaded twice, and the next run completes the day.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import psycopg2
import pytest

from etl.errors import TransientError
from etl.load.database import connect
from etl.summary import day_summary
from etl.window import day_window
from tests.faults.conftest import (
    CURRENT,
    DAY,
    HostileServer,
    backlog,
    ingest,
    open_quarantine,
    page_html,
    query,
    reply,
    runs,
    stories,
    wire_config,
)

pytestmark = pytest.mark.integration

PROJECT = Path(__file__).resolve().parents[2]


def _two_feeds(server: HostileServer) -> tuple[list[str], list[str]]:
    """Feed A (three fast pages) and feed B (three pages; /b/0 is where the fault strikes)."""
    a_items = server.good_items("a", 3)
    b_items = server.good_items("b", 3)
    feeds = [server.feed("/a.xml", a_items), server.feed("/b.xml", b_items)]
    return feeds, [i["link"] for i in a_items + b_items]


def _wait_for(condition, timeout: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


def test_sigkill_mid_run_then_rerun(hostile: HostileServer, tmp_path: Path, db_url: str) -> None:
    feeds, links = _two_feeds(hostile)
    release = threading.Event()

    def stuck(handler: BaseHTTPRequestHandler) -> None:
        release.wait(20)
        reply(handler, 200, page_html("b-0"))

    hostile.routes["/b/0"] = stuck
    config = wire_config(tmp_path, feeds)
    script = (
        "import sys; from datetime import date; from pathlib import Path;"
        "from etl.sources import load_config; from etl.pipeline import ingest_source;"
        "config = load_config(Path(sys.argv[1]));"
        "ingest_source(config.sources[0].name, date(2026, 11, 19), config=config,"
        " db_url=sys.argv[2])"
    )
    assert config.path is not None
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(config.path), db_url],
        cwd=PROJECT,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )
    try:
        _wait_for(lambda: hostile.hits["/b/0"] >= 1)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
    finally:
        release.set()
        if child.poll() is None:
            child.kill()
    killed = runs(db_url)
    assert [r["status"] for r in killed] == ["running"], "a killed run cannot close itself"
    assert set(stories(db_url)) == set(links[:3]), "feed A was committed before the kill"

    ingest(config, db_url)
    first, second = runs(db_url)
    assert first["status"] == "abandoned" and first["new"] == 3, first
    assert "abandoned" in first["error"] and f"run {second['run_id']}" in first["error"]
    assert second["status"] == "success" and second["new"] == 3
    assert sorted(stories(db_url)) == sorted(links), "the rerun completes the day, once each"
    credited = dict(query(db_url, "SELECT run_id, stories_first_seen FROM ingest_health"))
    assert credited[first["run_id"]] == 3, "the abandoned run is credited what it committed"
    assert credited[second["run_id"]] == 3, "the rerun is credited the rest, none twice"


def test_terminated_connection_mid_run(hostile: HostileServer, tmp_path: Path, db_url: str) -> None:
    feeds, links = _two_feeds(hostile)

    def terminate_then_reply(handler: BaseHTTPRequestHandler) -> None:
        if hostile.hits["/b/0"] == 1:
            query(
                db_url,
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()",
            )
        reply(handler, 200, page_html("b-0"))

    hostile.routes["/b/0"] = terminate_then_reply
    config = wire_config(tmp_path, feeds)
    lost = "terminating connection|server closed the connection"
    with pytest.raises(psycopg2.OperationalError, match=lost):
        ingest(config, db_url)
    (failed,) = runs(db_url)
    assert failed["status"] == "failed"
    assert re.search(lost, failed["error"]), "the real error, not 'connection already closed'"
    assert "already closed" not in failed["error"]
    assert set(stories(db_url)) == set(links[:3])

    ingest(config, db_url)
    assert sorted(stories(db_url)) == sorted(links)
    assert runs(db_url)[-1]["status"] == "success"


def test_http_server_stopped_mid_run(hostile: HostileServer, tmp_path: Path, db_url: str) -> None:
    feeds, links = _two_feeds(hostile)
    config = wire_config(tmp_path, feeds)
    ingest(config, db_url)  # the day, loaded once
    assert sorted(stories(db_url)) == sorted(links)

    def stop_server(handler: BaseHTTPRequestHandler) -> None:
        threading.Thread(target=hostile.stop, daemon=True).start()
        handler.close_connection = True

    hostile.routes["/b/0"] = stop_server
    with pytest.raises(TransientError) as failure:
        ingest(config, db_url)
    assert links[3] in str(failure.value), "the error names the item"
    assert runs(db_url)[-1]["status"] == "failed"
    assert sorted(stories(db_url)) == sorted(links), "nothing loaded is lost"
    conn = connect(db_url)
    try:
        (summary,) = [
            s for s in day_summary(conn, day_window(DAY, "UTC")) if s.source == CURRENT["source"]
        ]
    finally:
        conn.close()
    assert summary.status == "failed" and summary.new == 6, "a failed rerun hides nothing"

    restarted = HostileServer(port=hostile.port)
    restarted.routes.update({k: v for k, v in hostile.routes.items() if k != "/b/0"})
    restarted.page("/b/0", "b-0")
    try:
        ingest(config, db_url)
    finally:
        restarted.stop()
    assert sorted(stories(db_url)) == sorted(links)
    assert runs(db_url)[-1]["status"] == "success"
    assert not open_quarantine(db_url)


def test_items_over_the_page_cap_wait_in_the_backlog(
    hostile: HostileServer, tmp_path: Path, db_url: str
) -> None:
    items = hostile.good_items("many", 60)
    old = {
        "guid": "http://127.0.0.1/old",
        "link": "http://127.0.0.1/old",
        "title": "Old",
        "pubDate": "Mon, 02 Nov 2026 09:00:00 GMT",
    }
    feed = hostile.feed("/many.xml", [*items, old])
    config = wire_config(tmp_path, [feed], max_pages_per_feed=25)

    counts = []
    for _ in range(4):
        result = ingest(config, db_url)
        counts.append((result["new"], result["deferred"], result["skipped"]))
    assert counts == [(25, 35, 1), (25, 10, 1), (10, 0, 1), (0, 0, 1)]
    loaded = stories(db_url)
    assert sorted(loaded) == sorted(i["link"] for i in items)
    assert not backlog(db_url)


def test_time_budget_defers_the_rest_to_the_next_run(
    hostile: HostileServer, tmp_path: Path, db_url: str
) -> None:
    items = hostile.good_items("slow", 6)
    for n, item in enumerate(items):
        body = page_html(f"slow-{n}")

        def slow(handler: BaseHTTPRequestHandler, body: bytes = body) -> None:
            time.sleep(0.4)
            reply(handler, 200, body)

        hostile.routes[item["link"].removeprefix(hostile.base)] = slow
    feed = hostile.feed("/slow.xml", items)
    tight = wire_config(tmp_path, [feed], source_budget_seconds=1.0)

    first = ingest(tight, db_url)
    assert first["deferred"] > 0 and first["new"] + first["deferred"] == 6, first
    assert runs(db_url)[-1]["status"] == "success", "what is left over is deferred, not failed"
    reasons = {r for _, r in backlog(db_url)}
    assert reasons == {"budget"}

    roomy = wire_config(tmp_path, [feed], source_budget_seconds=30)
    second = ingest(roomy, db_url)
    assert second["new"] == first["deferred"] and second["deferred"] == 0
    assert sorted(stories(db_url)) == sorted(i["link"] for i in items)
