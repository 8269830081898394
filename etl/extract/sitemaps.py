"""Sitemaps and sitemap indexes to dated item lists (pure: bytes in, records out).

An agency's archive is usually reachable through its sitemaps: an index
(``<sitemapindex>``) naming child sitemaps with their ``lastmod``, and
``<urlset>`` files listing article URLs with a ``lastmod`` and, in Google
News sitemaps, ``news:publication_date`` and ``news:title``. This module reads
both, hardened: the XML goes through defusedxml with DTDs forbidden (no
entity expansion, no external entities, no network), gzip is inflated with a
bound, and anything unreadable is a ``SitemapError`` with its reason.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException

from etl.errors import QuarantineError

# The sitemap protocol's own limit for one (uncompressed) file: 50 MB.
MAX_SITEMAP_BYTES = 50_000_000
GZIP_MAGIC = b"\x1f\x8b"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
PUBLICATION_DATE = f"{NEWS_NS}news/{NEWS_NS}publication_date"
NEWS_TITLE = f"{NEWS_NS}news/{NEWS_NS}title"


class SitemapError(QuarantineError):
    """A sitemap that cannot be read: not XML, a DTD, a bomb, not a sitemap."""

    stage = "parse_sitemap"


@dataclass(frozen=True)
class W3CMoment:
    """A W3C datetime as sitemaps write it: ``2026-11-05`` or ``2026-11-05T18:00:00Z``.

    ``date_only`` says the source gave no time of day, so only the calendar
    date is known (comparisons then use whole days).
    """

    moment: datetime  # UTC; midnight UTC of the date when date_only
    date_only: bool

    @property
    def day(self) -> date:
        return self.moment.date()


@dataclass(frozen=True)
class SitemapRef:
    """A child sitemap named by an index."""

    loc: str
    lastmod: W3CMoment | None


@dataclass(frozen=True)
class SitemapUrl:
    """An article listed by a urlset; ``published`` is news:publication_date."""

    loc: str
    lastmod: W3CMoment | None = None
    published: W3CMoment | None = None
    title: str | None = None

    @property
    def dated(self) -> W3CMoment | None:
        """When the item belongs: its publication date, else its last modification."""
        return self.published or self.lastmod


@dataclass(frozen=True)
class Sitemap:
    """One parsed file: an index (``children``) or a urlset (``urls``)."""

    children: tuple[SitemapRef, ...] = ()
    urls: tuple[SitemapUrl, ...] = ()

    @property
    def is_index(self) -> bool:
        return bool(self.children)


def parse_w3c_datetime(text: str | None) -> W3CMoment | None:
    """Read a W3C datetime; ``None`` for missing or unreadable values (never a guess)."""
    if not text or not text.strip():
        return None
    value = text.strip()
    try:
        if len(value) == 10:  # YYYY-MM-DD
            return W3CMoment(datetime.combine(date.fromisoformat(value), time.min, UTC), True)
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:  # the protocol requires a zone; UTC is the only fair reading
        moment = moment.replace(tzinfo=UTC)
    return W3CMoment(moment.astimezone(UTC), False)


def inflate(data: bytes, limit: int = MAX_SITEMAP_BYTES) -> bytes:
    """Gunzip ``sitemap.xml.gz`` bodies, refusing anything that inflates past ``limit``."""
    if not data.startswith(GZIP_MAGIC):
        return data
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise SitemapError(f"broken gzip: {exc}") from exc
    if len(out) > limit or inflater.unconsumed_tail:
        raise SitemapError(f"gzip inflates past {limit} bytes (a decompression bomb?)")
    return out


def parse_sitemap(data: bytes) -> Sitemap:
    """Parse a sitemap index or urlset, gzipped or not."""
    root = _parse_xml(inflate(data))
    tag = _local(root.tag)
    if tag == "sitemapindex":
        return Sitemap(children=tuple(_children(root)))
    if tag == "urlset":
        return Sitemap(urls=tuple(_urls(root)))
    raise SitemapError(f"not a sitemap: root element <{tag}>")


def _parse_xml(data: bytes) -> Element:
    try:
        root: Element = SafeElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise SitemapError(f"refused XML: {type(exc).__name__}") from exc
    except ParseError as exc:
        raise SitemapError(f"not well-formed XML: {exc}") from exc
    return root


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(element: Element, path: str) -> str | None:
    found = element.find(path)
    if found is None or found.text is None:
        return None
    return found.text.strip() or None


def _children(root: Element) -> list[SitemapRef]:
    refs = []
    for node in root:
        if _local(node.tag) != "sitemap":
            continue
        loc = _text(node, f"{SITEMAP_NS}loc") or _text(node, "loc")
        if loc:
            lastmod = _text(node, f"{SITEMAP_NS}lastmod") or _text(node, "lastmod")
            refs.append(SitemapRef(loc, parse_w3c_datetime(lastmod)))
    return refs


def _urls(root: Element) -> list[SitemapUrl]:
    urls = []
    for node in root:
        if _local(node.tag) != "url":
            continue
        loc = _text(node, f"{SITEMAP_NS}loc") or _text(node, "loc")
        if not loc:
            continue
        urls.append(
            SitemapUrl(
                loc=loc,
                lastmod=parse_w3c_datetime(
                    _text(node, f"{SITEMAP_NS}lastmod") or _text(node, "lastmod")
                ),
                published=parse_w3c_datetime(_text(node, PUBLICATION_DATE)),
                title=_text(node, NEWS_TITLE),
            )
        )
    return urls
