"""Which agency format a file is in, from its first bytes.

* XML: the root element and its namespace. ``nitf`` -> NITF; ``newsItem``,
  ``packageItem``, ``newsMessage``, ... in the NAR namespace
  (``http://iptc.org/std/nar/2006-10-01/``) -> NewsML-G2; ``NewsML`` or
  ``NewsItem`` -> NewsML 1.2.
* JSON: the keys. dpa digitalwires entries carry ``urn`` and ``article_html``
  (or an ``entries`` list of them); ninjs carries ``uri``/``guid`` with
  ``type``/``headline(s)``/``body_*``/``versioncreated``; an AP Media API
  response wraps a ninjs item in ``data.item``.
* Control characters: a transmission opens with SOH (0x01), often after SYN
  (0x16) characters, or with the ``ZCZC`` start-of-message of telex lines.
  ANPA 1312 is told from IPTC 7901 by its SYN characters or the ``BC-`` slug
  in its header; anything else framed that way is IPTC 7901.

Returns ``None`` when nothing fits: the caller then treats the file as HTML or
a text dump, as before.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

# How much of a file is inspected.
SNIFF_BYTES: Final = 4096

NAR_NAMESPACE: Final = "http://iptc.org/std/nar/2006-10-01/"
# NewsML-G2 root elements (items, packages and their envelope).
G2_ROOTS: Final = frozenset(
    {"newsItem", "packageItem", "newsMessage", "knowledgeItem", "conceptItem", "planningItem",
     "catalog", "conceptSet"}
)  # fmt: skip
NEWSML1_ROOTS: Final = frozenset({"NewsML", "NewsItem"})

# The root element of an XML file: first start tag that is not a declaration,
# comment or doctype. Sample: '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"' ->
# name "newsItem", attributes 'xmlns="..."'.
XML_ROOT_RE: Final = re.compile(rb"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)(\s[^>]*)?/?>")
# A comment, processing instruction or doctype in the prolog. Sample: "<!-- x -->", "<?xml ...?>".
XML_PROLOG_RE: Final = re.compile(
    rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)", re.S
)
# The namespace a prefix (or the default) names. Sample: 'xmlns:nar="http://iptc.org/..."'.
XMLNS_RE: Final = re.compile(rb"""xmlns(?::([\w.-]+))?\s*=\s*["']([^"']*)["']""")

# A 7901/1312 transmission start: SYN/SOH control characters or telex ZCZC.
# Sample: b"\x16\x16\x01a0123 ...", b"\x01v2557 4 txx", b"   ZCZC AAP".
TRANSMISSION_START_RE: Final = re.compile(rb"^[\s\x00\x16]*(?:\x01|(?i:zczc)\b)")
# ANPA 1312 marks: SYN characters before SOH, or a "BC-" slug in the header.
# Sample: b"\x16\x16\x01a0376 r a BC-Summit-Talks 1stLd-Writethru".
ANPA_MARK_RE: Final = re.compile(rb"^[\s\x00]*\x16|^[^\x02]{0,300}\bBC-\S")

# A key in a JSON object. Sample: b'"headline":' -> b"headline".
JSON_KEY_RE: Final = re.compile(rb'"([A-Za-z_][\w-]{0,40})"\s*:')
NINJS_KEYS: Final = frozenset(
    {"headline", "headlines", "body_text", "body_html", "body_nitf", "bodies", "versioncreated",
     "versionCreated", "firstcreated", "firstCreated", "pubstatus", "pubStatus", "renditions"}
)  # fmt: skip


def _sniff_xml(data: bytes) -> str | None:
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf")
    position = 0
    while (prolog := XML_PROLOG_RE.match(head, position)) and prolog.end() > position:
        position = prolog.end()
    while head[position : position + 1].isspace():
        position += 1
    root = XML_ROOT_RE.match(head, position)
    if root is None:
        return None
    prefix = (root.group(1) or b"").rstrip(b":")
    name = root.group(2).decode("ascii", "replace")
    namespaces = {
        (match.group(1) or b""): match.group(2) for match in XMLNS_RE.finditer(root.group(3) or b"")
    }
    namespace = namespaces.get(prefix, b"").decode("utf-8", "replace")
    if name == "nitf":
        return "nitf"
    if name in G2_ROOTS and (namespace.startswith("http://iptc.org/std/nar/") or not namespace):
        return "newsml-g2"
    if name in NEWSML1_ROOTS:
        return "newsml-1.2"
    return None


def json_item_format(item: Any) -> str | None:
    """``digitalwires``, ``ninjs`` or None for one decoded JSON object."""
    if not isinstance(item, dict):
        return None
    if isinstance(item.get("entries"), list):
        entries = item["entries"]
        return json_item_format(entries[0]) if entries else "digitalwires"
    # digitalwires entries: "article_html", the wireQ "entry_id", or an "urn" where
    # ninjs has "uri" (or its older "guid").
    if "article_html" in item or "entry_id" in item:
        return "digitalwires"
    if "urn" in item and "uri" not in item and "guid" not in item:
        return "digitalwires"
    data = item.get("data")
    if isinstance(data, dict) and isinstance(data.get("item"), dict):
        return "ninjs"  # AP Media API content response
    if ("uri" in item or "guid" in item or "type" in item) and NINJS_KEYS & item.keys():
        return "ninjs"
    return None


def _sniff_json(data: bytes) -> str | None:
    try:
        decoded = json.loads(data)
    except (ValueError, RecursionError):
        # Broken JSON is still told by its keys, so that it is quarantined as what it is.
        keys = {key.decode("utf-8", "replace") for key in JSON_KEY_RE.findall(data[:SNIFF_BYTES])}
        return json_item_format(dict.fromkeys(keys, ""))
    if isinstance(decoded, list):
        return json_item_format(decoded[0]) if decoded else None
    return json_item_format(decoded)


def sniff_format(data: bytes, name: str | None = None) -> str | None:
    """The wire format of a file (``nitf``, ``newsml-g2``, ...) or None if none fits.

    The bytes decide, not ``name``: agencies' file names and extensions (``.tst``,
    ``.xml``, ``.txt``) say little, and a renamed file must read the same.
    ``name`` is kept in the signature for callers that have one.
    """
    head = data[:SNIFF_BYTES]
    if TRANSMISSION_START_RE.match(head):
        return "anpa1312" if ANPA_MARK_RE.search(head) else "iptc7901"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"{", b"[")):
        return _sniff_json(data)
    if stripped.startswith(b"<"):
        return _sniff_xml(stripped)
    return None
