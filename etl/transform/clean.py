"""The cleaner's entry point: one fetched document in, one CleanStory out.

``clean_document`` decides whether the payload is an HTML page or a text dump,
picks the agency layout (hint, then URL host, then page markers, then the
generic layout) and hands over to ``html_page`` or ``text_dump``. Whatever the
input, it returns a story or raises ``CleanError`` (``DatelineError`` when an
agency's dateline marker is there but the dateline does not parse), so the
caller can quarantine the document with a reason and go on.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from typing import Final

from etl.errors import CleanError
from etl.model import CleanStory
from etl.transform.text.text_dump import story_from_text
from etl.transform.text_hygiene import (
    decode_payload_keeping_utf8,
    has_visible_text,
    looks_binary,
    normalise_text,
)
from etl.transform.web.fallback import story_from_unknown_page
from etl.transform.web.html_page import (
    LayoutDoesNotFitError,
    LayoutMismatchError,
    declared_addresses,
    has_match,
    parse_html,
    story_from_html,
)
from etl.transform.web.site_layouts import (
    GENERIC_LAYOUT,
    LAYOUTS,
    choose_layout,
    layout_for_agency,
    layout_for_url,
)

LOGGER = logging.getLogger(__name__)

# Every layout's markers in one query: most pages carry none, and one walk of
# the tree says so (the layouts are then not asked marker by marker).
ANY_MARKER_SELECTOR: Final = ", ".join(m for layout in LAYOUTS.values() for m in layout.markers)

# How much of a document is looked at to tell HTML from text.
SNIFF_CHARS: Final = 2048

# Media types that are never a story page or text dump.
# Example: ``image/jpeg``, ``application/pdf``, ``application/zip``.
BINARY_TYPE_PREFIXES: Final = (
    "image/",
    "audio/",
    "video/",
    "font/",
    "application/pdf",
    "application/zip",
    "application/gzip",
    "application/x-gzip",
)

# An HTML document announces itself early: a doctype, an ``<html>``/``<head>``/
# ``<body>`` tag, or a block tag that text dumps never contain.
# Example: ``<!DOCTYPE html>``, ``<html lang="en">``, ``<article class="news">``.
HTML_SNIFF_RE: Final = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|article|main|div|p|h1)\b",
    re.IGNORECASE,
)


# Deepest element nesting accepted. Building an HTML5 tree costs time in
# proportion to the depth at every tag, so a page of 500,000 unclosed <div>s
# would take minutes; real article pages nest a few dozen levels.
MAX_MARKUP_DEPTH: Final = 1000
# Below this many tags a page cannot nest deeply enough to matter: no scan.
DEPTH_SCAN_MIN_TAGS: Final = 20_000
# A start or end tag. Example: ``<div class="x">``, ``</div>``.
TAG_RE: Final = re.compile(r"<(/?)([a-zA-Z][\w:-]*)")
# Elements that never hold others (void) or that the next sibling closes
# (``<p>``, ``<li>``): they do not deepen the tree however many stand open.
NON_NESTING_TAGS: Final = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th",
    }
)  # fmt: skip


def markup_depth(text: str, limit: int) -> int:
    """How deep the page's elements nest, roughly (open tags minus close tags), up to ``limit``."""
    depth = deepest = 0
    for match in TAG_RE.finditer(text):
        if match.group(2).lower() in NON_NESTING_TAGS:
            continue
        depth = max(0, depth - 1) if match.group(1) else depth + 1
        deepest = max(deepest, depth)
        if deepest > limit:
            break
    return deepest


def check_markup_depth(text: str, utf8: bytes | None = None) -> None:
    """CleanError for markup nested too deep to parse in bounded time.

    ``utf8`` (the bytes ``text`` was decoded from as UTF-8) is counted in its
    place when given: the same count of ``<``, found faster in bytes.
    """
    tags = utf8.count(b"<") if utf8 is not None else text.count("<")
    if tags < DEPTH_SCAN_MIN_TAGS:
        return
    if markup_depth(text, MAX_MARKUP_DEPTH) > MAX_MARKUP_DEPTH:
        raise CleanError(f"markup nested deeper than {MAX_MARKUP_DEPTH} levels")


def is_binary_type(content_type: str | None) -> bool:
    """Whether the declared media type can never be a page or a text dump."""
    declared = (content_type or "").split(";")[0].strip().lower()
    return declared.startswith(BINARY_TYPE_PREFIXES)


def looks_like_html(text: str, content_type: str | None) -> bool:
    """HTML by declared type when it says so, else by what the text starts with."""
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared in {"text/html", "application/xhtml+xml"}:
        return True
    if declared == "text/plain":
        return False
    return bool(HTML_SNIFF_RE.search(text[:SNIFF_CHARS]))


def _as_utc(moment: datetime | None) -> datetime | None:
    """A timestamp as tz-aware UTC; a naive one is taken to be UTC already."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _no_match(selector: str) -> bool:
    """The marker test of a page that carries no layout's marker."""
    return False


def _clean_html(
    text: str,
    utf8: bytes | None,
    *,
    url: str | None,
    published_at: datetime | None,
    agency_hint: str | None,
) -> CleanStory:
    """Clean a page with its agency's layout, falling back to the generic reader.

    The page is parsed once. A layout none of whose body selectors matches
    hands the same tree to the generic reader; a layout that found its body but
    missed a part inside the story's scope tries the whole page once more, then
    the generic reader, each on a new parse (reading removes furniture and
    photos from the tree).
    """
    tree = parse_html(text, utf8)
    # The markers are only asked for when neither the hint nor the URL names a layout.
    # A page that came without its URL is asked for the address it declares: an
    # agency's site names its layout; another site's makes it a page of known
    # address, where class names are not trusted as markers (CBC's #detailContent).
    address = url
    layout = layout_for_agency(agency_hint) or layout_for_url(url)
    if layout is None and url is None:
        declared = declared_addresses(tree)
        layout = next(filter(None, map(layout_for_url, declared)), None)
        address = declared[0] if declared else None
    if layout is None:
        if ANY_MARKER_SELECTOR and has_match(tree, ANY_MARKER_SELECTOR):
            layout = choose_layout(partial(has_match, tree), agency_hint=None, url=address)
        else:
            layout = choose_layout(_no_match, agency_hint=None, url=address)
    if layout is GENERIC_LAYOUT:
        return story_from_unknown_page(text, tree, url=url, published_at=published_at)
    try:
        return story_from_html(tree, layout, url=url, published_at=published_at)
    except LayoutDoesNotFitError as mismatch:
        reason, fresh = mismatch.reason, tree  # the tree was left as it came
    except LayoutMismatchError:
        # Read inside the story's scope, the layout missed a part; the whole page
        # may hold it (a reading removes furniture and photos: parse again).
        try:
            return story_from_html(
                parse_html(text, utf8), layout, url=url, published_at=published_at, scoped=False
            )
        except LayoutMismatchError as mismatch:
            reason, fresh = mismatch.reason, parse_html(text, utf8)
    LOGGER.info("%s; trying the generic reader for %s", reason, url)
    story = story_from_unknown_page(text, fresh, url=url, published_at=published_at)
    if story.agency is None and layout.agency is not None:
        story = replace(story, agency=layout.agency)
    return story


def _agency_for_text(agency_hint: str | None, url: str | None) -> str | None:
    """Agency of a text dump before its dateline speaks: the hint, else the URL host."""
    layout = layout_for_agency(agency_hint) or layout_for_url(url)
    return layout.agency if layout else None


def _clean(
    data: bytes | str,
    *,
    content_type: str | None,
    url: str | None,
    published_at: datetime | None,
    agency_hint: str | None,
) -> CleanStory:
    """The cleaning itself, without the last-resort error wrapping."""
    if isinstance(data, bytes):
        if is_binary_type(content_type) or looks_binary(data):
            raise CleanError(f"not a text document ({content_type or 'binary content'})")
        text, utf8 = decode_payload_keeping_utf8(data, content_type)
    else:
        text, utf8 = data, None
    if not has_visible_text(text):
        raise CleanError("empty document")
    if looks_like_html(text, content_type):
        check_markup_depth(text, utf8)
        return _clean_html(text, utf8, url=url, published_at=published_at, agency_hint=agency_hint)
    return story_from_text(
        normalise_text(text),
        agency=_agency_for_text(agency_hint, url),
        published_at=published_at,
        url=url,
    )


def clean_document(
    data: bytes | str,
    *,
    content_type: str | None = None,
    url: str | None = None,
    published_at: datetime | None = None,
    agency_hint: str | None = None,
) -> CleanStory:
    """Clean one fetched page or text dump into a CleanStory.

    ``content_type`` is the HTTP header (its charset is the first encoding
    tried); ``url`` resolves relative links and may name the agency by host;
    ``published_at`` (from the feed) is used when the page has no publication
    time of its own and resolves the dateline's year; ``agency_hint`` (any
    name of the agency) picks the page layout.

    Raises CleanError (or its DatelineError) and nothing else.
    """
    try:
        return _clean(
            data,
            content_type=content_type,
            url=url,
            published_at=_as_utc(published_at),
            agency_hint=agency_hint,
        )
    except CleanError:
        raise
    except Exception as exc:
        # Last line of defence: a cleaner bug must quarantine one document,
        # not stop the batch. Logged with its traceback so the bug is seen.
        LOGGER.exception("unexpected failure cleaning %s", url)
        raise CleanError(f"unexpected {type(exc).__name__} while cleaning: {exc}") from exc
