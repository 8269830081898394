"""Body markup of wire files -> paragraphs, crossheads and media.

NITF ``body.content``, the inline XHTML of NewsML-G2 ``inlineXML`` and the
HTML of ninjs ``body_html`` share one vocabulary for a story's body:
paragraphs (``p``), crossheads (``hl2``, ``h1``-``h6``), containers (``block``,
``div``, ``section``), lists, tables (agate: one row, one line) and media
(``media``, ``img``, ``figure``). One walker reads them all; namespaces are
ignored, so NITF inside NewsML reads like NITF alone.
"""

from __future__ import annotations

from typing import Final

from etl.model import BodyBlock, MediaItem
from etl.transform.wire.safe_xml import Element, local_name
from etl.transform.wire.story import WireDraft, clean_text

# Elements whose text is one paragraph.
PARAGRAPH_TAGS: Final = frozenset({"p", "li", "dd", "dt", "blockquote", "address", "pre"})
# Elements that are crossheads inside a body.
SUBHEADING_TAGS: Final = frozenset({"hl1", "hl2", "h1", "h2", "h3", "h4", "h5", "h6"})
# Containers walked into: NITF blocks, XHTML sections, lists, the body itself.
CONTAINER_TAGS: Final = frozenset(
    {
        "block", "div", "section", "article", "main", "body", "body.content", "html",
        "ul", "ol", "dl", "span", "nitf-table", "figure-group", "inlineXML", "content",
    }
)  # fmt: skip
# Elements that never hold body text: notes to editors, scripts, metadata.
SKIPPED_TAGS: Final = frozenset(
    {
        "head", "script", "style", "note", "ed-msg", "nitf-table-metadata", "caption",
        "figcaption", "meta", "link", "title", "object", "embed", "iframe", "fn", "bibliography",
    }
)  # fmt: skip
# Elements whose text is an end note or tagline, not body: the signoff.
TAGLINE_TAGS: Final = frozenset({"tagline"})


def read_body(container: Element, draft: WireDraft) -> None:
    """Walk a body element and append its paragraphs, crossheads and media to ``draft``."""
    if container.text and container.text.strip():
        draft.add_paragraph(container.text)
    for child in container:
        _read_element(child, draft)
        if child.tail and child.tail.strip():
            draft.add_paragraph(child.tail)


def _read_element(element: Element, draft: WireDraft) -> None:
    name = local_name(element)
    if not name or name in SKIPPED_TAGS:
        return
    if name in PARAGRAPH_TAGS:
        _read_paragraph(element, draft)
    elif name in SUBHEADING_TAGS:
        draft.add_paragraph(_text_of(element), "subheading")
    elif name == "table":
        _read_table(element, draft)
    elif name in {"media", "img", "figure", "picture"}:
        media = _media_of(element)
        if media is not None:
            draft.media.append(media)
    elif name in TAGLINE_TAGS:
        tagline = clean_text(_text_of(element))
        if tagline:  # the last tagline is the signoff
            draft.signoffs[:] = [tagline]
    elif name == "br":
        return
    else:
        read_body(element, draft)


def _read_paragraph(element: Element, draft: WireDraft) -> None:
    """A paragraph; one that holds block children (a list inside ``li``) is walked."""
    if any(local_name(child) in PARAGRAPH_TAGS | {"table", "ul", "ol"} for child in element):
        read_body(element, draft)
        return
    if local_name(element) == "pre":
        for line in _text_of(element).split("\n\n"):
            draft.add_paragraph(line)
        return
    draft.add_paragraph(_text_of(element))


def _text_of(element: Element) -> str:
    """All text inside an element, without notes to editors; ``br`` is a space."""
    parts: list[str] = []
    _collect_text(element, parts)
    return "".join(parts)


def _collect_text(element: Element, parts: list[str]) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        name = local_name(child)
        if name == "br":
            parts.append(" ")
        elif name and name not in SKIPPED_TAGS:
            _collect_text(child, parts)
        if child.tail:
            parts.append(child.tail)


def _read_table(table: Element, draft: WireDraft) -> None:
    """Agate and results tables: each row one line, cells apart by two spaces."""
    for row in table.iter():
        if local_name(row) != "tr":
            continue
        cells = [clean_text(_text_of(cell)) for cell in row if local_name(cell) in {"td", "th"}]
        line = "  ".join(cell for cell in cells if cell)
        if line:  # not folded again: the double spaces keep the columns apart
            draft.blocks.append(BodyBlock("paragraph", line))


def _media_of(element: Element) -> MediaItem | None:
    """A NITF ``media`` or XHTML ``img``/``figure`` as a caption, credit and URL."""
    caption = credit = url = None
    for node in element.iter():
        name = local_name(node)
        if name in {"media-caption", "figcaption", "caption"}:
            caption = clean_text(_text_of(node)) or caption
        elif name in {"media-producer", "credit"}:
            credit = clean_text(_text_of(node)) or credit
        elif name in {"media-reference", "img", "source"}:
            url = url or node.get("source") or node.get("src") or node.get("data-src")
            caption = caption or clean_text(node.get("alt"))
    if caption is None and credit is None and url is None:
        return None
    media_type = element.get("media-type") or ("image" if local_name(element) == "img" else None)
    return MediaItem(caption=caption, credit=credit, url=url, media_type=media_type)
