"""What a channel needs of the source run that calls it (``etl.pipeline._SourceRun``)."""

from __future__ import annotations

from typing import Protocol

import psycopg2.extensions

from etl.extract.fetch import Fetcher, FetchResult
from etl.load.raw_landing import RawDocument
from etl.load.run_records import RunCounts
from etl.sources import Source
from etl.window import Window


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
