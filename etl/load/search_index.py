"""Full-text search documents, refreshed set-based off the merge's hot path.

The merge queues every story it inserts or changes, and every story a
status-only notice kills, in ``story_search_pending`` (one cheap insert per
row). ``refresh_search_index`` works the queue off in two statements: take
the queued ids (``FOR UPDATE SKIP LOCKED``: a row a concurrent merge is
re-queueing stays for the next refresh, and no refresh ever waits on a merge,
so the two cannot deadlock); then, with a fresh snapshot that sees every merge
committed before the ids were taken, recompute the documents of live stories
whose content hash differs from the one indexed and delete killed stories'
documents. Refreshing twice changes nothing. The pipeline calls it at the end
of every source run (ingest and reprocess), so search is current when a run
finishes; the ``story_search`` view leaves killed stories out at once anyway.
"""

from __future__ import annotations

import logging

import psycopg2.extensions

LOGGER = logging.getLogger(__name__)

TAKE_SQL = """
CREATE TEMP TABLE IF NOT EXISTS search_refresh_stage (story_id bigint) ON COMMIT DELETE ROWS;
TRUNCATE search_refresh_stage;
WITH taken AS (
    DELETE FROM story_search_pending p
    WHERE p.story_id IN (
        SELECT story_id FROM story_search_pending FOR UPDATE SKIP LOCKED
    )
    RETURNING p.story_id
)
INSERT INTO search_refresh_stage SELECT story_id FROM taken;
"""

# A separate statement: its snapshot sees the stories as the merges that queued them left them.
REFRESH_SQL = """
WITH dropped AS (
    DELETE FROM story_search_document d
    USING search_refresh_stage q, story s
    WHERE d.story_id = q.story_id AND s.story_id = q.story_id AND s.killed
    RETURNING d.story_id
), indexed AS (
    INSERT INTO story_search_document AS d (story_id, document, indexed_hash, published_at)
    SELECT s.story_id, story_search_vector(s.language, s.headline, s.deck, s.body),
           s.content_hash, coalesce(s.published_at, s.first_seen_at)
    FROM search_refresh_stage q
    JOIN story s ON s.story_id = q.story_id
    LEFT JOIN story_search_document old ON old.story_id = s.story_id
    WHERE NOT s.killed AND old.indexed_hash IS DISTINCT FROM s.content_hash
    ON CONFLICT (story_id) DO UPDATE SET
        document = EXCLUDED.document,
        indexed_hash = EXCLUDED.indexed_hash,
        published_at = EXCLUDED.published_at
    RETURNING d.story_id
)
SELECT (SELECT count(*) FROM indexed), (SELECT count(*) FROM dropped)
"""


def refresh_search_index(conn: psycopg2.extensions.connection) -> int:
    """Bring queued stories' search documents up to date in the caller's transaction.

    Returns how many documents were written or deleted.
    """
    with conn.cursor() as cur:
        cur.execute(TAKE_SQL)
        cur.execute(REFRESH_SQL)
        row = cur.fetchone()
    indexed, dropped = (int(row[0]), int(row[1])) if row else (0, 0)
    if indexed or dropped:
        LOGGER.info("search index: %d documents written, %d dropped", indexed, dropped)
    return indexed + dropped
