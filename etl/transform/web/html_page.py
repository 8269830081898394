"""HTML article page -> CleanStory, guided by a site layout.

The page is read in a fixed order: metadata first (it lives in ``<head>`` and
scripts that the clean-up removes), then the story's scope is found (the
nearest element holding the layout's headline and body: ``story_scope``), page
furniture is dropped inside it, photos are taken out into ``media``, and only
then headline, deck, byline and body are read, from the scope. The last step,
``assemble_story``, is shared with text dumps so that a page and its text dump
give the same split.

Pages are parsed with selectolax's Lexbor engine (an HTML5 parser and CSS
matcher in C): a full news page of 100-400 KB parses and matches ~50x faster
than with BeautifulSoup, and the layouts' selectors are plain CSS either way.
Lexbor frees a node's memory when it is removed, so every removal here goes
through ``remove_nodes``, which never touches a node inside one already gone.

Besides reading agency pages, this module is the tree toolkit the other web
readers use (``generic_page``, the reader of unknown sites): what they may
rely on is listed in ``__all__`` (the tree: parse, select, walk, remove;
page metadata and photos; reading with a layout) and nothing else is promised. The story
draft both fill lives in ``etl.transform.draft``.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any, Final
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from etl.errors import CleanError
from etl.model import BodyBlock, CleanStory, MediaItem
from etl.transform import rules
from etl.transform.draft import StoryDraft, assemble_story, byline_from_text
from etl.transform.rules.structure import CROSSHEAD_MAX_CHARS
from etl.transform.text_hygiene import fold_whitespace
from etl.transform.web.site_layouts import COMMON_DROP, SiteLayout

__all__ = [
    "LINE_BREAK",
    "HtmlTree",
    "LayoutDoesNotFitError",
    "LayoutMismatchError",
    "common_ancestor",
    "declared_addresses",
    "draft_from_html",
    "element_text",
    "first_text",
    "has_match",
    "is_inside",
    "media_item",
    "page_canonical_url",
    "page_language",
    "page_published_at",
    "parse_html",
    "remove_nodes",
    "select",
    "select_one",
    "story_from_html",
    "top_level",
    "unique",
]

LOGGER = logging.getLogger(__name__)

# Publication time in page metadata, in the order they are trusted (the
# trafilatura cascade: meta tags, then JSON-LD, then visible ``<time>``).
PUBLISHED_META_SELECTORS: Final = (
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="pubdate"]',
    'meta[name="date"]',
)
# The same as (attribute, value) pairs, in the same order of preference: the
# page is queried once for all of them (each query is a walk of the tree).
PUBLISHED_META_KEYS: Final = (
    ("property", "article:published_time"),
    ("name", "article:published_time"),
    ("itemprop", "datePublished"),
    ("name", "pubdate"),
    ("name", "date"),
)
JSON_LD_SELECTOR: Final = 'script[type="application/ld+json"]'
TIME_SELECTORS: Final = ("article time[datetime]", "time[datetime]")
CANONICAL_SELECTOR: Final = 'link[rel~="canonical"]'
OG_URL_SELECTOR: Final = 'meta[property="og:url"]'
# Every element the page's metadata is read from, in one query (each query is a
# walk of the whole tree): date metas, JSON-LD, ``<time>``, canonical link, ``og:url``.
PAGE_METADATA_SELECTOR: Final = ", ".join(
    (*PUBLISHED_META_SELECTORS, JSON_LD_SELECTOR, TIME_SELECTORS[-1], CANONICAL_SELECTOR,
     OG_URL_SELECTOR)
)  # fmt: skip

# Tags whose text is a crosshead when they stand inside a story body.
HEADING_TAGS: Final = frozenset({"h2", "h3", "h4", "h5", "h6"})
# Inline tags that make a paragraph bold.
BOLD_SELECTOR: Final = "strong, b"
# Image attributes that carry the picture's address, in order of preference.
IMAGE_SOURCE_ATTRIBUTES: Final = ("src", "data-src", "data-original")
# ... and those that list several sizes, when none of the above is there.
IMAGE_SRCSET_ATTRIBUTES: Final = ("srcset", "data-srcset")

HtmlTree = LexborHTMLParser
"""A parsed page (the type is Lexbor's; nothing outside this module relies on it)."""


class LayoutMismatchError(CleanError):
    """The chosen layout found no headline or no body: another layout may fit."""


class LayoutDoesNotFitError(LayoutMismatchError):
    """No body selector of the layout matches the page as it came; raised before
    the tree is touched, so another reader may read the same tree."""


# --- the tree ------------------------------------------------------------------------


# What ``<br>`` becomes in the tree: a line separator, which every text reader
# here folds to a space, and which the generic reader splits paragraphs on
# when two come in a row (``text<br><br>text``).
LINE_BREAK: Final = "\u2028"


def parse_html(html: str, utf8: bytes | None = None) -> HtmlTree:
    """Parse a page as a browser would (HTML5 rules); ``<br>`` becomes ``LINE_BREAK``.

    The text is handed over as UTF-8 with lone surrogates replaced: a decoded
    page may carry them, and they are not text anyway. ``utf8``, when given,
    must be the bytes ``html`` was decoded from as UTF-8: they are parsed as
    they are (the same markup, without encoding the text again). Each ``<br>``
    element of the tree is then replaced by a ``LINE_BREAK`` text node (one
    query, a microsecond a break: 200,000 breaks take as long as the regex
    pass over the markup that did this before, and a page of a few dozen, the
    usual, costs a twentieth of it).
    """
    tree = LexborHTMLParser(utf8 if utf8 is not None else html.encode("utf-8", errors="replace"))
    for node in tree.css("br"):
        node.replace_with(LINE_BREAK)
    return tree


def select(scope: HtmlTree | LexborNode, selector: str) -> list[LexborNode]:
    """Elements matching ``selector`` below ``scope``, in document order.

    Lexbor also matches the scope element itself; BeautifulSoup, which the
    layouts were first written for, does not, and neither do we.
    """
    found = scope.css(selector)
    if isinstance(scope, LexborNode) and found and found[0].mem_id == scope.mem_id:
        return found[1:]
    return found


def select_one(scope: HtmlTree | LexborNode, selector: str) -> LexborNode | None:
    """The first element matching ``selector`` below ``scope``."""
    found = select(scope, selector)
    return found[0] if found else None


def has_match(tree: HtmlTree, selector: str) -> bool:
    """Whether any element of the page matches ``selector`` (layout markers)."""
    return tree.css_first(selector) is not None


def ancestor_ids(node: LexborNode, stop: LexborNode | None = None) -> Iterator[int]:
    """Identities of the node's ancestors, nearest first, up to (not including) ``stop``."""
    stop_id = stop.mem_id if stop is not None else None
    parent = node.parent
    while parent is not None and parent.mem_id != stop_id:
        yield parent.mem_id
        parent = parent.parent


def common_ancestor(first: LexborNode, second: LexborNode) -> LexborNode | None:
    """The nearest element that holds both nodes (either one itself when it holds the other)."""
    held = {first.mem_id, *ancestor_ids(first)}
    node: LexborNode | None = second
    while node is not None:
        if node.mem_id in held:
            return node
        node = node.parent
    return None


def is_inside(node: LexborNode, container: LexborNode) -> bool:
    """Whether ``node`` stands somewhere below ``container``."""
    return any(ancestor == container.mem_id for ancestor in ancestor_ids(node))


def unique(nodes: Iterable[LexborNode]) -> list[LexborNode]:
    """Nodes without repeats (a node matched twice must not be removed twice)."""
    seen: set[int] = set()
    kept = []
    for node in nodes:
        if node.mem_id not in seen:
            seen.add(node.mem_id)
            kept.append(node)
    return kept


def top_level(nodes: Iterable[LexborNode], scope: LexborNode | None = None) -> list[LexborNode]:
    """Matches that do not sit inside another match (no text read twice).

    Ancestors are looked up to ``scope`` only, when every match is inside it.
    What each walk learns is remembered, so deep markup costs one pass, not one
    pass per match.
    """
    candidates = unique(nodes)
    if len(candidates) <= 1:
        return candidates
    selected = {node.mem_id for node in candidates}
    stop = scope.mem_id if scope is not None else None
    covered: dict[int, bool] = {}  # node -> "it or an ancestor below scope is selected"
    kept = []
    for node in candidates:
        path: list[int] = []
        inside = False
        parent = node.parent
        while parent is not None and parent.mem_id != stop:
            key = parent.mem_id
            if key in selected:
                inside = True
                break
            if key in covered:
                inside = covered[key]
                break
            path.append(key)
            parent = parent.parent
        covered.update(dict.fromkeys(path, inside))
        if not inside:
            kept.append(node)
    return kept


def remove_nodes(nodes: Iterable[LexborNode]) -> None:
    """Remove nodes given in document order from the tree, the last one first.

    Removing in reverse document order means a node is always removed before
    any node that contains it, so no node is touched after its memory is freed.
    """
    for node in reversed(unique(nodes)):
        node.decompose()


def _attr(node: LexborNode | None, name: str) -> str | None:
    """An attribute's value, stripped; None when absent or blank."""
    if node is None:
        return None
    value = node.attributes.get(name)
    return value.strip() if value and value.strip() else None


def element_text(node: LexborNode) -> str:
    """An element's visible text as one line (a ``meta`` gives its ``content``)."""
    if node.tag == "meta":
        return fold_whitespace(_attr(node, "content") or "")
    return fold_whitespace(node.text())


def first_text(
    scope: HtmlTree | LexborNode, selectors: tuple[str, ...]
) -> tuple[LexborNode, str] | None:
    """The first selector match with non-empty text, and that text."""
    for selector in selectors:
        for node in select(scope, selector):
            text = element_text(node)
            if text:
                return node, text
    return None


# --- metadata ----------------------------------------------------------------------


def parse_iso_datetime(value: str | None) -> datetime | None:
    """An ISO 8601 timestamp as tz-aware UTC; a naive one is taken as UTC."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        LOGGER.debug("not an ISO timestamp: %s", value)
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _json_ld_values(node: Any, key: str) -> Iterator[str]:
    """Every string value of ``key`` anywhere in a JSON-LD tree (``@graph`` included)."""
    if isinstance(node, dict):
        value = node.get(key)
        if isinstance(value, str):
            yield value
        for child in node.values():
            yield from _json_ld_values(child, key)
    elif isinstance(node, list):
        for child in node:
            yield from _json_ld_values(child, key)


def _json_ld_published_at(scripts: list[LexborNode]) -> datetime | None:
    """The first readable ``datePublished`` of the page's JSON-LD blocks."""
    for script in scripts:
        try:
            data = json.loads(script.text())
        except (ValueError, RecursionError):
            LOGGER.debug("unreadable JSON-LD block")
            continue
        for value in _json_ld_values(data, "datePublished"):
            if found := parse_iso_datetime(value):
                return found
    return None


def page_published_at(tree: HtmlTree) -> datetime | None:
    """Publication time from meta tags, then JSON-LD, then ``<time datetime>``."""
    return _published_from(tree.css(PAGE_METADATA_SELECTOR))


def _published_from(found: list[LexborNode]) -> datetime | None:
    """``page_published_at`` on the page's metadata elements (``PAGE_METADATA_SELECTOR``).

    Each kind is told by its tag: of those selectors only the date metas and
    ``og:url`` are ``meta``, only JSON-LD a ``script``, only ``<time>`` a ``time``.
    """
    metas = [node for node in found if node.tag == "meta"]
    for attribute, value in PUBLISHED_META_KEYS:
        node = next((m for m in metas if m.attributes.get(attribute) == value), None)
        if found_time := parse_iso_datetime(_attr(node, "content")):
            return found_time
    if found_time := _json_ld_published_at([node for node in found if node.tag == "script"]):
        return found_time
    # TIME_SELECTORS at once: the first ``<time>`` inside an ``<article>``, then the first
    times = [node for node in found if node.tag == "time"]
    in_article = next((t for t in times if _inside_tag(t, "article")), None)
    for node in (in_article, times[0] if times else None):
        if found_time := parse_iso_datetime(_attr(node, "datetime")):
            return found_time
    return None


def _inside_tag(node: LexborNode, tag: str) -> bool:
    """Whether an ancestor of ``node`` is a ``tag`` element."""
    parent = node.parent
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.parent
    return False


def absolute_url(base_url: str | None, href: str) -> str:
    """``href`` resolved against the page address; left as written if either is malformed."""
    if not base_url:
        return href
    try:
        return urljoin(base_url, href)
    except ValueError:
        LOGGER.debug("cannot resolve %s against %s", href, base_url)
        return href


def page_canonical_url(tree: HtmlTree, url: str | None) -> str | None:
    """``<link rel=canonical>``, then ``og:url``, then the fetched URL; made absolute."""
    return _canonical_from(tree.css(f"{CANONICAL_SELECTOR}, {OG_URL_SELECTOR}"), url)


def _canonical_from(found: list[LexborNode], url: str | None) -> str | None:
    """``page_canonical_url`` on metadata elements matched with its two selectors among others."""
    link = next((node for node in found if node.tag == "link"), None)
    meta = next((node for node in found if _is_og_url(node)), None)
    href = _declared_href(link) or _declared_href(meta)
    if href is None:
        return url
    return absolute_url(url, href)


def _declared_href(node: LexborNode | None) -> str | None:
    """The address a canonical ``link`` (its ``href``) or an ``og:url`` (its ``content``) gives."""
    return _attr(node, "href" if node is not None and node.tag == "link" else "content")


def declared_addresses(tree: HtmlTree) -> list[str]:
    """The absolute addresses a page gives itself (``<link rel=canonical>``, ``og:url``).

    A page saved without its URL still says where it lives: the layout of the
    agency whose site that is may be tried first.
    """
    found = tree.css(f"{CANONICAL_SELECTOR}, {OG_URL_SELECTOR}")
    hrefs = map(_declared_href, found)
    return [href for href in hrefs if href and href.startswith(("http://", "https://", "//"))]


def _is_og_url(node: LexborNode) -> bool:
    """Whether a metadata element is ``OG_URL_SELECTOR``'s (``property`` is matched exactly)."""
    return node.tag == "meta" and node.attributes.get("property") == "og:url"


def page_language(tree: HtmlTree) -> str | None:
    """Primary language subtag of ``<html lang>``: ``en-GB`` -> ``en``."""
    lang = _attr(tree.root, "lang")
    return lang.split("-")[0].lower() if lang else None


# --- skipping queries that cannot match -------------------------------------------------

# The last compound selector of a selector (what the matched element itself must
# be), when it is made of a tag, ``#id``, ``.class`` and ``[attr op "value"]``
# parts only. Example: ``h1.ArticleHeader_headline``, ``[data-testid="Summary"]``.
SUBJECT_RE: Final = re.compile(
    r"""(?P<tag>[a-zA-Z][\w-]*)?(?P<parts>(?:[#.][\w-]+|\[[\w-]+(?:[~|^$*]?=(?:"[^"]*"|'[^']*'|[\w-]+))?\])*)"""
)
SUBJECT_PART_RE: Final = re.compile(
    r"""(?P<kind>[#.])(?P<name>[\w-]+)|\[(?P<attr>[\w-]+)(?:[~|^$*]?=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[\w-]+)))?\]"""
)


# A quoted attribute value holding whitespace. Example: ``[title="a b"]``.
QUOTED_SPACE_RE: Final = re.compile(r"\"[^\"]*\s[^\"]*\"|'[^']*\s[^']*'")


@functools.cache  # a layout's selectors are few and fixed: each is read once
def _subject_test(selector: str) -> tuple[tuple[str, str, str | None], ...] | None:
    """What an element must carry to match ``selector``, as loose tests; None if unknown.

    The tests are necessary, not sufficient: names and values are compared as
    case-insensitive substrings, so an element failing them cannot match under
    any reading of the selector (quirks mode included).
    """
    if any(char in selector for char in ":+~,()"):
        return None
    if QUOTED_SPACE_RE.search(selector):
        return None  # a space inside a quoted value: the selector is not split safely
    match = SUBJECT_RE.fullmatch(_selector_subject(selector))
    if match is None:
        return None
    tests: list[tuple[str, str, str | None]] = []
    if match.group("tag"):
        tests.append(("tag", match.group("tag").lower(), None))
    for part in SUBJECT_PART_RE.finditer(match.group("parts")):
        if part.group("kind") == "#":
            tests.append(("attr", "id", part.group("name").lower()))
        elif part.group("kind") == ".":
            tests.append(("attr", "class", part.group("name").lower()))
        else:
            value = part.group("dq") if part.group("dq") is not None else part.group("sq")
            value = value if value is not None else part.group("bare")
            tests.append(
                ("attr", part.group("attr").lower(), None if value is None else value.lower())
            )
    return tuple(tests)


def _selector_subject(selector: str) -> str:
    """The compound selector naming the element matched (``article h1.x`` -> ``h1.x``)."""
    return re.split(r"\s*>\s*|\s+", selector.strip())[-1]


def _passes(
    element: tuple[str, dict[str, str]], tests: tuple[tuple[str, str, str | None], ...]
) -> bool:
    """Whether an element (its tag and attributes, lower-cased) passes a selector's tests."""
    tag, attributes = element
    for kind, name, value in tests:
        if kind == "tag":
            if tag != name:
                return False
        elif name not in attributes or (value is not None and value not in attributes[name]):
            return False
    return True


def _may_match(found: list[LexborNode], selectors: tuple[str, ...]) -> set[str]:
    """The selectors that may match, given ``found``: every element any of them matches.

    A selector whose subject tests no element of ``found`` passes matches
    nothing, and its query (a walk of the whole tree) is skipped.
    """
    elements = [
        (
            (node.tag or "").lower(),
            {name.lower(): (value or "").lower() for name, value in node.attributes.items()},
        )
        for node in found
    ]
    maybe = set()
    for selector in selectors:
        tests = _subject_test(selector)
        if tests is None or any(_passes(element, tests) for element in elements):
            maybe.add(selector)
    return maybe


# --- reading the page ----------------------------------------------------------------


def drop_furniture(tree: HtmlTree | LexborNode, layout: SiteLayout) -> None:
    """Remove what never holds story text: scripts, nav, share bars, related links.

    All selectors go in one query (one walk of the tree), matched on the page
    as it came; removing one match never makes another appear.
    """
    remove_nodes(select(tree, ", ".join((*COMMON_DROP, *layout.drop))))


def _largest_in_srcset(srcset: str) -> str | None:
    """The widest candidate of a ``srcset`` (``a.jpg 320w, b.jpg 1200w`` -> ``b.jpg``);
    the first when none gives a width."""
    best: tuple[int, str] | None = None
    for candidate in srcset.split(","):
        parts = candidate.split()
        if not parts:
            continue
        width = parts[1][:-1] if len(parts) > 1 and parts[1].endswith("w") else ""
        size = int(width) if width.isdigit() else 0
        if best is None or size > best[0]:
            best = (size, parts[0])
    return best[1] if best else None


def _image_url(figure: LexborNode, base_url: str | None) -> str | None:
    """The figure's picture address, made absolute: ``src`` (or a lazy loader's
    ``data-src``), else the widest of its ``srcset`` (an ``img`` or a ``source``)."""
    image = select_one(figure, "img")
    for attribute in IMAGE_SOURCE_ATTRIBUTES:
        if src := _attr(image, attribute):
            return absolute_url(base_url, src)
    for node in (image, select_one(figure, "source[srcset]")):
        for attribute in IMAGE_SRCSET_ATTRIBUTES:
            if (srcset := _attr(node, attribute)) and (src := _largest_in_srcset(srcset)):
                return absolute_url(base_url, src)
    return None


def _figure_credit(figure: LexborNode, layout: SiteLayout) -> str | None:
    """The figure's credit element's text, taken out so the caption cannot repeat it."""
    for selector in layout.credit:
        credit_node = select_one(figure, selector)
        if credit_node is not None:
            credit = rules.clean_credit(element_text(credit_node)) or None
            credit_node.decompose()
            return credit
    return None


def media_item(figure: LexborNode, layout: SiteLayout, base_url: str | None) -> MediaItem | None:
    """Caption, credit and image address of one figure; the alt text is not used
    when a visible caption exists (it only repeats it)."""
    credit = _figure_credit(figure, layout)
    found = first_text(figure, layout.caption)
    caption_text = found[1] if found else _attr(select_one(figure, "img"), "alt")
    caption: str | None = None
    if caption_text:
        caption, split_credit = rules.split_caption_credit(caption_text)
        credit = credit or split_credit
    url = _image_url(figure, base_url)
    if not (caption or credit or url):
        return None
    return MediaItem(caption=caption or None, credit=credit, url=url)


def take_media(
    tree: HtmlTree | LexborNode,
    layout: SiteLayout,
    base_url: str | None,
    maybe: set[str] | None = None,
) -> list[MediaItem]:
    """Take every story photo out of the page (so captions never reach the body).

    ``maybe`` (from ``_may_match`` on this tree) spares the queries of figure
    selectors that cannot match: taking photos out only removes elements, so a
    selector that matches nothing before matches nothing after either.
    """
    media: list[MediaItem] = []
    if maybe is None:
        maybe = _may_match(tree.css(", ".join(layout.figures)), layout.figures)
    for selector in layout.figures:
        if selector not in maybe:
            continue
        figures = top_level(select(tree, selector))
        for figure in figures:
            item = media_item(figure, layout, base_url)
            if item is not None:
                media.append(item)
        remove_nodes(figures)
    return media


def _is_bold_only(node: LexborNode, text: str) -> bool:
    """A paragraph whose whole (folded) ``text`` is bold: a crosshead in many CMSes."""
    bold = "".join(b.text() for b in select(node, BOLD_SELECTOR))
    return bool(text) and fold_whitespace(bold) == text


def body_blocks(body: LexborNode, layout: SiteLayout) -> tuple[list[BodyBlock], list[str]]:
    """Paragraphs and crossheads of the body, and the sign-offs that close it."""
    blocks: list[BodyBlock] = []
    signoffs: list[str] = []
    for node in top_level(select(body, layout.blocks), scope=body):
        text = element_text(node)
        if not text:
            continue
        if (signoff := rules.signoff_of(text)) is not None:
            signoffs.append(signoff)
            continue
        if rules.is_boilerplate(text):
            continue
        marked_up = node.tag in HEADING_TAGS or (
            len(text) <= CROSSHEAD_MAX_CHARS and _is_bold_only(node, text)
        )
        if marked_up and rules.looks_like_crosshead(text, marked_up=True):
            blocks.append(BodyBlock("subheading", text))
        else:
            blocks.append(BodyBlock("paragraph", text))
    return blocks, signoffs


def _kept(selectors: tuple[str, ...], maybe: set[str]) -> tuple[str, ...]:
    """The selectors that may match, in their order."""
    return tuple(selector for selector in selectors if selector in maybe)


def _find_body(
    tree: HtmlTree | LexborNode, layout: SiteLayout, maybe: set[str] | None = None
) -> LexborNode:
    """The layout's story body element; LayoutMismatchError when it has none."""
    body = _first_match(tree, layout.body if maybe is None else _kept(layout.body, maybe))
    if body is None:
        raise LayoutMismatchError(f"no story body found with the {layout.name} layout")
    return body


def _first_match(scope: HtmlTree | LexborNode, selectors: tuple[str, ...]) -> LexborNode | None:
    """The first element the first of the selectors to match finds below ``scope``."""
    for selector in selectors:
        if (found := select_one(scope, selector)) is not None:
            return found
    return None


def _remove_parts_inside_body(body: LexborNode, parts: list[LexborNode]) -> None:
    """Headline, deck and byline found inside the body are not body text."""
    inside = [p for p in parts if p.tag != "meta" and is_inside(p, body)]
    for node in top_level(inside):  # none contains another: any order is safe
        node.decompose()


def story_scope(tree: HtmlTree, layout: SiteLayout) -> LexborNode | HtmlTree:
    """The part of the page the story is read from: its headline's and body's nearest
    common element (the whole page when the headline is only metadata or they share
    none); LayoutDoesNotFitError, with the tree untouched, when no body selector
    matches (dropping furniture never makes one match).

    Found on the page as it came, before furniture is dropped: dropping never adds
    elements, so the story's headline and body are inside it whichever matches
    the drop takes. Furniture is then looked for only inside it (each selector of
    a query walks the elements it is asked about, and the page around a story
    holds most of them), and everything but ``meta`` is read from it. Example:
    an AP page's 1,400 elements, a scope of 200.
    """
    body = _first_match(tree, layout.body)
    if body is None:
        raise LayoutDoesNotFitError(f"no story body found with the {layout.name} layout")
    found = first_text(tree, tuple(s for s in layout.headline if not _selects_metadata(s)))
    if found is None:
        return tree  # the headline is only metadata: no element of the page to start from
    headline = found[0]
    common = common_ancestor(headline, body)
    if common is None or common.tag in {"html", "body", None}:
        return tree
    if common.mem_id in (body.mem_id, headline.mem_id):
        common = common.parent  # the body must stay below the scope (``select`` skips the scope)
    return tree if common is None or common.tag in {"html", "body"} else common


@functools.cache
def _selects_metadata(selector: str) -> bool:
    """Whether a selector's subject is a ``meta`` element (layouts' selectors: a few dozen)."""
    return _selector_subject(selector).startswith("meta")


def _where(tree: HtmlTree, scope: LexborNode | HtmlTree, selector: str) -> LexborNode | HtmlTree:
    """Where a selector is asked: a ``meta`` in the whole page (it lives in
    ``<head>``), anything else inside the story's scope."""
    return tree if _selects_metadata(selector) else scope


def _matches_where_read(
    tree: HtmlTree, scope: LexborNode | HtmlTree, selectors: tuple[str, ...]
) -> list[LexborNode]:
    """Every element the selectors match, each asked where ``_where`` says (two queries)."""
    found: list[LexborNode] = []
    for place in {id(tree): tree, id(scope): scope}.values():
        asked = [selector for selector in selectors if _where(tree, scope, selector) is place]
        if asked:
            found.extend(select(place, ", ".join(asked)))
    return found


def draft_from_html(
    tree: HtmlTree,
    layout: SiteLayout,
    *,
    url: str | None,
    published_at: datetime | None,
    scoped: bool = True,
) -> StoryDraft:
    """Read a parsed page with one layout (the tree is modified: furniture is removed).

    ``scoped=False`` reads the whole page, not the story's scope: the second try
    of a page whose scoped reading missed a part.
    """
    metadata = tree.css(PAGE_METADATA_SELECTOR)
    page_time = _published_from(metadata) or published_at
    canonical_url = _canonical_from(metadata, url)
    language = page_language(tree)
    scope = story_scope(tree, layout) if scoped else tree
    drop_furniture(scope, layout)
    # One query says which figure, headline, deck, byline and body selectors may
    # match at all. It is made before the photos are taken out: removing elements
    # never makes a selector without pseudo-classes or sibling combinators match
    # (``_subject_test`` gives those none, so they are always queried).
    selectors = (*layout.figures, *layout.headline, *layout.deck, *layout.byline, *layout.body)
    maybe = _may_match(_matches_where_read(tree, scope, selectors), selectors)
    media = take_media(scope, layout, canonical_url or url, maybe)

    headline_found = _first_text_in(tree, scope, _kept(layout.headline, maybe))
    if headline_found is None:
        raise LayoutMismatchError(f"no headline found with the {layout.name} layout")
    headline_node, headline = headline_found
    if rules.is_error_page_title(headline):
        raise CleanError(f"page is an error page: {headline[:80]!r}")

    deck_found = _first_text_in(tree, scope, _kept(layout.deck, maybe))
    byline_found = _first_text_in(tree, scope, _kept(layout.byline, maybe))
    body = _find_body(scope, layout, maybe)
    parts = [headline_node] + [found[0] for found in (deck_found, byline_found) if found]
    _remove_parts_inside_body(body, parts)
    _put_back_drawn_text(body, layout)
    blocks, signoffs = body_blocks(body, layout)
    byline = byline_from_text(byline_found[1]) if byline_found else None
    draft = StoryDraft(
        headline=headline,
        deck=deck_found[1] if deck_found else None,
        blocks=blocks,
        media=media,
        byline=byline,
        agency=layout.agency,
        published_at=page_time,
        canonical_url=canonical_url,
        language=language,
    )
    draft.take_signoffs(signoffs)
    return draft


def _put_back_drawn_text(body: LexborNode, layout: SiteLayout) -> None:
    """The text the site's style sheet draws after some elements, as the reader sees it.

    Not where the page already prints it after the element (an earlier template
    of the same site wrote the text out: ``JAKARTA</span> (Reuters) - ...``).
    """
    for selector, text in layout.drawn_after:
        for node in select(body, selector):
            following = node.next
            printed = fold_whitespace(following.text()) if following is not None else ""
            if not printed.startswith(text.strip()):
                node.insert_after(text)


def _first_text_in(
    tree: HtmlTree, scope: LexborNode | HtmlTree, selectors: tuple[str, ...]
) -> tuple[LexborNode, str] | None:
    """``first_text`` with each selector asked where ``_where`` says."""
    for selector in selectors:
        found = first_text(_where(tree, scope, selector), (selector,))
        if found is not None:
            return found
    return None


def story_from_html(
    html: str | HtmlTree,
    layout: SiteLayout,
    *,
    url: str | None = None,
    published_at: datetime | None = None,
    scoped: bool = True,
) -> CleanStory:
    """HTML page -> CleanStory with one layout; LayoutMismatchError if it does not fit.

    A tree passed in is consumed (furniture and photos are removed from it).
    ``scoped`` as in ``draft_from_html``.
    """
    tree = parse_html(html) if isinstance(html, str) else html
    try:
        draft = draft_from_html(tree, layout, url=url, published_at=published_at, scoped=scoped)
    except SelectolaxError as exc:
        raise CleanError(f"page could not be read with the {layout.name} layout: {exc}") from exc
    return assemble_story(draft)
