"""Known story identities by URL, so an archive item found again is the same story.

A feed gives a story its agency's guid; an archive (sitemap, listing page)
gives only the URL. Looking the URL up first keeps one story, not two.
"""

from __future__ import annotations

import dataclasses

import psycopg2.extensions

from etl.load.database import PROJECT_ROOT
from etl.model import FeedEntry

QUERY = (PROJECT_ROOT / "sql" / "queries" / "story_identities_by_url.sql").read_text("utf-8")


def with_known_identities(
    conn: psycopg2.extensions.connection, agency: str, entries: list[FeedEntry]
) -> list[FeedEntry]:
    """Give entries whose URL is already a story of ``agency`` that story's identity as guid."""
    urls = [entry.link for entry in entries if entry.link and not entry.guid]
    if not urls:
        return entries
    with conn.cursor() as cur:
        cur.execute(QUERY, {"agency": agency, "urls": urls})
        known = dict(cur.fetchall())
    return [
        dataclasses.replace(entry, guid=known[entry.link])
        if entry.link in known and not entry.guid
        else entry
        for entry in entries
    ]
