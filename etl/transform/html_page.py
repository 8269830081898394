"""HTML article page -> CleanStory, guided by a site layout.

The page is read in a fixed order: metadata first (it lives in ``<head>`` and
scripts that the clean-up removes), then page furniture is dropped, photos are
taken out into ``media``, and only then headline, deck, byline and body are
read. The last step, ``assemble_story``, is shared with text dumps so that a
page and its text dump give the same split.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Final, cast
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from etl.errors import CleanError, DatelineError
from etl.model import BodyBlock, CleanStory, Dateline, MediaItem
from etl.transform import boilerplate_rules as rules
from etl.transform.dateline import parse_dateline
from etl.transform.site_layouts import COMMON_DROP, SiteLayout
from etl.transform.text_hygiene import fold_whitespace

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
JSON_LD_SELECTOR: Final = 'script[type="application/ld+json"]'
TIME_SELECTORS: Final = ("article time[datetime]", "time[datetime]")

# Tags whose text is a crosshead when they stand inside a story body.
HEADING_TAGS: Final = frozenset({"h2", "h3", "h4", "h5", "h6"})
# Inline tags that make a paragraph bold.
BOLD_TAGS: Final = frozenset({"strong", "b"})
# Image attributes that carry the picture's address, in order of preference.
IMAGE_SOURCE_ATTRIBUTES: Final = ("src", "data-src", "data-original")


class LayoutMismatchError(CleanError):
    """The chosen layout found no headline or no body: another layout may fit."""


@dataclass
class StoryDraft:
    """A story's parts before the dateline is split off and the story is checked."""

    headline: str | None
    deck: str | None = None
    blocks: list[BodyBlock] = field(default_factory=list)
    media: list[MediaItem] = field(default_factory=list)
    byline: str | None = None
    agency: str | None = None
    published_at: datetime | None = None
    canonical_url: str | None = None
    language: str | None = None


# --- shared with text dumps --------------------------------------------------------


def split_dateline(
    blocks: list[BodyBlock], reference_date: date | None
) -> tuple[Dateline | None, list[BodyBlock]]:
    """Parse the dateline off the first paragraph; the body then starts after it.

    Raises DatelineError when the first paragraph opens with an agency marker
    (``/TASS/.``) but no dateline parses, or the dateline's date is impossible.
    """
    index = next((i for i, b in enumerate(blocks) if b.kind == "paragraph"), None)
    if index is None:
        return None, blocks
    text = blocks[index].text
    dateline = parse_dateline(text, reference_date=reference_date)
    marker_agency = rules.dateline_marker_agency(text)
    if dateline is None:
        if marker_agency is not None:
            raise DatelineError(
                f"{marker_agency} dateline marker present but unparsable: {text[:80]!r}"
            )
        return None, blocks
    if dateline.month is None and any(ch.isdigit() for ch in dateline.raw):
        raise DatelineError(f"dateline has an impossible date: {dateline.raw!r}")
    rest = text[dateline.body_offset :].strip()
    remaining = list(blocks)
    if rest:
        remaining[index] = BodyBlock("paragraph", rest)
    else:
        del remaining[index]
    return dateline, remaining


def assemble_story(draft: StoryDraft) -> CleanStory:
    """Split the dateline off, check there is a story, and build the CleanStory."""
    if not draft.headline:
        raise CleanError("no headline found")
    reference_date = draft.published_at.astimezone(UTC).date() if draft.published_at else None
    dateline, blocks = split_dateline(draft.blocks, reference_date)
    if not any(block.kind == "paragraph" for block in blocks):
        raise CleanError("no body text found")
    agency = (dateline.agency if dateline else None) or draft.agency
    return CleanStory(
        headline=draft.headline,
        deck=draft.deck or None,
        blocks=tuple(blocks),
        dateline=dateline,
        agency=agency,
        byline=draft.byline,
        media=tuple(draft.media),
        published_at=draft.published_at,
        canonical_url=draft.canonical_url,
        language=draft.language,
    )


def byline_from_text(text: str) -> str | None:
    """Names from a byline element or line: ``By Anna Petrova`` -> ``Anna Petrova``."""
    text = fold_whitespace(text)
    if not text:
        return None
    names = rules.byline_names(text)
    if names:
        return names
    if text.lower().startswith("by "):
        return text[3:].strip() or None
    return text


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


def _attr(tag: Tag | None, name: str) -> str | None:
    """A tag attribute as one string (bs4 returns lists for multi-valued ones)."""
    if tag is None:
        return None
    value = tag.get(name)
    if isinstance(value, list):
        value = " ".join(value)
    return value.strip() if isinstance(value, str) and value.strip() else None


def page_published_at(soup: BeautifulSoup) -> datetime | None:
    """Publication time from meta tags, then JSON-LD, then ``<time datetime>``."""
    for selector in PUBLISHED_META_SELECTORS:
        if found := parse_iso_datetime(_attr(soup.select_one(selector), "content")):
            return found
    for script in soup.select(JSON_LD_SELECTOR):
        try:
            data = json.loads(script.get_text())
        except ValueError:
            LOGGER.debug("unreadable JSON-LD block")
            continue
        for value in _json_ld_values(data, "datePublished"):
            if found := parse_iso_datetime(value):
                return found
    for selector in TIME_SELECTORS:
        if found := parse_iso_datetime(_attr(soup.select_one(selector), "datetime")):
            return found
    return None


def absolute_url(base_url: str | None, href: str) -> str:
    """``href`` resolved against the page address; left as written if either is malformed."""
    if not base_url:
        return href
    try:
        return urljoin(base_url, href)
    except ValueError:
        LOGGER.debug("cannot resolve %s against %s", href, base_url)
        return href


def page_canonical_url(soup: BeautifulSoup, url: str | None) -> str | None:
    """``<link rel=canonical>``, then ``og:url``, then the fetched URL; made absolute."""
    href = _attr(soup.select_one('link[rel~="canonical"]'), "href") or _attr(
        soup.select_one('meta[property="og:url"]'), "content"
    )
    if href is None:
        return url
    return absolute_url(url, href)


def page_language(soup: BeautifulSoup) -> str | None:
    """Primary language subtag of ``<html lang>``: ``en-GB`` -> ``en``."""
    html = soup.find("html")
    lang = _attr(html if isinstance(html, Tag) else None, "lang")
    return lang.split("-")[0].lower() if lang else None


# --- reading the page ----------------------------------------------------------------


def element_text(tag: Tag) -> str:
    """A tag's visible text as one line; ``<br>`` counts as a space."""
    if tag.name == "meta":
        return fold_whitespace(_attr(tag, "content") or "")
    for br in tag.find_all("br"):
        br.replace_with(" ")
    return fold_whitespace(tag.get_text())


def first_text(scope: Tag, selectors: tuple[str, ...]) -> tuple[Tag, str] | None:
    """The first selector match with non-empty text, and that text."""
    for selector in selectors:
        for tag in scope.select(selector):
            text = element_text(tag)
            if text:
                return tag, text
    return None


def drop_furniture(soup: BeautifulSoup, layout: SiteLayout) -> None:
    """Remove what never holds story text: scripts, nav, share bars, related links."""
    for selector in (*COMMON_DROP, *layout.drop):
        for tag in soup.select(selector):
            tag.decompose()


def _image_url(figure: Tag, base_url: str | None) -> str | None:
    """The figure's picture address, made absolute."""
    image = figure.find("img")
    if not isinstance(image, Tag):
        return None
    for attribute in IMAGE_SOURCE_ATTRIBUTES:
        if src := _attr(image, attribute):
            return absolute_url(base_url, src)
    return None


def media_item(figure: Tag, layout: SiteLayout, base_url: str | None) -> MediaItem | None:
    """Caption, credit and image address of one figure; the alt text is not used
    when a visible caption exists (it only repeats it)."""
    credit: str | None = None
    for selector in layout.credit:
        credit_tag = figure.select_one(selector)
        if credit_tag is not None:
            credit = rules.clean_credit(element_text(credit_tag)) or None
            credit_tag.decompose()
            break
    found = first_text(figure, layout.caption)
    caption_text = found[1] if found else None
    if caption_text is None:
        image = figure.find("img")
        caption_text = _attr(image if isinstance(image, Tag) else None, "alt")
    caption: str | None = None
    if caption_text:
        caption, split_credit = rules.split_caption_credit(caption_text)
        credit = credit or split_credit
    url = _image_url(figure, base_url)
    if not (caption or credit or url):
        return None
    return MediaItem(caption=caption or None, credit=credit, url=url)


def take_media(soup: BeautifulSoup, layout: SiteLayout, base_url: str | None) -> list[MediaItem]:
    """Take every story photo out of the page (so captions never reach the body)."""
    media: list[MediaItem] = []
    for selector in layout.figures:
        for figure in soup.select(selector):
            if figure.decomposed:
                continue
            item = media_item(figure, layout, base_url)
            if item is not None:
                media.append(item)
            figure.decompose()
    return media


def _is_bold_only(tag: Tag) -> bool:
    """A paragraph whose whole text is bold: a crosshead in many CMSes."""
    text = fold_whitespace(tag.get_text())
    bold = "".join(b.get_text() for b in tag.find_all(list(BOLD_TAGS)))
    return bool(text) and fold_whitespace(bold) == text


def _top_level(tags: list[Tag]) -> list[Tag]:
    """Drop selected tags that sit inside another selected tag (no double text)."""
    selected = {id(tag) for tag in tags}
    return [t for t in tags if not any(id(parent) in selected for parent in t.parents)]


def body_blocks(body: Tag, layout: SiteLayout) -> tuple[list[BodyBlock], str | None]:
    """Paragraphs and crossheads of the body, and a reporting sign-off if any."""
    blocks: list[BodyBlock] = []
    signoff: str | None = None
    for tag in _top_level(cast(list[Tag], body.select(layout.blocks))):
        is_heading = tag.name in HEADING_TAGS
        text = element_text(tag)
        if not text or rules.is_boilerplate(text):
            continue
        if rules.is_signoff(text):
            signoff = text.strip("()")
            continue
        marked_up = is_heading or _is_bold_only(tag)
        if marked_up and rules.looks_like_crosshead(text, marked_up=True):
            blocks.append(BodyBlock("subheading", text))
        else:
            blocks.append(BodyBlock("paragraph", text))
    return blocks, signoff


def draft_from_html(
    soup: BeautifulSoup, layout: SiteLayout, *, url: str | None, published_at: datetime | None
) -> StoryDraft:
    """Read a parsed page with one layout (the soup is modified: furniture is removed)."""
    page_time = page_published_at(soup) or published_at
    canonical_url = page_canonical_url(soup, url)
    language = page_language(soup)
    drop_furniture(soup, layout)
    media = take_media(soup, layout, canonical_url or url)

    headline_found = first_text(soup, layout.headline)
    if headline_found is None:
        raise LayoutMismatchError(f"no headline found with the {layout.name} layout")
    headline_tag, headline = headline_found
    if rules.is_error_page_title(headline):
        raise CleanError(f"page is an error page: {headline[:80]!r}")

    deck_found = first_text(soup, layout.deck)
    byline_found = first_text(soup, layout.byline)
    body_tag = next((t for s in layout.body for t in soup.select(s)), None)
    if body_tag is None:
        raise LayoutMismatchError(f"no story body found with the {layout.name} layout")
    if headline_tag.name != "meta" and body_tag in headline_tag.parents:
        headline_tag.decompose()
    for found in (deck_found, byline_found):
        if found is not None and body_tag in found[0].parents:
            found[0].decompose()
    blocks, signoff = body_blocks(body_tag, layout)
    byline = byline_from_text(byline_found[1]) if byline_found else None
    return StoryDraft(
        headline=headline,
        deck=deck_found[1] if deck_found else None,
        blocks=blocks,
        media=media,
        byline=byline or signoff,
        agency=layout.agency,
        published_at=page_time,
        canonical_url=canonical_url,
        language=language,
    )


def parse_html(html: str) -> BeautifulSoup:
    """Parse with lxml (fast, tolerant of broken markup)."""
    return BeautifulSoup(html, "lxml")


def story_from_html(
    html: str,
    layout: SiteLayout,
    *,
    url: str | None = None,
    published_at: datetime | None = None,
) -> CleanStory:
    """HTML page -> CleanStory with one layout; LayoutMismatchError if it does not fit."""
    draft = draft_from_html(parse_html(html), layout, url=url, published_at=published_at)
    return assemble_story(draft)
