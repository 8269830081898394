"""One draft shape for every wire reader, and the one way a draft becomes a CleanStory.

Each reader (NITF, NewsML-G2, NewsML 1.2, ninjs, IPTC 7901 ...) only maps its
format's fields onto a ``WireDraft`` (the pages' and text dumps' ``StoryDraft``
with the wire's own fields); ``finish`` does the rest the same way for all of
them, so a story reads alike whatever format it came in:

* the dateline is split off the first body paragraph by the same
  ``draft.split_dateline`` as web pages (wire copy opens with it:
  ``WASHINGTON (AP) —``), not strict: an unparsable or impossible dateline
  is no error; when none parses there and the format has a dateline field of
  its own, that field is read with the same ``parse_dateline``;
* the agency is the dateline's agency, else the file's provider, through the
  same agency profiles (``etl.transform.agencies``) and ``providers``;
* times are tz-aware UTC; a time without an offset is read in the agency's
  home timezone (its profile), else as UTC;
* the status comes from ``pubStatus``/``management-status``, signals, the
  headline and the slug (``etl.transform.story_status``).

A draft with no text body is not a story (``NotAStoryError``) unless it is a
kill or withdrawal notice, which must reach the warehouse to kill the story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from etl.errors import NotAStoryError, WireFormatError
from etl.model import (
    BodyBlock,
    CleanStory,
    Dateline,
    PubStatus,
    StoryStatus,
    Subject,
    WireMeta,
)
from etl.transform.agencies import AGENCIES
from etl.transform.dateline import normalise_place, parse_dateline
from etl.transform.draft import StoryDraft, split_dateline
from etl.transform.rules import byline_names as rules_byline_names
from etl.transform.rules import signoff_of
from etl.transform.story_status import PRECEDENCE, detect_status, is_killed
from etl.transform.text_hygiene import fold_whitespace
from etl.transform.wire.providers import agency_from_provider

# An ISO 8601 time, extended or basic, as wire formats write it.
# Samples: "2017-06-29T10:32:00+02:00", "20210512T140007Z", "2021-05-12 14:00:07.123Z",
# "20170629T103200+0200", "2017-06-29".
ISO_TIME_RE: Final = re.compile(
    r"""^(?P<y>\d{4})-?(?P<mo>\d{2})-?(?P<d>\d{2})
        (?:[T\s](?P<h>\d{2}):?(?P<mi>\d{2})(?::?(?P<s>\d{2})(?:[.,]\d+)?)?)?
        \s*(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?$""",
    re.VERBOSE | re.IGNORECASE,
)

# The word that opens a byline field, in the wires' languages: "By Anna Petrova",
# "Von Anna Petrova", "Por Ana Pérez", "Par Anne Martin", "Av Anna Berg".
BYLINE_PREFIX_RE: Final = re.compile(r"^(?:by|von|por|par|di|door|av|af)\s+", re.IGNORECASE)

# Editors' initials in any script, as AFP's non-Latin desks sign: "ح س/ع ش", "ab/cd".
WIRE_INITIALS_RE: Final = re.compile(
    r"^[^\W\d_]{1,4}(?: [^\W\d_]{1,4})?(?:/[^\W\d_]{1,4}(?: [^\W\d_]{1,4})?)+$"
)
# At most this many closing lines are sign-offs (initials, an end mark, a credit).
MAX_SIGNOFF_LINES: Final = 3

# ASCII control characters other than whitespace. Sample: "\x01", "\x7f".
ASCII_CONTROL_RE: Final = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

# Headline text a format uses when it has none: drop these, they are not headlines.
PLACEHOLDER_HEADLINES: Final = frozenset({"", "-", "n/a", "none", "untitled", "no headline"})

# NewsML-G2 signals (``sig:correction``) and what they say about the story.
SIGNAL_STATUS: Final[dict[str, StoryStatus]] = {
    "correction": "corrected",
    "update": "updated",
    "upd": "updated",
}

# Publication statuses as formats write them -> the model's PubStatus.
# NITF management-status and NewsML 1.2 Status: usable, embargoed, withheld, canceled.
PUB_STATUS_NAMES: Final[dict[str, PubStatus]] = {
    "usable": "usable",
    "embargoed": "usable",
    "withheld": "withdrawn",
    "withdrawn": "withdrawn",
    "canceled": "canceled",
    "cancelled": "canceled",
    "kill": "canceled",
    "killed": "canceled",
}


@dataclass(kw_only=True)
class WireDraft(StoryDraft):
    """A story as a reader found it in an agency file, before it is normalised.

    The parts every reader fills (headline, deck, blocks, media, byline,
    sign-offs, URL, language) are ``StoryDraft``'s; these are the wire's own.
    ``agency`` and ``published_at`` stay unset: ``finish`` takes them from the
    providers, the dateline and the item's times.
    """

    format: str
    dateline_text: str | None = None  # the format's own dateline field, if any
    providers: list[str] = field(default_factory=list)  # provider ids/names, best first
    subjects: list[Subject] = field(default_factory=list)
    slug: str | None = None
    agency_id: str | None = None
    version: int | None = None
    first_created: str | None = None
    version_created: str | None = None
    embargo_until: str | None = None
    pub_status: str | None = None
    urgency: int | None = None
    signals: list[str] = field(default_factory=list)
    edit_notes: list[str] = field(default_factory=list)

    def add_paragraph(self, text: str | None, kind: str = "paragraph") -> None:
        """Append one block of folded text, skipping empty ones."""
        folded = fold_text(text) if text else ""
        if folded:
            self.blocks.append(
                BodyBlock("subheading" if kind == "subheading" else "paragraph", folded)
            )


def fold_text(text: str) -> str:
    """One line of text: the hygiene's ``fold_whitespace``, with a fast path for plain ASCII.

    ASCII text cannot carry mojibake, invisible or non-NFC characters, so only
    its control characters and whitespace runs need folding (wire XML is
    mostly such short fields: ids, codes, English paragraphs).
    """
    if text.isascii():
        return " ".join(ASCII_CONTROL_RE.sub("", text).split())
    return fold_whitespace(text)


def clean_text(text: str | None) -> str | None:
    """One line of folded text, or None when nothing visible is left."""
    if text is None:
        return None
    folded = fold_text(text)
    return folded or None


def parse_int(text: str | None) -> int | None:
    """An integer field (version, urgency) or None when absent or not a number."""
    if text is None:
        return None
    digits = text.strip().rpartition(":")[2]  # "urg:3" -> "3"
    return int(digits) if digits.isdigit() and len(digits) < 10 else None


def _agency_zone(agency: str | None) -> timezone | ZoneInfo:
    """The timezone an agency's unqualified times are in: its home zone, else UTC."""
    profile = AGENCIES.get(agency or "")
    if profile is None:
        return UTC
    try:
        return ZoneInfo(profile.home_timezone)
    except ZoneInfoNotFoundError:
        return UTC


def parse_wire_time(text: str | None, agency: str | None = None) -> datetime | None:
    """An ISO 8601 time (extended or basic) as UTC; None when absent or unreadable."""
    if not text:
        return None
    match = ISO_TIME_RE.match(text.strip())
    if match is None:
        return None
    parts = match.groupdict()
    try:
        moment = datetime(
            int(parts["y"]),
            int(parts["mo"]),
            int(parts["d"]),
            int(parts["h"] or 0),
            int(parts["mi"] or 0),
            int(parts["s"] or 0),
        )
    except ValueError:
        return None
    offset = parts["tz"]
    if offset is None:
        return moment.replace(tzinfo=_agency_zone(agency)).astimezone(UTC)
    if offset.upper() == "Z":
        return moment.replace(tzinfo=UTC)
    digits = offset[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:4] or 0)
    if minutes >= 24 * 60:
        return None
    sign = -1 if offset[0] == "-" else 1
    return moment.replace(tzinfo=timezone(sign * timedelta(minutes=minutes))).astimezone(UTC)


def _field_dateline(text: str, reference: datetime | None, agency: str | None) -> Dateline:
    """The format's own dateline field as a Dateline, parsed where it parses."""
    parsed = parse_dateline(text, reference.date() if reference else None)
    if parsed is not None:
        return parsed
    place, _, region = text.partition(",")
    return Dateline(
        raw=text,
        place=normalise_place(place.strip()) or None,
        region=None if any(ch.isdigit() for ch in region) else (region.strip() or None),
        month=None,
        day=None,
        year=None,
        agency=agency,
        body_offset=0,
    )


def _split_signoffs(blocks: list[BodyBlock]) -> tuple[list[BodyBlock], list[str]]:
    """Closing paragraphs that are sign-offs (``ach/gd``, ``(END)``, ``Reporting by ...``)."""
    signoffs: list[str] = []
    kept = list(blocks)
    while kept and len(signoffs) < MAX_SIGNOFF_LINES and kept[-1].kind == "paragraph":
        found = signoff_of(kept[-1].text) or (
            kept[-1].text if WIRE_INITIALS_RE.match(kept[-1].text) else None
        )
        if found is None:
            break
        signoffs.insert(0, found)
        kept.pop()
    return kept, signoffs


def _byline(text: str | None) -> str | None:
    """A byline field's names without the opening "By"."""
    folded = clean_text(text)
    return clean_text(BYLINE_PREFIX_RE.sub("", folded)) if folded else None


def _status(draft: WireDraft, headline: str) -> tuple[StoryStatus, PubStatus | None]:
    """The story's status and its publication status, from every field that says one."""
    raw = (draft.pub_status or "").strip().lower().rpartition(":")[2]
    pub_status = PUB_STATUS_NAMES.get(raw)
    status = detect_status(headline, draft.slug, "canceled" if pub_status == "canceled" else None)
    candidates: list[StoryStatus] = [status]
    if pub_status == "withdrawn":
        candidates.append("withdrawn")
    if pub_status == "canceled":
        candidates.append("killed")
    for signal in draft.signals:
        named = SIGNAL_STATUS.get(signal.lower().rpartition(":")[2])
        if named:
            candidates.append(named)
    return max(candidates, key=PRECEDENCE.__getitem__), pub_status


def no_story_in(skipped: list[NotAStoryError], default: str) -> NotAStoryError:
    """One NotAStoryError for a file whose every item was skipped: reasons and kinds joined."""
    reasons = "; ".join(dict.fromkeys(str(error) for error in skipped)) or default
    kinds = tuple(dict.fromkeys(kind for error in skipped for kind in error.kinds))
    return NotAStoryError(reasons, kinds=kinds or ("empty",))


def finish(draft: WireDraft) -> CleanStory:
    """A reader's draft -> the CleanStory every path produces (see the module doc)."""
    headline = clean_text(draft.headline)
    if headline and headline.casefold() in PLACEHOLDER_HEADLINES:
        headline = None
    agency = agency_from_provider(*draft.providers)
    first = parse_wire_time(draft.first_created, agency)
    latest = parse_wire_time(draft.version_created, agency)
    published = first or latest
    dateline, blocks = split_dateline(
        draft.blocks, published.date() if published else None, strict=False
    )
    if dateline is None and draft.dateline_text and clean_text(draft.dateline_text):
        dateline = _field_dateline(clean_text(draft.dateline_text) or "", published, agency)
    if dateline is not None and dateline.agency:
        agency = dateline.agency
    if blocks and headline and blocks[0].text.casefold() == headline.casefold():
        blocks = blocks[1:]  # the body repeats the headline (an XHTML h1)
    blocks, signoffs = _split_signoffs(blocks)
    byline = _byline(draft.byline)
    if byline and signoff_of(byline) and not rules_byline_names(byline):
        signoffs.insert(0, byline)  # editors' initials in the byline field: "cae/tcr"
        byline = None
    if headline is None:  # a slug, else a crosshead opening the body, stands in
        headline = clean_text(draft.slug) or next(
            (b.text for b in blocks[:1] if b.kind == "subheading"), None
        )
    status, pub_status = _status(draft, headline or "")
    if not blocks and not is_killed(status):
        raise NotAStoryError(f"{draft.format} item has no body text", kinds=("empty",))
    if headline is None:
        raise WireFormatError(f"{draft.format} text item has neither headline nor slug")
    return CleanStory(
        headline=headline,
        deck=clean_text(draft.deck),
        blocks=tuple(blocks),
        dateline=dateline,
        agency=agency,
        byline=byline,
        signoff=clean_text("; ".join(filter(None, [*draft.signoffs, *signoffs]))),
        media=tuple(draft.media),
        published_at=published,
        canonical_url=draft.canonical_url,
        language=clean_text(draft.language),
        status=status,
        subjects=tuple(dict.fromkeys(draft.subjects)),
        text_source="wire",
        wire=WireMeta(
            agency_id=clean_text(draft.agency_id),
            version=draft.version,
            first_created=first,
            version_created=latest,
            pub_status=pub_status,
            urgency=draft.urgency,
            embargo_until=parse_wire_time(draft.embargo_until, agency),
            signals=tuple(dict.fromkeys(draft.signals)),
            edit_notes=tuple(n for n in (clean_text(x) for x in draft.edit_notes) if n),
            format=draft.format,
        ),
    )
