"""Cheap checks on a feed's bytes before feedparser reads them.

feedparser is forgiving: when expat refuses a document it re-reads it with
a loose SGML parser, which is slow on hostile input (a 150 kB feed of 50,000
nested elements took ~5 s, so a 5 MB one would hold a source for minutes)
and expands nothing safely on purpose. Two kinds of feed are therefore
refused here, with a reason, before feedparser sees them:

* a feed whose DOCTYPE declares entities (billion laughs, XXE): no agency
  feed needs one;
* a feed nested deeper than ``MAX_FEED_DEPTH`` elements (RSS and Atom need
  about 6; HTML in a description is escaped text, not elements).

The depth is measured by libxml2 (lxml) in recover mode, without entities,
DTDs or network: malformed feeds still go on to feedparser.
"""

from __future__ import annotations

import io
from typing import Final

from lxml import etree

from etl.errors import FeedError
from etl.xml_hardening import HARDENED_OPTIONS, declares_entities

MAX_FEED_DEPTH: Final = 64


def check_feed_bytes(data: bytes) -> None:
    """Raise ``FeedError`` for a feed that declares entities or nests too deep."""
    if declares_entities(data):
        raise FeedError("feed declares XML entities (refused: entity expansion / XXE)")
    depth = _max_depth(data)
    if depth > MAX_FEED_DEPTH:
        raise FeedError(f"feed nested deeper than {MAX_FEED_DEPTH} elements (refused)")


def _max_depth(data: bytes) -> int:
    """How deep elements nest, read by libxml2 leniently; stops once past the limit."""
    depth = deepest = 0
    events = etree.iterparse(
        io.BytesIO(data),
        events=("start", "end"),
        recover=True,
        **HARDENED_OPTIONS,
    )
    try:
        for event, _ in events:
            depth += 1 if event == "start" else -1
            deepest = max(deepest, depth)
            if deepest > MAX_FEED_DEPTH:
                break
    except etree.LxmlError:
        pass  # unreadable as XML: feedparser decides (and says why)
    return deepest
