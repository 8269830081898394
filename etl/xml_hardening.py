"""libxml2 (lxml) set up to read only what is in the bytes, for every XML from outside.

Feeds and agency files arrive from outside: a document may declare entities
that expand a billion times (``billion laughs``), point an entity or DTD at a
local file or URL (XXE), or nest elements without end. Every XML reader of the
pipeline (the feed guard, the feed item reader, the wire-format readers) takes
its parser settings and its entity check from here:

* entities are never resolved and no DTD or network resource is loaded;
* libxml2 keeps its own limits (``huge_tree=False``: depth 256, text nodes of
  10 MB);
* a document whose DOCTYPE *declares* an entity is refused before parsing (as
  defusedxml's ``forbid_entities`` does): no agency feed or file needs one,
  and a declared entity is how both attacks start.

Readers differ only in leniency: wire files are parsed strictly (a malformed
file is an error with a reason), feeds in recover mode (feedparser has the
last word on a malformed feed).
"""

from __future__ import annotations

from typing import Final

from lxml import etree

# How far into a document a DOCTYPE is looked for (it must precede the root element).
DOCTYPE_SCAN_BYTES: Final = 64 * 1024

# The parser options every reader shares: nothing beyond the bytes is read.
HARDENED_OPTIONS: Final = {
    "resolve_entities": False,
    "load_dtd": False,
    "no_network": True,
    "huge_tree": False,
}


def hardened_parser(*, recover: bool) -> etree.XMLParser:
    """An lxml parser with ``HARDENED_OPTIONS``, comments and processing instructions dropped."""
    return etree.XMLParser(
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
        recover=recover,
        **HARDENED_OPTIONS,
    )


def declares_entities(data: bytes) -> bool:
    """``<!ENTITY`` inside the DOCTYPE's internal subset, e.g. ``<!DOCTYPE rss [<!ENTITY ...``."""
    doctype = data.find(b"<!DOCTYPE", 0, DOCTYPE_SCAN_BYTES)
    if doctype < 0:
        return False
    subset_end = data.find(b"]>", doctype)
    return data.find(b"<!ENTITY", doctype, subset_end if subset_end >= 0 else None) >= 0
