"""A generated wire for the scale benchmark: N agencies x M stories a day, served on 127.0.0.1.

Each agency ``wireNN`` has an RSS feed of the day (``/wireNN/feed.xml``, M items
spread over the day) and one article page per item (``/wireNN/story/K.html``,
about 8 KB (7.4-9.1 KB): navigation, a related-links rail, a footer around 8-10
paragraphs). Text is drawn from a made-up vocabulary with a seeded generator,
so stories are distinct (no near-duplicate clusters to inflate the merge) and
every run serves the same bytes. Pages are made on request: nothing is written
to disk.
"""

from __future__ import annotations

import random
import threading
from datetime import UTC, date, datetime, time, timedelta
from email.utils import format_datetime
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SYLLABLES = ("ka", "to", "ri", "men", "sa", "lo", "vi", "dar", "ne", "po", "lu", "gri", "tes",
             "ba", "mo", "fi", "ran", "ce", "du", "shi", "ver", "al", "ton", "ek")  # fmt: skip
PLACES = ("LONDON", "PARIS", "TOKYO", "NAIROBI", "LIMA", "OSLO", "CAIRO", "DELHI", "QUITO", "ROME")


@cache
def vocabulary() -> tuple[str, ...]:
    """About 6,000 made-up words: enough that random bodies share almost no 3-shingles."""
    rng = random.Random(7)
    words = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(9000)}
    return tuple(sorted(words))


def agency_name(number: int) -> str:
    return f"wire{number:02d}"


def story_time(day: date, index: int, per_day: int) -> datetime:
    """Items spread evenly over the UTC day."""
    return datetime.combine(day, time.min, UTC) + timedelta(seconds=index * 86_000 // per_day)


def _sentence(rng: random.Random) -> str:
    words = rng.choices(vocabulary(), k=rng.randint(12, 24))
    return " ".join(words).capitalize() + "."


def story_page(agency: str, index: int, day: date, per_day: int, base: str) -> bytes:
    """One article page; the same arguments always give the same bytes."""
    rng = random.Random(f"{agency}/{day}/{index}")
    headline = " ".join(rng.choices(vocabulary(), k=8)).capitalize()
    when = story_time(day, index, per_day)
    place = rng.choice(PLACES)
    paragraphs = [f"{place}, {when:%b} {when.day} ({agency.upper()}) - {_sentence(rng)}"]
    paragraphs += [" ".join(_sentence(rng) for _ in range(3)) for _ in range(rng.randint(7, 9))]
    body = "\n".join(f"      <p>{p}</p>" for p in paragraphs)
    nav = " ".join(f'<a href="{base}/{agency}/section/{n}">Section {n}</a>' for n in range(30))
    related = "\n".join(
        f'      <li><a href="{base}/{agency}/story/{(index + n) % per_day}.html">'
        f"{' '.join(rng.choices(vocabulary(), k=6))}</a></li>"
        for n in range(1, 11)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{headline} | {agency.upper()}</title>
<meta property="og:title" content="{headline}">
<meta property="article:published_time" content="{when.isoformat()}">
<link rel="canonical" href="{base}/{agency}/story/{index}.html">
</head><body>
<header class="site-header"><nav class="main-nav">{nav}</nav></header>
<main><article class="story">
    <h1 class="story-title">{headline}</h1>
    <div class="byline">By {agency.upper()} staff</div>
    <div class="story-body" itemprop="articleBody">
{body}
    </div>
</article>
<aside class="related"><h2>Related</h2><ul>
{related}
</ul></aside></main>
<footer class="site-footer"><p>Copyright {day.year} {agency.upper()}. All rights reserved.</p>
<p>Terms of use. Privacy policy. Contact us. Advertise with us.</p></footer>
</body></html>
""".encode()


def feed(agency: str, day: date, per_day: int, base: str) -> bytes:
    """The agency's RSS feed for the day: every item, newest first."""
    items = []
    for index in reversed(range(per_day)):
        rng = random.Random(f"{agency}/{day}/{index}")
        title = " ".join(rng.choices(vocabulary(), k=8)).capitalize()
        link = f"{base}/{agency}/story/{index}.html"
        items.append(
            f"<item><title>{title}</title><link>{link}</link>"
            f'<guid isPermaLink="false">{agency}-{day}-{index}</guid>'
            f"<pubDate>{format_datetime(story_time(day, index, per_day))}</pubDate></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{agency}</title><link>{base}/{agency}/</link>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


class ScaleWire(ThreadingHTTPServer):
    """The generated wire of ``agencies`` x ``per_day`` stories for ``day``."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, agencies: int, per_day: int, day: date) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.agencies, self.per_day, self.day = agencies, per_day, day
        self.requests = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self) -> ScaleWire:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


def sources_toml(path: Path, base_url: str, agencies: int, per_day: int) -> Path:
    """A sources file naming every agency of a wire served at ``base_url``."""
    lines = [
        'timezone = "UTC"',
        "[fetch]",
        f"max_pages_per_feed = {per_day}",
        "delay_seconds = 0",
        "retries = 2",
        "timeout_seconds = 30",
    ]
    for number in range(1, agencies + 1):
        name = agency_name(number)
        lines += [
            "[[source]]",
            f'name = "{name}"',
            f'agency = "{name.upper()}"',
            f'feeds = ["{base_url}/{name}/feed.xml"]',
            'allow_hosts = ["127.0.0.1"]',  # loopback is refused unless listed
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class _Handler(BaseHTTPRequestHandler):
    server: ScaleWire
    protocol_version = "HTTP/1.1"  # keep-alive: one connection per fetcher, as real crawls do
    # Headers and body are two writes: with Nagle on, the body waits for the
    # client's delayed ACK (40 ms a page on Linux), which real servers avoid.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        self.server.requests += 1
        parts = self.path.strip("/").split("/")
        body: bytes | None = None
        content_type = "text/html; charset=utf-8"
        if len(parts) == 2 and parts[1] == "feed.xml":
            body = feed(parts[0], self.server.day, self.server.per_day, self.server.base_url)
            content_type = "application/rss+xml; charset=utf-8"
        elif len(parts) == 3 and parts[1] == "story" and parts[2].endswith(".html"):
            index = int(parts[2].removesuffix(".html"))
            if 0 <= index < self.server.per_day:
                body = story_page(
                    parts[0], index, self.server.day, self.server.per_day, self.server.base_url
                )
        if body is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return
