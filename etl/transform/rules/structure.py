"""Structure: dateline markers, crossheads and error pages.

Not furniture to drop, but what tells the readers where a story's parts are:
an agency marker where a dateline should be, a crosshead inside the body, a
page that says it is an error page.
"""

from __future__ import annotations

import re
from typing import Final

from etl.transform.agencies import canonical_agency

# Error pages served with HTTP 200: their title or heading says so.
# Example: ``Page not found``, ``404``, ``Sorry, this page is unavailable``.
ERROR_PAGE_RE: Final = re.compile(
    r"^(?:(?:error\s*)?404\b.*|page (?:was )?not found\b.*|not found"
    r"|sorry\b.{0,60}\b(?:not (?:be )?found|unavailable)\b.*"
    r"|this page (?:is|has been) (?:unavailable|removed)\b.*|oops\W.{0,80})$",
    re.IGNORECASE,
)

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


def is_error_page_title(text: str) -> bool:
    """Whether a heading or title says the page is an error page (404 served as 200)."""
    return bool(ERROR_PAGE_RE.search(text.strip()))


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
