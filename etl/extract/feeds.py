"""RSS/Atom bytes to feed entries, with feedparser doing the reading.

feedparser never raises on a malformed feed: it sets ``bozo`` and returns
what it could read. We keep that: a feed with entries despite a problem is
used (the problem is logged and kept), a feed with none is a ``FeedError``.
"""

from __future__ import annotations

import calendar
import logging
import time
from datetime import UTC, datetime
from typing import Any

import feedparser

from etl.errors import FeedError
from etl.model import FeedEntry, FeedParseResult

LOGGER = logging.getLogger(__name__)


# feedparser's bozo flags that say "served oddly", not "content broken": a
# feed sent as text/html, or whose declared charset feedparser overrode.
BENIGN_BOZO = frozenset({"NonXMLContentType", "CharacterEncodingOverride"})


def parse_feed(
    data: bytes, *, url: str | None = None, content_type: str | None = None
) -> FeedParseResult:
    """Read a feed; raise ``FeedError`` only when nothing usable is in it."""
    headers = {"content-location": url or "", "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(data, response_headers=headers)
    problem = _bozo_reason(parsed)
    entries = [_entry(item) for item in parsed.get("entries", [])]
    entries = [e for e in entries if e.link or e.guid]
    if not entries:
        if problem:
            raise FeedError(f"feed unreadable: {problem}")
        if not parsed.get("version"):
            raise FeedError("not an RSS or Atom feed")
    elif problem:
        LOGGER.warning("feed %s malformed but readable: %s", url, problem)
    title = parsed.get("feed", {}).get("title")
    return FeedParseResult(entries=entries, title=title, problem=problem)


def _bozo_reason(parsed: Any) -> str | None:
    if not parsed.get("bozo"):
        return None
    exc = parsed.get("bozo_exception")
    if type(exc).__name__ in BENIGN_BOZO:
        return None
    return f"{type(exc).__name__}: {exc}" if exc else "malformed feed"


def _entry(item: Any) -> FeedEntry:
    return FeedEntry(
        guid=item.get("id") or None,
        link=item.get("link") or None,
        title=item.get("title") or None,
        summary=item.get("summary") or None,
        published_at=_to_utc(item.get("published_parsed")),
        updated_at=_to_utc(item.get("updated_parsed")),
    )


def _to_utc(parsed_time: time.struct_time | None) -> datetime | None:
    """feedparser normalises dates to UTC struct_time; make them aware datetimes."""
    if parsed_time is None:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed_time), tz=UTC)
