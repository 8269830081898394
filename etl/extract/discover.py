"""Feed discovery: the feeds a site announces, as source entries ready to paste.

A site names its feeds in its pages' ``<head>``:
``<link rel="alternate" type="application/rss+xml" title="World" href="/rss/world.xml">``
(RSS, Atom, JSON Feed). ``newswire sources discover URL`` fetches the page
with the pipeline's own fetcher (bounds, robots, timeouts) and prints one
``[[source]]`` block for ``etl/sources/*.toml``. A URL that is itself a feed
is printed as it is.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Final
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from etl.errors import FeedError, NewswireError
from etl.extract.fetch import Fetcher
from etl.transform.text_hygiene import decode_payload, fold_whitespace

# The types a feed link may declare, and what they are.
FEED_TYPES: Final = {
    "application/rss+xml": "RSS",
    "application/atom+xml": "Atom",
    "application/feed+json": "JSON Feed",
    "application/json": "JSON Feed",
    "application/rdf+xml": "RSS",
    "application/xml": "RSS",
    "text/xml": "RSS",
}
# A source name: lower-case letters, digits and dashes (``apnews-com``).
NAME_CHARS_RE: Final = re.compile(r"[^a-z0-9]+")


class DiscoveryError(NewswireError):
    """The page could not be fetched, or announces no feed."""


@dataclass(frozen=True)
class DiscoveredFeed:
    url: str
    title: str | None
    kind: str  # 'RSS' | 'Atom' | 'JSON Feed'


@dataclass(frozen=True)
class SiteFeeds:
    """What a site's page says about itself and its feeds."""

    site_url: str
    site_name: str | None
    language: str | None
    feeds: tuple[DiscoveredFeed, ...]


def feeds_in_page(html: str, page_url: str) -> SiteFeeds:
    """Pure: the feed links of a page's ``<head>`` (and body, where some sites put them)."""
    tree = LexborHTMLParser(html)
    base = page_url
    base_node = tree.css_first("base[href]")
    if base_node is not None:
        base = urljoin(page_url, base_node.attributes.get("href") or "")
    found: dict[str, DiscoveredFeed] = {}
    for link in tree.css("link[href]"):
        rel = (link.attributes.get("rel") or "").lower().split()
        kind = FEED_TYPES.get((link.attributes.get("type") or "").split(";")[0].strip().lower())
        href = (link.attributes.get("href") or "").strip()
        if "alternate" not in rel or kind is None or not href:
            continue
        url = urljoin(base, href)
        title = fold_whitespace(link.attributes.get("title") or "") or None
        found.setdefault(url, DiscoveredFeed(url, title, kind))
    html_node = tree.css_first("html")
    language = html_node.attributes.get("lang") if html_node is not None else None
    return SiteFeeds(
        site_url=page_url,
        site_name=_site_name(tree),
        language=(language or "").split("-")[0].lower() or None,
        feeds=tuple(found.values()),
    )


def _site_name(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first('meta[property="og:site_name"]')
    if node is not None and (node.attributes.get("content") or "").strip():
        return fold_whitespace(node.attributes.get("content") or "")
    return None


def discover(url: str, fetcher: Fetcher) -> SiteFeeds:
    """Fetch a site's page and read its feed links; a feed URL stands for itself."""
    from etl.extract.feeds import parse_feed

    result = fetcher.get(url)
    if not result.ok:
        raise DiscoveryError(f"{url}: HTTP {result.status}")
    try:
        feed = parse_feed(result.body, url=url, content_type=result.content_type)
    except FeedError:
        feed = None
    if feed is not None and feed.entries:
        kind = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}.get(feed.kind or "", "RSS")
        return SiteFeeds(url, None, None, (DiscoveredFeed(url, feed.title, kind),))
    site = feeds_in_page(decode_payload(result.body, result.content_type), result.url)
    if not site.feeds:
        raise DiscoveryError(f'{url} announces no feed (no <link rel="alternate"> of a feed type)')
    return site


def source_entry(site: SiteFeeds, *, agency: str | None = None) -> str:
    """One ``[[source]]`` TOML block naming every feed, each with its title as a comment."""
    from etl.transform.web.site_layouts import layout_for_url

    host = urlsplit(site.site_url).hostname or "site"
    host = host.removeprefix("www.")
    layout = layout_for_url(site.site_url)
    agency = agency or (layout.agency if layout else None) or site.site_name or host
    lines = [
        "[[source]]",
        f"name = {_toml(NAME_CHARS_RE.sub('-', host.lower()).strip('-'))}",
        f"agency = {_toml(agency)}",
        f"language = {_toml(site.language or 'en')}",
        'pages = "auto"  # fetch a page only when its feed item has no full text',
        "feeds = [",
    ]
    for feed in site.feeds:
        note = f"  # {feed.kind}: {feed.title}" if feed.title else f"  # {feed.kind}"
        lines.append(f"    {_toml(feed.url)},{note}")
    lines.append("]")
    return "\n".join(lines) + "\n"


def _toml(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's, for what a URL or a name holds)."""
    return json.dumps(value, ensure_ascii=False)
