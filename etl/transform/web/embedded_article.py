"""The article a page ships in its scripts, for pages whose HTML body holds none.

Pages built by script frameworks often send the story twice: once as HTML,
once as data for the browser's code. Some send it only as data (the HTML body
is an empty shell the browser fills in). Structured data that pages commonly
ship, all read here the same way, whatever the site:

* JSON-LD ``articleBody`` (schema.org's declared story text);
* JSON state blobs: ``<script id="__NEXT_DATA__" type="application/json">``
  and other JSON scripts, and assignments such as
  ``window.__PRELOADED_STATE__ = {...}`` or ``window.__INITIAL_STATE__ = {...}``;
* the React Server Components stream of Next.js's app router
  (``self.__next_f.push([1, "..."])``), whose long HTML strings are text rows
  ``<id>:T<hex byte length>,<text>``.

Every string long enough to be a story is a candidate; one that holds
markup is read like a story body (paragraphs, crossheads; figures and
captions out), plain text is split at its line breaks. The longest candidate
whose text reads as prose wins. The fallback reader asks for it only when
neither the generic reader nor trafilatura found a body in the HTML, so the
cost falls on those pages alone.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from html import unescape
from typing import Any, Final

from etl.model import BodyBlock, MediaItem
from etl.transform.text_hygiene import fold_whitespace
from etl.transform.web.html_page import HtmlTree, parse_html, select

LOGGER = logging.getLogger(__name__)

# A candidate shorter than this (in characters of text) is a teaser or a label.
MIN_ARTICLE_CHARS: Final = 300
# Scripts longer than this are application code or a whole site's state: not read.
MAX_SCRIPT_CHARS: Final = 5_000_000
# Prose: at least this share of a candidate's characters are letters or spaces
# (code, CSS and URLs fall well below it).
MIN_LETTER_SHARE: Final = 0.75
# Markup in a string: an opening paragraph, line break or division tag.
# Example: ``<p class="editor-p">``, ``<br/>``, ``<div>``.
MARKUP_RE: Final = re.compile(r"<(?:p|br|div|h[2-4])\b[^>]*>", re.IGNORECASE)
# Script state assigned to a global, JSON after the ``=``.
# Example: ``window.__PRELOADED_STATE__ = {"article": ...};``, ``__INITIAL_STATE__={...}``.
STATE_ASSIGNMENT_RE: Final = re.compile(r"(?:window\.)?__[A-Z][A-Z0-9_]*__\s*=\s*(?=[{\[])")
# One chunk of Next.js's app-router stream: ``self.__next_f.push([1,"<JSON string>"])``.
FLIGHT_CHUNK_RE: Final = re.compile(r'self\.__next_f\.push\(\[1,\s*("(?:[^"\\]|\\.)*")\]\)')
# A text row of that stream: ``24:T1b7b,`` then 0x1b7b bytes of text.
FLIGHT_TEXT_ROW_RE: Final = re.compile(rb"(?:^|\n)[0-9a-f]+:T([0-9a-f]+),")
# Template placeholders left in a body for the site's own code to fill.
# Example: ``$$ARTICLEAD$$``, ``{{ad_slot}}``, ``[[AD]]``, ``%%PAID%%``.
PLACEHOLDER_RE: Final = re.compile(r"(?:\$\$|\{\{|\[\[|%%)\s*[\w.-]+\s*(?:\$\$|\}\}|\]\]|%%)")
# Figures and captions inside a markup string: photos, not body text.
CAPTION_PARTS_SELECTOR: Final = 'figure, figcaption, [class*="caption"], [class*="credit"]'
# Keys whose string is the story, preferred over any other string of the same page.
BODY_KEYS: Final = frozenset({"articleBody", "articlebody", "article_body"})
# Other keys that may hold a story: their name says body, content, text or HTML
# (and not a summary). Example: ``"body"``, ``"contentHtml"``, ``"story_text"``.
STORY_KEY_RE: Final = re.compile(r"body|content|text|html", re.IGNORECASE)
SUMMARY_KEY_RE: Final = re.compile(
    r"descr|summary|teaser|excerpt|lead|abstract|intro", re.IGNORECASE
)


@dataclass(frozen=True)
class EmbeddedArticle:
    """The story text found in a page's scripts, and where it was found."""

    blocks: list[BodyBlock]
    media: list[MediaItem]
    source: str


def _strings(node: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """Every (key, string) of a JSON tree, walked without recursion (state blobs nest deep)."""
    stack: list[tuple[str, Any]] = [(key, node)]
    while stack:
        name, value = stack.pop()
        if isinstance(value, str):
            yield name, value
        elif isinstance(value, dict):
            stack.extend((str(k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((name, v) for v in value)


def _values_of(node: Any, keys: frozenset[str]) -> Iterator[str]:
    """The string values of the given keys anywhere in a JSON tree (walked without recursion)."""
    stack = [node]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for key, child in value.items():
                if key in keys and isinstance(child, str):
                    yield child
                elif isinstance(child, dict | list):
                    stack.append(child)
        elif isinstance(value, list):
            stack.extend(child for child in value if isinstance(child, dict | list))


def _json_candidates(text: str) -> Iterator[tuple[str, str]]:
    """Strings of one JSON document, or of each JSON state assigned in a script."""
    decoder = json.JSONDecoder()
    starts = [0] if text.lstrip()[:1] in {"{", "["} else []
    starts += [m.end() for m in STATE_ASSIGNMENT_RE.finditer(text)]
    for start in starts:
        try:
            data, _ = decoder.raw_decode(text, len(text) - len(text[start:].lstrip()))
        except (ValueError, RecursionError):
            continue
        yield from _strings(data)


def _flight_rows(html: str) -> Iterator[str]:
    """The text rows of a Next.js app-router stream (their length is in UTF-8 bytes)."""
    chunks = []
    for match in FLIGHT_CHUNK_RE.finditer(html):
        try:
            chunks.append(json.loads(match.group(1)))
        except ValueError:
            continue
    stream = "".join(c for c in chunks if isinstance(c, str)).encode("utf-8", "replace")
    for row in FLIGHT_TEXT_ROW_RE.finditer(stream):
        size = int(row.group(1), 16)
        yield stream[row.end() : row.end() + size].decode("utf-8", "replace")


def candidates(html: str, tree: HtmlTree) -> Iterator[tuple[str, str, str]]:
    """(source, key, string) for every string a page's scripts carry."""
    for script in tree.css("script"):
        text = script.text()
        if len(text) > MAX_SCRIPT_CHARS or ("{" not in text and "[" not in text):
            continue
        kind = (script.attributes.get("type") or "").lower()
        source = "JSON-LD" if kind == "application/ld+json" else "script state"
        for key, value in _json_candidates(text):
            yield source, key, value
    if "self.__next_f" in html:
        for row in _flight_rows(html):
            yield "Next.js stream", "", row


def _may_be_story(key: str, value: str) -> bool:
    """A string under a key that may name a story, or a stream row that holds markup."""
    if key in BODY_KEYS:
        return True
    if not key:
        return MARKUP_RE.search(value) is not None
    return STORY_KEY_RE.search(key) is not None and SUMMARY_KEY_RE.search(key) is None


def _is_prose(text: str) -> bool:
    """Enough characters, and mostly letters and spaces (not code, CSS or a URL list)."""
    if len(text) < MIN_ARTICLE_CHARS:
        return False
    letters = sum(1 for c in text if c.isalpha() or c.isspace())
    return letters >= MIN_LETTER_SHARE * len(text)


def _read(value: str, base_url: str | None) -> tuple[list[BodyBlock], list[MediaItem]]:
    """A candidate string as body blocks: markup read as a story body, text split at lines."""
    from etl.transform.web.generic_page import generic_blocks, take_region_media

    value = PLACEHOLDER_RE.sub("\n\n", value)
    if MARKUP_RE.search(value):
        tree = parse_html(f"<html><body>{value}</body></html>")
        body = tree.body
        if body is None:
            return [], []
        media = take_region_media(body, body, base_url)
        for node in select(body, CAPTION_PARTS_SELECTOR):
            node.decompose()
        blocks, _ = generic_blocks(body)
        return blocks, media
    lines = (fold_whitespace(line) for line in value.splitlines())
    return [BodyBlock("paragraph", line) for line in lines if line], []


def embedded_article(
    html: str, url: str | None = None, declared: str | None = None
) -> EmbeddedArticle | None:
    """The longest story the page's scripts carry (a declared ``articleBody`` first), or None.

    ``declared`` is the page's JSON-LD ``articleBody`` when the caller has read it
    already: a story declared at length is taken without reading the other scripts.
    """
    if declared is not None and _is_prose(declared):
        blocks, media = _read(declared, url)
        if sum(len(b.text) for b in blocks) >= MIN_ARTICLE_CHARS:
            return EmbeddedArticle(blocks=blocks, media=media, source="JSON-LD")
    tree = parse_html(html)
    best: tuple[bool, int, str, str] | None = None
    for source, key, value in candidates(html, tree):
        if not _may_be_story(key, value):
            continue
        if key in BODY_KEYS:
            value = _once(value)
        text = fold_whitespace(re.sub(r"<[^>]+>", " ", value))
        if not _is_prose(text):
            continue
        rank = (key in BODY_KEYS, len(text), source, value)
        if best is None or rank[:2] > best[:2]:
            best = rank
    if best is None:
        return None
    blocks, media = _read(best[3], url)
    if sum(len(b.text) for b in blocks) < MIN_ARTICLE_CHARS:
        return None
    LOGGER.info("story read from the page's scripts (%s) on %s", best[2], url)
    return EmbeddedArticle(blocks=blocks, media=media, source=best[2])


# --- the body a page declares (JSON-LD articleBody) -------------------------------------

# Words of a text, lower case (one CJK character a word: those scripts do not space words).
WORD_RE: Final = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|\w+")
# A paragraph is in the declared body when this share of its word triples is.
SHINGLE_SIZE: Final = 3
MIN_SHINGLE_SHARE: Final = 0.5
# How much of a declared body's start is looked for again to find it sent twice.
DUPLICATE_PROBE_CHARS: Final = 80


def _words(text: str) -> list[str]:
    return WORD_RE.findall(text.lower())


class DeclaredBody:
    """The story text a page declares in its JSON-LD (``articleBody``), for checking ours.

    ``raw`` is the value as declared (sent once, entities decoded, line breaks and
    any markup kept, to be read as a body); ``text`` is its plain, folded text.
    """

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.text = fold_whitespace(re.sub(r"<[^>]+>", " ", raw))

    @classmethod
    def of(cls, raw: str) -> DeclaredBody:
        return cls(raw)

    @cached_property
    def words(self) -> str:
        """The words joined by single spaces, with spaces around (for containment)."""
        return f" {' '.join(_words(self.text))} "

    @cached_property
    def shingles(self) -> frozenset[tuple[str, ...]]:
        """Runs of ``SHINGLE_SIZE`` words (only built when a paragraph is not held whole)."""
        words = self.words.split()
        return frozenset(zip(*(words[i:] for i in range(SHINGLE_SIZE)), strict=False))

    def holds(self, paragraph: str) -> bool:
        """Whether the paragraph's words run in the declared body (most of them, in order)."""
        words = _words(paragraph)
        if not words:
            return True
        if f" {' '.join(words)} " in self.words:
            return True
        triples = list(zip(*(words[i:] for i in range(SHINGLE_SIZE)), strict=False))
        if not triples:
            return False
        found = sum(1 for triple in triples if triple in self.shingles)
        return found >= MIN_SHINGLE_SHARE * len(triples)


def _decoded(value: str) -> str:
    """A declared body with its entities decoded (some sites escape them twice).

    Example: ``il&amp;ccedil;esinde`` -> ``ilçesinde``.
    """
    for _ in range(2):
        if "&" not in value:
            break
        value = unescape(value)
    return value


def declared_body(tree: HtmlTree) -> DeclaredBody | None:
    """The longest ``articleBody`` of the page's JSON-LD, markup stripped, or None."""
    found: list[str] = []
    for script in tree.css('script[type="application/ld+json"]'):
        text = script.text()
        if "articleBody" not in text or len(text) > MAX_SCRIPT_CHARS:
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue
        found.extend(_values_of(data, BODY_KEYS))
    if not found:
        return None
    declared = DeclaredBody.of(_decoded(_once(max(found, key=len))))
    return declared if declared.text else None


def _once(text: str) -> str:
    """A declared body that some sites send twice in one string, once.

    Example: ``"Meloni arrived ... Mar-a-Lago. Meloni arrived ... Mar-a-Lago."`` -> the first.
    """
    probe = text[:DUPLICATE_PROBE_CHARS]
    again = text.find(probe, 1) if len(probe) == DUPLICATE_PROBE_CHARS else -1
    if again > 0 and text[:again].strip() == text[again:].strip():
        return text[:again].strip()
    return text
