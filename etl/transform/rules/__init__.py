"""Boilerplate rules as named data, split by kind: what a page carries that is not the story.

Each rule is a module constant with a comment saying what it removes and an
example it matches; adding a rule is adding a line to the module of its kind:

* ``labels``     labels and stamps (navigation, sections, share bars, ads,
                 breadcrumbs, "Updated" stamps, copyright footers)
* ``links``      related links, tags and prompts (newsletter, cookies, follow us)
* ``signoffs``   bylines and sign-offs (kept as metadata, not body)
* ``credits``    photo credits and captions (kept in ``media``)
* ``structure``  dateline markers, crossheads, error pages

Readers only ask this package "is this line boilerplate?", "does this caption
end in a credit?" and the like; line rules are matched against one normalised
line (or one HTML block's text).
"""

from __future__ import annotations

import logging
from typing import Final

from etl.transform.rules.credits import (
    MAX_CAPTION_CHARS,
    caption_line,
    clean_credit,
    find_credit,
    is_credit,
    split_caption_credit,
)
from etl.transform.rules.labels import (
    BREADCRUMB_RE,
    COPYRIGHT_FOOTER_RE,
    LOCALISED_STAMP_RE,
    NAVIGATION_LABELS,
    READING_TIME_RE,
    SECTION_LABELS,
    SEPARATOR_RE,
    SOURCE_META_RE,
    STORY_LIST_LABELS,
    TRIM_CHARS,
    UPDATED_STAMP_RE,
    is_ad_slot,
    is_share_bar,
    is_site_name,
    is_stamp_line,
    label_key,
)
from etl.transform.rules.links import (
    COOKIE_PROMPT_RE,
    EMBED_CONSENT_RE,
    FOLLOW_COVERAGE_RE,
    HASHTAG_LINE_RE,
    NEWSLETTER_PROMPT_RE,
    RELATED_BLOCK_RE,
    TAG_LIST_RE,
)
from etl.transform.rules.signoffs import (
    AGENCY_SIGNOFF_RE,
    CONTACT_EMAIL_RE,
    INITIALS_SIGNOFF_RE,
    byline_names,
    is_signoff,
    signoff_of,
    split_run_in_signoff,
)
from etl.transform.rules.structure import (
    dateline_marker_agency,
    is_error_page_title,
    looks_like_crosshead,
)

__all__ = [
    "LINE_PATTERNS",
    "MAX_CAPTION_CHARS",
    "boilerplate_reason",
    "byline_names",
    "caption_line",
    "clean_credit",
    "dateline_marker_agency",
    "find_credit",
    "is_boilerplate",
    "is_credit",
    "is_error_page_title",
    "is_link_list_label",
    "is_signoff",
    "looks_like_crosshead",
    "signoff_of",
    "split_caption_credit",
    "split_run_in_signoff",
]

LOGGER = logging.getLogger(__name__)

# Lines longer than this are story text, never furniture: the line patterns
# are not run on them (a 100,000-character paragraph costs no more than this).
LINE_PATTERN_MAX_CHARS: Final = 1000

LINE_PATTERNS: Final = (
    ("breadcrumb", BREADCRUMB_RE),
    ("tag list", TAG_LIST_RE),
    ("related block", RELATED_BLOCK_RE),
    ("newsletter prompt", NEWSLETTER_PROMPT_RE),
    ("cookie prompt", COOKIE_PROMPT_RE),
    ("embed consent", EMBED_CONSENT_RE),
    ("copyright footer", COPYRIGHT_FOOTER_RE),
    ("updated stamp", UPDATED_STAMP_RE),
    ("reading time", READING_TIME_RE),
    ("localised stamp", LOCALISED_STAMP_RE),
    ("source meta line", SOURCE_META_RE),
    ("hashtag line", HASHTAG_LINE_RE),
    ("agency sign-off", AGENCY_SIGNOFF_RE),
    ("editors' initials", INITIALS_SIGNOFF_RE),
    ("contact e-mail", CONTACT_EMAIL_RE),
    ("follow coverage", FOLLOW_COVERAGE_RE),
    ("separator", SEPARATOR_RE),
)

# Words without one of which a pattern cannot match (every alternative of the
# pattern holds one), so it is not run at all: the patterns that scan a whole
# line cost a millisecond on a long paragraph, and most paragraphs hold none.
# Example: a line without ``cookie`` or ``by continuing`` is no cookie prompt.
PATTERN_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "newsletter prompt": (
        "sign up", "subscribe", "newsletter", "abonnez", "inscrivez", "suscríb", "iscriviti",
        "abonnieren",
    ),
    "cookie prompt": ("cookie", "by continuing"),
    "embed consent": (
        "inhalt", "einverstanden", "drittplattform", "datenschutz", "player wird",
        "javascript", "third party", "failed to load", "back to video",
    ),
    "breadcrumb": (">", "»", "›", "|", "/"),
    "reading time": ("min", "мин"),
    "copyright footer": (
        "©", "(c)", "copyright", "rights reserved", "riproduzione riservata",
        "diritti riservati", "droits réservés", "derechos reservados", "rechte vorbehalten",
        "our standards", "when citing",
    ),
}  # fmt: skip


# LINE_PATTERNS with each one's words (None: no words needed), paired once.
GATED_LINE_PATTERNS: Final = tuple(
    (name, pattern, PATTERN_WORDS.get(name)) for name, pattern in LINE_PATTERNS
)


def boilerplate_reason(line: str, *, above_headline: bool = False) -> str | None:
    """Which rule marks this line as boilerplate, or None if it may be story text."""
    key = label_key(line)
    if not key:
        return "empty"
    if above_headline and key in SECTION_LABELS:
        return "section label"
    if above_headline and is_site_name(line):
        return "site name"
    if key in NAVIGATION_LABELS:
        return "navigation label"
    if is_ad_slot(key):
        return "ad slot"
    if is_share_bar(key):
        return "share bar"
    if is_stamp_line(key):
        return "stamp"
    stripped = line.strip()
    if len(stripped) > LINE_PATTERN_MAX_CHARS:
        return None  # furniture is short; and the patterns' cost stays bounded
    lowered = stripped.lower()
    for name, pattern, words in GATED_LINE_PATTERNS:
        if words is not None:
            for word in words:  # a loop of substring tests: faster than a regex or any()
                if word in lowered:
                    break
            else:
                continue  # the pattern cannot match without one of its words
        if pattern.search(stripped):
            return name
    return None


def is_boilerplate(line: str, *, above_headline: bool = False) -> bool:
    """Whether a line is page furniture rather than story text."""
    reason = boilerplate_reason(line, above_headline=above_headline)
    if reason is not None:
        LOGGER.debug("dropping %s: %.60s", reason, line)
    return reason is not None


def is_link_list_label(line: str) -> bool:
    """Whether a line is only the label of a related-stories, tag or story list.

    Example: ``Related coverage:``, ``Read More``, ``Topics``, ``Most Viewed``. In a
    text dump the linked headlines or tags follow such a label on lines of their own.
    """
    if label_key(line) in STORY_LIST_LABELS:
        return True
    stripped = line.strip()
    for pattern in (RELATED_BLOCK_RE, TAG_LIST_RE):
        match = pattern.match(stripped)
        if match is not None and not stripped[match.end() :].strip(TRIM_CHARS):
            return True
    return False
