"""RSS/Atom/JSON Feed bytes to feed entries carrying everything the feed says.

feedparser does the reading of RSS and Atom and never raises on a malformed
feed: it sets ``bozo`` and returns what it could read. We keep that: a feed
with entries despite a problem is used (the problem is logged and kept), a
feed with none is a ``FeedError``. Around it:

* the bytes are first read by what they are, not what they declare
  (``feed_charset``: a cp1251 feed sent as UTF-8 is repaired, not mojibake);
* each item's full text and media with their own credits come from the XML
  tree (``feed_items``: feedparser flattens and mixes them up);
* JSON Feed is read by ``json_feed``.
"""

from __future__ import annotations

import calendar
import logging
import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import feedparser

from etl.errors import FeedError
from etl.extract.feed_charset import feed_as_utf8, utf8_content_type
from etl.extract.feed_items import ItemExtras, read_item_extras
from etl.extract.json_feed import looks_like_json_feed, parse_json_feed
from etl.model import FeedEntry, FeedKind, FeedParseResult, Subject

LOGGER = logging.getLogger(__name__)


# feedparser's bozo flags that say "served oddly", not "content broken": a
# feed sent as text/html, or whose declared charset feedparser overrode.
BENIGN_BOZO = frozenset({"NonXMLContentType", "CharacterEncodingOverride"})

# sy:updatePeriod (RSS syndication module) in hours; sy:updateFrequency divides it.
UPDATE_PERIOD_HOURS = {"hourly": 1, "daily": 24, "weekly": 24 * 7, "monthly": 24 * 30,
                       "yearly": 24 * 365}  # fmt: skip

# An author given as ``newsdesk@agency.example (Jane Roe)``: the name in brackets.
EMAIL_AND_NAME_RE = re.compile(r"^\S+@\S+\s*\((?P<name>[^)]+)\)\s*$")


def parse_feed(
    data: bytes, *, url: str | None = None, content_type: str | None = None
) -> FeedParseResult:
    """Read a feed; raise ``FeedError`` only when nothing usable is in it."""
    if looks_like_json_feed(data, content_type):
        return parse_json_feed(data)
    text = feed_as_utf8(data, content_type)
    headers = {"content-location": url or "", "content-type": utf8_content_type(content_type)}
    parsed = feedparser.parse(text.data, response_headers=headers)
    problem = _bozo_reason(parsed)
    items = parsed.get("entries", [])
    extras = _paired_extras(items, read_item_extras(text.data))
    entries = [_entry(item, extra) for item, extra in zip(items, extras, strict=True)]
    entries = [e for e in entries if e.link or e.guid]
    if not entries:
        if problem:
            raise FeedError(f"feed unreadable: {problem}")
        if not parsed.get("version"):
            raise FeedError("not an RSS or Atom feed")
    elif problem:
        LOGGER.warning("feed %s malformed but readable: %s", url, problem)
    feed = parsed.get("feed", {})
    return FeedParseResult(
        entries=entries,
        title=feed.get("title"),
        problem=problem,
        kind=_kind(parsed.get("version") or ""),
        expected_interval=expected_interval(feed),
        charset_note=text.note,
    )


def _kind(version: str) -> FeedKind | None:
    if version.startswith("atom"):
        return "atom"
    return "rss" if version.startswith("rss") else None


def _bozo_reason(parsed: Any) -> str | None:
    if not parsed.get("bozo"):
        return None
    exc = parsed.get("bozo_exception")
    if type(exc).__name__ in BENIGN_BOZO:
        return None
    return f"{type(exc).__name__}: {exc}" if exc else "malformed feed"


def _paired_extras(items: list[Any], extras: list[ItemExtras]) -> list[ItemExtras | None]:
    """The XML tree's item for each feedparser entry: by position, else by guid or link."""
    if len(extras) == len(items):
        return list(extras)
    by_key = {extra.key: extra for extra in extras if extra.key}
    return [by_key.get(item.get("id")) or by_key.get(item.get("link")) for item in items]


def _entry(item: Any, extra: ItemExtras | None) -> FeedEntry:
    if extra is not None:
        summary, content, content_type = extra.summary, extra.content, extra.content_type
        media = extra.media
    else:  # the tree could not be read: feedparser's own (flattened) view
        summary, media = item.get("summary") or None, ()
        content, content_type = _feedparser_content(item)
    return FeedEntry(
        guid=item.get("id") or None,
        link=item.get("link") or None,
        title=item.get("title") or None,
        summary=summary,
        published_at=_to_utc(item.get("published_parsed")),
        updated_at=_to_utc(item.get("updated_parsed")),
        content=content,
        content_type=content_type,
        media=media,
        subjects=_subjects(item),
        authors=_authors(item),
    )


def _feedparser_content(item: Any) -> tuple[str | None, str | None]:
    for content in item.get("content") or []:
        value = (content.get("value") or "").strip()
        if value:
            kind = content.get("type") or "text/html"
            return value, "text/plain" if kind == "text/plain" else "text/html"
    return None, None


def _subjects(item: Any) -> tuple[Subject, ...]:
    """RSS ``<category domain=...>`` and Atom ``<category term scheme label>``, once each."""
    found: dict[tuple[str, str], Subject] = {}
    for tag in item.get("tags") or []:
        name = (tag.get("label") or tag.get("term") or "").strip()
        if not name:
            continue
        scheme = (tag.get("scheme") or "").strip() or "category"
        found.setdefault((name.casefold(), scheme), Subject(name=name, scheme=scheme))
    return tuple(found.values())


def _authors(item: Any) -> tuple[str, ...]:
    """Names from ``author`` / ``dc:creator`` / Atom ``author``; a bare e-mail is no name."""
    names: list[str] = []
    for person in item.get("authors") or [{"name": item.get("author")}]:
        raw = (person.get("name") or "").strip() if isinstance(person, dict) else ""
        if match := EMAIL_AND_NAME_RE.match(raw):
            raw = match.group("name").strip()
        if raw and "@" not in raw:
            names.append(raw)
    return tuple(dict.fromkeys(names))


def expected_interval(feed: Any) -> timedelta | None:
    """How often the feed says it changes: ``sy:updatePeriod``/``Frequency``, else ``ttl``."""
    period = str(feed.get("sy_updateperiod") or "").strip().lower()
    if period in UPDATE_PERIOD_HOURS:
        frequency = _positive_int(feed.get("sy_updatefrequency")) or 1
        return timedelta(hours=UPDATE_PERIOD_HOURS[period]) / frequency
    ttl = _positive_int(feed.get("ttl"))
    return timedelta(minutes=ttl) if ttl else None


def _positive_int(value: Any) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _to_utc(parsed_time: time.struct_time | None) -> datetime | None:
    """feedparser normalises dates to UTC struct_time; make them aware datetimes."""
    if parsed_time is None:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed_time), tz=UTC)
