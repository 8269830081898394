"""Plain-text dump of an article page -> CleanStory, with the same split as the page.

A text dump (a page copied as text) keeps the page's order but loses its
markup, so each line is classified by what it looks like:

* above the headline: navigation and section labels (``All news``) are dropped;
* the headline is the first line that is not boilerplate;
* a line ending in a photo credit (``... EPA/JUSTIN LANE``) is a caption, and a
  following line equal to its caption part is the image's alt text (dropped);
* the body starts at the dateline line (``PLACE, Month DD. /TASS/. ...``);
  lines between headline and body are byline, captions or the deck;
* inside the body, a short line that does not end like a sentence and is
  followed by text is a crosshead, except in the lines right under a
  related-stories or tag label (``Related coverage:``, ``Topics``): its links.

Without a dateline the body starts after a place line (Anadolu's pages print
the place alone above the text: ``ANKARA``), else after the headline's caption
(when it follows within ``HEADER_MAX_LINES`` lines), else right after the headline.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from etl.errors import CleanError
from etl.model import BodyBlock, CleanStory, MediaItem
from etl.transform import rules
from etl.transform.dateline import parse_dateline
from etl.transform.draft import StoryDraft, assemble_story
from etl.transform.text_hygiene import normalise_text

LOGGER = logging.getLogger(__name__)

# Without a dateline, a caption this close under the headline closes the
# header (deck, photo); one further down is a photo inside the body.
HEADER_MAX_LINES: Final = 4

# A place alone on a line in capitals, one to three words, standing where a
# dateline would (aa.com.tr puts it in an ``h6`` above the story's text).
# Example: ``ANKARA``, ``ISTANBUL``, ``SAN SEBASTIAN``.
PLACE_LINE_RE: Final = re.compile(r"^[A-ZÀ-ÖØ-ÞÇĞİŞ]{3,}(?:[ '-][A-ZÀ-ÖØ-ÞÇĞİŞ]{2,}){0,2}$")


@dataclass(frozen=True)
class Caption:
    """A caption line split into its parts."""

    caption: str | None
    credit: str


def caption_of(line: str) -> Caption | None:
    """The caption and credit of a line that ends in a photo credit, else None."""
    found = rules.caption_line(line)
    return Caption(*found) if found else None


def _same_text(a: str, b: str | None) -> bool:
    """Whether two lines say the same (alt text repeating a caption)."""
    return b is not None and a.strip(" .").casefold() == b.strip(" .").casefold()


def _content_indices(lines: list[str], start: int, stop: int) -> list[int]:
    """Indices of non-empty lines in ``lines[start:stop]``."""
    return [i for i in range(start, stop) if lines[i]]


def find_headline(lines: list[str]) -> int:
    """Index of the headline: the first line that is not page furniture."""
    for index, line in enumerate(lines):
        if line and not rules.is_boilerplate(line, above_headline=True):
            if opens_with_dateline(line):
                raise CleanError("no headline found: the text opens with its dateline")
            return index
    raise CleanError("no headline found")


def opens_with_dateline(line: str) -> bool:
    """Whether a line starts with a dateline, or at least with an agency's marker."""
    return parse_dateline(line) is not None or rules.dateline_marker_agency(line) is not None


def find_body_start(lines: list[str], after_headline: int) -> int:
    """Index of the first body line: the dateline line, else after the header photo."""
    content = _content_indices(lines, after_headline, len(lines))
    for index in content:
        if opens_with_dateline(lines[index]):
            return index
    for position, index in enumerate(content[:HEADER_MAX_LINES]):
        if PLACE_LINE_RE.match(lines[index]) and position + 1 < len(content):
            return content[position + 1]
    for position, index in enumerate(content[:HEADER_MAX_LINES]):
        caption = caption_of(lines[index])
        if caption is None:
            continue
        following = content[position + 1 :]
        if following and _same_text(lines[following[0]], caption.caption):
            following = following[1:]
        return following[0] if following else len(lines)
    return content[0] if content else len(lines)


def read_header(lines: list[str], draft: StoryDraft) -> None:
    """Byline, photo and deck from the lines between headline and body."""
    deck_parts: list[str] = []
    alt_text: str | None = None
    for line in lines:
        if not line:
            continue
        if _same_text(line, alt_text):
            alt_text = None
            continue
        alt_text = None
        if rules.is_boilerplate(line, above_headline=True) or PLACE_LINE_RE.match(line):
            continue
        if (names := rules.byline_names(line)) is not None:
            draft.byline = names
        elif (caption := caption_of(line)) is not None:
            draft.media.append(MediaItem(caption.caption, caption.credit))
            alt_text = caption.caption
        else:
            deck_parts.append(line)
    draft.deck = " ".join(deck_parts) or None


def link_list_lines(lines: list[str]) -> set[int]:
    """Indices of the links right under a related-stories or tag-list label.

    A dump puts each link of a ``Related coverage:`` or ``Topics`` block on a
    line of its own, where it would pass for a crosshead or a short paragraph;
    the list ends at the first blank line or at a line that reads like a sentence.
    """
    links: set[int] = set()
    for index, line in enumerate(lines):
        if not rules.is_link_list_label(line):
            continue
        for follower in range(index + 1, len(lines)):
            if not lines[follower] or not rules.looks_like_crosshead(lines[follower]):
                break
            links.add(follower)
    return links


def read_body(lines: list[str], draft: StoryDraft) -> None:
    """Paragraphs, crossheads and in-body photos; the first line is always a paragraph."""
    links = link_list_lines(lines)
    content = [line for index, line in enumerate(lines) if line and index not in links]
    alt_text: str | None = None
    signoffs: list[str] = []
    for position, line in enumerate(content):
        if _same_text(line, alt_text):
            alt_text = None
            continue
        alt_text = None
        if position > 0 and (signoff := rules.signoff_of(line)) is not None:
            signoffs.append(signoff)
            continue
        if rules.is_boilerplate(line):
            continue  # before captions: a ``© AFP 2026`` footer is not a credit
        if position > 0 and (caption := caption_of(line)) is not None:
            draft.media.append(MediaItem(caption.caption, caption.credit))
            alt_text = caption.caption
        elif position > 0 and _is_crosshead(content, position):
            draft.blocks.append(BodyBlock("subheading", line))
        else:
            draft.blocks.append(BodyBlock("paragraph", line))
    draft.take_signoffs(signoffs)


def _is_crosshead(content: list[str], position: int) -> bool:
    """A short unpunctuated line followed by a line of ordinary text."""
    if not rules.looks_like_crosshead(content[position]):
        return False
    if position + 1 >= len(content):
        return False
    following = content[position + 1]
    return not rules.is_boilerplate(following) and not rules.looks_like_crosshead(following)


def story_from_text(
    text: str,
    *,
    agency: str | None = None,
    published_at: datetime | None = None,
    url: str | None = None,
) -> CleanStory:
    """Plain-text dump -> CleanStory (the split a page of the same story gets)."""
    lines = normalise_text(text).split("\n")
    headline_index = find_headline(lines)
    body_start = find_body_start(lines, headline_index + 1)
    draft = StoryDraft(
        headline=lines[headline_index],
        agency=agency,
        published_at=published_at.astimezone(UTC) if published_at else None,
        canonical_url=url,
    )
    read_header(lines[headline_index + 1 : body_start], draft)
    read_body(lines[body_start:], draft)
    LOGGER.debug("text dump: %d blocks, %d photos", len(draft.blocks), len(draft.media))
    return assemble_story(draft)
