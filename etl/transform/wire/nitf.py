"""NITF 3.x (News Industry Text Format, IPTC) -> WireDraft.

Where NITF keeps what (NITF 3.x DTD; element names without namespace, so NITF
inside NewsML 1.2 ``DataContent`` or NewsML-G2 ``inlineXML`` reads the same):

* ``head/docdata``: ``doc-id@id-string`` (the agency's id; ``@regsrc`` the
  provider), ``urgency@ed-urg``, ``date.issue@norm`` (published),
  ``date.release@norm`` (release time: an embargo when later than issue),
  ``doc-scope@scope``, ``ed-msg@info`` (editors' notes: corrections),
  ``du-key@key``/``@version`` (slug, version), ``doc.copyright@holder``,
  ``key-list/keyword@key``, ``@management-status`` (usable, embargoed,
  withheld, canceled); ``head/tobject/tobject.subject`` (IPTC subject codes);
  ``head/pubdata@date.publication``; ``head/title`` (a headline fallback).
* ``body/body.head``: ``hedline/hl1`` (headline), ``hedline/hl2`` (deck),
  ``byline``, ``dateline``, ``distributor``, ``abstract``.
* ``body/body.content``: ``p``, ``hl2``, ``block``, ``table``, ``media``.
* ``body/body.end/tagline``: the signoff.
"""

from __future__ import annotations

from typing import Final

from etl.errors import WireFormatError
from etl.model import CleanStory, Subject
from etl.transform.wire.body import read_body
from etl.transform.wire.safe_xml import Element, local_name, parse_xml
from etl.transform.wire.story import WireDraft, clean_text, finish, parse_int, parse_wire_time

XML_LANG: Final = "{http://www.w3.org/XML/1998/namespace}lang"


def _first(root: Element, name: str) -> Element | None:
    """The first descendant with this local name (namespace ignored), or None."""
    for element in root.iter():
        if local_name(element) == name:
            return element
    return None


def _all(root: Element, name: str) -> list[Element]:
    return [element for element in root.iter() if local_name(element) == name]


def _text(element: Element | None) -> str | None:
    return clean_text("".join(element.itertext())) if element is not None else None


def _read_docdata(docdata: Element, draft: WireDraft) -> None:
    """Ids, times, urgency, status, notes and keywords from ``docdata``."""
    for child in docdata:
        name = local_name(child)
        if name == "doc-id":
            draft.agency_id = child.get("id-string") or draft.agency_id
            draft.providers.append(child.get("regsrc") or "")
        elif name == "urgency":
            draft.urgency = parse_int(child.get("ed-urg"))
        elif name == "date.issue":
            draft.first_created = child.get("norm") or _text(child)
        elif name == "date.release":
            draft.embargo_until = child.get("norm") or _text(child)
        elif name == "ed-msg":
            draft.edit_notes.append(child.get("info") or _text(child) or "")
        elif name == "du-key":
            draft.slug = child.get("key") or draft.slug
            draft.version = parse_int(child.get("version") or child.get("generation"))
        elif name == "doc-name":
            draft.slug = draft.slug or child.get("name-string")
        elif name == "doc.copyright":
            draft.providers.append(child.get("holder") or "")
        elif name == "doc-scope":
            scope = clean_text(child.get("scope"))
            if scope:
                draft.subjects.append(Subject(name=scope, scheme="doc-scope"))
        elif name == "key-list":
            for keyword in child:
                key = clean_text(keyword.get("key"))
                if key:
                    draft.subjects.append(Subject(name=key, scheme="keyword"))
    draft.pub_status = docdata.get("management-status") or draft.pub_status


def _read_head(head: Element, draft: WireDraft) -> None:
    for child in head:
        name = local_name(child)
        if name == "docdata":
            _read_docdata(child, draft)
        elif name == "tobject":
            for subject in _all(child, "tobject.subject"):
                code = subject.get("tobject.subject.refnum")
                label = (
                    subject.get("tobject.subject.detail")
                    or subject.get("tobject.subject.matter")
                    or subject.get("tobject.subject.type")
                )
                if code or label:
                    draft.subjects.append(
                        Subject(name=clean_text(label), code=f"subj:{code}" if code else None,
                                scheme="subj")
                    )  # fmt: skip
        elif name == "pubdata":
            draft.first_created = draft.first_created or child.get("date.publication")
            draft.providers.append(child.get("name") or "")
        elif name == "title" and not draft.headline:
            draft.headline = _text(child)
    _embargo_only_when_later(draft)


def _embargo_only_when_later(draft: WireDraft) -> None:
    """``date.release`` is an embargo only when it is later than the issue time."""
    release = parse_wire_time(draft.embargo_until)
    issue = parse_wire_time(draft.first_created)
    if release is None or (issue is not None and release <= issue):
        draft.embargo_until = None


def _read_body_head(body_head: Element, draft: WireDraft) -> None:
    for child in body_head:
        name = local_name(child)
        if name == "hedline":
            hl1 = _first(child, "hl1")
            hl2 = _first(child, "hl2")
            draft.headline = _text(hl1) or draft.headline
            draft.deck = _text(hl2)
        elif name == "byline" and not draft.byline:
            draft.byline = _text(child)
        elif name == "dateline":
            draft.dateline_text = _text(_first(child, "location")) or _text(child)
            story_date = _first(child, "story.date")
            if story_date is not None and not draft.first_created:
                draft.first_created = story_date.get("norm")
        elif name == "distributor":
            draft.providers.append(_text(child) or "")
        elif name == "abstract" and not draft.deck:
            draft.deck = _text(child)


def read_nitf_element(nitf: Element, draft: WireDraft) -> WireDraft:
    """Fill ``draft`` from an ``nitf`` element (alone or inside NewsML)."""
    draft.language = draft.language or nitf.get(XML_LANG)
    for part in nitf:
        name = local_name(part)
        if name == "head":
            _read_head(part, draft)
        elif name == "body":
            draft.language = draft.language or part.get(XML_LANG)
            for section in part:
                section_name = local_name(section)
                if section_name == "body.head":
                    _read_body_head(section, draft)
                elif section_name == "body.content":
                    read_body(section, draft)
                elif section_name == "body.end":
                    tagline = _text(_first(section, "tagline"))
                    if tagline:  # the last tagline is the signoff
                        draft.signoffs[:] = [tagline]
    return draft


def read_nitf(data: bytes) -> list[CleanStory]:
    """A NITF file -> its one story (WireFormatError / NotAStoryError otherwise)."""
    root = parse_xml(data)
    if local_name(root) != "nitf":
        raise WireFormatError(f"not NITF: root element is <{local_name(root)}>")
    return [finish(read_nitf_element(root, WireDraft(format="nitf")))]
