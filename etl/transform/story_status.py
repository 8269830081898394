"""Kill, withdrawal, correction and update notices: what state a wire story is in.

Agencies announce these in band: a marker at the head of the headline
(``KILL: ...``, ``UPDATE 2-...``, ``CORRECTED-...``), a last token of the slug
(``BC-EU-Summit-Kill``) or, in NewsML, a ``pubStatus`` of ``canceled`` or
``withheld``. A killed or withdrawn story must leave the reports; a corrected
or updated one stays, marked. Pure: text in, status out.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Final, get_args

from etl.model import CleanStory, StoryStatus

STATUSES: Final[tuple[StoryStatus, ...]] = get_args(StoryStatus)
# A later entry wins: a corrected kill notice is still a kill.
PRECEDENCE: Final[dict[StoryStatus, int]] = {status: rank for rank, status in enumerate(STATUSES)}
# Statuses that take a story out of the reports (and mark every version).
KILLING: Final[frozenset[StoryStatus]] = frozenset({"withdrawn", "killed"})

# NewsML-G2 ``pubStatus`` (``stat:canceled``) and NITF ``management-status`` values.
PUB_STATUS: Final[dict[str, StoryStatus]] = {
    "usable": "usable",
    "withdrawn": "withdrawn",
    "canceled": "killed",
    "cancelled": "killed",
    "withheld": "withdrawn",
}

# NewsML-G2 ``signal`` qcodes (scheme prefix dropped: ``sig:correction`` -> ``correction``)
# and ninjs ``signals`` that change a story's status.
SIGNALS: Final[dict[str, StoryStatus]] = {
    "correction": "corrected",
    "corrected": "corrected",
    "update": "updated",
    "kill": "killed",
    "withdrawn": "withdrawn",
}

# An editors' note (NITF ``ed-msg``, a NewsML ``edNote``) that announces a correction:
# "Corrects number of members to 2,400 from 4,200", "CORRECTION: fixes spelling of name",
# "Corrected version: ...". Notes that only say "Embargoed until 0600 GMT" are not one.
CORRECTION_NOTE: Final[re.Pattern[str]] = re.compile(
    r"^\W*(?:correct(?:s|ed|ion)|fixes|berichtigung|correcci[oó]n|rectificatif)\b", re.IGNORECASE
)

# Marker words as wire desks write them, uppercase: ``KILL``, ``MANDATORY KILL``,
# ``ELIMINATION`` (AP), ``WITHDRAWN``, ``CORRECTED``/``CORRECTION``/``CORRECTS``,
# ``UPDATE 2``/``UPDATED``. ``Correction``/``Corrected`` in title case is AP style.
MARKERS: Final[dict[str, StoryStatus]] = {
    "KILL": "killed",
    "KILLED": "killed",
    "MANDATORY KILL": "killed",
    "ELIMINATION": "killed",
    "WITHDRAWN": "withdrawn",
    "WITHDRAWAL": "withdrawn",
    "CORRECTED": "corrected",
    "CORRECTION": "corrected",
    "CORRECTS": "corrected",
    "UPDATE": "updated",
    "UPDATED": "updated",
}
_MARKER_WORDS = "|".join(sorted((re.escape(m) for m in MARKERS), key=len, reverse=True))

# A marker opening a headline, then a separator: "KILL: Minister ...", "UPDATE 2-Ukraine ...",
# "URGENT: CORRECTED - ...", "(CORRECTED) ...", "Correction: ...". Requiring the separator
# keeps "UPDATE ON TALKS" style headlines and lower-case "update" out.
HEADLINE_MARKER: Final[re.Pattern[str]] = re.compile(
    rf"""^\s*(?:(?:URGENT|FLASH|BULLETIN|REFILE|REPEAT)\s*[-:–—|]\s*)*
        [(\[]?(?P<marker>{_MARKER_WORDS}|Correction|Corrected)(?:\s+\d+)?
        (?:[)\]]|\s*(?:[-:–—|]|$))""",
    re.VERBOSE,
)
# A marker as a whole token of a slug: "BC-EU-Summit-Kill", "ukraine-talks_CORRECTION",
# "Summit-Update 3". Slugs are the desk's keyword line, so case does not matter there.
SLUG_TOKEN: Final[re.Pattern[str]] = re.compile(r"[-_/\s]+")


def detect_status(
    headline: str | None, slug: str | None = None, pub_status: str | None = None
) -> StoryStatus:
    """The strongest status any of headline, slug and NewsML ``pubStatus`` announces."""
    found: list[StoryStatus] = ["usable"]
    if pub_status:
        found.append(PUB_STATUS.get(pub_status.strip().lower().removeprefix("stat:"), "usable"))
    if headline:
        found.append(_headline_status(headline))
    if slug:
        found.append(_slug_status(slug))
    return max(found, key=PRECEDENCE.__getitem__)


def is_killed(status: StoryStatus) -> bool:
    """Whether a story in this status leaves the reports."""
    return status in KILLING


def with_detected_status(
    story: CleanStory,
    slug: str | None = None,
    pub_status: str | None = None,
    *,
    feed_title: str | None = None,
) -> CleanStory:
    """The story with the status its headline, feed title, slug or ``pubStatus`` announce.

    The feed item's title is read like a headline: desks often mark the feed
    (``UPDATE 2-...``) while the page keeps the plain headline.
    """
    status = max(
        detect_status(story.headline, slug, pub_status),
        detect_status(feed_title),
        key=PRECEDENCE.__getitem__,
    )
    return story if status == story.status else dataclasses.replace(story, status=status)


def with_wire_status(story: CleanStory) -> CleanStory:
    """The story with the status its wire metadata announce (``pubStatus``, ``signal``).

    A ``withdrawn`` or ``canceled`` item kills the story; a correction
    signal or an editors' note announcing one marks it corrected; the
    headline's markers count as for pages.
    """
    found = [detect_status(story.headline), story.status]
    if story.wire is not None:
        found.append(detect_status(None, pub_status=story.wire.pub_status))
        for signal in story.wire.signals:
            code = signal.strip().lower().rsplit(":", 1)[-1]
            found.append(SIGNALS.get(code, "usable"))
        if any(CORRECTION_NOTE.match(note) for note in story.wire.edit_notes):
            found.append("corrected")
    status = max(found, key=PRECEDENCE.__getitem__)
    return story if status == story.status else dataclasses.replace(story, status=status)


def _headline_status(headline: str) -> StoryStatus:
    match = HEADLINE_MARKER.match(headline)
    if match is None:
        return "usable"
    return MARKERS[match["marker"].upper()]


def _slug_status(slug: str) -> StoryStatus:
    tokens = [token.upper() for token in SLUG_TOKEN.split(slug.strip()) if token]
    statuses: list[StoryStatus] = ["usable"]
    for index, token in enumerate(tokens):
        pair = f"{token} {tokens[index + 1]}" if index + 1 < len(tokens) else ""
        if pair in MARKERS:
            statuses.append(MARKERS[pair])
        elif token in MARKERS and index > 0:  # the first token is the topic, not a marker
            statuses.append(MARKERS[token])
    return max(statuses, key=PRECEDENCE.__getitem__)
