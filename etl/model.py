"""The records that flow between stages.

Pure data: the transform stage produces them from bytes, the load stage writes
them. Nothing here touches the network or the database.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

BlockKind = Literal["paragraph", "subheading"]
# Where a story stands with its agency (etl/transform/story_status.py detects it):
# killed and withdrawn stories leave the reports; status is not part of content_hash.
StoryStatus = Literal["usable", "updated", "corrected", "withdrawn", "killed"]
# Which text a story was made from: the article page, the full text a feed item
# carried (``content:encoded``, ``yandex:full-text``, ...), only the feed item's
# summary (a lead and a headline, upgraded when a later run gets the page), or
# an agency's own delivery format (NITF, NewsML, ninjs, IPTC 7901, ...).
TextSource = Literal["page", "feed_full_text", "feed_summary", "wire"]
# A wire item's publication status as the IPTC formats name it.
PubStatus = Literal["usable", "withdrawn", "canceled"]


@dataclass(frozen=True)
class Dateline:
    """The opening ``PLACE, Month DD. /AGENCY/.`` of a wire story, parsed.

    ``raw`` is the dateline exactly as it stood in the text (without the body);
    ``body_offset`` is the index in the parsed text where the body starts.
    """

    raw: str
    place: str | None
    region: str | None
    month: int | None
    day: int | None
    year: int | None
    agency: str | None
    body_offset: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Place:
    """A dateline place on the map (``etl/transform/places.py`` resolves it from GeoNames).

    ``name`` is GeoNames' English name (``Milano`` -> ``Milan``), ``country_code``
    ISO 3166-1 alpha-2, ``region`` the state or province where known
    (``Calif.`` -> ``California``).
    """

    name: str
    country_code: str
    geonames_id: int
    latitude: float
    longitude: float
    region: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class MediaItem:
    """A photo (or other media) caption and credit, kept apart from the body.

    ``media_type`` is what a feed says the item is (``image/jpeg``, ``image``,
    ``video``); page captions leave it ``None``.
    """

    caption: str | None
    credit: str | None
    url: str | None = None
    media_type: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Subject:
    """A subject code, category or keyword the agency (or a feed) gave a story.

    ``scheme`` says whose vocabulary: ``medtop`` / ``subj`` (IPTC codes),
    an agency's own scheme, ``category`` (an RSS/Atom category), ``keyword``.
    Example: ``Subject(name="economy", code="medtop:04000000", scheme="medtop")``.
    """

    name: str | None
    code: str | None = None
    scheme: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class WireMeta:
    """What an agency's own delivery format says about an item and pages do not."""

    agency_id: str | None = None  # the agency's own id: NewsML guid, NITF doc-id, ninjs uri
    version: int | None = None  # the agency's version / revision number
    first_created: datetime | None = None
    version_created: datetime | None = None
    pub_status: PubStatus | None = None
    urgency: int | None = None  # IPTC urgency / priority, 1 (flash) .. 9
    embargo_until: datetime | None = None
    signals: tuple[str, ...] = ()  # NewsML-G2 ``signal`` qcodes, e.g. ``sig:correction``
    edit_notes: tuple[str, ...] = ()  # ed-msg, correction notes, editorial notes
    format: str | None = None  # the reader that produced it: ``nitf``, ``newsml-g2``, ...

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("first_created", "version_created", "embargo_until"):
            if data[key] is not None:
                data[key] = data[key].isoformat()
        data["signals"] = list(self.signals)
        data["edit_notes"] = list(self.edit_notes)
        return data


@dataclass(frozen=True)
class BodyBlock:
    """One paragraph of the body, or a crosshead (``subheading``) inside it."""

    kind: BlockKind
    text: str


@dataclass(frozen=True)
class CleanStory:
    """A wire story after boilerplate removal and normalisation."""

    headline: str
    deck: str | None
    blocks: tuple[BodyBlock, ...]
    dateline: Dateline | None
    agency: str | None
    byline: str | None = None
    # The agency's closing mark or credit line: ``Reporting by ...; Editing by ...``,
    # ``(END)``, ``==Kyodo``, editors' initials.
    signoff: str | None = None
    media: tuple[MediaItem, ...] = ()
    published_at: datetime | None = None
    canonical_url: str | None = None
    language: str | None = None
    status: StoryStatus = "usable"
    subjects: tuple[Subject, ...] = ()
    text_source: TextSource = "page"
    wire: WireMeta | None = None
    # The dateline place on the map, filled by the normalise step (not hashed:
    # the same text placed better is not a new version).
    place: Place | None = None

    @property
    def body(self) -> str:
        """Body text: paragraphs and crossheads separated by blank lines."""
        return "\n\n".join(block.text for block in self.blocks)

    def content_hash(self) -> str:
        """Hash of what a reader sees; a change here makes a new story version."""
        content: dict[str, Any] = {
            "headline": self.headline,
            "deck": self.deck,
            "blocks": [[b.kind, b.text] for b in self.blocks],
            "dateline": self.dateline.raw if self.dateline else None,
            "byline": self.byline,
            "media": [[m.caption, m.credit] for m in self.media],
        }
        if self.signoff:  # only when present: stories without one keep their old hash
            content["signoff"] = self.signoff
        payload = json.dumps(
            content,
            ensure_ascii=False,
            sort_keys=True,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def to_json(self) -> dict[str, Any]:
        """The shape ``newswire clean`` prints, one object per file."""
        return {
            "headline": self.headline,
            "deck": self.deck,
            "body": self.body,
            "blocks": [{"kind": b.kind, "text": b.text} for b in self.blocks],
            "dateline": self.dateline.to_json() if self.dateline else None,
            "agency": self.agency,
            "byline": self.byline,
            "signoff": self.signoff,
            "media": [m.to_json() for m in self.media],
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "canonical_url": self.canonical_url,
            "language": self.language,
            "status": self.status,
            "subjects": [s.to_json() for s in self.subjects],
            "text_source": self.text_source,
            "wire": self.wire.to_json() if self.wire else None,
            "place": self.place.to_json() if self.place else None,
        }


@dataclass(frozen=True)
class FeedEntry:
    """One item of an RSS/Atom/JSON feed: where the story is, and what the feed carries of it.

    ``content`` is the full text when the item carries one (``content:encoded``,
    Atom ``content``, ``yandex:full-text``, JSON Feed ``content_html``), as
    HTML or plain text (``content_type``); ``summary`` is the description as
    the feed gave it. ``media`` are the item's ``media:*`` and enclosures,
    ``subjects`` its categories and tags, ``authors`` its ``author`` /
    ``dc:creator`` names.
    """

    guid: str | None
    link: str | None
    title: str | None
    summary: str | None
    published_at: datetime | None
    updated_at: datetime | None = None
    content: str | None = None
    content_type: str | None = None  # 'text/html' | 'text/plain'
    media: tuple[MediaItem, ...] = ()
    subjects: tuple[Subject, ...] = ()
    authors: tuple[str, ...] = ()


FeedKind = Literal["rss", "atom", "json"]


@dataclass
class FeedParseResult:
    """What a feed yielded; ``problem`` is set when the feed was malformed (bozo).

    ``expected_interval`` is how often the feed says it changes (RSS ``ttl``,
    ``sy:updatePeriod``); ``charset_note`` says how a feed whose bytes
    contradicted its declared charset was read.
    """

    entries: list[FeedEntry] = field(default_factory=list)
    title: str | None = None
    problem: str | None = None
    kind: FeedKind | None = None
    expected_interval: timedelta | None = None
    charset_note: str | None = None
