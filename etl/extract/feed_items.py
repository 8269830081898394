"""What feedparser reads of an item and then loses: full text, media, their credits.

feedparser flattens Media RSS: all ``media:credit`` of an item become one
list detached from their ``media:content``, and a ``media:description``
overwrites the item's summary (or pushes the description into ``content``).
So the item's texts and media are read here from the XML tree itself, item by
item, with lxml set up not to resolve entities, load DTDs or reach the
network (an entity bomb stays an unexpanded reference).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from lxml import etree

from etl.model import MediaItem
from etl.xml_hardening import hardened_parser

LOGGER = logging.getLogger(__name__)

MRSS_NAMESPACES = frozenset({"http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss"})
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
ATOM_NS = "http://www.w3.org/2005/Atom"
# ``yandex:full-text`` (Yandex.News feeds: the whole story as plain text);
# the namespace URI varies between feeds (http://news.yandex.ru, .../yandex.ru/).
YANDEX_NS_MARK = "yandex"
# Namespaces whose elements share a name with RSS's own (media:description, media:title).
EXTENSION_NAMESPACES = MRSS_NAMESPACES | {CONTENT_NS}
# Enclosure and media types that are media a story shows (not a PDF or a podcast page).
MEDIA_TYPE_PREFIXES = ("image", "video", "audio")


@dataclass(frozen=True)
class ItemExtras:
    """An item's texts and media as the XML has them."""

    key: str | None  # guid / Atom id, else link: to pair with feedparser's entry
    summary: str | None
    content: str | None
    content_type: str | None
    media: tuple[MediaItem, ...]


def read_item_extras(data: bytes) -> list[ItemExtras]:
    """Every item's (or Atom entry's) extras, in document order; [] if the XML is unreadable."""
    try:
        root = etree.fromstring(data, parser=hardened_parser(recover=True))
    except etree.XMLSyntaxError as exc:
        LOGGER.info("feed XML unreadable for media and full text: %s", exc)
        return []
    if root is None:
        return []
    return [
        _item_extras(element)
        for element in root.iter(etree.Element)
        if etree.QName(element).localname in ("item", "entry")
    ]


def _item_extras(item: etree._Element) -> ItemExtras:
    atom = etree.QName(item).namespace == ATOM_NS
    summary = _child_text(item, "summary" if atom else "description")
    content, content_type = _full_text(item, atom)
    return ItemExtras(
        key=_key(item, atom),
        summary=summary,
        content=content,
        content_type=content_type,
        media=_media(item),
    )


def _children(item: etree._Element, localname: str) -> list[etree._Element]:
    return [
        child
        for child in item
        if isinstance(child.tag, str) and etree.QName(child).localname == localname
    ]


def _child_text(item: etree._Element, localname: str, namespace: str | None = None) -> str | None:
    """The text of the first child so named: in ``namespace``, else in none of the extensions'."""
    for child in _children(item, localname):
        child_ns = etree.QName(child).namespace
        if child_ns == namespace or (namespace is None and child_ns not in EXTENSION_NAMESPACES):
            text = "".join(child.itertext()).strip()
            return text or None
    return None


def _key(item: etree._Element, atom: bool) -> str | None:
    if atom:
        return _child_text(item, "id") or next(
            (link.get("href") for link in _children(item, "link") if link.get("href")), None
        )
    return _child_text(item, "guid") or _child_text(item, "link")


def _full_text(item: etree._Element, atom: bool) -> tuple[str | None, str | None]:
    """The item's whole story if it carries one: yandex:full-text, content:encoded, Atom content."""
    for child in item:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child)
        if name.localname == "full-text" and YANDEX_NS_MARK in (name.namespace or ""):
            text = "".join(child.itertext()).strip()
            if text:
                return text, "text/plain"
    encoded = _child_text(item, "encoded", CONTENT_NS)
    if encoded:
        return encoded, "text/html"
    if atom:
        for child in _children(item, "content"):
            if child.get("src") or etree.QName(child).namespace != ATOM_NS:
                continue
            return _atom_content(child)
    return None, None


def _atom_content(element: etree._Element) -> tuple[str | None, str | None]:
    kind = (element.get("type") or "text").lower()
    if kind == "xhtml":
        html = "".join(
            etree.tostring(part, encoding="unicode", method="html")
            for div in element
            for part in div
        )
        return html.strip() or None, "text/html"
    text = "".join(element.itertext()).strip() or None
    return text, "text/html" if "html" in kind else "text/plain"


def _media(item: etree._Element) -> tuple[MediaItem, ...]:
    """media:content (inside media:group too), enclosures, else the thumbnail; one per URL.

    A media:content's own credit and description win; those of its group or
    its item are the fallback (Media RSS lets them stand at any level).
    """
    found: list[MediaItem] = []
    item_credit, item_caption = _mrss_credit(item), _mrss_caption(item)
    for child in item:
        if not isinstance(child.tag, str) or etree.QName(child).namespace not in MRSS_NAMESPACES:
            continue
        local = etree.QName(child).localname
        if local == "content":
            found.append(_media_content(child, item_credit, item_caption))
        elif local == "group":
            credit = _mrss_credit(child) or item_credit
            caption = _mrss_caption(child) or item_caption
            found.extend(
                _media_content(content, credit, caption)
                for content in child
                if isinstance(content.tag, str) and etree.QName(content).localname == "content"
            )
    for enclosure in _children(item, "enclosure"):
        kind = enclosure.get("type") or ""
        if enclosure.get("url") and (not kind or kind.startswith(MEDIA_TYPE_PREFIXES)):
            found.append(MediaItem(item_caption, item_credit, enclosure.get("url"), kind or None))
    for link in _children(item, "link"):  # Atom: <link rel="enclosure" href=... type=...>
        kind = link.get("type") or ""
        if (
            link.get("rel") == "enclosure"
            and link.get("href")
            and kind.startswith(MEDIA_TYPE_PREFIXES)
        ):
            found.append(MediaItem(item_caption, item_credit, link.get("href"), kind))
    if not found:
        found.extend(
            MediaItem(item_caption, item_credit, thumb.get("url"), "image")
            for thumb in _children(item, "thumbnail")
            if thumb.get("url") and etree.QName(thumb).namespace in MRSS_NAMESPACES
        )
    return _unique_by_url(found)


def _media_content(element: etree._Element, credit: str | None, caption: str | None) -> MediaItem:
    kind = element.get("type") or element.get("medium")
    return MediaItem(
        caption=_mrss_caption(element) or caption,
        credit=_mrss_credit(element) or credit,
        url=element.get("url"),
        media_type=kind,
    )


def _mrss_credit(element: etree._Element) -> str | None:
    credits = [
        text
        for child in _children(element, "credit")
        if etree.QName(child).namespace in MRSS_NAMESPACES
        and (text := "".join(child.itertext()).strip())
    ]
    return "; ".join(dict.fromkeys(credits)) or None


def _mrss_caption(element: etree._Element) -> str | None:
    for name in ("description", "title"):
        for child in _children(element, name):
            if etree.QName(child).namespace in MRSS_NAMESPACES:
                text = "".join(child.itertext()).strip()
                if text:
                    return text
    return None


def _unique_by_url(items: list[MediaItem]) -> tuple[MediaItem, ...]:
    """One item per photo, the first (the richest: media:content comes before enclosures).

    The same URL is the same photo; so are URLs that differ only in their query
    (``?width=140`` and ``?width=460`` renditions, as The Guardian lists them)
    when caption and credit are the same too.
    """
    seen: dict[object, MediaItem] = {}
    for media in items:
        rendition = ((media.url or "").split("?", 1)[0], media.caption, media.credit)
        if media.url not in seen and rendition not in seen:
            seen[media.url] = seen[rendition] = media
    return tuple(dict.fromkeys(seen.values()))
