"""One story delivered both as a page and as a wire file stays one story.

A page is keyed on its feed guid or canonical URL, a wire file on the
agency's own id; the two meet when the ids are equal or the wire item
names the page's URL. Before a batch is merged, each row not stored under
its own key borrows the key of the stored story it matches (agency id
first, then URL). Page rows are only looked up for agencies that have wire
stories, so a warehouse fed by feeds alone pays one index probe per batch.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

import psycopg2.extensions

from etl.load.sql_files import load_sql
from etl.transform.identity import canonical_url

if TYPE_CHECKING:
    from etl.load.story_merge import StoryRow

IDENTITY_LINKS_SQL = load_sql("identity_links")
WIRE_AGENCIES_SQL = load_sql("wire_agencies")


def link_identities(cur: psycopg2.extensions.cursor, rows: Sequence[StoryRow]) -> list[StoryRow]:
    """The rows, each keyed like the stored story it is (unchanged when none or its own)."""
    if not rows:
        return list(rows)
    wire_agencies = _agencies_with_wire_stories(cur, {row.agency for row in rows})
    candidates = [
        (index, row)
        for index, row in enumerate(rows)
        if row.story.wire is not None or row.agency in wire_agencies
    ]
    if not candidates:
        return list(rows)
    cur.execute(
        IDENTITY_LINKS_SQL,
        {
            "agencies": [row.agency for _, row in candidates],
            "keys": [row.identity_key for _, row in candidates],
            "ids": [row.guid for _, row in candidates],
            "urls": [row.url for _, row in candidates],
            "canonical_urls": [_canonical(row.url) for _, row in candidates],
        },
    )
    linked = list(rows)
    for ordinal, key in cur.fetchall():
        index, row = candidates[int(ordinal) - 1]
        linked[index] = dataclasses.replace(row, identity_key=str(key))
    return linked


def _agencies_with_wire_stories(cur: psycopg2.extensions.cursor, agencies: set[str]) -> set[str]:
    cur.execute(WIRE_AGENCIES_SQL, {"agencies": sorted(agencies)})
    return {str(row[0]) for row in cur.fetchall()}


def _canonical(url: str | None) -> str | None:
    return canonical_url(url) if url else None
