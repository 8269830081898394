"""What a channel needs of the source run that calls it (``etl.pipeline._SourceRun``)."""

from __future__ import annotations

import logging
from typing import Protocol

import psycopg2.extensions

from etl.errors import DeferredError, FetchRefusedError, TransientError
from etl.extract.fetch import Fetcher, FetchResult
from etl.load.raw_landing import RawDocument
from etl.load.run_records import RunCounts
from etl.sources import Source
from etl.window import Window

LOGGER = logging.getLogger(__name__)


class ChannelRun(Protocol):
    """One source's run: its connection, counts, fetcher and quarantine."""

    conn: psycopg2.extensions.connection
    run_id: int
    source: Source
    window: Window
    fetcher: Fetcher
    counts: RunCounts
    transient_failures: list[str]

    def quarantine(self, url: str, stage: str, reason: str, raw_id: int | None) -> None:
        """Keep a failed input with its stage and reason (committed at once)."""


def raw_fetched(kind: str, run: ChannelRun, fetch: FetchResult) -> RawDocument:
    """What a channel fetched, as the raw row stored before anything reads it."""
    return RawDocument(
        kind=kind,
        source=run.source.name,
        url=fetch.url,
        http_status=fetch.status,
        headers=fetch.headers,
        fetched_at=fetch.fetched_at,
        body=fetch.body,
    )


def fetch_or_quarantine(
    run: ChannelRun, url: str, stage: str, headers: dict[str, str] | None = None
) -> FetchResult | None:
    """GET ``url``; None when it cannot be had now, the reason quarantined or logged.

    A transient failure is quarantined and remembered (the run fails for a
    retry); a refused URL (another host, a private address) is quarantined and
    never asked; a spent time budget leaves it, logged, for the next run.
    """
    try:
        return run.fetcher.get(url, headers=headers)
    except TransientError as exc:
        run.transient_failures.append(str(exc))
        run.quarantine(url, stage, str(exc), None)
    except FetchRefusedError as exc:
        run.quarantine(url, exc.stage, exc.reason, None)
    except DeferredError as exc:
        LOGGER.info("%s: %s left for the next run (%s)", run.source.name, url, exc.reason)
    return None
