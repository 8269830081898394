"""NewsML 1.2 (IPTC, 2003) -> stories: one per text ``NewsItem``.

Read from the NewsML 1.2 specification:

* ``NewsML`` is an envelope (``NewsEnvelope`` + ``NewsItem``\\*); a file may also
  be one bare ``NewsItem``;
* ``Identification/NewsIdentifier``: ``ProviderId``, ``DateId``, ``NewsItemId``,
  ``RevisionId`` (the version), ``PublicIdentifier``
  (``urn:newsml:ProviderId:DateId:NewsItemId:RevisionId``: the story id is it
  without the revision, so every revision is one story); ``NameLabel`` (slug);
* ``NewsManagement``: ``FirstCreated``, ``ThisRevisionCreated``, ``Status``
  (Usable, Embargoed, Withheld, Canceled), ``Urgency``, ``StatusWillChange``
  (``FutureStatus`` + ``DateAndTime``: when an embargo lifts), ``Instruction``;
* ``NewsComponent`` (nested): ``NewsLines`` (``HeadLine``, ``SubHeadLine``,
  ``ByLine``, ``DateLine``, ``CreditLine``, ``SlugLine``, ``KeywordLine``,
  ``NewsLine`` advisories), ``AdministrativeMetadata/Provider/Party``,
  ``DescriptiveMetadata`` (``Language``, ``SubjectCode``, keywords), and
  ``ContentItem`` (``MediaType`` Text/Photo/..., ``DataContent`` with NITF,
  XHTML or plain text, ``@Href`` for media).

AFP's Arabic (and other) desks repeat the item's slug as the first line of the
text; a paragraph equal to the slug or name label is not body.
"""

from __future__ import annotations

import re
from typing import Final

from etl.errors import NotAStoryError, WireFormatError
from etl.model import CleanStory, MediaItem, Subject
from etl.transform.wire.body import read_body
from etl.transform.wire.nitf import XML_LANG, read_nitf_element
from etl.transform.wire.safe_xml import Element, html_fragment, local_name, parse_xml
from etl.transform.wire.story import WireDraft, clean_text, finish, no_story_in, parse_int

# Media types of a ContentItem that hold text.
TEXT_MEDIA: Final = frozenset({"text", "complexdata"})
# Component roles that are never the story's body: a headline or contact box
# repeated as XHTML, a style sheet, a logo (Business Wire sends all of these).
NOT_BODY_ROLES: Final = frozenset(
    {"headline", "stylesheet", "logo", "contact", "contacts", "byline", "thumbnail", "preview",
     "quicklook", "caption", "title"}
)  # fmt: skip
# Media types of a ContentItem that are pictures.
PHOTO_MEDIA: Final = frozenset({"photo", "picture", "graphic", "image"})
# Component roles whose text is the headline (used when NewsLines has none).
TITLE_ROLES: Final = frozenset({"headline", "title"})
# Component roles whose text is the story's summary: the deck.
SUMMARY_ROLES: Final = frozenset({"abstract", "summary", "teaser"})
# Mime types of text ContentItems (style sheets and PDFs are not story text).
TEXT_MIME_TYPES: Final = frozenset(
    {"text/plain", "text/html", "text/xhtml", "application/xhtml+xml", "text/vnd.iptc.nitf",
     "application/nitf+xml", "text/xml"}
)  # fmt: skip
# NewsLine types whose text is an editor's note (AFP: "UPDATES with ...", "CORRECTS ...").
ADVISORY_LINE_TYPES: Final = frozenset({"advisoryline", "editorialnote", "ednote", "advisory"})
# The revision suffix of a PublicIdentifier: ":3", ":3A", ":1N". Sample: "...:TX-PAR-NBK16:1".
REVISION_SUFFIX_RE: Final = re.compile(r":\d+[A-Z]?$")
# Escaped HTML inside a text DataContent. Sample: "<p>Text</p>", "<h1>Title</h1>".
MARKUP_RE: Final = re.compile(r"<(?:p|h[1-6]|div|br|ul|li|b|strong)\b[^>]*>", re.IGNORECASE)
# Instruction names that announce a correction, update or kill.
INSTRUCTION_SIGNALS: Final[dict[str, str]] = {
    "correction": "sig:correction",
    "rectify": "sig:correction",
    "update": "sig:update",
    "kill": "kill",
    "lift": "",
}


def _child(element: Element | None, name: str) -> Element | None:
    if element is None:
        return None
    return next((child for child in element if local_name(child) == name), None)


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local_name(child) == name]


def _text(element: Element | None) -> str | None:
    return clean_text("".join(element.itertext())) if element is not None else None


def _formal(element: Element | None) -> str | None:
    return element.get("FormalName") if element is not None else None


def _read_identification(identification: Element, draft: WireDraft) -> None:
    identifier = _child(identification, "NewsIdentifier")
    if identifier is not None:
        provider = _text(_child(identifier, "ProviderId"))
        draft.providers.append(provider or "")
        public = _text(_child(identifier, "PublicIdentifier"))
        parts = [
            provider,
            _text(_child(identifier, "DateId")),
            _text(_child(identifier, "NewsItemId")),
        ]
        if public:
            draft.agency_id = REVISION_SUFFIX_RE.sub("", public)
        elif all(parts):
            draft.agency_id = "urn:newsml:" + ":".join(p for p in parts if p)
        draft.version = parse_int(_text(_child(identifier, "RevisionId")))
    draft.slug = draft.slug or _text(_child(identification, "NameLabel"))


def _read_management(management: Element, draft: WireDraft) -> None:
    for child in management:
        name = local_name(child)
        if name == "FirstCreated":
            draft.first_created = _text(child)
        elif name == "ThisRevisionCreated":
            draft.version_created = _text(child)
        elif name == "Status":
            draft.pub_status = _formal(child)
        elif name == "Urgency":
            draft.urgency = parse_int(_formal(child))
        elif name == "StatusWillChange":
            future = (_formal(_child(child, "FutureStatus")) or "").lower()
            if future == "usable" and (draft.pub_status or "").lower() == "embargoed":
                draft.embargo_until = _text(_child(child, "DateAndTime"))
        elif name == "Instruction":
            signal = INSTRUCTION_SIGNALS.get((_formal(child) or "").lower())
            if signal == "kill":
                draft.pub_status = "canceled"
            elif signal:
                draft.signals.append(signal)


def _read_news_lines(lines: Element, draft: WireDraft) -> None:
    for child in lines:
        name = local_name(child)
        if name == "HeadLine" and not draft.headline:
            draft.headline = _text(child)
        elif name == "SubHeadLine" and not draft.deck:
            draft.deck = _text(child)
        elif name == "ByLine" and not draft.byline:
            draft.byline = _text(child)
        elif name == "DateLine" and not draft.dateline_text:
            draft.dateline_text = _text(child)
        elif name == "SlugLine":
            draft.slug = _text(child) or draft.slug
        elif name == "KeywordLine":
            keyword = _text(child)
            if keyword:
                draft.subjects.append(Subject(name=keyword, scheme="keyword"))
        elif name == "NewsLine":
            kind = (_formal(_child(child, "NewsLineType")) or "").lower()
            if kind in ADVISORY_LINE_TYPES:
                draft.edit_notes.append(_text(_child(child, "NewsLineText")) or "")


def _read_descriptive(meta: Element, draft: WireDraft) -> None:
    for child in meta:
        name = local_name(child)
        if name == "Language" and not draft.language:
            draft.language = _formal(child)
        elif name == "SubjectCode":
            for subject in child:
                code = _formal(subject)
                if code:
                    draft.subjects.append(
                        Subject(name=subject.get("cat"), code=f"subj:{code}", scheme="subj")
                    )
        elif name == "Property" and (_formal(child) or "").lower() == "keyword":
            value = clean_text(child.get("Value"))
            if value:
                draft.subjects.append(Subject(name=value, scheme="keyword"))


def _media_type(item: Element) -> str:
    """What a ContentItem is: its MediaType, else guessed from MimeType and Format.

    ``MediaType`` is optional in NewsML 1.2 (Business Wire and others leave it
    out): ``text/html`` or a NITF/XHTML format is text, ``image/*`` a photo.
    """
    declared = (_formal(_child(item, "MediaType")) or "").lower()
    if declared:
        return declared
    mime = (_formal(_child(item, "MimeType")) or "").lower()
    fmt = (_formal(_child(item, "Format")) or "").lower()
    if mime.startswith("image/"):
        return "photo"
    if mime in TEXT_MIME_TYPES or any(word in fmt for word in ("nitf", "xhtml", "html")):
        return "text"
    return mime


def _read_text_content(item: Element, draft: WireDraft) -> bool:
    """Body from a text ContentItem's DataContent; whether any text was there."""
    data = _child(item, "DataContent")
    if data is None:
        return False
    before = len(draft.blocks)
    inner = [child for child in data if local_name(child)]
    if inner and local_name(inner[0]) == "nitf":
        envelope = (draft.headline, draft.agency_id, draft.version, draft.slug)
        read_nitf_element(inner[0], draft)  # the envelope's ids and lines outrank NITF's
        draft.headline = envelope[0] or draft.headline
        draft.agency_id = envelope[1] or draft.agency_id
        draft.version = envelope[2] if envelope[2] is not None else draft.version
        draft.slug = envelope[3] or draft.slug
    elif inner:
        body = next((e for e in data.iter() if local_name(e) == "body"), None)
        read_body(body if body is not None else data, draft)
    elif MARKUP_RE.search(data.text or ""):  # HTML sent as escaped text
        read_body(html_fragment(data.text or ""), draft)
    else:
        text = (data.text or "").replace("\r\n", "\n")
        chunks = text.split("\n\n") if "\n\n" in text.strip() else text.split("\n")
        for chunk in chunks:
            draft.add_paragraph(chunk)
    return len(draft.blocks) > before


def _photo_of(component: Element) -> MediaItem | None:
    """A picture component: its image's address, its caption text and credit line."""
    url = caption = None
    for item in component.iter():
        if local_name(item) != "ContentItem":
            continue
        kind = _media_type(item)
        if kind in PHOTO_MEDIA and url is None:
            url = item.get("Href")
        elif kind in TEXT_MEDIA and caption is None:
            caption = _text(_child(item, "DataContent"))
    credit = next((_text(e) for e in component.iter() if local_name(e) == "CreditLine"), None)
    caption = caption or next(
        (_text(e) for e in component.iter() if local_name(e) == "HeadLine"), None
    )
    if url is None and caption is None:
        return None
    return MediaItem(caption=caption, credit=credit, url=url, media_type="image")


def _role(component: Element | None) -> str:
    return (_formal(_child(component, "Role")) or "").lower()


def _has_body_text(component: Element) -> bool:
    """Whether a component holds text that is body (not a caption, headline or contact box)."""
    return any(
        local_name(item) == "ContentItem"
        and _media_type(item) in TEXT_MEDIA
        and _role(item.getparent()) not in NOT_BODY_ROLES
        for item in component.iter()
    )


def _is_photo_component(component: Element) -> bool:
    """A picture (with its caption and credit), not a part of the story's text."""
    has_photo = any(
        local_name(item) == "ContentItem" and _media_type(item) in PHOTO_MEDIA
        for item in component.iter()
    )
    return has_photo and not _has_body_text(component)


def _read_component(component: Element, draft: WireDraft) -> bool:
    """One NewsComponent: its lines and metadata, its text, then its sub-components.

    Returns whether it gave body text. Several ContentItems of one component,
    and sub-components under a ``BasisForChoice``, are renditions of the same
    thing: the first that gives text is read. Other sub-components are parts
    (a lead, then a body) and are all read, in order.
    """
    found = False
    alternatives = _child(component, "BasisForChoice") is not None
    for child in component:
        name = local_name(child)
        if name == "NewsLines":
            _read_news_lines(child, draft)
        elif name == "AdministrativeMetadata":
            _read_providers(child, draft)
        elif name == "DescriptiveMetadata":
            _read_descriptive(child, draft)
        elif name == "ContentItem" and not found and _media_type(child) in TEXT_MEDIA:
            found = _read_text_content(child, draft)
        elif name == "NewsComponent" and not (alternatives and found):
            found = _read_sub_component(child, draft) or found
    return found


def _read_providers(metadata: Element, draft: WireDraft) -> None:
    """Provider and Source parties, ahead of the ProviderId domain."""
    for party in metadata.iter():
        if local_name(party) == "Party" and local_name(party.getparent()) in {"Provider", "Source"}:
            draft.providers.insert(0, _formal(party) or "")


def _read_sub_component(component: Element, draft: WireDraft) -> bool:
    """A part by its Role: summary (deck), title (headline), picture (media) or text."""
    role = _role(component)
    photo = _photo_of(component) if _is_photo_component(component) else None
    if photo is not None:  # a picture with its caption: media, not body
        draft.media.append(photo)
    elif role in SUMMARY_ROLES:
        draft.deck = draft.deck or _component_text(component)
    elif role in TITLE_ROLES:  # a headline sent as a component
        draft.headline = draft.headline or _component_text(component)
    elif role not in NOT_BODY_ROLES and not _is_photo_component(component):
        return _read_component(component, draft)
    return False


def _component_text(component: Element) -> str | None:
    """The text of a component's first DataContent, on one line."""
    return _text(next((e for e in component.iter() if local_name(e) == "DataContent"), None))


def _drop_slug_paragraphs(draft: WireDraft) -> None:
    """AFP desks (Arabic above all) open the text with the slug: it is not body."""
    slugs = {s.casefold() for s in (clean_text(draft.slug),) if s}
    while draft.blocks and draft.blocks[0].text.casefold() in slugs:
        del draft.blocks[0]


def read_news_item(item: Element, envelope_language: str | None = None) -> CleanStory:
    """One NewsItem -> its story; NotAStoryError when it carries no text."""
    draft = WireDraft(format="newsml-1.2", language=item.get(XML_LANG) or envelope_language)
    found = False
    for part in item:
        name = local_name(part)
        if name == "Identification":
            _read_identification(part, draft)
        elif name == "NewsManagement":
            _read_management(part, draft)
        elif name == "NewsComponent":
            found = _read_component(part, draft) or found
    if not found and not draft.blocks:
        kinds = {_media_type(e) for e in item.iter() if local_name(e) == "ContentItem"} - {""}
        if kinds & PHOTO_MEDIA or (kinds and not kinds & TEXT_MEDIA):
            raise NotAStoryError(
                f"newsml-1.2 {'/'.join(sorted(kinds))} item (media, not a text story)",
                kinds=tuple(sorted(kinds - TEXT_MEDIA)),
            )
    _drop_slug_paragraphs(draft)
    return finish(draft)


def read_newsml_1(data: bytes) -> list[CleanStory]:
    """Every text story of a NewsML 1.2 file."""
    root = parse_xml(data)
    name = local_name(root)
    if name == "NewsItem":
        return [read_news_item(root)]
    if name != "NewsML":
        raise WireFormatError(f"not NewsML 1.2: root element is <{name}>")
    stories: list[CleanStory] = []
    skipped: list[NotAStoryError] = []
    for item in _children(root, "NewsItem"):
        try:
            stories.append(read_news_item(item, root.get(XML_LANG)))
        except NotAStoryError as reason:
            skipped.append(reason)
    if not stories:
        raise no_story_in(skipped, "NewsML file holds no NewsItem")
    return stories
