"""A feed's bytes as UTF-8, whatever charset it claimed.

Feeds lie about their charset as pages do: a Windows-1251 feed sent with
``encoding="utf-8"`` makes feedparser fall back to Windows-1252 and every
Cyrillic title comes out as ``Ìîñêâà: íîâîñòè äíÿ``. So the declared charset
is only a candidate, tried with the page cleaner's rules
(``etl.transform.text_hygiene``): it must decode strictly and without the marks
of a wrong charset, else the bytes are detected. The result is re-encoded as
UTF-8 with a declaration saying so, and feedparser reads that.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from etl.errors import FeedError
from etl.transform.text_hygiene import (
    charset_from_bom,
    charset_from_content_type,
    detect_charsets,
    is_plain_utf8,
    looks_misdecoded,
    normalise_charset_name,
    try_decode,
)

LOGGER = logging.getLogger(__name__)

# The XML declaration's encoding: ``<?xml version="1.0" encoding="windows-1251"?>``.
XML_ENCODING_RE = re.compile(rb"""^(\s*<\?xml[^>]*?\bencoding\s*=\s*["'])([\w.:-]+)(["'])""")

# Legacy code pages whose text, read as Windows-1252 and stored as UTF-8,
# is the mojibake feeds show most (``Ìîñêâà`` is cp1251 ``Москва``).
DOUBLE_ENCODED_CANDIDATES = ("cp1251", "koi8_r", "cp1250")

# A letter outside Latin-1: what a repaired Cyrillic (or Central European) text has.
NON_LATIN1_LETTER_RE = re.compile(r"[^\W\d_\u0000-\u00ff]")


@dataclass(frozen=True)
class FeedText:
    """A feed's bytes in UTF-8, and a note when they were not what they said."""

    data: bytes
    note: str | None = None


def declared_charset(data: bytes, content_type: str | None) -> str | None:
    """What the feed claims: the HTTP header, else the XML declaration, else a BOM."""
    match = XML_ENCODING_RE.match(data[:200])
    from_xml = normalise_charset_name(match.group(2).decode("ascii")) if match else None
    return charset_from_content_type(content_type) or from_xml or charset_from_bom(data)


def feed_as_utf8(data: bytes, content_type: str | None) -> FeedText:
    """Decode a feed by what its bytes are; raise ``FeedError`` when no charset fits."""
    declared = declared_charset(data, content_type)
    if is_plain_utf8(data):
        text, used = data.decode("utf-8").removeprefix("\ufeff"), "utf_8"
    elif declared and (decoded := try_decode(data, declared)) is not None:
        text, used = decoded.removeprefix("\ufeff"), declared
    else:
        text, used = _detected(data, declared)
    note = None
    if declared not in (None, used) and not (used == "utf_8" and data.isascii()):
        note = f"declared {declared}, bytes are {used}: read as {used}"
    repaired = repair_double_encoding(text)
    if repaired != text:
        note = "text was cp1252-read legacy bytes (mojibake): repaired"
        text = repaired
    if note:
        LOGGER.warning("feed charset: %s", note)
    return FeedText(_declare_utf8(text.encode("utf-8")), note)


def _detected(data: bytes, declared: str | None) -> tuple[str, str]:
    for candidate in detect_charsets(data):
        text = try_decode(data, candidate)
        if text is not None:
            return text.removeprefix("\ufeff"), candidate
    raise FeedError(
        f"feed bytes fit neither the declared charset ({declared or 'none'}) nor any detected one"
    )


def repair_double_encoding(text: str) -> str:
    """Undo legacy text once read as Windows-1252 and stored as UTF-8: ``Ìîñêâà`` -> ``Москва``.

    Only when the text shows the marks of a wrong charset, re-reading it as a
    legacy code page removes them, and gives letters Latin-1 has not.
    """
    if not looks_misdecoded(text) or "\ufffd" in text:
        return text
    try:
        raw = text.encode("cp1252")
    except UnicodeEncodeError:
        return text
    for legacy in DOUBLE_ENCODED_CANDIDATES:
        candidate = raw.decode(legacy, errors="replace")
        if not looks_misdecoded(candidate) and NON_LATIN1_LETTER_RE.search(candidate):
            return candidate
    return text


def _declare_utf8(data: bytes) -> bytes:
    """Make the XML declaration (if any) say UTF-8, which the bytes now are."""
    return XML_ENCODING_RE.sub(rb"\g<1>utf-8\g<3>", data, count=1)


def utf8_content_type(content_type: str | None) -> str:
    """The served type with its charset replaced by UTF-8 (feedparser believes the header)."""
    mime = (content_type or "application/xml").split(";", 1)[0].strip() or "application/xml"
    return f"{mime}; charset=utf-8"
