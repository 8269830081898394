"""Unknown sites: find the story on a page that no agency layout describes.

No CSS layout knows where an unknown site keeps its story, so the page is read
the way readability-style extractors read it, with our own rules on top:

1. page furniture goes (the common drop list, the generic layout's, and every
   container whose class or id says it is furniture: ``related``, ``comments``,
   ``sidebar``, ``paywall`` ...; named data below, each with an example);
2. the body is ``[itemprop=articleBody]`` when the page says so, else the
   element that holds the most paragraph text (text units credit their
   container, and half and a third of that to the next two ancestors, as in
   readability), discounted by the share of its text that is links;
3. the headline is the longest heading that the page's ``<title>`` repeats,
   else the generic layout's selectors; the story region is the smallest
   element holding headline and body, and photos (``figure``, or any element
   whose class says ``caption``) are taken from it into ``media``;
4. the body is read as text runs: paragraphs, list items, text between block
   elements, text split at double ``<br>``; runs that are mostly links, or that
   a boilerplate rule matches, are dropped.

Measured against trafilatura on ``tests/fixtures/generic`` by the quality gate
in ``tests/unit/test_generic_quality.py``; it reads the same Lexbor tree as the
agency layouts, so it costs a few milliseconds on a full-size page.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from itertools import islice
from typing import Final

from selectolax.lexbor import LexborNode

from etl.errors import CleanError
from etl.model import BodyBlock, CleanStory, MediaItem
from etl.transform import rules
from etl.transform.dateline import parse_dateline
from etl.transform.draft import StoryDraft, assemble_story, byline_from_text
from etl.transform.text_hygiene import fold_whitespace
from etl.transform.web.html_page import (
    HtmlTree,
    LayoutMismatchError,
    common_ancestor,
    element_text,
    first_text,
    is_inside,
    media_item,
    page_canonical_url,
    page_language,
    page_published_at,
    remove_nodes,
    select,
    select_one,
    top_level,
    unique,
)
from etl.transform.web.site_layouts import COMMON_DROP, GENERIC_LAYOUT

LOGGER = logging.getLogger(__name__)

# --- furniture containers, by the words in their class or id ---------------------------

# Words that mark a container as furniture wherever they stand in its class or
# id (matched as substrings, so ``jp-relatedposts`` and ``comments-area`` count).
# Example: ``<div id="jp-relatedposts">``, ``<section class="comments">``,
# ``<div class="newsletter-signup">``, ``<div class="paywall">``, ``<div class="teaser">``.
FURNITURE_CLASS_WORDS: Final = (
    "related",
    "comment",
    "sidebar",
    "newsletter",
    "subscri",
    "paywall",
    "promo",
    "teaser",
    "recommend",
    "trending",
    "most-read",
    "mostread",
    "most-popular",
    "also-read",
    "read-next",
    "readnext",
    "more-stories",
    "more-news",
    "otherstories",
    "other-stories",
    "author-bio",
    "authorbio",
    "breadcrumb",
    "crumbs",
    "cookie",
    "consent",
    "advert",
    "sponsor",
    "outbrain",
    "taboola",
    "disqus",
    "sharedaddy",
    "share-",
    "-share",
    "sharing",
    "social",
    "video-player",
    "ad-slot",
    "ad-container",
    "ad-label",
    "tags-",
    "-tags",
    "tag-list",
    "post-navigation",
    "pagination",
    "blog-pager",
    "feedback",
    "signup",
    "sign-up",
    "about-the-author",
    "author-box",
    "author-info",
    "twitter-tweet",
    "instagram-media",
    # Fact and info boxes beside the story (background, not the story's text).
    # Example: ``<div class="infobox">Weitere Informationen ...``, ``<div class="fact-box">``.
    "infobox",
    "info-box",
    "factbox",
    "fact-box",
    # Spanish, French, Italian, German sections of the same kinds.
    # Example: ``<div class="relacionadas">``, ``<div class="werbung">``.
    "relacionad",
    "comentario",
    "compartir",
    "publicidad",
    "publicite",
    "pubblicita",
    "werbung",
    "anzeige",
    "lire-aussi",
    "leggi-anche",
    "lesen-sie-auch",
)
# Shorter words, which would match inside ordinary words as substrings, count
# only as a whole class token or the whole id. Example: ``<div class="ad">``,
# ``<section class="widget widget_text">``, ``<div id="share">``.
FURNITURE_CLASS_TOKENS: Final = (
    "ad",
    "ads",
    "adv",
    "banner",
    "widget",
    "tags",
    "share",
    "print",
    "more",
    "menu",
    "pager",
)
# Custom elements of AMP and embed scripts that never hold story text.
# Example: ``<amp-ad>``, ``<amp-sidebar>``, ``<amp-social-share>``.
FURNITURE_TAGS: Final = ("amp-ad", "amp-sidebar", "amp-social-share", "amp-analytics")


# A class token that names the story's own text: an element so named is the
# story, whatever other class it carries (a layout grid named after its sidebar).
# Example: ``<div class="sidebar-grid__content article__content">``,
# ``<div class="entry-content">``, ``<div class="story-body">``.
STORY_CLASS_RE: Final = re.compile(
    r"(?:^|\s)(?:article|story|entry|post)[-_]*(?:content|body|text)(?=\s|$)", re.IGNORECASE
)

FURNITURE_WORDS_RE: Final = re.compile("|".join(re.escape(w) for w in FURNITURE_CLASS_WORDS))
FURNITURE_TOKENS_RE: Final = re.compile(
    r"(?:^|\s)(?:" + "|".join(re.escape(t) for t in FURNITURE_CLASS_TOKENS) + r")(?=\s|$)"
)
# A container named by one of the short tokens may be a whole-page wrapper
# (Blogger puts every post in ``<div class="widget Blog">``): it is kept when it
# holds at least this share of the page's text.
WRAPPER_TEXT_SHARE: Final = 0.5

# Elements a furniture container must not hold: a container holding the
# headline or a declared article body is the story's wrapper, whatever its
# class says (``<article class="category-comment">``).
STORY_MARKERS_SELECTOR: Final = 'h1, [itemprop~="articleBody"]'

# Text for screen readers only: labels such as ``Image caption,`` and skip links.
# Example: ``<span class="visually-hidden">Image source, </span>``.
SCREEN_READER_SELECTOR: Final = (
    '[class*="visually-hidden"], [class*="sr-only"], [class*="screen-reader"]'
)

# Elements the page hides from readers (by inline style or the CSS frameworks'
# class names): subscription offers and sign-up forms shown only to some.
# Example: ``<div class="intro-body__premium hidden">THIS CONTENT IS RESERVED ...``,
# ``<div style="display:none">``, ``<div class="d-none">``.
HIDDEN_SELECTOR: Final = (
    '[style*="display:none"], [style*="display: none"], [class~="hidden"],'
    ' [class~="d-none"], [class~="is-hidden"]'
)

# Metadata blocks inside a story region: read for the byline, never body text.
# Example: ``<div class="entry-meta">``, ``<p class="feature__byline">``,
# ``<div class="storydate">``, ``<p class="feature__kicker">``.
METADATA_SELECTOR: Final = ", ".join(
    f'[class*="{word}"]'
    for word in (
        "byline",
        "entry-meta",
        "article-meta",
        "story-meta",
        "posted-on",
        "dateline",
        "kicker",
        "storydate",
        "story-date",
        "article-date",
        "post-date",
        "pubdate",
        "publish-date",
    )
)
# Where a byline stands, most specific first.
# Example: ``<a rel="author">``, ``<h4 class="author-name">``, ``<div class="byline">``,
# ``<div class="autor">`` (German, Spanish), ``<div class="firma">`` (Spanish).
BYLINE_SELECTORS: Final = (
    '[rel="author"]',
    '[class*="author-name"]',
    '[class*="byline"]',
    '[itemprop~="author"]',
    '[class*="author"]',
    '[class*="autor"]',
    '[class~="firma"]',
)
# Captions and credits outside ``<figure>``: any element whose class says so,
# in English, German, French, Spanish or Italian, in any case (``imageCaption``).
# Example: ``<td class="tr-caption">``, ``<span class="img-caption">``,
# ``<p class="bildunterschrift">``, ``<p class="legende">``, ``<p class="pie-foto">``.
CAPTION_CLASS_WORDS: Final = ("caption", "bildunterschrift", "legende", "pie-foto", "didascalia")
CAPTION_SELECTOR: Final = ", ".join(f'[class*="{word}" i]' for word in CAPTION_CLASS_WORDS)
# Standfirsts under other names than the generic layout's.
# Example: ``<p class="feature__standfirst">``, ``<h2 class="synopsis">``,
# ``<p class="vorspann">``, ``<p class="entradilla">``, ``<p class="chapo">``.
DECK_SELECTORS: Final = (
    *GENERIC_LAYOUT.deck,
    '[class*="standfirst"]',
    '[class*="synopsis"]',
    '[class*="excerpt"]',
    '[class*="summary"]',
    '[class*="vorspann"]',
    '[class*="entradilla"]',
    '[class*="chapo"]',
    '[class*="sommario"]',
)
# Where a standfirst stands when the page prints it at the top of the story's own
# container: the deck selectors, and the class names sites give it there.
# Example: ``<p class="article-subtitle">``, ``<p class="preface">`` (in the article's
# ``<header>``), ``<p class="id-StoryElement-leadText">``, ``<p class="intro">``.
STANDFIRST_SELECTOR: Final = ", ".join(
    (
        *DECK_SELECTORS,
        '[class*="subtitle"]',
        '[class*="preface"]',
        '[class*="leadText"]',
        '[class*="lead-text"]',
        '[class*="leadtext"]',
        '[class*="intro"]',
        "header p",
    )
)
# A deck of fewer words is a kicker or a label above the headline, not a standfirst.
DECK_MIN_WORDS: Final = 4
# How many standfirst candidates of a body are looked at (the first few suffice).
STANDFIRST_CANDIDATES: Final = 5

# A block this short with at most one letter is a counter or a label (``38``, ``1.2K``).
COUNTER_MAX_CHARS: Final = 12

# The generic layout's photo selectors, widened: credits and captions under any
# class that says so. Example: ``<span class="ssrcss-copyright">``, ``<span class="credit">``.
GENERIC_MEDIA_LAYOUT: Final = replace(
    GENERIC_LAYOUT,
    caption=("figcaption", CAPTION_SELECTOR),
    credit=(*GENERIC_LAYOUT.credit, '[class*="credit"]', '[class*="copyright"]'),
)

# --- text units and scores ---------------------------------------------------------

# Text units: paragraphs, and elements that hold text of their own (a CMS that
# writes paragraphs as ``<div>`` or separates them with ``<br><br>``).
PARAGRAPH_SELECTOR: Final = "p, pre"
TEXT_HOLDER_SELECTOR: Final = "div, td, section, article, blockquote, li, dd, font, center"
# A unit shorter than this says too little to vote for its container.
UNIT_MIN_CHARS: Final = 25
# How much of a unit's score its container's ancestors get (readability's 1, 1/2, 1/3).
ANCESTOR_SHARES: Final = (1.0, 0.5, 1 / 3)
# How many top candidates get their link density measured.
CANDIDATES_CHECKED: Final = 5
# A candidate this close to the best one may be a part of the same story (see _merge_split_body).
MERGE_SHARE: Final = 0.5
# A block (or candidate) whose text is more than this share of links is navigation.
LINK_DENSITY_MAX: Final = 0.5

# Block-level elements: text on either side of one is a separate run.
BLOCK_TAGS: Final = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav",
        "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot",
        "tr", "td", "th", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
        "address", "hr", "form", "fieldset", "center", "details", "summary",
    }
)  # fmt: skip
HEADING_TAGS: Final = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BOLD_TAGS: Final = frozenset({"b", "strong"})
# Two line breaks in a row end a paragraph (``<br>`` reads as U+2028, see parse_html).
PARAGRAPH_BREAK_RE: Final = re.compile("\u2028[\\s\u2028]*\u2028")

# --- line rules of unknown sites (on top of transform.rules) ----------------------

# App and alert promotions closing a story.
# Example: ``Download the KVRT 7 News app for breaking news alerts.``
APP_PROMO_RE: Final = re.compile(
    r"^(?:download|get|install) (?:the|our) .{0,60}\bapps?\b", re.IGNORECASE
)
# Publication stamps with a label: ``Published: Thursday 19 November 2026 Last updated: 10:15``.
STAMP_LINE_RE: Final = re.compile(
    r"^(?:published|updated|last updated|posted|posted on)\b:?.{0,80}"
    r"\b(?:\d{4}|\d{1,2}:\d{2})\b.{0,40}$",
    re.IGNORECASE,
)
# Reading-time stamps: ``6 min read``, ``Lesezeit: 4 Minuten`` is left to the class rules.
READING_TIME_RE: Final = re.compile(
    r"\b\d{1,3}\s*(?:-\s*)?min(?:ute)?s?\.?\s+read\b", re.IGNORECASE
)
# Media placeholders: ``Video: Aerial view of the fire line (KVRT 7)``, ``Watch: ...``.
MEDIA_LABEL_RE: Final = re.compile(r"^(?:video|watch|listen|audio|gallery)\s*:", re.IGNORECASE)
# Time stamps of live-blog entries, glued to the author's name or a label, and
# relative stamps with a name beside them.
# Example: ``21:00Antony Clements-Thrower``, ``19:11KEY EVENT``,
# ``5 hours ago07:06 Jon King``, ``Nizaar Kinsella2 minutes ago``.
LIVE_STAMP_RE: Final = re.compile(
    r"^(?:\d+ (?:mins?|minutes?|hours?|days?) ago)?\d{1,2}:\d{2}\s*[A-Z][\w.'’ -]{2,40}$"
    r"|^[A-Z][\w.'’ -]{2,40}?\s*\d+ (?:mins?|minutes?|hours?|days?) ago$"
)
# Dates and times alone on a line, with no words (numeric, or CJK).
# Example: ``23. 12. 2024 13:31``, ``1月13日``, ``2025年1月14日 01時28分 (1月14日 01時40分更新)``.
DATE_ONLY_RE: Final = re.compile(
    r"^\d{1,4}[./-] ?\d{1,2}[./-] ?\d{2,4},? \d{1,2}:\d{2}(?: ?uhr)?$"
    r"|^(?:\d{4}年)?\d{1,2}月\d{1,2}日(?: ?\d{1,2}時\d{1,2}分)?(?: ?[(（].{0,30}[)）])?$",
    re.IGNORECASE,
)
# Labelled stamps of German-language sites, with a reading time or place glued on.
# Example: ``Publiziert: 01.07.2023, 11:16``, ``Erstellt: 28.04.2023, 18:16 Uhr``,
# ``Aktualisiert am 07.01.2026 - 18:50 UhrLesedauer: 4 Min.``, ``28.04.2023, 19:09 3 Min.``.
GERMAN_STAMP_RE: Final = re.compile(
    r"^(?:(?:publiziert|erstellt|aktualisiert|veröffentlicht|stand)(?: am)?:? )?"
    r"\d{1,2}\.\d{1,2}\.\d{2,4},?(?: -)? \d{1,2}:\d{2}(?: ?uhr)?"
    r"(?: ?(?:lesedauer: )?\d{1,2} min\.?)?$",
    re.IGNORECASE,
)
# Prompts to follow the site, write in, or read on elsewhere; ad notices; paywall
# teasers; a print view's footer.
# Example: ``Follow Metro.co.uk on Twitter and Facebook for the latest news updates.``,
# ``Follow TechRadar on Google News and add us as a preferred source ...``,
# ``Folgst du schon 20 Minuten auf Whatsapp?``, ``Got a story? Get in touch ...``,
# ``For more stories like this, check our news page.``, ``Don't want to see this? Remove
# ads``, ``Advertisement embed-more-topicStory continues below``, ``Anzeige``,
# ``... signing up to our free weekly newsletter``, ``Il vous reste 57% de cet article
# à lire. La suite est réservée aux abonnés.``, ``Log in or create an account to continue``,
# ``Dieser Artikel wurde ausgedruckt unter der Adresse: https://...``.
SITE_PROMPT_RE: Final = re.compile(
    r"^follow\b.{0,60}\bon (?:twitter|facebook|instagram|x|whatsapp|telegram|tiktok"
    r"|google news)\b"
    r"|^folg(?:st du|en sie|t) (?:schon |uns )?.{0,40}\bauf (?:whatsapp|instagram|facebook"
    r"|tiktok|telegram|x)\b"
    r"|^got a story\?|^for more stories like this\b"
    r"|\bremove ads$|^(?:- )?advertisement\b|\bstory continues below$|^anzeige$"
    r"|\bsign(?:ing)? up\b.{0,60}\bnewsletters?\b"
    r"|\bla suite est réservée aux abonnés\b|^vous possédez déjà un compte"
    r"|^(?:log|sign) in or (?:create an account|register)\b"
    r"|^dieser artikel wurde ausgedruckt unter der adresse",
    re.IGNORECASE,
)
GENERIC_LINE_RULES: Final = (
    APP_PROMO_RE,
    STAMP_LINE_RE,
    READING_TIME_RE,
    MEDIA_LABEL_RE,
    LIVE_STAMP_RE,
    DATE_ONLY_RE,
    GERMAN_STAMP_RE,
    SITE_PROMPT_RE,
)
# Those rules describe short furniture lines; a long paragraph is story text.
GENERIC_RULE_MAX_CHARS: Final = 200


@dataclass
class Run:
    """One run of text between block boundaries, with how much of it is links or bold."""

    parts: list[str]
    link_chars: int = 0
    bold_chars: int = 0
    heading: bool = False


# --- finding the body ------------------------------------------------------------------


def _furniture_kind(node: LexborNode) -> str | None:
    """``word`` or ``token`` when the node's class or id names it furniture, else None.

    Matched in Python over the elements that have a class or id: one CSS query
    per word would walk the tree a hundred times.
    """
    attributes = node.attributes
    return _furniture_kind_of_names(f"{attributes.get('class') or ''} {attributes.get('id') or ''}")


@lru_cache(maxsize=4096)
def _furniture_kind_of_names(names: str) -> str | None:
    """The furniture kind of a class-and-id string (pages repeat them: cached)."""
    if FURNITURE_WORDS_RE.search(names):
        return "word"
    if FURNITURE_TOKENS_RE.search(names):
        return "token"
    return None


@lru_cache(maxsize=4096)
def _is_story_class(names: str) -> bool:
    """Whether a class attribute names the story's own text (pages repeat them: cached)."""
    return STORY_CLASS_RE.search(names) is not None


def _story_marker_holders(tree: HtmlTree, named: list[LexborNode]) -> set[int]:
    """Identities of headline, declared-body and story-named elements and of their holders."""
    holders: set[int] = set()
    story_named = [n for n in named if _is_story_class(n.attributes.get("class") or "")]
    for marker in [*tree.css(STORY_MARKERS_SELECTOR), *story_named]:
        node: LexborNode | None = marker
        while node is not None and node.mem_id not in holders:  # stop where a walk has been
            holders.add(node.mem_id)
            node = node.parent
    return holders


def drop_generic_furniture(tree: HtmlTree) -> None:
    """Remove common furniture, then furniture containers that hold no headline or body."""
    remove_nodes(
        tree.css(
            ", ".join((*COMMON_DROP, *GENERIC_LAYOUT.drop, SCREEN_READER_SELECTOR, HIDDEN_SELECTOR))
        )
    )
    named = unique(tree.css("[class], [id]"))
    protected = _story_marker_holders(tree, named)
    page_chars = len(tree.body.text()) if tree.body is not None else 0
    doomed = list(tree.css(", ".join(FURNITURE_TAGS)))
    for node in named:
        if node.mem_id in protected or node.tag in {"html", "body"}:
            continue
        kind = _furniture_kind(node)
        if kind == "word" or (
            kind == "token" and len(node.text()) < WRAPPER_TEXT_SHARE * page_chars
        ):
            doomed.append(node)
    for node in top_level(doomed):
        node.decompose()  # top-level: none holds another


def _text_units(tree: HtmlTree) -> Iterator[tuple[LexborNode, str]]:
    """Text units with their container: a paragraph's parent, a text holder itself."""
    for paragraph in tree.css(PARAGRAPH_SELECTOR):
        parent = paragraph.parent
        if parent is not None:
            yield parent, paragraph.text()
    for holder in tree.css(TEXT_HOLDER_SELECTOR):
        own = holder.text(deep=False)
        if len(own.strip()) >= UNIT_MIN_CHARS:
            yield holder, own


def _unit_score(text: str) -> float:
    """Readability's paragraph score: one, plus one per comma, plus one per 100 chars (max 3)."""
    return 1 + text.count(",") + min(len(text) / 100, 3)


def _visible_length(text: str) -> int:
    """Length of a text with its whitespace folded (a cheap stand-in for ``fold_whitespace``:
    link density only needs a length, and is computed for every candidate and link)."""
    return len(" ".join(text.split()))


def link_density(node: LexborNode) -> float:
    """Share of the node's text that sits in links."""
    text_length = _visible_length(node.text())
    if not text_length:
        return 1.0
    link_length = sum(_visible_length(a.text()) for a in select(node, "a"))
    return min(1.0, link_length / text_length)


def score_candidates(tree: HtmlTree) -> list[tuple[float, LexborNode]]:
    """Containers by the paragraph text they hold, best first (link density not yet applied)."""
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    for container, raw in _text_units(tree):
        text = raw.strip()
        if len(text) < UNIT_MIN_CHARS:
            continue
        score = _unit_score(text)
        node: LexborNode | None = container
        for share in ANCESTOR_SHARES:
            if node is None or node.tag in {"html", "-document"}:
                break
            scores[node.mem_id] = scores.get(node.mem_id, 0.0) + score * share
            nodes[node.mem_id] = node
            node = node.parent
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    return [(score, nodes[key]) for key, score in ranked]


def _adjusted(candidate: tuple[float, LexborNode]) -> float:
    """A candidate's score discounted by the share of its text that is links."""
    return candidate[0] * (1 - link_density(candidate[1]))


def _merge_split_body(
    body: LexborNode, others: list[LexborNode], headline: LexborNode | None
) -> LexborNode:
    """Widen the body over other strong text containers it was split from.

    Page builders cut one story into blocks (text, image, text). A strong
    candidate outside the body joins it when their common ancestor is not the
    page itself and does not hold the headline: a container holding headline,
    story and more is the page layout, and the "more" is often comments.
    """
    for other in others:
        if is_inside(other, body) or is_inside(body, other):
            continue
        wider = common_ancestor(body, other)
        if wider is None or wider.tag in {"html", "body"}:
            continue
        if headline is not None and headline.tag != "meta" and is_inside(headline, wider):
            continue
        body = wider
    return body


def find_body(tree: HtmlTree, headline: LexborNode | None = None) -> LexborNode:
    """The declared article body, else the best-scoring container of paragraph text."""
    declared = tree.css_first('[itemprop~="articleBody"]')
    if declared is not None and fold_whitespace(declared.text()):
        return declared
    ranked = [(_adjusted(c), c[1]) for c in score_candidates(tree)[:CANDIDATES_CHECKED]]
    if not ranked:
        raise LayoutMismatchError("no story body found on a page of unknown layout")
    ranked.sort(key=lambda item: item[0], reverse=True)
    top_score, body = ranked[0]
    strong = [node for score, node in ranked[1:] if score >= MERGE_SHARE * top_score]
    return _merge_split_body(body, strong, headline)


# --- headline, region, media -------------------------------------------------------------

# A heading shorter than this is a section label even when the title repeats it.
HEADLINE_MIN_CHARS: Final = 10


def _page_titles(tree: HtmlTree) -> list[str]:
    """What the page calls itself: ``<title>`` and ``og:title``, folded, lower case."""
    titles = [element_text(n).lower() for n in tree.css('title, meta[property="og:title"]')]
    return [t for t in titles if t]


def find_headline(tree: HtmlTree) -> tuple[LexborNode, str] | None:
    """The longest heading the page title repeats; else the generic layout's selectors."""
    titles = _page_titles(tree)
    best: tuple[LexborNode, str] | None = None
    for heading in tree.css("h1, h2, h3"):
        text = element_text(heading)
        if len(text) < HEADLINE_MIN_CHARS or not any(text.lower() in t for t in titles):
            continue
        if best is None or len(text) > len(best[1]):
            best = (heading, text)
    return best or first_text(tree, GENERIC_LAYOUT.headline)


def story_region(headline: LexborNode, body: LexborNode) -> LexborNode:
    """The smallest element holding both headline and body (the body alone for a meta title)."""
    if headline.tag == "meta":
        return body
    return common_ancestor(headline, body) or body


def take_region_media(
    region: LexborNode, body: LexborNode, base_url: str | None
) -> list[MediaItem]:
    """Photos of the story region: figures, and short elements whose class says caption."""
    media: list[MediaItem] = []
    figures = [f for f in top_level(select(region, "figure")) if not is_inside(body, f)]
    for figure in figures:
        if (item := media_item(figure, GENERIC_MEDIA_LAYOUT, base_url)) is not None:
            media.append(item)
    remove_nodes(figures)
    captions = []
    for caption in top_level(select(region, CAPTION_SELECTOR)):
        text = element_text(caption)
        if not text or len(text) > rules.MAX_CAPTION_CHARS or is_inside(body, caption):
            continue
        caption_text, credit = rules.split_caption_credit(text)
        media.append(MediaItem(caption=caption_text or None, credit=credit))
        captions.append(caption)
    remove_nodes(captions)
    return media


# --- reading the body ------------------------------------------------------------------


def _runs(node: LexborNode) -> Iterator[Run]:
    """Text runs of an element: block children start new runs, inline ones join the run.

    Walked with an explicit stack, not recursion: markup may nest deeper than
    Python's recursion limit.
    """
    run = Run([])
    stack = [node.iter(include_text=True)]
    while stack:
        child = next(stack[-1], None)
        if child is None:  # the end of a block element ends its last run
            stack.pop()
            yield run
            run = Run([])
            continue
        tag = child.tag
        if tag == "-text":
            run.parts.append(child.text_content or "")
        elif tag in HEADING_TAGS:
            yield run
            run = Run([])
            links = sum(len(a.text().strip()) for a in select(child, "a"))
            yield Run([child.text()], link_chars=links, heading=True)
        elif tag in BLOCK_TAGS:
            yield run
            run = Run([])
            stack.append(child.iter(include_text=True))
        elif tag is not None and not tag.startswith("-"):
            text = child.text()
            run.parts.append(text)
            if tag == "a":
                run.link_chars += len(text.strip())
            elif tag in BOLD_TAGS:
                run.bold_chars += len(text.strip())


def _paragraphs(run: Run) -> Iterator[tuple[str, Run]]:
    """A run split at double line breaks, each piece folded to one line."""
    pieces = PARAGRAPH_BREAK_RE.split("".join(run.parts))
    for piece in pieces:
        text = fold_whitespace(piece)
        if text:
            yield text, run if len(pieces) == 1 else Run([text], heading=run.heading)


def is_generic_boilerplate(text: str) -> bool:
    """The shared boilerplate rules, and (on short lines) the ones only unknown sites need."""
    if rules.is_boilerplate(text):
        return True
    return len(text) <= GENERIC_RULE_MAX_CHARS and any(r.search(text) for r in GENERIC_LINE_RULES)


def _is_counter(text: str) -> bool:
    """A short block with hardly a letter in it: a like count, a page number."""
    return len(text) <= COUNTER_MAX_CHARS and sum(c.isalpha() for c in text) <= 1


def _block(text: str, run: Run) -> BodyBlock | None:
    """A run's text as a body block, or None when it is furniture."""
    if is_generic_boilerplate(text) or _is_counter(text):
        return None
    if run.link_chars > LINK_DENSITY_MAX * len(text):
        return None
    bold_only = run.bold_chars >= len(text) - 1
    if (run.heading or bold_only) and rules.looks_like_crosshead(text, marked_up=True):
        return BodyBlock("subheading", text)
    return BodyBlock("paragraph", text)


def _drop_dangling_subheadings(blocks: list[BodyBlock]) -> list[BodyBlock]:
    """A crosshead introduces text: one followed by no paragraph labels dropped furniture."""
    kept: list[BodyBlock] = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.kind == "subheading" and (following is None or following.kind != "paragraph"):
            continue
        kept.append(block)
    return kept


def generic_blocks(body: LexborNode) -> tuple[list[BodyBlock], list[str]]:
    """Paragraphs and crossheads of the body, and the sign-offs that close it."""
    blocks: list[BodyBlock] = []
    signoffs: list[str] = []
    for run in _runs(body):
        for text, piece in _paragraphs(run):
            if (signoff := rules.signoff_of(text)) is not None:
                signoffs.append(signoff)
                continue
            if (block := _block(text, piece)) is not None:
                blocks.append(block)
    return _drop_dangling_subheadings(blocks), signoffs


def _take_metadata(region: LexborNode, body: LexborNode) -> str | None:
    """The byline of the region; metadata blocks inside the body are then removed."""
    found = next((n for sel in BYLINE_SELECTORS for n in select(region, sel) if n.text()), None)
    # Byline parts are often separate spans (name, role): keep a space between them.
    byline = byline_from_text(found.text(separator=" ")) if found is not None else None
    inside = [n for n in select(body, METADATA_SELECTOR) if n.tag not in HEADING_TAGS]
    remove_nodes(top_level(inside))
    return byline


def _same_class_siblings(
    body: LexborNode, headline: LexborNode
) -> tuple[list[LexborNode], list[LexborNode]]:
    """Blocks beside the body with its very tag and class: the rest of a split story.

    A page builder that cuts a story into blocks gives each the same class
    (``<div class="textBlock">`` ... an ad ... ``<div class="textBlock">``); the
    smaller ones score too low to be merged into the body, but they are the
    same story. Only exact twins count (``textBlock orange-button`` is another
    kind of block), and none holding the headline.
    """
    parent = body.parent
    names = body.attributes.get("class")
    if parent is None or not names or parent.tag in {"html", "body"}:
        return [], []
    before: list[LexborNode] = []
    after: list[LexborNode] = []
    seen_body = False
    for child in parent.iter():
        if child.mem_id == body.mem_id:
            seen_body = True
        elif child.tag == body.tag and child.attributes.get("class") == names:
            if headline.tag != "meta" and is_inside(headline, child):
                continue
            (after if seen_body else before).append(child)
    return before, after


# A twin of the body's parent counts as more of the story only with this many
# paragraphs of story length (a teaser or an offer box has one short one).
TWIN_MIN_PARAGRAPHS: Final = 2
TWIN_PARAGRAPH_MIN_CHARS: Final = 100


def _story_twins(
    body: LexborNode, headline: LexborNode
) -> tuple[list[LexborNode], list[LexborNode]]:
    """The rest of a split story: the body's twins, else its parent's.

    A story cut into blocks one level up (``<div class="story-block">`` holding
    the body, an ad, then another ``<div class="story-block">``) has its twins
    beside the body's parent. They are taken only when the headline is not in
    that parent, and only twins without a top-level headline of their own
    (``h1``): elements of one kind, each holding a headline, are a page of
    stories (the next one of an endless page), not one story.
    """
    before, after = _same_class_siblings(body, headline)
    parent = body.parent
    if before or after or parent is None or headline.tag == "meta":
        return before, after
    if is_inside(headline, parent):
        return [], []
    before, after = _same_class_siblings(parent, headline)
    return [n for n in before if _continues_story(n)], [n for n in after if _continues_story(n)]


def _continues_story(node: LexborNode) -> bool:
    """Whether a twin one level up reads as more of the story: paragraphs of story
    text (a boxed newsletter offer, a photo strip or a metadata list of the same
    class has none) and no ``h1`` of its own."""
    if select_one(node, "h1") is not None:
        return False
    long_ones = (p for p in select(node, "p") if len(p.text()) >= TWIN_PARAGRAPH_MIN_CHARS)
    return len(list(islice(long_ones, TWIN_MIN_PARAGRAPHS))) == TWIN_MIN_PARAGRAPHS


def _sibling_blocks(nodes: list[LexborNode]) -> list[BodyBlock]:
    """The blocks of the body's twins (their metadata blocks left out)."""
    blocks: list[BodyBlock] = []
    for node in nodes:
        remove_nodes(top_level(select(node, METADATA_SELECTOR)))
        blocks += generic_blocks(node)[0]
    return blocks


def _standfirst_texts(body: LexborNode) -> set[str]:
    """Texts of the body's elements that a standfirst's class or place names."""
    found = select(body, STANDFIRST_SELECTOR)[:STANDFIRST_CANDIDATES]
    return {text for node in found if (text := element_text(node))}


def _standfirst(blocks: list[BodyBlock], standfirsts: set[str]) -> str | None:
    """The standfirst printed as the body's first block, taken out of the blocks.

    Only the very first block, only when an element named or placed as a
    standfirst holds exactly its text, and never one that opens with a dateline
    (an agency's lead paragraph marked ``lead`` is the story's first paragraph).
    """

    def named(block: BodyBlock) -> bool:
        return block.kind == "paragraph" and block.text in standfirsts

    if len(blocks) > 2 and named(blocks[0]) and len(blocks[0].text.split()) < DECK_MIN_WORDS:
        blocks.pop(0)  # a kicker above the standfirst (``Hitzefolgen``): a label
    if len(blocks) < 2 or not named(blocks[0]) or parse_dateline(blocks[0].text) is not None:
        return None
    if len(blocks[0].text.split()) < DECK_MIN_WORDS:
        return None
    return blocks.pop(0).text


def draft_from_generic_page(
    tree: HtmlTree, *, url: str | None, published_at: datetime | None
) -> StoryDraft:
    """Read a page of unknown layout (the tree is modified: furniture is removed)."""
    page_time = page_published_at(tree) or published_at
    canonical_url = page_canonical_url(tree, url)
    language = page_language(tree)
    drop_generic_furniture(tree)
    headline_found = find_headline(tree)
    if headline_found is None:
        raise LayoutMismatchError("no headline found on a page of unknown layout")
    headline_node, headline = headline_found
    body = find_body(tree, headline_node)
    if rules.is_error_page_title(headline):
        raise CleanError(f"page is an error page: {headline[:80]!r}")
    region = story_region(headline_node, body)
    deck_found = first_text(region, DECK_SELECTORS)
    if deck_found is not None and is_inside(deck_found[0], body):
        deck_found = None  # a "lead" paragraph inside the body is body text
    if deck_found is not None and len(deck_found[1].split()) < DECK_MIN_WORDS:
        deck_found = None  # a kicker or a label (``Hitzefolgen``), not a standfirst
    media = take_region_media(region, body, canonical_url or url)
    byline = _take_metadata(region, body)
    if headline_node.tag != "meta" and is_inside(headline_node, body):
        headline_node.decompose()
    standfirsts = set() if deck_found else _standfirst_texts(body)
    before, after = _story_twins(body, headline_node)
    blocks, signoffs = generic_blocks(body)
    blocks = [*_sibling_blocks(before), *blocks, *_sibling_blocks(after)]
    deck = deck_found[1] if deck_found else _standfirst(blocks, standfirsts)
    draft = StoryDraft(
        headline=headline,
        deck=deck,
        blocks=blocks,
        media=media,
        byline=byline,
        agency=None,
        published_at=page_time,
        canonical_url=canonical_url,
        language=language,
    )
    draft.take_signoffs(signoffs)
    return draft


def story_from_generic_page(
    html: str | HtmlTree, *, url: str | None = None, published_at: datetime | None = None
) -> CleanStory:
    """A page of unknown layout -> CleanStory (LayoutMismatchError when no story is found)."""
    from etl.transform.web.html_page import parse_html

    tree = parse_html(html) if isinstance(html, str) else html
    return assemble_story(draft_from_generic_page(tree, url=url, published_at=published_at))
