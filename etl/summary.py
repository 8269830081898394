"""What landed for a day, per agency: the table ``make run`` and ``newswire ingest`` print."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg2.extensions

from etl.load.sql_files import load_sql
from etl.text_table import aligned_rows
from etl.window import Window

DAY_SUMMARY_SQL = load_sql("day_summary")

COLUMNS = (
    "agency",
    "source",
    "status",
    "feeds",
    "fetched",
    "new",
    "updated",
    "unchanged",
    "quarantined",
)


@dataclass(frozen=True)
class SourceSummary:
    source: str
    agency: str
    status: str
    feeds_read: int
    fetched: int
    new: int
    updated: int
    unchanged: int
    quarantined: int


def day_summary(conn: psycopg2.extensions.connection, window: Window) -> list[SourceSummary]:
    with conn.cursor() as cur:
        cur.execute(DAY_SUMMARY_SQL, (window.start, window.end))
        rows = cur.fetchall()
    summaries = [SourceSummary(*row) for row in rows]
    return sorted(summaries, key=lambda s: s.agency)


def format_summary(window: Window, summaries: list[SourceSummary]) -> str:
    """A plain-text table ending with the one-line total users grep for."""
    header = (
        f"newswire: {window.day} ({window.timezone}) "
        f"{window.start:%Y-%m-%dT%H:%MZ} .. {window.end:%Y-%m-%dT%H:%MZ}"
    )
    table = [COLUMNS] + [
        (
            s.agency,
            s.source,
            s.status,
            str(s.feeds_read),
            str(s.fetched),
            str(s.new),
            str(s.updated),
            str(s.unchanged),
            str(s.quarantined),
        )
        for s in summaries
    ]
    total = stories_total_line(
        new=sum(s.new for s in summaries),
        updated=sum(s.updated for s in summaries),
        unchanged=sum(s.unchanged for s in summaries),
        quarantined=sum(s.quarantined for s in summaries),
    )
    return "\n".join([header, *aligned_rows(table), total])


def stories_total_line(*, new: int, updated: int, unchanged: int, quarantined: int) -> str:
    """The one line users grep for, after ``make run`` and in the DAG's last task log."""
    return (
        f"stories: {new} new, {updated} updated, {unchanged} unchanged, {quarantined} quarantined"
    )
