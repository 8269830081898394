"""Hostile-input-proof XML parsing for agency files (lxml/libxml2 with safe settings).

Wire files come from outside, by FTP drop or API: a file may declare entities
that expand a billion times (``billion laughs``), point an entity or DTD at a
local file or URL (XXE), or nest elements without end. The parser here:

* never resolves entities and never loads a DTD or anything over the network
  (``resolve_entities=False``, ``load_dtd=False``, ``no_network=True``);
* refuses any document that *declares* an entity at all (as defusedxml's
  ``forbid_entities`` does): agencies' files never need one, and a declared
  entity is how both attacks start;
* keeps libxml2's own limits (``huge_tree=False``: depth 256, text nodes of
  10 MB) and adds a size bound of its own (``MAX_XML_BYTES``) and a depth bound
  (``MAX_XML_DEPTH``) checked before any tree is walked.

Every failure is a ``WireFormatError`` with a reason; nothing else escapes.
"""

from __future__ import annotations

import re
from html.entities import html5
from typing import Any, Final

from lxml import etree, html

from etl.errors import WireFormatError
from etl.transform.text_hygiene import decode_payload, normalise_charset_name
from etl.xml_hardening import declares_entities, hardened_parser

# Largest XML file accepted. A NewsML-G2 news message with a dozen stories is
# well under 2 MB; 20 MB leaves room for packages with inline pictures' metadata.
MAX_XML_BYTES: Final = 20 * 1024 * 1024
# Deepest element nesting accepted. NewsML 1.2 with NITF inside reaches ~15;
# libxml2 without huge_tree stops at 256 anyway, we stop earlier and say why.
MAX_XML_DEPTH: Final = 100

# The encoding an XML declaration names. Sample: b'<?xml version="1.0" encoding="UTF8"?>'.
XML_ENCODING_RE: Final = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']""")
# A named character reference. Sample: b"&nbsp;", b"&eacute;".
NAMED_REFERENCE_RE: Final = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
# The five names XML defines itself: left as they are.
XML_PREDEFINED: Final = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})
# The XML declaration itself, dropped before a decoded text is parsed.
XML_DECLARATION_RE: Final = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>")

Element = Any  # lxml's _Element: lxml ships no type information


def _check_depth(root: Element) -> None:
    """WireFormatError when elements nest deeper than ``MAX_XML_DEPTH``."""
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_XML_DEPTH:
            raise WireFormatError(f"XML nested deeper than {MAX_XML_DEPTH} levels")
        stack.extend((child, depth + 1) for child in element)


def _refuse_entities(tree: Any) -> None:
    """WireFormatError when the document's DTD declares any entity (bomb or XXE)."""
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise WireFormatError("XML declares entities (refused: entity expansion / XXE)")


def _numeric_reference(match: re.Match[bytes]) -> bytes:
    """``&eacute;`` -> ``&#233;`` for an HTML entity name; others unchanged."""
    character = html5.get(match.group(1).decode("ascii") + ";")
    if character is None or match.group(1) in XML_PREDEFINED:
        return match.group(0)
    return "".join(f"&#{ord(c)};" for c in character).encode("ascii")


def _parse_with_numeric_references(data: bytes, first_error: Exception) -> Element:
    """Parse again with HTML named references (``&nbsp;``, ``&eacute;``) made numeric.

    Agencies' NITF uses the entities its DTD defines; the DTD is never loaded,
    so they are undefined. Each name maps to its character one to one: no
    expansion can grow the document.
    """
    try:
        return etree.fromstring(
            NAMED_REFERENCE_RE.sub(_numeric_reference, data), parser=hardened_parser(recover=False)
        )
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise WireFormatError(f"malformed XML: {first_error}") from exc


def _inline_entity_references(root: Element) -> None:
    """Entity references a DOCTYPE left unresolved become their characters (or go)."""
    for entity in list(root.iter(etree.Entity)):
        character = html5.get(entity.text.strip("&;") + ";", "") if entity.text else ""
        parent = entity.getparent()
        previous = entity.getprevious()
        addition = character + (entity.tail or "")
        if previous is not None:
            previous.tail = (previous.tail or "") + addition
        else:
            parent.text = (parent.text or "") + addition
        parent.remove(entity)


def _parse_redecoded(data: bytes, first_error: Exception) -> Element:
    """Parse again after decoding by the text hygiene, for a wrong or unknown declared charset.

    Agencies' systems declare ``UTF8`` over Latin-1 bytes, or ``x-mac-roman``,
    ``cp-1252``: libxml2 refuses those. The bytes are decoded the way pages
    are (declared charset if Python knows it and it fits, else detection) and
    parsed as text without the declaration.
    """
    declared = XML_ENCODING_RE.search(data[:200])
    charset = normalise_charset_name(declared.group(1).decode("ascii")) if declared else None
    text = decode_payload(data, f"text/xml; charset={charset}" if charset else None)
    text = XML_DECLARATION_RE.sub("", text, count=1)
    try:
        return etree.fromstring(text, parser=hardened_parser(recover=False))
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise WireFormatError(f"malformed XML: {first_error}") from exc


def parse_xml(data: bytes) -> Element:
    """The root element of a wire XML file, parsed safely, or WireFormatError."""
    if len(data) > MAX_XML_BYTES:
        raise WireFormatError(f"XML file larger than {MAX_XML_BYTES} bytes")
    if not data.strip():
        raise WireFormatError("empty file")
    if declares_entities(data):
        raise WireFormatError("XML declares entities (refused: entity expansion / XXE)")
    try:
        root = etree.fromstring(data, parser=hardened_parser(recover=False))
    except etree.XMLSyntaxError as exc:
        if "encoding" in str(exc).lower():
            root = _parse_redecoded(data, exc)
        elif "not defined" in str(exc) and NAMED_REFERENCE_RE.search(data):
            root = _parse_with_numeric_references(data, exc)
        else:
            raise WireFormatError(f"malformed XML: {exc}") from exc
    except ValueError as exc:  # e.g. a str with an encoding declaration
        raise WireFormatError(f"unreadable XML: {exc}") from exc
    if root is None:
        raise WireFormatError("XML without a root element")
    _refuse_entities(root.getroottree())
    _check_depth(root)
    _inline_entity_references(root)
    return root


def local_name(element: Element) -> str:
    """An element's name without its namespace: ``{http://...}newsItem`` -> ``newsItem``."""
    tag = element.tag
    if not isinstance(tag, str):  # comments, processing instructions, entity refs
        return ""
    return tag.rpartition("}")[2]


def namespace_of(element: Element) -> str:
    """An element's namespace URI, or '' when it has none."""
    tag = element.tag
    if not isinstance(tag, str) or not tag.startswith("{"):
        return ""
    return tag[1:].partition("}")[0]


def html_fragment(text: str) -> Element:
    """HTML sent as text (escaped in XML, or a JSON string) parsed into a ``div``.

    libxml2's HTML parser loads nothing from outside (no DTD, no network) and
    expands only the predefined character entities.
    """
    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        return html.fragment_fromstring(text, create_parent="div", parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise WireFormatError(f"unreadable HTML body: {exc}") from exc
