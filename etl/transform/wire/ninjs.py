"""ninjs (News in JSON, IPTC) 1.x, 2.x and 3.x -> stories; AP Media API responses too.

The three generations name the same things differently, so every field is read
through one accessor that tries each spelling:

* 1.x: ``headline``, ``body_text``/``body_html``/``body_xhtml``,
  ``description_text``/``description_html``, ``subject``, ``byline``,
  ``versioncreated``, ``firstcreated``, ``pubstatus``, ``embargoed``;
* 2.x: ``headlines``/``bodies``/``descriptions`` as lists of ``{role,
  contenttype, value}``, ``subjects``, ``keywords``, ``by``, ``signals``;
* 3.x: the 2.x lists with camelCase names (``versionCreated``, ``pubStatus``,
  ``firstCreated``, ``edNote``, ``copyrightHolder``).

An AP Media API content response wraps the item in ``data.item`` (AP's ninjs
dialect: ``altids.itemid``, ``bylines``, ``headline_extended``,
``datelinelocation``, the story text as a NITF rendition, carried inline in a
``nitf`` key when the response has it). A JSON list, or an object with an
``items``/``entries`` list, is read item by item.

An item with no body but a description (a summary) comes back with that
summary as its one paragraph and ``text_source="feed_summary"``, as a feed item
without its page does; pictures, video, audio, graphics and events are not
stories (``NotAStoryError``).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Final

from etl.errors import NotAStoryError, WireFormatError
from etl.model import CleanStory, MediaItem, Subject
from etl.transform.wire.body import read_body
from etl.transform.wire.nitf import read_nitf_element
from etl.transform.wire.safe_xml import html_fragment, local_name, parse_xml
from etl.transform.wire.story import WireDraft, clean_text, finish, no_story_in, parse_int

# ninjs types that are not text stories.
NOT_TEXT_TYPES: Final = frozenset(
    {"picture", "video", "audio", "graphic", "event", "planning", "component", "image"}
)
# Headline roles that are the main headline (ninjs 2.x/3.x ``headlines[].role``).
MAIN_ROLES: Final = frozenset({"", "main", "headline", "default"})
# Description roles that are a summary, the deck (others are captions, notes).
SUMMARY_ROLES: Final = frozenset({"", "summary", "abstract", "teaser", "text", "lead", "ingress"})
# Largest JSON nesting accepted before decoding (a bomb of brackets costs recursion).
MAX_JSON_DEPTH: Final = 64

Item = dict[str, Any]


def _get(item: Item, *names: str) -> Any:
    """The first present, non-empty value among a field's spellings (1.x, 2.x, 3.x)."""
    for name in names:
        value = item.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _string(value: Any) -> str | None:
    """A field as text: strings as they are, ``{name|value|literal}`` objects by their name."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ("name", "value", "literal", "by", "city", "qcode", "uri"):
            if isinstance(value.get(key), str) and value[key].strip():
                return str(value[key])
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _role_values(entries: Any, roles: frozenset[str]) -> list[tuple[str, str]]:
    """``(contenttype, value)`` of 2.x/3.x list entries whose role is one of ``roles``."""
    if isinstance(entries, str):
        return [("text/plain", entries)]
    found: list[tuple[str, str]] = []
    for entry in entries if isinstance(entries, list) else []:
        if (
            isinstance(entry, dict)
            and isinstance(entry.get("value"), str)
            and str(entry.get("role") or "").lower().rpartition(":")[2] in roles
        ):
            found.append((str(entry.get("contenttype") or "text/plain"), entry["value"]))
    return found


def _check_depth(text: bytes) -> None:
    """WireFormatError for JSON nested deeper than ``MAX_JSON_DEPTH`` (cheap byte scan)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in text:
        if in_string:
            escaped = not escaped and byte == 0x5C
            if byte == 0x22 and not escaped:
                in_string = False
            elif byte != 0x5C:
                escaped = False
            continue
        if byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_JSON_DEPTH:
                raise WireFormatError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
        elif byte in (0x5D, 0x7D):
            depth -= 1


def load_json(data: bytes, fmt: str) -> Any:
    """Decoded JSON of a wire file, or WireFormatError."""
    _check_depth(data)
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise WireFormatError(f"malformed {fmt} JSON: {exc}") from exc


def _add_text(draft: WireDraft, contenttype: str, value: str) -> None:
    """A body or description in its content type: HTML/XHTML, NITF or plain text."""
    kind = contenttype.lower()
    if "nitf" in kind:
        read_nitf_element(parse_xml(value.encode("utf-8")), draft)
    elif "html" in kind or "xml" in kind or value.lstrip().startswith("<"):
        read_body(html_fragment(value), draft)
    else:
        text = value.replace("\r\n", "\n")
        for paragraph in text.split("\n\n" if "\n\n" in text else "\n"):
            draft.add_paragraph(paragraph)


def _read_body(item: Item, wrapper: Item, draft: WireDraft) -> None:
    """The body from the first field that has one; a NITF rendition carried inline last."""
    html = _get(item, "body_html", "body_xhtml", "body_html5", "bodyHtml")
    if isinstance(html, str):
        _add_text(draft, "text/html", html)
    elif bodies := _bodies(item):
        _add_text(draft, *bodies[0])
    elif isinstance(text := _get(item, "body_text", "bodyText"), str):
        _add_text(draft, "text/plain", text)
    elif isinstance(wrapper.get("nitf"), dict):  # an AP response with its rendition inline
        _read_body(wrapper["nitf"], {}, draft)
    elif isinstance(nitf := _get(item, "body_nitf") or wrapper.get("nitf"), str):
        nitf_root = parse_xml(nitf.encode("utf-8"))
        if local_name(nitf_root) == "nitf":
            headline = draft.headline
            read_nitf_element(nitf_root, draft)
            draft.headline = headline or draft.headline


def _bodies(item: Item) -> list[tuple[str, str]]:
    """2.x/3.x ``bodies``: any role but a caption's, HTML renditions first."""
    entries = _get(item, "bodies")
    bodies = [
        (str(e.get("contenttype") or "text/plain"), e["value"])
        for e in (entries if isinstance(entries, list) else [])
        if isinstance(e, dict) and isinstance(e.get("value"), str)
        and str(e.get("role") or "").lower() not in {"caption", "summary", "note"}
    ]  # fmt: skip
    return sorted(bodies, key=lambda body: "html" not in body[0].lower())


def _remote_text(item: Item) -> str | None:
    """Where a text body kept outside the item is (an AP ``renditions.nitf.href``)."""
    renditions = item.get("renditions")
    if not isinstance(renditions, dict):
        return None
    for name, rendition in renditions.items():
        if isinstance(rendition, dict) and (name == "nitf" or rendition.get("type") == "text"):
            return _string(rendition.get("href")) or name
    return None


def _read_headlines(item: Item, draft: WireDraft) -> None:
    draft.headline = _string(_get(item, "headline", "title"))
    headlines = _get(item, "headlines")
    if headlines:
        main = _role_values(headlines, MAIN_ROLES)
        draft.headline = main[0][1] if main else draft.headline
        subs = [v for v in _role_values(headlines, frozenset({"sub", "subheadline", "subhead"}))]
        draft.deck = subs[0][1] if subs else None
    draft.headline = draft.headline or _string(_get(item, "slugline", "slug"))
    summary = _get(item, "headline_extended", "subhead", "description_summary", "abstract")
    draft.deck = draft.deck or _string(summary)


def _descriptions(item: Item) -> list[tuple[str, str]]:
    text = _get(item, "description_html", "description_text")
    if isinstance(text, str):
        kind = "text/html" if item.get("description_html") else "text/plain"
        return [(kind, text)]
    return _role_values(_get(item, "descriptions"), SUMMARY_ROLES)


def _summary_text(item: Item) -> str | None:
    """The item's summary description as one line of text (HTML tags dropped)."""
    found = _descriptions(item)
    if not found:
        return None
    contenttype, value = found[0]
    if "html" in contenttype.lower():
        value = html_fragment(value).text_content()
    return clean_text(value)


def _read_byline(item: Item, draft: WireDraft) -> None:
    bylines = _get(item, "bylines")
    if isinstance(bylines, list):
        names = [_string(b) for b in bylines]
        draft.byline = ", ".join(n for n in names if n) or None
    draft.byline = draft.byline or _string(_get(item, "byline", "by"))


def _read_subjects(item: Item, draft: WireDraft) -> None:
    for subject in _get(item, "subject", "subjects") or []:
        if not isinstance(subject, dict):
            continue
        code = _string(subject.get("code") or subject.get("uri") or subject.get("qcode"))
        scheme = _string(subject.get("scheme") or subject.get("creator"))
        name = _string(subject.get("name"))
        if name or code:
            draft.subjects.append(Subject(name=name, code=code, scheme=scheme))
    keywords = _get(item, "keywords")
    for keyword in keywords if isinstance(keywords, list) else []:
        text = clean_text(_string(keyword))
        if text:
            draft.subjects.append(Subject(name=text, scheme="keyword"))


def _read_meta(item: Item, draft: WireDraft) -> None:
    altids: Item = item["altids"] if isinstance(item.get("altids"), dict) else {}
    draft.agency_id = _string(altids.get("itemid")) or _string(_get(item, "guid", "uri"))
    draft.version = parse_int(_string(item.get("version")))
    draft.first_created = _string(_get(item, "firstcreated", "firstCreated", "firstVersion"))
    draft.version_created = _string(_get(item, "versioncreated", "versionCreated"))
    draft.embargo_until = _string(_get(item, "embargoed", "embargoedUntil"))
    draft.pub_status = _string(_get(item, "pubstatus", "pubStatus", "status"))
    draft.urgency = parse_int(_string(_get(item, "urgency", "priority")))
    draft.language = _string(item.get("language"))
    draft.slug = _string(_get(item, "slugline", "slug"))
    located = _get(item, "located", "datelinelocation", "dateline")
    draft.dateline_text = _string(located)
    signals = _get(item, "signals", "signal") or []
    for signal in signals if isinstance(signals, list) else [signals]:
        text = _string(signal)
        if text:
            draft.signals.append(text)
    notes = _get(item, "ednote", "edNote", "ednotes", "edNotes") or []
    for note in notes if isinstance(notes, list) else [notes]:
        draft.edit_notes.append(_string(note) or "")
    for provider in (
        _get(item, "provider"),
        _get(item, "copyrightholder", "copyrightHolder"),
        *(_get(item, "infosource") or [] if isinstance(item.get("infosource"), list) else []),
        _get(item, "source"),
        draft.agency_id,
    ):
        draft.providers.append(_string(provider) or "")
    for link in _get(item, "links") or []:
        if isinstance(link, dict) and link.get("rel") == "canonical":
            draft.canonical_url = _string(link.get("href"))


def _read_media(item: Item, draft: WireDraft) -> None:
    """Pictures associated with the story: caption, credit, address."""
    associations = item.get("associations")
    values = associations.values() if isinstance(associations, dict) else associations or []
    for associated in values:
        if not isinstance(associated, dict) or associated.get("type") not in {"picture", "graphic"}:
            continue
        caption = _descriptions(associated)
        renditions = associated.get("renditions")
        url = None
        if isinstance(renditions, dict):
            url = next(
                (
                    str(r["href"])
                    for r in renditions.values()
                    if isinstance(r, dict) and r.get("href")
                ),
                None,
            )
        draft.media.append(
            MediaItem(
                caption=clean_text(caption[0][1])
                if caption
                else clean_text(_string(associated.get("headline"))),
                credit=clean_text(_string(_get(associated, "byline", "by", "creditline"))),
                url=url,
                media_type=str(associated.get("type")),
            )
        )


def read_ninjs_item(item: Item, wrapper: Item | None = None) -> CleanStory:
    """One ninjs object -> its story (NotAStoryError for media, events and empty items)."""
    kind = str(item.get("type") or "").lower()
    if kind in NOT_TEXT_TYPES:
        raise NotAStoryError(f"ninjs {kind} item (not a text story)", kinds=(kind,))
    draft = WireDraft(format="ninjs")
    _read_meta(item, draft)
    _read_headlines(item, draft)
    _read_byline(item, draft)
    _read_subjects(item, draft)
    _read_body(item, wrapper or {}, draft)
    _read_media(item, draft)
    summary_only = False
    if draft.blocks and not draft.deck:
        summary = _descriptions(item)
        draft.deck = (
            clean_text(summary[0][1])
            if summary and "html" not in summary[0][0]
            else (clean_text(html_fragment(summary[0][1]).text_content()) if summary else None)
        )
    if not draft.blocks:  # no body inline: the summary stands in, marked as a summary
        descriptions = _descriptions(item) or ([("text/plain", draft.deck)] if draft.deck else [])
        if descriptions:
            _add_text(draft, *descriptions[0])
            summary_only = bool(draft.blocks)
            if draft.deck and draft.blocks and clean_text(draft.deck) == draft.blocks[0].text:
                draft.deck = None
    if not draft.blocks and (remote := _remote_text(item)):
        raise NotAStoryError(
            f"ninjs text body is not inline (rendition at {remote})", kinds=("remote_text",)
        )
    story = finish(draft)
    return dataclasses.replace(story, text_source="feed_summary") if summary_only else story


def items_of(decoded: Any) -> list[tuple[Item, Item]]:
    """``(item, wrapper)`` pairs: a bare item, an AP ``data.item``, or a list of items."""
    if isinstance(decoded, list):
        return [(entry, {}) for entry in decoded if isinstance(entry, dict)]
    if not isinstance(decoded, dict):
        raise WireFormatError("ninjs JSON is neither an object nor a list")
    data = decoded.get("data")
    if isinstance(data, dict) and isinstance(data.get("item"), dict):
        return [(data["item"], decoded)]
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        return [(e.get("item", e), decoded) for e in data["items"] if isinstance(e, dict)]
    for key in ("items", "entries"):
        if isinstance(decoded.get(key), list):
            return [(entry, {}) for entry in decoded[key] if isinstance(entry, dict)]
    return [(decoded, {})]


def read_ninjs(data: bytes) -> list[CleanStory]:
    """Every text story of a ninjs file (one item, an AP response, or a list)."""
    stories: list[CleanStory] = []
    skipped: list[NotAStoryError] = []
    for item, wrapper in items_of(load_json(data, "ninjs")):
        try:
            stories.append(read_ninjs_item(item, wrapper))
        except NotAStoryError as reason:
            skipped.append(reason)
    if not stories:
        raise no_story_in(skipped, "ninjs file holds no item")
    return stories
