"""``make bench``'s load benchmark runs end to end on a small batch and leaves no database behind.

It is not timed here (figures come from ``make bench``); this only keeps the
benchmark working as the load stage changes under it.
"""

from __future__ import annotations

import re

import psycopg2
import pytest

from tests.bench import bench_load

pytestmark = pytest.mark.integration


def _bench_databases(admin_url: str) -> list[str]:
    conn = psycopg2.connect(admin_url)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT datname FROM pg_database WHERE datname LIKE 'newswire_bench_%'")
            return [name for (name,) in cur.fetchall()]
    finally:
        conn.close()


def test_load_benchmark_reports_every_load_and_drops_its_database(
    postgres_admin_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", postgres_admin_url)
    monkeypatch.setattr(bench_load, "ROWS", 600)
    monkeypatch.setattr(bench_load, "WARM_UP", 200)
    monkeypatch.setattr(bench_load, "BATCH", 100)
    before = _bench_databases(postgres_admin_url)

    assert bench_load.main() == 0

    out = capsys.readouterr().out
    assert "600 stories in batches of 100, 5 rounds" in out
    for load in ("bare table (defaults)", "warehouse tables", "merge_stories", "refresh_search"):
        assert re.search(rf"{re.escape(load)}.*\d rows/s", out), load
    assert re.search(r"ratio load / bare COPY +\d+\.\d\d x .*(meets|MISSES) the 0\.8 x target", out)
    assert re.search(r"text stored in story +\d+\.\d%", out)
    assert _bench_databases(postgres_admin_url) == before
