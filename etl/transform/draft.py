"""The story draft every reader fills, the one dateline split, and a page's way to a story.

A web page (``web.html_page``, ``web.generic_page``, ``web.fallback``) and a
text dump (``text.text_dump``) each read a headline, deck, byline, body
blocks, media and sign-offs into a ``StoryDraft``; ``assemble_story`` then
lifts captions printed as paragraphs, splits the dateline off and checks there
is a story, so that a page and its text dump give the same split.

The wire readers (``wire.nitf``, ``wire.newsml_g2``, ``wire.newsml_1``,
``wire.ninjs``, ``wire.transmission``, ``wire.digitalwires``, with
``wire.body`` for their markup bodies) fill the same parts into a
``wire.story.WireDraft``, a ``StoryDraft`` with the wire's own fields (ids,
versions, times, status); ``wire.story.finish`` makes their story, splitting
the dateline with the same ``split_dateline`` (not strict).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from etl.errors import CleanError, DatelineError
from etl.model import BodyBlock, CleanStory, Dateline, MediaItem
from etl.transform import rules
from etl.transform.dateline import parse_dateline
from etl.transform.text_hygiene import fold_whitespace


@dataclass
class StoryDraft:
    """A story's parts before the dateline is split off and the story is checked."""

    headline: str | None = None
    deck: str | None = None
    blocks: list[BodyBlock] = field(default_factory=list)
    media: list[MediaItem] = field(default_factory=list)
    byline: str | None = None
    agency: str | None = None
    published_at: datetime | None = None
    canonical_url: str | None = None
    language: str | None = None
    signoffs: list[str] = field(default_factory=list)

    def take_signoffs(self, signoffs: list[str]) -> None:
        """Keep the closing sign-offs; a reporting sign-off names the byline if none did."""
        self.signoffs.extend(signoffs)
        reporting = next((s for s in signoffs if rules.is_signoff(s)), None)
        self.byline = self.byline or reporting


def split_dateline(
    blocks: list[BodyBlock], reference_date: date | None, *, strict: bool = True
) -> tuple[Dateline | None, list[BodyBlock]]:
    """Parse the dateline off the first paragraph; the body then starts after it.

    ``strict`` (pages and text dumps) raises DatelineError when the first
    paragraph opens with an agency marker (``/TASS/.``) but no dateline parses,
    or the dateline's date is impossible. Wire readers pass ``strict=False``
    and raise neither: an unparsable paragraph stays in the body (the format's
    own dateline field may give the dateline), an impossible date is split off
    like any other dateline.
    """
    index = next((i for i, b in enumerate(blocks) if b.kind == "paragraph"), None)
    if index is None:
        return None, blocks
    text = blocks[index].text
    dateline = parse_dateline(text, reference_date=reference_date)
    if dateline is None:
        marker_agency = rules.dateline_marker_agency(text) if strict else None
        if marker_agency is not None:
            raise DatelineError(
                f"{marker_agency} dateline marker present but unparsable: {text[:80]!r}"
            )
        return None, blocks
    if strict and dateline.month is None and any(ch.isdigit() for ch in dateline.raw):
        raise DatelineError(f"dateline has an impossible date: {dateline.raw!r}")
    rest = text[dateline.body_offset :].strip()
    remaining = list(blocks)
    if rest:
        remaining[index] = BodyBlock("paragraph", rest)
    else:
        del remaining[index]
    return dateline, remaining


def lift_caption_paragraphs(draft: StoryDraft) -> list[BodyBlock]:
    """Body blocks without the captions printed as paragraphs, which go to ``media``.

    Some wires (Xinhua) put a photo's caption in a plain ``<p>`` under it; a
    text dump already takes such lines out, so a page must too. The first
    paragraph (the dateline's) is never a caption.
    """
    kept: list[BodyBlock] = []
    for block in draft.blocks:
        found = rules.caption_line(block.text) if kept and block.kind == "paragraph" else None
        if found is None:
            kept.append(block)
        else:
            draft.media.append(MediaItem(caption=found[0], credit=found[1]))
    return kept


def split_last_signoff(draft: StoryDraft) -> list[BodyBlock]:
    """Blocks (captions lifted) with an end mark run into the last paragraph kept apart.

    ``... per Torino-Roma. (ANSA).``: the paragraph keeps its text, the mark goes
    to the sign-offs, as it does when it stands on a line of its own.
    """
    blocks = lift_caption_paragraphs(draft)
    if blocks and blocks[-1].kind == "paragraph":
        split = rules.split_run_in_signoff(blocks[-1].text)
        if split is not None:
            blocks[-1] = BodyBlock("paragraph", split[0])
            draft.signoffs.append(split[1])
    return blocks


def assemble_story(draft: StoryDraft) -> CleanStory:
    """Split the dateline off, check there is a story, and build the CleanStory."""
    if not draft.headline:
        raise CleanError("no headline found")
    reference_date = draft.published_at.astimezone(UTC).date() if draft.published_at else None
    dateline, blocks = split_dateline(split_last_signoff(draft), reference_date)
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
        signoff="; ".join(draft.signoffs) or None,
        media=tuple(draft.media),
        published_at=draft.published_at,
        canonical_url=draft.canonical_url,
        language=draft.language,
    )


def byline_from_text(text: str) -> str | None:
    """Names from a byline element or line: ``By Anna Petrova`` -> ``Anna Petrova``.

    A separator left after the names (``Mehmet Can Toptaş |`` before a date) goes.
    """
    text = fold_whitespace(text).rstrip(" |·•")
    if not text:
        return None
    names = rules.byline_names(text)
    if names:
        return names
    if text.lower().startswith("by "):
        return text[3:].strip() or None
    return text
