"""Real feeds with their pages out of reach: what becomes a story, and what is kept.

The held-out collection (``tests/bench/real_feeds.toml``, rebuilt outside the
repository by ``python -m tests.bench.collect_real_feeds``) is served from
127.0.0.1 with every link moved to the local server, which answers every page
with 404 (pages behind a wall). Each feed is one source, ingested for each
day its items fall on, into a scratch database. Printed per feed and in total:
items, stories (from the feed's full text, from a summary), summaries whose
dateline parsed, media stored and with a credit, subjects stored, the cadence,
and whether the source failed (the goal: none).

    python -m tests.bench.bench_feeds          # or: make bench
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from etl.extract.feeds import parse_feed
from etl.load.database import connect
from etl.pipeline import ingest_source, migrate_database
from etl.sources import FetchPolicy, Source, SourcesConfig
from tests.bench._database import scratch_database
from tests.bench.collect_real_feeds import collection_dir, manifest
from tests.local_http import reply
from tests.local_http import serving as local_server

# An absolute link; namespace URIs and the JSON Feed version are left alone.
URL_RE = re.compile(rb"https?://([A-Za-z0-9.-]+)")
NAMESPACE_RE = re.compile(rb"""xmlns(?::[\w.-]+)?\s*=\s*["']([^"']+)["']""")
KEPT_URL_PREFIXES = (b"https://jsonfeed.org/", b"http://jsonfeed.org/")
CONTENT_TYPES = {".json": "application/feed+json", ".atom": "application/atom+xml"}


def localised(data: bytes, base: bytes) -> bytes:
    """Every link pointed at the local server (``base``/site/HOST/...), namespaces kept."""
    kept = set(NAMESPACE_RE.findall(data))

    def move(match: re.Match[bytes]) -> bytes:
        rest = data[match.start() :]
        if any(rest.startswith(uri) for uri in kept) or rest.startswith(KEPT_URL_PREFIXES):
            return match.group(0)
        return base + b"/site/" + match.group(1)

    return URL_RE.sub(move, data)


@contextmanager
def serving(folder: Path, content_types: dict[str, str]) -> Iterator[str]:
    """The collection's feeds under ``/feeds/NAME``; robots.txt and every page out of reach."""

    def answer(handler: BaseHTTPRequestHandler) -> None:
        base = f"http://127.0.0.1:{handler.server.server_address[1]}".encode()
        name = handler.path.removeprefix("/feeds/")
        if handler.path.startswith("/feeds/") and (folder / name).is_file():
            body = localised((folder / name).read_bytes(), base)
            content_type = content_types.get(name) or CONTENT_TYPES.get(
                Path(name).suffix, "application/rss+xml"
            )
            reply(handler, 200, body, content_type)
        else:
            reply(handler, 404, b"<html><body>Not found</body></html>", "text/html")

    with local_server(answer) as site:
        yield site


def _days(data: bytes, content_type: str | None) -> list[date]:
    """The UTC days a feed's items fall on (undated items: today), one run each."""
    entries = parse_feed(data, content_type=content_type).entries
    moments = [e.published_at or e.updated_at for e in entries]
    return sorted({(m or datetime.now(UTC)).date() for m in moments})


STATS_SQL = """
SELECT f.source,
       count(DISTINCT s.story_id),
       count(DISTINCT s.story_id) FILTER (WHERE s.text_source = 'feed_full_text'),
       count(DISTINCT s.story_id) FILTER (WHERE s.text_source = 'feed_summary'),
       count(DISTINCT s.story_id) FILTER (WHERE s.text_source = 'feed_summary'
                                          AND s.dateline_raw IS NOT NULL),
       (SELECT count(*) FROM story_media m JOIN story_feed x USING (story_id)
        WHERE x.feed_id = f.feed_id),
       (SELECT count(*) FROM story_media m JOIN story_feed x USING (story_id)
        WHERE x.feed_id = f.feed_id AND m.credit IS NOT NULL),
       (SELECT count(*) FROM story_subject t JOIN story_feed x USING (story_id)
        WHERE x.feed_id = f.feed_id),
       count(DISTINCT s.story_id) FILTER (WHERE s.byline IS NOT NULL),
       f.expected_interval
FROM feed f LEFT JOIN story_feed sf USING (feed_id) LEFT JOIN story s USING (story_id)
GROUP BY f.source, f.feed_id, f.expected_interval
"""
COLUMNS = ("stories", "full", "summary", "dated", "media", "credited", "subjects", "bylines")


def run(folder: Path) -> int:
    entries = [e for e in manifest() if (folder / e["file"]).is_file()]
    if not entries:
        print(f"no real feeds in {folder}: python -m tests.bench.collect_real_feeds")
        return 0
    content_types = {e["file"]: e["content_type"] for e in entries if "content_type" in e}
    names = {e["file"]: re.sub(r"\W+", "_", Path(e["file"]).stem) for e in entries}
    failed: dict[str, str] = {}
    items: dict[str, int] = {}
    with scratch_database("bench_feeds") as db_url, serving(folder, content_types) as site:
        config = SourcesConfig(
            timezone="UTC",
            sources=tuple(
                Source(
                    name=names[f],
                    agency=names[f],
                    feeds=(f"{site}/feeds/{f}",),
                    allow_hosts=("127.0.0.1",),
                )
                for f in names
            ),
            fetch=FetchPolicy(timeout_seconds=2, retries=0, max_pages_per_feed=1000),
        )
        migrate_database(db_url)
        for entry in entries:
            name, data = names[entry["file"]], (folder / entry["file"]).read_bytes()
            ctype = content_types.get(entry["file"])
            try:
                items[name] = len(parse_feed(data, content_type=ctype).entries)
                for day in _days(data, ctype):
                    ingest_source(name, day, config=config, db_url=db_url)
            except Exception as exc:  # the measure: any failure of a source is counted
                failed[name] = f"{type(exc).__name__}: {exc}"
        conn = connect(db_url)
        try:
            with conn.cursor() as cur:
                cur.execute(STATS_SQL)
                stats = {row[0]: row[1:] for row in cur.fetchall()}
        finally:
            conn.close()
    _print(names, items, stats, failed)
    return 0


def _print(
    names: dict[str, str],
    items: dict[str, int],
    stats: dict[str, tuple[Any, ...]],
    failed: dict[str, str],
) -> None:
    header = f"{'feed':30} {'items':>5} " + " ".join(f"{c:>8}" for c in COLUMNS) + "  cadence"
    print(header)
    totals = [0] * (len(COLUMNS) + 1)
    for name in names.values():
        row = stats.get(name, (0,) * len(COLUMNS) + (None,))
        counts = [items.get(name, 0), *(int(v) for v in row[: len(COLUMNS)])]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        cadence = str(row[-1]) if row[-1] else "-"
        mark = "  FAILED" if name in failed else ""
        print(f"{name:30} {counts[0]:>5} " + " ".join(f"{v:>8}" for v in counts[1:])
              + f"  {cadence}{mark}")  # fmt: skip
    print(f"{'total':30} {totals[0]:>5} " + " ".join(f"{v:>8}" for v in totals[1:]))
    giving = sum(1 for name in names.values() if stats.get(name, (0,))[0])
    print(f"feeds: {len(names)}, giving stories: {giving}, sources failed: {len(failed)}")
    print(f"summaries with a parsed dateline: {totals[4]} of {totals[3]}")
    print(f"media with a credit: {totals[6]} of {totals[5]}; subjects: {totals[7]}")
    for name, reason in failed.items():
        print(f"  failed {name}: {reason}")


def main() -> int:
    return run(collection_dir())


if __name__ == "__main__":
    sys.exit(main())
