"""Content API with a cursor: pages of items, each page naming the next one.

The shape of AP's Media API (``data.items`` of ninjs, ``data.next_page``)
and of Reuters-style APIs (items linking to NewsML-G2 documents, an opaque
cursor). A run starts at the page the source's cursor (``api_cursor``)
names, else the configured URL, and follows next links until a page brings
no items, names no next page, or ``max_pages_per_run`` pages were read. Each
page is stored raw, its items (inline, or fetched from their links and
stored raw too) read and merged, and the cursor moved to the next page in
that same transaction: a crash asks for the page again, a rerun goes on
from where the last run stopped. The API key goes in a header and never
into a stored URL.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from etl.channels.context import ChannelRun, fetch_or_quarantine, raw_fetched
from etl.channels.credentials import api_key
from etl.channels.wire_items import merge_in_order, wire_rows
from etl.errors import QuarantineError
from etl.load.clusters import assign_clusters
from etl.load.deliveries import read_cursor, save_cursor
from etl.load.raw_landing import land_raw
from etl.load.run_records import save_run_counts
from etl.load.story_merge import StoryRow
from etl.sources import ApiSettings, resolve_sample_wire

LOGGER = logging.getLogger(__name__)


class ApiPageError(QuarantineError):
    """An API page that is not the JSON (or XML) shape the source's settings describe."""

    stage = "parse_api"


@dataclass(frozen=True)
class ApiItem:
    """One item of a page: the story itself (``inline``) or where to fetch it (``link``)."""

    inline: bytes | None
    link: str | None


@dataclass(frozen=True)
class ApiPage:
    items: list[ApiItem]
    next_page: str | None


def ingest_api(run: ChannelRun, feed_id: int) -> None:
    """Read the API from the source's cursor onwards, page by page."""
    settings = run.source.api
    first = resolve_sample_wire(settings.url)
    key = api_key(settings)
    headers = {settings.api_key_header: key} if key else {}
    page_url = _resume_from(read_cursor(run.conn, run.source.name), first)
    for _ in range(settings.max_pages_per_run):
        next_page = _read_page(run, settings, page_url, headers, feed_id)
        if next_page is None or next_page == page_url:
            break
        page_url = next_page
    assign_clusters(run.conn)
    run.conn.commit()


def _resume_from(cursor: str | None, first: str) -> str:
    """The stored cursor, unless it points at another server than the configured API.

    An API moved to a new address (or the sample wire on another port) starts
    over from the configured URL; a cursor never sends a request elsewhere.
    """
    if cursor is None:
        return first
    if urlsplit(cursor)[:2] != urlsplit(first)[:2]:
        LOGGER.warning(
            "API cursor %s is not on %s: starting from the configured URL", cursor, first
        )
        return first
    return cursor


def _read_page(
    run: ChannelRun, settings: ApiSettings, page_url: str, headers: dict[str, str], feed_id: int
) -> str | None:
    """Load one page's items and move the cursor; return the next page when there is more."""
    fetch = fetch_or_quarantine(run, page_url, "fetch_api", headers)
    if fetch is None:
        return None
    raw_id = land_raw(run.conn, raw_fetched("feed", run, fetch), run.run_id)
    run.counts.feeds_read += 1
    if not fetch.ok:
        run.quarantine(page_url, "fetch_api", f"HTTP {fetch.status}", raw_id)
        return None
    try:
        page = parse_page(fetch.body, settings, page_url)
    except ApiPageError as exc:
        run.quarantine(page_url, exc.stage, exc.reason, raw_id)
        return None
    rows: list[StoryRow] = []
    for position, item in enumerate(page.items):
        rows.extend(_item_rows(run, settings, item, f"{page_url}#item-{position}", raw_id, headers))
    merged = merge_in_order(run.conn, rows, feed_id)
    run.counts.new += merged.new
    run.counts.updated += merged.updated
    run.counts.unchanged += merged.unchanged
    # No next link: the last page stands as the cursor, asked again next run.
    save_cursor(run.conn, run.source.name, page.next_page or page_url)
    save_run_counts(run.conn, run.run_id, run.counts)
    run.conn.commit()
    return page.next_page if page.items else None


def _item_rows(
    run: ChannelRun,
    settings: ApiSettings,
    item: ApiItem,
    position_url: str,
    page_raw_id: int,
    headers: dict[str, str],
) -> list[StoryRow]:
    """An inline item is read from the stored page; a linked one is fetched and stored first."""
    if item.inline is not None:
        data, location, raw_id, seen_at = item.inline, position_url, page_raw_id, datetime.now(UTC)
    else:
        assert item.link is not None
        fetch = fetch_or_quarantine(run, item.link, "fetch_item", headers)
        if fetch is None:
            return []
        raw_id = land_raw(run.conn, raw_fetched("file", run, fetch), run.run_id)
        run.counts.fetched += 1
        if not fetch.ok:
            run.quarantine(item.link, "fetch_item", f"HTTP {fetch.status}", raw_id)
            return []
        data, location, seen_at = fetch.body, item.link, fetch.fetched_at
    return (
        wire_rows(run, data, location=location, raw_id=raw_id, seen_at=seen_at, fmt=settings.format)
        or []
    )


def parse_page(body: bytes, settings: ApiSettings, page_url: str) -> ApiPage:
    """Items and next page of a JSON page as the settings' paths describe them."""
    if body.lstrip()[:1] == b"<":
        return _parse_xml_page(body, settings, page_url)
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiPageError(f"API page is not JSON: {exc}") from exc
    raw_items = _at(data, settings.items_path)
    if raw_items is None:
        raw_items = []
    if not isinstance(raw_items, list):
        raise ApiPageError(f"{settings.items_path!r} is not a list of items")
    items = [_json_item(raw, settings, page_url) for raw in raw_items]
    return ApiPage([i for i in items if i is not None], _next_page(data, settings, page_url))


def _json_item(raw: Any, settings: ApiSettings, page_url: str) -> ApiItem | None:
    if settings.link_path:
        link = _at(raw, settings.link_path)
        return ApiItem(None, urljoin(page_url, link)) if isinstance(link, str) and link else None
    story = _at(raw, settings.item_path) if settings.item_path else raw
    if not isinstance(story, dict):
        return None
    return ApiItem(json.dumps(story, ensure_ascii=False).encode("utf-8"), None)


def _next_page(data: Any, settings: ApiSettings, page_url: str) -> str | None:
    if settings.next_path:
        link = _at(data, settings.next_path)
        return urljoin(page_url, link) if isinstance(link, str) and link else None
    if settings.cursor_path:
        cursor = _at(data, settings.cursor_path)
        if cursor is None or cursor == "":
            return None
        return with_query_parameter(page_url, settings.cursor_param, str(cursor))
    return None


def _parse_xml_page(body: bytes, settings: ApiSettings, page_url: str) -> ApiPage:
    """An XML page: a NewsML-G2 news message or an Atom-like list of links.

    With ``link_path`` set, the items are the elements named by the last part
    of ``items_path`` (``feed.entry``) and where each story is their
    ``link_path`` attribute (``href``): on the element itself
    (``<item href="...">``) or on its Atom ``<link>`` child (no ``rel`` or
    ``rel="alternate"``); without it the page itself holds the stories (a news
    message's items) and is read whole. The next page is an Atom-style
    ``<link rel="next" href="...">``.
    """
    from etl.transform.wire.safe_xml import local_name, parse_xml

    try:
        root = parse_xml(body)
    except QuarantineError as exc:
        raise ApiPageError(f"API page: {exc.reason}") from exc
    item_name = settings.items_path.rsplit(".", 1)[-1]
    items: list[ApiItem] = []
    next_page = None
    for element in root.iter():
        name = local_name(element)
        if name == "link" and element.get("rel") == "next" and element.get("href"):
            next_page = urljoin(page_url, element.get("href"))
        elif settings.link_path and name == item_name:
            link = _xml_item_link(element, settings.link_path)
            if link:
                items.append(ApiItem(None, urljoin(page_url, link)))
    if not settings.link_path:
        items = [ApiItem(body, None)]
    return ApiPage(items, next_page)


def _xml_item_link(element: Any, attribute: str) -> str | None:
    """The item's own ``attribute``, else that of its first alternate ``<link>`` child."""
    from etl.transform.wire.safe_xml import local_name

    own = element.get(attribute)
    if own:
        return str(own)
    for child in element:
        if local_name(child) == "link" and child.get("rel", "alternate") == "alternate":
            value = child.get(attribute)
            if value:
                return str(value)
    return None


def _at(data: Any, path: str) -> Any:
    """The value at a dotted path of nested objects (``data.next_page``); ``None`` if absent."""
    for key in (p for p in path.split(".") if p):
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def with_query_parameter(url: str, name: str, value: str) -> str:
    """The URL with one query parameter set (replacing an earlier value of it)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != name]
    query.append((name, value))
    return urlunsplit(parts._replace(query=urlencode(query)))
