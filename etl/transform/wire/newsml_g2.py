"""NewsML-G2 (IPTC) news items, packages and news messages -> stories.

Read from the NewsML-G2 specification (NAR namespace
``http://iptc.org/std/nar/2006-10-01/``), not from one agency's habits:

* ``newsItem@guid`` / ``@version``: the agency's id and version;
* ``itemMeta``: ``itemClass@qcode`` (``ninat:text`` is a story; ``ninat:picture``,
  ``video``, ``audio``, ``graphic`` are media, not stories), ``provider``,
  ``firstCreated``, ``versionCreated``, ``embargoed``, ``pubStatus``
  (``stat:usable``/``withheld``/``canceled``), ``signal`` (``sig:correction``,
  ``sig:update``), ``edNote``, ``title``;
* ``contentMeta``: ``headline`` (by ``@role``: main, else the first), ``description``
  (``drol:summary`` is the deck), ``slugline``, ``dateline``, ``located``, ``by``
  / ``creator``, ``subject``, ``keyword``, ``urgency``, ``language@tag``;
* ``contentSet``: ``inlineXML`` with XHTML or NITF, ``inlineData`` with plain
  text, ``remoteContent`` (text kept elsewhere: not readable here);
* ``packageItem``: groups of references, no text of its own (not a story);
* ``newsMessage``: an envelope; each item of its ``itemSet`` is read. Its
  picture, video and graphic items are not stories but the stories' media:
  each goes to the text story a package groups it with, else to the one
  text story of the message (caption from ``description`` role
  ``drol:caption`` or the headline, credit from ``creditline``, URL from
  the best ``remoteContent``); with several text stories and no package
  saying which, a picture is attached to none.
"""

from __future__ import annotations

import dataclasses
from typing import Final

from etl.errors import NotAStoryError, WireFormatError
from etl.model import CleanStory, MediaItem, Subject
from etl.transform.wire.body import read_body
from etl.transform.wire.nitf import XML_LANG, read_nitf_element
from etl.transform.wire.safe_xml import Element, local_name, parse_xml
from etl.transform.wire.story import WireDraft, clean_text, finish, no_story_in, parse_int

# Item classes that are media, not text stories (``ninat:`` scheme and its URI form).
MEDIA_CLASSES: Final = frozenset({"picture", "video", "audio", "graphic", "animation", "image"})
# Item classes that carry text.
TEXT_CLASSES: Final = frozenset({"text", "composite"})
# Headline roles that name the main headline; others (sub, short) are decks at best.
MAIN_HEADLINE_ROLES: Final = frozenset({"", "main", "hlrole:main", "hld:main"})
# Description roles that are a summary (the deck), per the IPTC description-role scheme.
SUMMARY_ROLES: Final = frozenset({"drol:summary", "drol:abstract", "drol:teaser", "summary"})
# Description roles that are a picture's caption.
CAPTION_ROLES: Final = frozenset({"drol:caption", "caption"})
# Renditions of a picture, best first (IPTC rendition scheme ``rnd:``); others after.
RENDITION_PREFERENCE: Final = ("rnd:highres", "rnd:web", "rnd:preview", "rnd:thumbnail")
# Content types of inline text, best first.
XHTML_TYPES: Final = ("application/xhtml+xml", "text/html")
NITF_TYPES: Final = ("application/nitf+xml",)


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local_name(child) == name]


def _child(element: Element | None, name: str) -> Element | None:
    if element is None:
        return None
    return next((child for child in element if local_name(child) == name), None)


def _text(element: Element | None) -> str | None:
    return clean_text("".join(element.itertext())) if element is not None else None


def _qcode_tail(qcode: str | None) -> str:
    """The code after the scheme: ``ninat:text`` -> ``text``; URIs give their last part."""
    value = (qcode or "").strip()
    return value.rstrip("/").rpartition("/")[2].rpartition(":")[2].lower()


def _named(element: Element) -> str | None:
    """A concept's name: its ``name`` child, else ``@literal``, else the qcode."""
    return _text(_child(element, "name")) or element.get("literal") or element.get("qcode")


def item_class(item: Element) -> str:
    """``text``, ``picture``, ... from ``itemMeta/itemClass@qcode`` (``text`` if absent)."""
    item_class_element = _child(_child(item, "itemMeta"), "itemClass")
    if item_class_element is None:
        return "text"
    return _qcode_tail(item_class_element.get("qcode") or item_class_element.get("uri"))


def _read_item_meta(meta: Element, draft: WireDraft) -> None:
    for child in meta:
        name = local_name(child)
        if name == "provider":
            draft.providers.insert(0, child.get("qcode") or child.get("literal") or "")
            draft.providers.append(_named(child) or "")
        elif name == "firstCreated":
            draft.first_created = _text(child)
        elif name == "versionCreated":
            draft.version_created = _text(child)
        elif name == "embargoed":
            draft.embargo_until = _text(child)
        elif name == "pubStatus":
            draft.pub_status = child.get("qcode") or _text(child)
        elif name == "signal":
            draft.signals.append(child.get("qcode") or child.get("uri") or "")
        elif name == "edNote" and not any(local_name(c) for c in child):
            if "nonpublic" not in (child.get("pubconstraint") or ""):
                draft.edit_notes.append(_text(child) or "")
        elif name == "title" and not draft.headline:
            draft.headline = _text(child)


def _read_headlines(meta: Element, draft: WireDraft) -> None:
    headlines = [(child.get("role") or "", _text(child)) for child in _children(meta, "headline")]
    main = [text for role, text in headlines if text and role.lower() in MAIN_HEADLINE_ROLES]
    others = [text for role, text in headlines if text and role.lower() not in MAIN_HEADLINE_ROLES]
    first = main[0] if main else (others.pop(0) if others else None)
    draft.headline = first or draft.headline
    if others and not draft.deck:
        draft.deck = others[0]


def _read_content_meta(meta: Element, draft: WireDraft) -> None:
    _read_headlines(meta, draft)
    for child in meta:
        name = local_name(child)
        if name == "description" and (child.get("role") or "").lower() in SUMMARY_ROLES:
            draft.deck = draft.deck or _text(child)
        elif name == "slugline":
            draft.slug = _text(child)
        elif name == "dateline":
            draft.dateline_text = _text(child) or draft.dateline_text
        elif name == "located" and not draft.dateline_text:
            draft.dateline_text = _named(child)
        elif name == "by":
            draft.byline = draft.byline or _text(child)
        elif name == "urgency":
            draft.urgency = parse_int(_text(child))
        elif name == "language":
            draft.language = child.get("tag") or draft.language
        elif name == "subject":
            code = child.get("qcode") or child.get("uri")
            scheme = code.partition(":")[0] if code and ":" in code else None
            draft.subjects.append(
                Subject(name=_text(_child(child, "name")), code=code, scheme=scheme)
            )
        elif name == "keyword":
            keyword = _text(child)
            if keyword:
                draft.subjects.append(Subject(name=keyword, scheme="keyword"))
        elif name == "contentCreated":
            draft.first_created = draft.first_created or _text(child)
        elif name == "contentModified":
            draft.version_created = draft.version_created or _text(child)
        elif name == "creator" and not draft.byline:
            draft.byline = _text(_child(child, "name"))


def _read_inline_xml(inline: Element, draft: WireDraft) -> None:
    """XHTML (its ``body``) or NITF inside ``inlineXML``."""
    for root in inline:
        name = local_name(root)
        if name == "nitf":
            read_nitf_element(root, draft)
            return
        if name == "html":
            body = _child(root, "body")
            read_body(body if body is not None else root, draft)
        elif name:
            read_body(inline, draft)
            return


def _drop_repeated_headline(draft: WireDraft) -> None:
    """A body that opens with the headline again (an XHTML ``h1``) loses that block."""
    if draft.blocks and draft.headline and draft.blocks[0].text == clean_text(draft.headline):
        del draft.blocks[0]


def _read_content_set(content_set: Element, draft: WireDraft) -> None:
    """The first readable rendition: XHTML, then NITF, then plain text."""
    renditions = list(content_set)
    for wanted in (XHTML_TYPES, NITF_TYPES):
        for rendition in renditions:
            kind = (rendition.get("contenttype") or "").split(";")[0].strip().lower()
            if local_name(rendition) == "inlineXML" and kind in wanted:
                _read_inline_xml(rendition, draft)
                _drop_repeated_headline(draft)
                return
    for rendition in renditions:
        if local_name(rendition) == "inlineXML":
            _read_inline_xml(rendition, draft)
            _drop_repeated_headline(draft)
            return
        if local_name(rendition) == "inlineData":
            for paragraph in (rendition.text or "").replace("\r\n", "\n").split("\n\n"):
                draft.add_paragraph(paragraph)
            return
    remote = next((r for r in renditions if local_name(r) == "remoteContent"), None)
    if remote is not None:
        raise NotAStoryError(
            f"newsml-g2 text item holds only remote content ({remote.get('href') or 'no href'})",
            kinds=("remote_text",),
        )


def read_news_item(item: Element) -> CleanStory:
    """One ``newsItem`` -> its story; NotAStoryError for media items and empty items."""
    kind = item_class(item)
    if kind in MEDIA_CLASSES:
        raise NotAStoryError(f"newsml-g2 {kind} item (media, not a text story)", kinds=(kind,))
    draft = WireDraft(
        format="newsml-g2",
        agency_id=item.get("guid"),
        version=parse_int(item.get("version")),
        language=item.get(XML_LANG),
    )
    for part in item:
        name = local_name(part)
        if name == "itemMeta":
            _read_item_meta(part, draft)
        elif name == "contentMeta":
            _read_content_meta(part, draft)
        elif name == "rightsInfo":
            holder = _child(part, "copyrightHolder")
            if holder is not None:
                draft.providers.append(holder.get("qcode") or holder.get("literal") or "")
                draft.providers.append(_named(holder) or "")
        elif name == "contentSet":
            _read_content_set(part, draft)
    draft.providers.append(draft.agency_id or "")
    return finish(draft)


def _items_of(root: Element) -> list[Element]:
    """The items a file holds: itself, or the ``itemSet`` of a news message."""
    if local_name(root) != "newsMessage":
        return [root]
    item_set = _child(root, "itemSet")
    return [child for child in (item_set if item_set is not None else []) if local_name(child)]


def read_newsml_g2(data: bytes) -> list[CleanStory]:
    """Every text story in a NewsML-G2 file (item, package or news message)."""
    root = parse_xml(data)
    if local_name(root) not in {"newsItem", "packageItem", "newsMessage", "knowledgeItem",
                                "conceptItem", "planningItem"}:  # fmt: skip
        raise WireFormatError(f"not NewsML-G2: root element is <{local_name(root)}>")
    stories: list[CleanStory] = []
    skipped: list[NotAStoryError] = []
    media: dict[str, MediaItem] = {}
    packages: list[Element] = []
    for item in _items_of(root):
        name = local_name(item)
        if name != "newsItem":
            kind = "package" if name == "packageItem" else name
            skipped.append(NotAStoryError(f"{name} (no text of its own)", kinds=(kind,)))
            if name == "packageItem":
                packages.append(item)
            continue
        if item_class(item) in MEDIA_CLASSES and (picture := media_item(item)) is not None:
            media[item.get("guid") or f"#{len(media)}"] = picture
        try:
            stories.append(read_news_item(item))
        except NotAStoryError as reason:
            skipped.append(reason)
    if not stories:
        raise no_story_in(skipped, "newsml-g2 file holds no item")
    return _with_media(stories, media, packages) if media else stories


def media_item(item: Element) -> MediaItem | None:
    """A picture (video, graphic) item as the media of a story; None when it has no content."""
    meta = _child(item, "contentMeta")
    caption = next(
        (_text(d) for d in _children(meta, "description") if d.get("role") in CAPTION_ROLES),
        None,
    ) if meta is not None else None  # fmt: skip
    headline = _text(_child(meta, "headline"))
    credit = _text(_child(meta, "creditline"))
    content_set = _child(item, "contentSet")
    remote = _children(content_set, "remoteContent") if content_set is not None else []
    remote.sort(key=_rendition_rank)
    url = remote[0].get("href") if remote else None
    if not (caption or headline or url):
        return None
    kind = remote[0].get("contenttype") if remote else None
    return MediaItem(caption or headline, credit, url, kind or item_class(item))


def _rendition_rank(remote: Element) -> int:
    rendition = (remote.get("rendition") or "").lower()
    return RENDITION_PREFERENCE.index(rendition) if rendition in RENDITION_PREFERENCE else 9


def _with_media(
    stories: list[CleanStory], media: dict[str, MediaItem], packages: list[Element]
) -> list[CleanStory]:
    """Each story with the media a package groups it with; the rest to a lone story."""
    by_story: dict[str, list[str]] = {}
    for package in packages:
        for group in (e for e in package.iter() if local_name(e) == "group"):
            refs = [r.get("residref") for r in _children(group, "itemRef") if r.get("residref")]
            for story_ref in (r for r in refs if r not in media):
                by_story.setdefault(story_ref, []).extend(r for r in refs if r in media)
    grouped = {ref for refs in by_story.values() for ref in refs}
    if len(stories) == 1:  # what no package places belongs to the message's one story
        by_story.setdefault(_guid(stories[0]), []).extend(r for r in media if r not in grouped)
    return [
        dataclasses.replace(
            story,
            media=story.media
            + tuple(media[ref] for ref in dict.fromkeys(by_story.get(_guid(story), []))),
        )
        for story in stories
    ]


def _guid(story: CleanStory) -> str:
    return (story.wire.agency_id if story.wire is not None else None) or ""
