"""JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1) to feed entries.

feedparser 6.0 reads no JSON Feed (its JSON support is unreleased), and the
format is a dozen documented keys, so it is read here. Like feedparser, it
degrades: an item without ``id`` and ``url`` is dropped, a bad date is None,
and only a document that is not a JSON Feed at all is a ``FeedError``.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from etl.errors import FeedError
from etl.model import FeedEntry, FeedParseResult, MediaItem, Subject

LOGGER = logging.getLogger(__name__)

# ``"version": "https://jsonfeed.org/version/1.1"`` (or ``/1``).
JSON_FEED_VERSION_PREFIX = "https://jsonfeed.org/version/"
MEDIA_TYPE_PREFIXES = ("image", "video", "audio")


def looks_like_json_feed(data: bytes, content_type: str | None) -> bool:
    """A JSON document (by its type, or by its first byte) rather than XML."""
    if content_type and "json" in content_type.lower():
        return True
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def parse_json_feed(data: bytes) -> FeedParseResult:
    """Read a JSON Feed; raise ``FeedError`` when the bytes are not one."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedError(f"JSON feed unreadable: {exc}") from exc
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith(
        JSON_FEED_VERSION_PREFIX
    ):
        raise FeedError("not a JSON Feed (no jsonfeed.org version)")
    feed_authors = _authors(document)
    items = document.get("items")
    entries = [
        entry
        for item in (items if isinstance(items, list) else [])
        if isinstance(item, dict) and (entry := _entry(item, feed_authors)) is not None
    ]
    title = document.get("title")
    return FeedParseResult(
        entries=entries, title=title if isinstance(title, str) else None, kind="json"
    )


def _entry(item: dict[str, Any], feed_authors: tuple[str, ...]) -> FeedEntry | None:
    guid = _text(item.get("id"))
    link = _text(item.get("url")) or _text(item.get("external_url"))
    if not (guid or link):
        return None
    html, plain = _text(item.get("content_html")), _text(item.get("content_text"))
    return FeedEntry(
        guid=guid,
        link=link,
        title=_text(item.get("title")),
        summary=_text(item.get("summary")),
        published_at=_moment(item.get("date_published")),
        updated_at=_moment(item.get("date_modified")),
        content=html or plain,
        content_type="text/html" if html else ("text/plain" if plain else None),
        media=_media(item),
        subjects=tuple(
            Subject(name=tag.strip(), scheme="tag")
            for tag in item.get("tags") or []
            if isinstance(tag, str) and tag.strip()
        ),
        authors=_authors(item) or feed_authors,
    )


def _text(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # JSON Feed 1.0 ids were sometimes numbers
    return value.strip() or None if isinstance(value, str) else None


def _moment(value: Any) -> datetime | None:
    """RFC 3339, as the spec requires; anything else is no date rather than a guess."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        LOGGER.info("JSON feed date not RFC 3339: %r", value)
        return None
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _authors(holder: dict[str, Any]) -> tuple[str, ...]:
    """1.1 ``authors`` (a list), else 1.0 ``author`` (one object)."""
    raw = holder.get("authors")
    people = raw if isinstance(raw, list) else [holder.get("author")]
    return tuple(
        name
        for person in people
        if isinstance(person, dict) and (name := _text(person.get("name")))
    )


def _media(item: dict[str, Any]) -> tuple[MediaItem, ...]:
    found: dict[str, MediaItem] = {}
    image = _text(item.get("image"))
    if image:
        found[image] = MediaItem(None, None, image, "image")
    for attachment in item.get("attachments") or []:
        if not isinstance(attachment, dict):
            continue
        url, kind = _text(attachment.get("url")), _text(attachment.get("mime_type"))
        if url and url not in found and (kind or "").startswith(MEDIA_TYPE_PREFIXES):
            found[url] = MediaItem(_text(attachment.get("title")), None, url, kind)
    return tuple(found.values())
