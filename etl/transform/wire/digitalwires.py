"""dpa digitalwires JSON (dpa's wireQ API, dpa-Weblines, dpa-Textfunk) -> stories.

A digitalwires entry is one "topicle": a text article, possibly with pictures
and sub-articles. Its fields, as dpa's format documentation names them:
``urn`` (the item id, stable across versions), ``entry_id`` (one delivery)
and ``version``, ``version_created`` / ``updated`` / ``firstcreated``, ``pubstatus`` (usable,
withheld, canceled), ``embargoed``, ``urgency``, ``language``, ``headline``,
``kicker``/``teaser``, ``byline``, ``dateline`` (sent apart from the text, to
be put in front of its first paragraph), ``article_html`` (the body as HTML: a
``section`` whose ``header`` repeats headline and teaser, ``dnl-image``
placeholders), ``categories``
(subjects and keywords with ``type`` and ``qcode``), ``ednotes``, ``signals``,
``links`` and ``associations`` (pictures: ``caption``, ``creditline``,
``renditions``). The wireQ API wraps entries in ``{"entries": [...]}`` and its
examples save one entry per file; both are read. Fields missing from an entry are left
empty rather than guessed.
"""

from __future__ import annotations

import re
from typing import Any, Final

from etl.errors import NotAStoryError
from etl.model import BodyBlock, CleanStory, MediaItem, Subject
from etl.transform.wire.body import read_body
from etl.transform.wire.ninjs import load_json
from etl.transform.wire.safe_xml import html_fragment, local_name
from etl.transform.wire.story import WireDraft, clean_text, finish, no_story_in, parse_int

# A dateline field that opens the text: an agency mark or a separator at its end.
# Sample: "Berlin (dpa) - ", "Hamburg (dpa/lno) -".
DATELINE_OPENER_RE: Final = re.compile(r"\([^()]{2,20}\)|[-–—:]\s*$")
# Category types that are keywords rather than subject codes.
KEYWORD_TYPES: Final = frozenset({"dnltype:keyword", "keyword", "dnltype:keywords"})
# Entry types that are not text stories.
NOT_TEXT_TYPES: Final = frozenset({"picture", "image", "video", "audio", "graphic"})

Entry = dict[str, Any]


def _text_field(entry: Entry, *names: str) -> str | None:
    for name in names:
        value = entry.get(name)
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
    return None


def _read_article_html(html: str, draft: WireDraft) -> None:
    """The body of ``article_html``: its ``header`` (headline, teaser) is not body."""
    root = html_fragment(html)
    for header in [e for e in root.iter() if local_name(e) == "header"]:
        headline = next((e for e in header.iter() if local_name(e) == "h1"), None)
        if headline is not None and not draft.headline:
            draft.headline = clean_text("".join(headline.itertext()))
        header.getparent().remove(header)
    read_body(root, draft)


def _prefix_dateline(draft: WireDraft) -> None:
    """A ``dateline`` field written to open the text (``Berlin (dpa) - ``) is put back
    in front of the first paragraph, where every reader's dateline is parsed from.

    dpa sends the dateline apart from ``article_html``; a bare place (``Dresden``)
    stays the dateline field.
    """
    dateline = clean_text(draft.dateline_text)
    first = next((i for i, b in enumerate(draft.blocks) if b.kind == "paragraph"), None)
    if not dateline or first is None or not DATELINE_OPENER_RE.search(dateline):
        return
    paragraph = draft.blocks[first]
    if not paragraph.text.startswith(dateline):
        draft.blocks[first] = BodyBlock("paragraph", f"{dateline} {paragraph.text}")
    draft.dateline_text = None


def _read_categories(entry: Entry, draft: WireDraft) -> None:
    for category in entry.get("categories") or []:
        if not isinstance(category, dict):
            continue
        kind = str(category.get("type") or "")
        name = clean_text(_text_field(category, "name", "label"))
        if kind in KEYWORD_TYPES:
            if name:
                draft.subjects.append(Subject(name=name, scheme="keyword"))
            continue
        code = _text_field(category, "qcode", "code", "uri")
        scheme = code.partition(":")[0] if code and ":" in code else (kind or None)
        if name or code:
            draft.subjects.append(Subject(name=name, code=code, scheme=scheme))


def _read_notes(entry: Entry, draft: WireDraft) -> None:
    for note in entry.get("ednotes") or []:
        text = note if isinstance(note, str) else _text_field(note, "ednote", "text", "value")
        if isinstance(note, dict) and note.get("name") in {"correction", "correctionshort"}:
            draft.signals.append("sig:correction")
        if text:
            draft.edit_notes.append(text)
    for signal in entry.get("signals") or []:
        text = signal if isinstance(signal, str) else _text_field(signal, "qcode", "name")
        if text:
            draft.signals.append(text)


def _read_pictures(entry: Entry, draft: WireDraft) -> None:
    for associated in entry.get("associations") or []:
        if not isinstance(associated, dict):
            continue
        renditions = [r for r in associated.get("renditions") or [] if isinstance(r, dict)]
        is_image = any(str(r.get("mimetype", "")).startswith("image/") for r in renditions)
        if associated.get("type", "image" if is_image else None) not in {"image", "picture"}:
            continue
        url = next((r.get("url") for r in renditions if isinstance(r, dict) and r.get("url")), None)
        draft.media.append(
            MediaItem(
                caption=clean_text(_text_field(associated, "caption", "headline")),
                credit=clean_text(_text_field(associated, "creditline", "byline")),
                url=url,
                media_type="image",
            )
        )


def read_entry(entry: Entry) -> CleanStory:
    """One digitalwires entry -> its story."""
    kind = str(entry.get("type") or "text").lower().rpartition(":")[2]
    if kind in NOT_TEXT_TYPES:
        raise NotAStoryError(f"digitalwires {kind} entry (not a text story)", kinds=(kind,))
    draft = WireDraft(
        format="digitalwires",
        headline=_text_field(entry, "headline", "title"),
        deck=_text_field(entry, "teaser", "kicker"),
        byline=_text_field(entry, "byline"),
        dateline_text=_text_field(entry, "dateline", "city"),
        language=_text_field(entry, "language"),
        agency_id=_text_field(entry, "urn", "id"),
        version=parse_int(_text_field(entry, "version")),
        first_created=_text_field(entry, "firstcreated", "first_created"),
        version_created=_text_field(entry, "version_created", "updated", "versioncreated"),
        embargo_until=_text_field(entry, "embargoed", "embargo"),
        pub_status=_text_field(entry, "pubstatus", "pub_status"),
        urgency=parse_int(_text_field(entry, "urgency")),
        slug=_text_field(entry, "slugline"),
    )
    draft.providers.extend(
        [_text_field(entry, "sender", "source", "copyright") or "", draft.agency_id or "", "dpa"]
    )
    html = _text_field(entry, "article_html", "text_html")
    if html:
        _read_article_html(html, draft)
    _prefix_dateline(draft)
    _read_categories(entry, draft)
    _read_notes(entry, draft)
    _read_pictures(entry, draft)
    for link in entry.get("links") or []:
        if isinstance(link, dict) and link.get("rel") in {"canonical", "alternate"}:
            draft.canonical_url = draft.canonical_url or _text_field(link, "href", "url")
    return finish(draft)


def read_digitalwires(data: bytes) -> list[CleanStory]:
    """Every text story of a digitalwires file (one entry, a list, or ``{"entries": [...]}``)."""
    decoded = load_json(data, "digitalwires")
    if isinstance(decoded, dict) and isinstance(decoded.get("entries"), list):
        entries = decoded["entries"]
    elif isinstance(decoded, list):
        entries = decoded
    else:
        entries = [decoded]
    stories: list[CleanStory] = []
    skipped: list[NotAStoryError] = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        try:
            stories.append(read_entry(entry))
        except NotAStoryError as reason:
            skipped.append(reason)
    if not stories:
        raise no_story_in(skipped, "digitalwires file has no entry")
    return stories
