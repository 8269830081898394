"""Stories from what a feed item carries: its full text, or its summary.

Pure: a ``FeedEntry`` in, a ``CleanStory`` out.

* **Full text** (``content:encoded``, Atom ``content``, ``yandex:full-text``,
  JSON Feed ``content_html``, a long description) goes through the same
  cleaner as a page (HTML) or a text dump (plain text), so its boilerplate,
  dateline and captions are handled alike.
* **Summary**: when the page is out of reach and the feed carries no full
  text, the item's headline, its description (the dateline parsed, the lead
  kept, FeedBurner share links and tracking pixels dropped), link and time make
  a story marked ``feed_summary``; a later run that gets the page gives it a
  new version.

Either way the feed's media, categories and authors are added
(``with_feed_metadata``), the page's own winning where it has them.
"""

from __future__ import annotations

import dataclasses
import html
import re
from typing import Final

from selectolax.lexbor import LexborHTMLParser

from etl.errors import CleanError
from etl.model import BodyBlock, CleanStory, FeedEntry, MediaItem
from etl.transform.dateline import parse_dateline
from etl.transform.text_hygiene import fold_whitespace

# A feed item's content counts as the whole story from this many words on...
FULL_TEXT_MIN_WORDS: Final = 80
# ...or when it is this much longer than the item's summary (a short story).
FULL_TEXT_SUMMARY_RATIO: Final = 2.0
# A description alone is taken for the whole story from this many words on
# (agencies that put the story in <description>); a lead is 20 to 60.
LONG_DESCRIPTION_MIN_WORDS: Final = 150

# Feed furniture inside descriptions: FeedBurner's share links and tracking
# pixel (``<div class="feedflare">``, ``<img src=".../~r/...">``), images,
# scripts. Example: ``...lead.<div class="feedflare"><a href=...><img ...>``.
SUMMARY_FURNITURE_CSS: Final = (
    "div.feedflare, img, script, style, iframe, object, embed, figure, table, form"
)
# A teaser's closing link: ``Read more``, ``Continue reading``, ``[...]``, ``Читать далее``.
READ_MORE_RE: Final = re.compile(
    r"^\s*(?:read more|continue reading|more\s*»|full story|\[\s*(?:…|\.\.\.)\s*\]|"
    r"читать далее|подробнее|далі)\b.*$",
    re.IGNORECASE,
)
# Markup at all: a description that is plain text is used as it is.
HTML_TAG_RE: Final = re.compile(r"<[a-zA-Z/!]")


def has_full_text(entry: FeedEntry) -> bool:
    """Whether the item carries the whole story, not just a teaser."""
    content_words = _word_count(entry.content)
    summary_words = _word_count(entry.summary)
    if content_words >= FULL_TEXT_MIN_WORDS:
        return True
    if content_words and content_words >= FULL_TEXT_SUMMARY_RATIO * max(summary_words, 1):
        return True
    return not content_words and summary_words >= LONG_DESCRIPTION_MIN_WORDS


def full_text_document(entry: FeedEntry) -> tuple[str, str]:
    """The item's full text as a document the cleaner reads: (text, content type).

    The feed's title is put where a page has it, so the cleaner finds the
    headline where it looks for one.
    """
    content = entry.content if _word_count(entry.content) else entry.summary
    content = content or ""
    title = entry.title or ""
    if entry.content_type == "text/plain" or not HTML_TAG_RE.search(content):
        return f"{title}\n\n{content}", "text/plain; charset=utf-8"
    page = (
        f"<html><head><title>{html.escape(title)}</title></head><body><article>"
        f"<h1>{html.escape(title)}</h1>{content}</article></body></html>"
    )
    return page, "text/html; charset=utf-8"


def summary_story(entry: FeedEntry, *, agency: str | None) -> CleanStory:
    """The story a feed item tells by itself: headline, dateline, lead, link, time.

    Raises ``CleanError`` when the item has neither a title nor a description.
    """
    published = entry.published_at or entry.updated_at
    paragraphs = summary_paragraphs(entry.summary)
    headline = fold_whitespace(html.unescape(entry.title or ""))
    if not headline:
        if not paragraphs:
            raise CleanError("feed item has neither a title nor a description", stage="feed_item")
        headline = paragraphs[0]
    dateline = None
    if paragraphs:
        dateline = parse_dateline(paragraphs[0], published.date() if published else None)
        if dateline is not None:
            rest = paragraphs[0][dateline.body_offset :].strip()
            paragraphs = ([rest] if rest else []) + paragraphs[1:]
    story = CleanStory(
        headline=headline,
        deck=None,
        blocks=tuple(BodyBlock("paragraph", text) for text in paragraphs),
        dateline=dateline,
        agency=(dateline.agency if dateline else None) or agency,
        published_at=published,
        canonical_url=entry.link,
        text_source="feed_summary",
    )
    return with_feed_metadata(story, entry)


def summary_paragraphs(summary: str | None) -> list[str]:
    """A description's text as paragraphs, without the feed's furniture."""
    if not summary or not summary.strip():
        return []
    if not HTML_TAG_RE.search(summary):
        texts = [fold_whitespace(html.unescape(part)) for part in re.split(r"\n\s*\n", summary)]
        return [text for text in texts if text and not READ_MORE_RE.match(text)]
    tree = LexborHTMLParser(f"<body>{summary}</body>")
    for node in tree.css(SUMMARY_FURNITURE_CSS):
        node.decompose()
    for link in tree.css("a"):
        if READ_MORE_RE.match(link.text(deep=True)):
            link.decompose()
    for br in tree.css("br"):
        br.replace_with("\n\n")
    blocks = tree.css("p, li, blockquote, h2, h3")
    if blocks:
        texts = [block.text(deep=True, separator="") for block in blocks]
    else:
        body = tree.body
        texts = re.split(r"\n\s*\n", body.text(deep=True, separator="") if body else "")
    cleaned = [fold_whitespace(text) for text in texts]
    return [text for text in cleaned if text and not READ_MORE_RE.match(text)]


def with_feed_metadata(story: CleanStory, entry: FeedEntry) -> CleanStory:
    """Add what the feed says and the story lacks: media, categories, the byline.

    The page's media come first; a feed photo joins them unless the page
    already has that URL. Feed captions may be HTML: they are reduced to text.
    """
    page_urls = {media.url for media in story.media if media.url}
    feed_media = tuple(_plain_media(media) for media in entry.media if media.url not in page_urls)
    known = {(s.name, s.code, s.scheme) for s in story.subjects}
    subjects = story.subjects + tuple(
        s for s in entry.subjects if (s.name, s.code, s.scheme) not in known
    )
    byline = story.byline or (", ".join(entry.authors) if entry.authors else None)
    return dataclasses.replace(
        story, media=story.media + feed_media, subjects=subjects, byline=byline
    )


def _plain_media(media: MediaItem) -> MediaItem:
    def plain(text: str | None) -> str | None:
        if not text:
            return None
        if HTML_TAG_RE.search(text):
            text = LexborHTMLParser(f"<body>{text}</body>").text(deep=True, separator=" ")
        return fold_whitespace(html.unescape(text)) or None

    return dataclasses.replace(media, caption=plain(media.caption), credit=plain(media.credit))


def _word_count(text: str | None) -> int:
    if not text:
        return 0
    if HTML_TAG_RE.search(text):
        text = LexborHTMLParser(f"<body>{text}</body>").text(deep=True, separator=" ")
    return len(text.split())


def full_text_story(entry: FeedEntry, *, agency_hint: str | None) -> CleanStory:
    """Clean the item's full text as the cleaner cleans a page or a text dump.

    The feed's title stays the headline (the cleaner may read a first line as
    one); raises ``CleanError`` as ``clean_document`` does.
    """
    from etl.transform.clean import clean_document  # pure, but heavy: only when needed

    document, content_type = full_text_document(entry)
    story = clean_document(
        document,
        content_type=content_type,
        url=entry.link,
        published_at=entry.published_at or entry.updated_at,
        agency_hint=agency_hint,
    )
    headline = fold_whitespace(html.unescape(entry.title or "")) or story.headline
    story = dataclasses.replace(
        story,
        headline=headline,
        canonical_url=story.canonical_url or entry.link,
        text_source="feed_full_text",
    )
    return with_feed_metadata(story, entry)
