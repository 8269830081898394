"""Typed errors: what went wrong, at which stage, and whether a retry can help.

A ``QuarantineError`` is terminal for one input (it is stored with its reason
and the run goes on); a ``TransientError`` is worth a retry (network, lost
database connection) and is what Airflow's retries are for.
"""

from __future__ import annotations


class NewswireError(Exception):
    """Base of every error this package raises on purpose."""


class QuarantineError(NewswireError):
    """One input cannot be turned into a story; keep it with this reason."""

    stage: str = "transform"

    def __init__(self, reason: str, *, stage: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        if stage is not None:
            self.stage = stage


class FeedError(QuarantineError):
    """A feed could not be read at all (not XML, not a feed, empty)."""

    stage = "parse_feed"


class CleanError(QuarantineError):
    """A page or text dump has no recognisable story (no headline, no body)."""

    stage = "clean"


class DatelineError(CleanError):
    """The agency's dateline marker is present but the dateline does not parse."""

    stage = "dateline"


class TransientError(NewswireError):
    """A failure that a retry may cure: timeouts, 5xx, a dropped connection."""


class WireFormatError(QuarantineError):
    """An agency delivery file (NITF, NewsML, ninjs, IPTC 7901 ...) is malformed or hostile."""

    stage = "parse_wire"


class NotAStoryError(QuarantineError):
    """A well-formed delivery file that holds no text story: a picture, a package, an envelope."""

    stage = "not_a_story"
