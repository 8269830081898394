"""Turn fetched bytes into clean Unicode text.

Pages lie about their encoding, so the declared charset is only a candidate:
each candidate (HTTP header, then ``<meta>``, then BOM, then detection) must
decode without error and without obvious mojibake before it is believed.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from collections.abc import Iterator
from typing import Final

LOGGER = logging.getLogger(__name__)

# How far into a page a ``<meta charset>`` may stand (HTML puts it in the
# first 1024 bytes; a little slack for pages with long comments or scripts).
META_SNIFF_BYTES = 4096

# ``text/html; charset=windows-1251`` -> ``windows-1251``.
HEADER_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)

# ``<meta charset="utf-8">`` and ``<meta http-equiv="Content-Type"
# content="text/html; charset=koi8-r">`` -> the charset name.
META_CHARSET_RE = re.compile(
    rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([\w.:-]+)",
    re.IGNORECASE,
)

# Byte order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf_32_le"),
    (codecs.BOM_UTF32_BE, "utf_32_be"),
    (codecs.BOM_UTF8, "utf_8"),
    (codecs.BOM_UTF16_LE, "utf_16_le"),
    (codecs.BOM_UTF16_BE, "utf_16_be"),
)

# File signatures of binary formats that get served where a page was expected.
# Example: ``\x89PNG`` (an image), ``%PDF-``, ``\x1f\x8b`` (gzip not unpacked).
BINARY_SIGNATURES: Final = (
    b"\x89PNG",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",
    b"%PDF-",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ",
    b"RIFF",
    b"\x00\x00\x00",
)
# Text has no NUL bytes (UTF-16/32 excepted, which announce themselves with a
# BOM) and few other control bytes; more than this share of them means binary.
BINARY_SNIFF_BYTES: Final = 8192
BINARY_CONTROL_SHARE: Final = 0.1
_TEXT_CONTROLS: Final = frozenset(b"\t\n\r\f\x1b")
_BINARY_CONTROL_BYTES: Final = bytes(b for b in range(0x20) if b not in _TEXT_CONTROLS)

# Single-byte legacy charsets: if bytes declared as one of these are valid
# UTF-8 with non-ASCII in them, the declaration is almost surely a lie
# (multi-byte UTF-8 sequences practically never occur by accident).
SINGLE_BYTE_CHARSETS = frozenset(
    {
        "ascii",
        "latin_1",
        "iso8859_2",
        "iso8859_5",
        "iso8859_15",
        "cp1250",
        "cp1251",
        "cp1252",
        "koi8_r",
        "koi8_u",
        "mac_cyrillic",
        "mac_roman",
    }
)

# Charsets preferred among near-equal detection candidates, most used on the
# Web first. Example: French bytes detected as cp1257/cp1250/cp1252 -> cp1252.
PREFERRED_DETECTIONS: Final = ("utf_8", "cp1252", "cp1251", "koi8_r", "cp1250", "iso8859_15")
# How much more "chaos" (charset-normalizer's measure of implausible text) a
# preferred candidate may have than the best one and still be preferred.
DETECTION_CHAOS_TOLERANCE: Final = 0.05

# UTF-8 bytes read as Windows-1252/Latin-1: a lead byte (``Ã``, ``Â``, ``â``,
# ...) followed by continuation bytes. Example: ``cafÃ©`` for ``café``,
# ``â€œ`` for ``“``. Built from the code pages so every continuation byte is
# covered, including C1 controls that Latin-1 produces for 0x80-0x9F.
_CONTINUATION_CHARS = "".join(
    sorted(
        {bytes([b]).decode("cp1252", errors="ignore") for b in range(0x80, 0xC0)}
        | {bytes([b]).decode("latin-1") for b in range(0x80, 0xC0)} - {""}
    )
)
_CONT = "[" + re.escape(_CONTINUATION_CHARS) + "]"
MOJIBAKE_RE = re.compile(
    # the lead byte says how many continuation bytes follow: 1, 2 or 3
    f"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}",
)

# A mojibake run's first character: without one MOJIBAKE_RE cannot match, and a
# single character class is scanned for three times faster than the pattern.
MOJIBAKE_LEAD_RE = re.compile("[\u00c2-\u00f4]")

# A word mixing Latin and Cyrillic letters (``cafй``, ``Мoсква`` with a Latin
# ``o``) is what a Latin page decoded as Cyrillic (or vice versa) looks like.
MIXED_SCRIPT_WORD_RE = re.compile(
    r"\b(?=\w*[a-zA-Z])(?=\w*[\u0400-\u04ff])\w+\b",
)

# A word of four or more letters made only of accented Latin-1 letters
# (``Ïðåçèäåíò``) is Cyrillic (or Greek) decoded as Windows-1252: no Western
# language spells like that. Two such words are taken as proof.
ACCENTED_ONLY_WORD_RE = re.compile(r"\b[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]{4,}\b")
ACCENTED_ONLY_WORDS_LIMIT = 2

# One Cyrillic letter, one accented Latin-1 letter: without them the two word
# patterns above cannot match, and a page is scanned for a single character
# first (the word patterns cost milliseconds on long runs of CJK text).
CYRILLIC_LETTER_RE = re.compile("[\u0400-\u04ff]")
ACCENTED_LETTER_RE = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]")

# Control characters that never stand in real text (tab, CR, LF excepted):
# NULs of UTF-16 read as a single-byte charset, C1 controls of Latin-1.
STRAY_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# Non-breaking and other fixed-width spaces that should read as a plain space.
# Example: ``10\u00a0000`` -> ``10 000``.
SPACE_LIKE_RE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")

# Invisible characters removed outright: soft hyphen (``Kreml\u00adin``), zero
# width space / non-joiner / joiner, word joiner, stray BOM.
INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")

# Control characters other than newline: C0 (except ``\n``) and C1.
CONTROL_RE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")

# INVISIBLE_RE and CONTROL_RE in one pass (both delete; tabs and feeds are
# spaces by then).
INVISIBLE_OR_CONTROL_RE = re.compile(
    "[\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x09\x0b-\x1f\x7f-\x9f]"
)

# What fold_whitespace replaces or removes besides line breaks: SPACE_LIKE_RE's
# spaces and INVISIBLE_OR_CONTROL_RE's characters, in one class (one scan).
ODD_CHARACTER_RE = re.compile(
    "[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v"
    "\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x09\x0b-\x1f\x7f-\x9f]"
)

# A character that no normalisation removes: printable ASCII other than the space.
VISIBLE_ASCII_RE = re.compile("[!-~]")

HORIZONTAL_RUN_RE = re.compile(r" {2,}")
BLANK_LINES_RE = re.compile(r"\n{3,}")
ANY_WHITESPACE_RE = re.compile(r"\s+")

# ASCII whitespace to a space and the other ASCII controls removed, in one pass:
# what ``normalise_text`` does to ASCII text before a paragraph is folded.
ASCII_FOLD_TABLE: Final = {
    **{code: None for code in (*range(0x00, 0x20), 0x7F)},
    **{ord(char): " " for char in "\t\n\r\x0b\x0c"},
}


def normalise_charset_name(name: str | None) -> str | None:
    """Python codec name for a declared charset, or None when Python has no such codec."""
    if not name:
        return None
    try:
        codec_name = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        LOGGER.debug("unknown charset %s", name)
        return None
    # WHATWG: pages that say Latin-1 or ASCII mean Windows-1252.
    if codec_name in {"latin_1", "ascii", "iso8859-1"}:
        return "cp1252"
    return codec_name.replace("-", "_")


def charset_from_content_type(content_type: str | None) -> str | None:
    """The charset an HTTP ``Content-Type`` header declares."""
    if not content_type:
        return None
    match = HEADER_CHARSET_RE.search(content_type)
    return normalise_charset_name(match.group(1)) if match else None


def charset_from_meta(data: bytes) -> str | None:
    """The charset a page's ``<meta>`` tag declares within its first few KB."""
    match = META_CHARSET_RE.search(data[:META_SNIFF_BYTES])
    if not match:
        return None
    return normalise_charset_name(match.group(1).decode("ascii", errors="ignore"))


def charset_from_bom(data: bytes) -> str | None:
    """The encoding a byte order mark announces."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    return None


def looks_binary(data: bytes) -> bool:
    """Whether bytes are a binary file (image, archive...) rather than text of any charset."""
    if charset_from_bom(data) is not None:
        return False
    head = data[:BINARY_SNIFF_BYTES]
    if head.startswith(BINARY_SIGNATURES) or b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _BINARY_CONTROL_BYTES))
    return bool(head) and controls / len(head) > BINARY_CONTROL_SHARE


def detect_charsets(data: bytes) -> list[str]:
    """charset-normalizer's candidates, most likely first, for when nothing declared holds.

    Short Latin text is ambiguous between single-byte code pages (French reads
    "almost" as well in Windows-1250 as in Windows-1252), so among candidates
    whose chaos is within ``DETECTION_CHAOS_TOLERANCE`` of the best, the Web's
    common charsets (``PREFERRED_DETECTIONS``) go first.
    """
    from charset_normalizer import from_bytes  # imported when first needed: most pages never are

    matches = list(from_bytes(data))
    if not matches:
        return []
    best_chaos = min(match.chaos for match in matches)
    names = [normalise_charset_name(match.encoding) for match in matches]
    near = {
        name
        for name, match in zip(names, matches, strict=True)
        if match.chaos <= best_chaos + DETECTION_CHAOS_TOLERANCE
    }
    preferred = [name for name in PREFERRED_DETECTIONS if name in near]
    return preferred + [name for name in names if name is not None and name not in preferred]


def looks_like_mojibake(text: str) -> bool:
    """Whether decoded text shows the marks of a wrong charset (or repairable mojibake)."""
    return repair_mojibake(text) != text or looks_misdecoded(text)


def looks_misdecoded(text: str) -> bool:
    """Whether a decoding is the wrong charset: replacement characters, stray controls,
    words mixing scripts, words of accented capitals only.

    Repairable UTF-8-read-as-1252 sequences do not count: by the time a declared
    single-byte charset is tried, the bytes are known not to be valid UTF-8, so
    such sequences are a page mixing encodings (a Windows-1252 story with a
    UTF-8 footer), and ``normalise_text`` repairs them. Decoding the whole page
    as UTF-8 instead would turn every legacy character into U+FFFD.
    """
    if "\ufffd" in text or STRAY_CONTROL_RE.search(text):
        return True
    if CYRILLIC_LETTER_RE.search(text) and MIXED_SCRIPT_WORD_RE.search(text):
        return True
    if not ACCENTED_LETTER_RE.search(text):
        return False
    return len(ACCENTED_ONLY_WORD_RE.findall(text)) >= ACCENTED_ONLY_WORDS_LIMIT


def _is_valid_utf8_with_non_ascii(data: bytes) -> bool:
    """Valid UTF-8 that is not plain ASCII: strong evidence of UTF-8."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def try_decode(data: bytes, encoding: str) -> str | None:
    """Decode strictly with one candidate encoding; None if it fails or looks wrong."""
    if encoding in SINGLE_BYTE_CHARSETS and _is_valid_utf8_with_non_ascii(data):
        LOGGER.debug("declared %s but the bytes are valid UTF-8", encoding)
        return None
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        LOGGER.debug("bytes do not decode as %s", encoding)
        return None
    if looks_misdecoded(text):
        LOGGER.debug("decoding as %s gives mojibake", encoding)
        return None
    return text


def _candidate_charsets(data: bytes, content_type: str | None) -> Iterator[str]:
    """Charsets to try, in order; detection runs only if every declared one fails."""
    yield from (
        name
        for name in (
            charset_from_content_type(content_type),
            charset_from_meta(data),
            charset_from_bom(data),
        )
        if name is not None
    )
    yield from detect_charsets(data)
    yield "utf_8"


def is_plain_utf8(data: bytes) -> bool:
    """Bytes that can only mean UTF-8 (or ASCII, which reads the same in any Web charset).

    Multi-byte UTF-8 sequences practically never occur by accident in a legacy
    charset, so valid UTF-8 is UTF-8 whatever the page declares. ESC bytes are
    left to the declared charset: ISO-2022-JP is 7-bit and uses them.
    """
    if b"\x1b" in data:
        return False
    if data.isascii():
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_payload(data: bytes, content_type: str | None) -> str:
    """Decode a fetched payload, trying declared charsets before detection (see below)."""
    return decode_payload_keeping_utf8(data, content_type)[0]


def decode_payload_keeping_utf8(data: bytes, content_type: str | None) -> tuple[str, bytes | None]:
    """The decoded payload, and ``data`` itself when the text is exactly its UTF-8 reading.

    The bytes let the HTML parser read the page as it came instead of encoding
    the text again (a page of 300 KB costs a tenth of a millisecond to encode).
    They are None for any other charset and when a BOM was removed.

    Order: a BOM (it outranks any declaration, as in browsers), then valid
    UTF-8 as UTF-8 (no mojibake test needed: the bytes prove it; and most of
    the Web is UTF-8, so most pages are decoded in one pass), then the HTTP
    header charset, ``<meta>`` charset, charset-normalizer, then UTF-8 with
    replacement characters as the last resort so that a page is never lost
    over a few bad bytes.
    """
    bom = charset_from_bom(data)
    if bom is not None and (text := try_decode(data, bom)) is not None:
        return text.removeprefix("\ufeff"), None
    if b"\x1b" not in data:  # is_plain_utf8, decoding once
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if text.startswith("\ufeff"):
                return text.removeprefix("\ufeff"), None
            return text, data
    tried: set[str] = set()
    for encoding in _candidate_charsets(data, content_type):
        if encoding in tried:
            continue
        tried.add(encoding)
        text = try_decode(data, encoding)
        if text is not None:
            return text.removeprefix("\ufeff"), None
    LOGGER.info("no candidate charset decodes cleanly; using UTF-8 with replacement")
    return data.decode("utf-8", errors="replace").removeprefix("\ufeff"), None


def _repair_match(match: re.Match[str]) -> str:
    """Re-read one mojibake run as the UTF-8 bytes it was, if it really was UTF-8."""
    run = match.group(0)
    raw = bytearray()
    for char in run:
        try:
            raw += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 0xFF:
                return run
            raw.append(ord(char))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return run


def repair_mojibake(text: str) -> str:
    """Fix UTF-8 text that was once decoded as Windows-1252: ``cafÃ©`` -> ``café``."""
    if MOJIBAKE_LEAD_RE.search(text) is None:
        return text
    return MOJIBAKE_RE.sub(_repair_match, text)


def has_visible_text(text: str) -> bool:
    """Whether ``normalise_text(text)`` would keep anything, without normalising it all.

    A printable ASCII character always survives normalisation, and a page has
    one within its first bytes, so a 300 KB page is answered at once; only
    text made of spaces, controls and non-ASCII characters is normalised.
    """
    return bool(VISIBLE_ASCII_RE.search(text)) or bool(normalise_text(text))


def normalise_text(text: str) -> str:
    """NFC, plain spaces, no invisible characters; lines and paragraphs kept.

    Line breaks are kept on purpose: a text dump carries its structure in
    lines (caption, alt text and headline are lines, not paragraphs).
    Horizontal whitespace is folded to single spaces, line ends are trimmed,
    and runs of blank lines become one blank line (a paragraph break).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n").replace("\x85", "\n")
    text = repair_mojibake(text)
    text = unicodedata.normalize("NFC", text)
    text = SPACE_LIKE_RE.sub(" ", text)
    text = INVISIBLE_RE.sub("", text)
    text = CONTROL_RE.sub("", text)
    text = HORIZONTAL_RUN_RE.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return BLANK_LINES_RE.sub("\n\n", text).strip()


def fold_whitespace(text: str) -> str:
    """One paragraph on one line: every whitespace run becomes a single space.

    The same as folding ``normalise_text(text)``, without the steps that only
    keep its lines (every run is folded here anyway); ASCII text, which has no
    mojibake, nothing to compose and no odd spaces, is only stripped of controls.
    """
    if text.isascii():
        return " ".join(text.translate(ASCII_FOLD_TABLE).split())
    text = text.replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = repair_mojibake(text.replace("\x85", "\n"))
    text = unicodedata.normalize("NFC", text)
    if ODD_CHARACTER_RE.search(text) is not None:  # most paragraphs hold none
        text = INVISIBLE_OR_CONTROL_RE.sub("", SPACE_LIKE_RE.sub(" ", text))
    return " ".join(text.split())
