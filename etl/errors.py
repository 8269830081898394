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
    """A well-formed delivery file that holds no text story: a picture, a package, an envelope.

    ``kinds`` says what the file held instead, so a caller can record media
    items: ``("picture",)``, ``("package", "video")``, ``("remote_text",)``
    (the text is only at a rendition's address), ``("empty",)``.
    """

    stage = "not_a_story"

    def __init__(self, reason: str, *, kinds: tuple[str, ...] = ()) -> None:
        super().__init__(reason)
        self.kinds = kinds


class FetchRefusedError(QuarantineError):
    """A URL this source may not reach: another host, a private address, not HTTP(S),
    a redirect loop, or an item whose guid is no URL and which has no link. Terminal."""

    stage = "fetch_refused"


class DeferredError(NewswireError):
    """Not done in this run, left for the next: the source's time budget ran out, a
    request overran its deadline, or the server asked to be called back later."""

    def __init__(self, reason: str, *, kind: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind  # 'budget' | 'deadline' | 'retry_after'


def is_transient(exc: BaseException) -> bool:
    """Whether a retry of the whole task may cure ``exc``.

    Only network and database availability are: a ``TransientError`` (what
    the fetcher and ``connect`` raise for them) or psycopg2's connection-class
    errors (SQLSTATE 08xxx, 57Pxx: the server went away or is restarting).
    Everything else (a bad config, a failed assertion, a redirect loop, a
    constraint violation) fails the same way on every retry: terminal.
    """
    import psycopg2  # local: keeps this module importable without the driver

    if isinstance(exc, TransientError):
        return True
    if isinstance(exc, psycopg2.OperationalError | psycopg2.InterfaceError):
        code = getattr(exc, "pgcode", None) or "08"
        return code.startswith(("08", "57P"))
    return False
