"""Boilerplate rules as named data: what a wire page carries that is not the story.

Each rule is a module constant with a comment saying what it removes and an
example it matches. Code elsewhere only asks "is this line boilerplate?" or
"does this caption end in a credit?"; adding a rule is adding a line here.
Line rules are matched against one normalised line (or one HTML block's text).
"""

from __future__ import annotations

import logging
import re
from typing import Final

from etl.transform.agencies import canonical_agency

LOGGER = logging.getLogger(__name__)

# --- Whole-line labels (compared case-insensitively, punctuation-trimmed) ---

# Navigation labels that stand alone on a line, anywhere on the page.
# Example: ``All news`` (TASS), ``Top stories``, ``Latest``.
NAVIGATION_LABELS: Final = frozenset(
    {
        "all news",
        "top stories",
        "top news",
        "latest",
        "latest news",
        "latest stories",
        "most read",
        "most popular",
        "sections",
        "menu",
        "search",
        "skip to main content",
        "skip to content",
        "back to top",
        "more news",
        "trending",
    }
)

# Section labels: navigation too, but only above the headline (inside the body
# a one-word line such as ``Economy`` may be a crosshead).
# Example: ``World``, ``Russian Politics & Diplomacy``, ``Europe``.
SECTION_LABELS: Final = frozenset(
    {
        "home",
        "news",
        "world",
        "world news",
        "business",
        "economy",
        "politics",
        "russia",
        "russian politics & diplomacy",
        "international",
        "europe",
        "middle east",
        "asia",
        "americas",
        "africa",
        "science & space",
        "sports",
    }
)

# Share bars: a line made only of share targets.
# Example: ``Share``, ``Share this article``, ``Facebook Twitter Telegram Email``.
SHARE_WORDS: Final = frozenset(
    {
        "share",
        "share this",
        "share this article",
        "share this story",
        "tweet",
        "facebook",
        "twitter",
        "x",
        "telegram",
        "vk",
        "whatsapp",
        "linkedin",
        "reddit",
        "bluesky",
        "mastodon",
        "threads",
        "pinterest",
        "odnoklassniki",
        "link",
        "email",
        "e-mail",
        "print",
        "copy link",
        "link copied",
        "copy",
        "save",
        "comments",
    }
)

# Ad slots and their labels.
# Example: ``Advertisement``, ``Sponsored content``, ``Story continues below``.
AD_SLOT_LABELS: Final = frozenset(
    {
        "advertisement",
        "advert",
        "ad",
        "ads",
        "sponsored",
        "sponsored content",
        "scroll to continue",
        "scroll to continue with content",
        "story continues below",
        "story continues below advertisement",
        "continue reading",
        "purchase licensing rights",
    }
)

# --- Line patterns ---

# Separators between labels that page chrome puts on one line.
# Example: ``Advertisement · Scroll to continue``.
LABEL_SEPARATOR_RE: Final = re.compile(r"\s*[·•|]\s*")

# Breadcrumbs: short labels joined by ``>``, ``»``, ``›`` or ``/``.
# Example: ``Home > World > Europe``, ``News » Politics``.
BREADCRUMB_RE: Final = re.compile(
    r"^\w[\w&' -]{0,30}(?:\s*[>»›|]\s*\w[\w&' -]{0,30}){1,5}$",
)

# Tag lists: a ``Tags:``/``Topics:`` label, optionally with the tags after it.
# Example: ``Tags: United Nations, Syria``, ``Topics``.
TAG_LIST_RE: Final = re.compile(r"^(?:tags|topics|keywords|filed under)\b\s*:?", re.IGNORECASE)

# Related-story blocks: a label that introduces links to other stories.
# ``More`` needs a colon so that ``More than 300 people ...`` is not matched.
# Example: ``Read also: Kremlin comments on ...``, ``See also``, ``More: ...``,
# ``Related coverage``, ``Read more``.
RELATED_BLOCK_RE: Final = re.compile(
    r"^(?:read also|see also|also read|read more|related(?: coverage| stories| content"
    r"| articles| news)?|recommended(?: for you)?|more on this|more stories)\b\s*(?:[:\-—]|$)"
    r"|^more\s*:",
    re.IGNORECASE,
)

# Newsletter and subscription prompts.
# Example: ``Sign up for our daily World newsletter``, ``Subscribe to ...``.
NEWSLETTER_PROMPT_RE: Final = re.compile(
    r"^(?:sign up|subscribe)\b|^(?:get (?:the|our)\b.*newsletter|join our\b.*newsletter)"
    r"|\bnewsletter\b.*\b(?:sign up|subscribe|inbox)\b",
    re.IGNORECASE,
)

# Cookie and consent prompts.
# Example: ``We use cookies to improve your experience. Accept``.
COOKIE_PROMPT_RE: Final = re.compile(
    r"\b(?:we use cookies|this (?:web)?site uses cookies|cookie (?:policy|settings)"
    r"|accept (?:all )?cookies|by continuing to (?:use|browse) (?:this|our) (?:site|website))",
    re.IGNORECASE,
)

# Copyright footers and house notices.
# Example: ``Copyright 2026 The Associated Press. All rights reserved.``,
# ``© 2026 TASS``, ``Our Standards: The Thomson Reuters Trust Principles.``
COPYRIGHT_FOOTER_RE: Final = re.compile(
    r"^(?:©|\(c\)|copyright\b)(?=.{0,40}\b(?:19|20)\d{2}\b)"
    r"|\ball rights reserved\.?$"
    r"|^our standards:.*trust principles"
    r"|^when citing,? (?:a )?(?:reference|hyperlink) to\b",
    re.IGNORECASE,
)

# Update and publication stamps shown next to the headline.
# Example: ``Updated 14:20 GMT``, ``Updated 2 hours ago``,
# ``November 19, 2026 10:42 AM UTC``, ``19 NOV, 09:14``, ``Published Nov. 19, 2026``,
# ``Updated 4:30 PM UTC, November 19, 2026``.
_STAMP_DATE: Final = r"(?:[a-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2} [a-z]{3,9}\.?,?(?: \d{4})?)"
_STAMP_TIME: Final = r"(?:\d{1,2}:\d{2}(?: ?[ap]\.?m\.?)?(?: [a-z]{2,4})?)"
UPDATED_STAMP_RE: Final = re.compile(
    r"^(?:(?:last )?updated|published|posted)\b:? ?(?:on |at )?"
    rf"(?:{_STAMP_DATE}(?:,? (?:at )?{_STAMP_TIME})?|{_STAMP_TIME}(?:,? {_STAMP_DATE})?"
    r"|\d+ \w+ ago|just now)$"
    rf"|^{_STAMP_DATE}(?:,? (?:at )?{_STAMP_TIME})?(?: ?[|·-]? ?updated .{{0,40}})?$"
    rf"|^{_STAMP_TIME}$",
    re.IGNORECASE,
)

# AP's pointer to a topic hub at the foot of a story.
# Example: ``Follow AP's coverage of the war at https://apnews.com/hub/...``.
FOLLOW_COVERAGE_RE: Final = re.compile(
    r"^(?:follow|find more of) (?:ap['’]?s|our) (?:coverage|reporting)\b.*(?:https?://\S+)?$",
    re.IGNORECASE,
)

# Horizontal rules typed as text.
# Example: ``___``, ``* * *``, ``----``.
SEPARATOR_RE: Final = re.compile(r"^[\s_*\-=~·•]{3,}$")

# Error pages served with HTTP 200: their title or heading says so.
# Example: ``Page not found``, ``404``, ``Sorry, this page is unavailable``.
ERROR_PAGE_RE: Final = re.compile(
    r"^(?:(?:error\s*)?404\b.*|page (?:was )?not found\b.*|not found"
    r"|sorry\b.{0,60}\b(?:not (?:be )?found|unavailable)\b.*"
    r"|this page (?:is|has been) (?:unavailable|removed)\b.*|oops\W.{0,80})$",
    re.IGNORECASE,
)

# --- Bylines and sign-offs (kept as metadata, not body) ---

# A byline line above the story.
# Example: ``By Anna Petrova``, ``By JOHN LEICESTER and SAMYA KULLAB``.
BYLINE_RE: Final = re.compile(
    r"^[Bb][Yy]\s+(?P<names>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}"
    r"(?:(?:,\s*|\s+and\s+)[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}){0,4})$",
)

# Reuters' closing sign-off naming reporters and editors.
# Example: ``Reporting by Olga Sokolova; Editing by Mark Trevelyan``.
_SIGNOFF_CLAUSE: Final = (
    r"(?i:(?:additional )?(?:reporting|writing|editing|compiled|research|graphics)"
    r"(?: and (?:reporting|writing|editing))? by) [A-Z][\w.'’-]*"
    r"(?:(?:\s+|,\s*|\s+and\s+)[A-Z][\w.'’-]*)*(?:\s+in\s+[A-Z][\w .'’-]*)?"
)
SIGNOFF_RE: Final = re.compile(
    rf"^\(?{_SIGNOFF_CLAUSE}(?:\s*[;,]\s*{_SIGNOFF_CLAUSE})*\.?\)?$",
)

# Bylines and sign-offs are short; longer lines are story text (and are not
# worth running the name patterns over).
METADATA_LINE_MAX_CHARS: Final = 300

# --- Photo credits: the end of a caption, or a credit element on its own ---

# One capitalised word of a name: ``Justin``, ``Al-Rubaye``, ``O'Neil`` or an
# initial ``J.`` (a word ending in a full stop is a sentence end, not a name).
_WORD: Final = r"[A-Z](?:\.|[\w'’-]*)"
_NAME: Final = rf"{_WORD}(?: {_WORD}){{0,3}}"
_SHORT_NAME: Final = rf"{_WORD}(?: {_WORD})?"
_UPPER_NAME: Final = r"[A-Z][A-Z.'’-]*(?:[ -][A-Z][A-Z.'’-]*){0,3}"
_AGENCIES: Final = (
    r"(?:TASS|AFP|EPA(?:-EFE)?|Reuters|REUTERS|AP|Getty Images|Sputnik|Xinhua|ANP|dpa"
    r"|Anadolu|Bloomberg|NurPhoto|SIPA|ZUMA|Pool|POOL)"
)

# ``EPA/JUSTIN LANE``, ``EPA-EFE/MAXIM SHIPENKOV``.
CREDIT_EPA_RE: Final = re.compile(rf"\bEPA(?:-EFE)?/{_UPPER_NAME}$")
# ``REUTERS/Maxim Shemetov``, ``REUTERS/Stringer/File Photo``.
CREDIT_REUTERS_RE: Final = re.compile(rf"\bREUTERS/{_NAME}(?:/(?:File )?Photo)?$")
# ``(AP Photo/Efrem Lukatsky)``, ``(AP Photo/Efrem Lukatsky, File)``, ``AP Photo/Jane Doe``.
CREDIT_AP_RE: Final = re.compile(rf"\([^()]*\bAP Photo\b[^()]*\)$|\bAP Photo/{_NAME}(?:, File)?$")
# ``Belaid/AFP/Getty Images``, ``Mikhail Tereshchenko/TASS``, ``Sergei Bobylev/POOL/TASS``.
# The name is one or two words so that the caption keeps its own last words.
CREDIT_NAME_AGENCY_RE: Final = re.compile(rf"\b{_SHORT_NAME}(?:/{_AGENCIES})+$")
# ``Credit: EPA``, ``Photo: Valery Sharifulin/TASS``, ``Image credit: Reuters``.
CREDIT_LABEL_RE: Final = re.compile(
    r"\b(?:photo credit|image credit|credit|photo|picture)\s*:\s*[^:]{2,80}$", re.IGNORECASE
)
# ``(Ukrainian Presidential Press Office via AP)``, ``Pool Photo via AP``.
CREDIT_VIA_RE: Final = re.compile(
    r"\([^()]{2,80}\bvia (?:AP|Reuters|AFP|Getty Images)\)$"
    rf"|\b{_WORD}(?: {_WORD}){{0,5}} via (?:AP|Reuters|AFP|Getty Images)$"
)
# ``© TASS``, ``© Mikhail Metzel/TASS``, ``© AP Photo``.
CREDIT_COPYRIGHT_RE: Final = re.compile(r"©\s*[\w.'’ -]*(?:/[\w.'’ -]+)*$")

# Labels written before a credit, removed from the stored credit.
# Example: ``Credit: EPA`` -> ``EPA``.
CREDIT_LABEL_PREFIX_RE: Final = re.compile(
    r"^(?:photo credit|image credit|credit|photo|picture)\s*:\s*", re.IGNORECASE
)

# Tried in this order; the earliest-starting match wins, so a caption keeps
# as little of the credit as possible.
CREDIT_PATTERNS: Final = (
    CREDIT_EPA_RE,
    CREDIT_REUTERS_RE,
    CREDIT_AP_RE,
    CREDIT_VIA_RE,
    CREDIT_NAME_AGENCY_RE,
    CREDIT_LABEL_RE,
    CREDIT_COPYRIGHT_RE,
)

# Page chrome glued to the end of a caption in text dumps.
# Example: ``... REUTERS/Olga Petrova Purchase Licensing Rights``.
CAPTION_TRAILER_RE: Final = re.compile(
    r"\s*(?:purchase licensing rights|open new window|enlarge(?: this image)?|expand)\s*$",
    re.IGNORECASE,
)

# What may stand between a caption and its credit: spaces, a dash, a bar.
CAPTION_CREDIT_SEPARATOR_RE: Final = re.compile(r"[\s|·•—–-]+$")
# Captions are short: a longer line ending in something credit-like is a paragraph.
MAX_CAPTION_CHARS: Final = 400

LINE_PATTERNS: Final = (
    ("breadcrumb", BREADCRUMB_RE),
    ("tag list", TAG_LIST_RE),
    ("related block", RELATED_BLOCK_RE),
    ("newsletter prompt", NEWSLETTER_PROMPT_RE),
    ("cookie prompt", COOKIE_PROMPT_RE),
    ("copyright footer", COPYRIGHT_FOOTER_RE),
    ("updated stamp", UPDATED_STAMP_RE),
    ("follow coverage", FOLLOW_COVERAGE_RE),
    ("separator", SEPARATOR_RE),
)

# --- Datelines and crossheads ---

# An agency marker where a dateline ends: ``/TASS/.``, ``(Reuters) -``, ``(AP) —``.
# Its presence at the start of a first paragraph means a dateline was meant to
# be there, so a dateline that then fails to parse is an error, not prose.
DATELINE_MARKER_RE: Final = re.compile(
    r"/(?P<slash>[^/\n]{2,30})/\.?|\((?P<paren>[^()\n]{2,40})\)\s*\.?[-‐‑‒–—―−_]{1,3}"
)
# How far into the first paragraph the marker may stand.
# Example: ``ST. PETERSBURG, November 19. /TASS/.`` ends at character 36.
DATELINE_MARKER_WINDOW: Final = 120

# Crossheads are short and do not end like a sentence.
# Example: ``"Collective failure" in Syria and the fight against IS``.
CROSSHEAD_MAX_CHARS: Final = 120
CROSSHEAD_MAX_WORDS: Final = 16
# A sentence end, allowing closing quotes and brackets after the stop.
# Example: ``... he said."``, ``... (in Syria).``
SENTENCE_END_RE: Final = re.compile(r"[.!?…:;,][\"'”’»)\]]*$")
# Like SENTENCE_END_RE, but a question or exclamation may end a marked-up
# (bold or heading) crosshead. Example: ``What comes next?``
STATEMENT_END_RE: Final = re.compile(r"[.…:;,][\"'”’»)\]]*$")

_TRIM_CHARS: Final = " \t.:;!?|·•—–-"


def _label_key(line: str) -> str:
    """A line reduced to its words for comparison with the label sets."""
    return line.strip(_TRIM_CHARS).lower()


def _is_share_bar(key: str) -> bool:
    """Whether a line consists only of share-bar words."""
    if key in SHARE_WORDS:
        return True
    rest = f" {key} "
    for phrase in sorted(SHARE_WORDS, key=len, reverse=True):
        rest = rest.replace(f" {phrase} ", "  ")
    return len(key.split()) > 1 and not rest.strip()


def _is_ad_slot(key: str) -> bool:
    """Whether a line is only ad-slot labels (``Advertisement · Scroll to continue``)."""
    parts = [part.strip() for part in LABEL_SEPARATOR_RE.split(key)]
    return all(part in AD_SLOT_LABELS for part in parts if part) and any(parts)


def boilerplate_reason(line: str, *, above_headline: bool = False) -> str | None:
    """Which rule marks this line as boilerplate, or None if it may be story text."""
    key = _label_key(line)
    if not key:
        return "empty"
    if above_headline and key in SECTION_LABELS:
        return "section label"
    if key in NAVIGATION_LABELS:
        return "navigation label"
    if _is_ad_slot(key):
        return "ad slot"
    if _is_share_bar(key):
        return "share bar"
    stripped = line.strip()
    for name, pattern in LINE_PATTERNS:
        if pattern.search(stripped):
            return name
    return None


def is_boilerplate(line: str, *, above_headline: bool = False) -> bool:
    """Whether a line is page furniture rather than story text."""
    reason = boilerplate_reason(line, above_headline=above_headline)
    if reason is not None:
        LOGGER.debug("dropping %s: %.60s", reason, line)
    return reason is not None


def is_error_page_title(text: str) -> bool:
    """Whether a heading or title says the page is an error page (404 served as 200)."""
    return bool(ERROR_PAGE_RE.search(text.strip()))


def byline_names(line: str) -> str | None:
    """The names in a ``By ...`` byline line, or None if the line is not a byline."""
    if len(line) > METADATA_LINE_MAX_CHARS:
        return None
    match = BYLINE_RE.match(line.strip())
    return match.group("names") if match else None


def is_signoff(line: str) -> bool:
    """Whether a line is a reporting/editing sign-off (``Reporting by ...; Editing by ...``)."""
    return len(line) <= METADATA_LINE_MAX_CHARS and bool(SIGNOFF_RE.match(line.strip()))


def find_credit(text: str) -> re.Match[str] | None:
    """The photo credit at the end of ``text`` (earliest-starting pattern wins)."""
    stripped = text.rstrip()
    matches = [m for pattern in CREDIT_PATTERNS if (m := pattern.search(stripped))]
    return min(matches, key=lambda m: m.start()) if matches else None


def clean_credit(credit: str) -> str:
    """A credit without its wrapping parentheses or label punctuation."""
    credit = credit.strip()
    if credit.startswith("(") and credit.endswith(")"):
        credit = credit[1:-1]
    return CREDIT_LABEL_PREFIX_RE.sub("", credit).strip()


def is_credit(text: str) -> bool:
    """Whether ``text`` is a photo credit and nothing else."""
    match = find_credit(text)
    return match is not None and not text[: match.start()].strip(_TRIM_CHARS + "()")


def split_caption_credit(text: str) -> tuple[str, str | None]:
    """Split ``caption + credit`` into (caption, credit); credit None when absent.

    Example: ``United Nations Secretary-General  EPA/JUSTIN LANE`` ->
    (``United Nations Secretary-General``, ``EPA/JUSTIN LANE``).
    """
    stripped = CAPTION_TRAILER_RE.sub("", text.strip())
    match = find_credit(stripped)
    if match is None:
        return stripped, None
    caption = CAPTION_CREDIT_SEPARATOR_RE.sub("", stripped[: match.start()]).strip()
    return caption, clean_credit(match.group(0))


def dateline_marker_agency(paragraph: str) -> str | None:
    """The agency whose dateline marker opens ``paragraph`` (``/TASS/.`` -> TASS), if any."""
    for match in DATELINE_MARKER_RE.finditer(paragraph[:DATELINE_MARKER_WINDOW]):
        code = canonical_agency(match.group("slash") or match.group("paren") or "")
        if code is not None:
            return code
    return None


def looks_like_crosshead(text: str, *, marked_up: bool = False) -> bool:
    """Whether a line is a crosshead: short, starts with a capital, no sentence end.

    ``marked_up`` is for headings and bold-only paragraphs, which the page
    itself marks as crossheads: those may end in ``?`` or ``!``.
    """
    stripped = text.strip()
    if not stripped or len(stripped) > CROSSHEAD_MAX_CHARS:
        return False
    if len(stripped.split()) > CROSSHEAD_MAX_WORDS:
        return False
    first_letter = next((c for c in stripped if c.isalnum()), "")
    if not first_letter or first_letter.islower():
        return False
    end_re = STATEMENT_END_RE if marked_up else SENTENCE_END_RE
    return not end_re.search(stripped)
