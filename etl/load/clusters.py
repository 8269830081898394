"""Near-duplicate clusters, assigned set-based after each merge batch.

The merge queues new and changed stories in ``story_sketch_pending``. Here
their bodies are sketched (pure: ``etl.transform.near_duplicates``), the
sketches COPY'd in, candidate pairs found in one query through the GIN index
on LSH band keys and verified by signature similarity, and the connected
stories given one cluster id. A transaction-scoped advisory lock serialises
this across concurrent ingest tasks, so two sources never relabel the same
clusters at once; it commits with the caller's batch.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import psycopg2.extensions

from etl.transform.near_duplicates import (
    SIMILARITY_THRESHOLD,
    SKETCH_VERSION,
    ClusterAssignment,
    Sketch,
    connected_clusters,
    sketch,
)

LOGGER = logging.getLogger(__name__)

CLUSTER_LOCK_KEY = 7_310_002
# Stories sketched per round trip; the queue is worked off in such chunks.
CHUNK = 2_000
# Stories published further apart than this are never the same news item
# (a weekly column reusing last week's wording is not a retelling).
WINDOW_SECONDS = 7 * 24 * 3600

# A queue row keeps no key to its story (migration 010): one whose story is
# gone comes back with no content hash and is only taken off the queue.
PENDING_SQL = """
SELECT p.story_id, s.content_hash, s.body, k.cluster_id
FROM story_sketch_pending p
LEFT JOIN story s ON s.story_id = p.story_id
LEFT JOIN story_sketch k ON k.story_id = p.story_id
ORDER BY p.story_id
LIMIT %s
FOR UPDATE OF p
"""

CREATE_STAGE_SQL = """
CREATE TEMP TABLE IF NOT EXISTS sketch_stage (
    story_id bigint, content_hash text, cluster_id bigint,
    signature integer[], band_keys bigint[]
) ON COMMIT DELETE ROWS
"""

UPSERT_SKETCH_SQL = """
INSERT INTO story_sketch AS k (
    story_id, cluster_id, content_hash, sketch_version, signature, band_keys
)
SELECT story_id, coalesce(cluster_id, story_id), content_hash, %(version)s, signature, band_keys
FROM sketch_stage
ON CONFLICT (story_id) DO UPDATE SET
    content_hash = EXCLUDED.content_hash,
    sketch_version = EXCLUDED.sketch_version,
    signature = EXCLUDED.signature,
    band_keys = EXCLUDED.band_keys,
    sketched_at = now()
"""

# Candidates share a band key, then must agree on enough signature positions and
# be published close enough. Each staged sketch looks its band keys up in the GIN
# index, and each candidate pair its two stories' times by primary key: work in
# proportion to the batch and its candidates, never to the stories stored. The
# planner is held to that (``_edges``: no sequential scan where an index serves,
# no JIT for a statement of milliseconds), because on statistics that believe
# story_sketch small (never analysed: a new warehouse, autovacuum off or behind)
# it compares every staged sketch with every stored one instead: 11 s for 2,000
# stories against 2,000 (tests/bench/bench_scale.py).
EDGES_SQL = """
WITH candidate AS MATERIALIZED (
    SELECT n.story_id AS new_id, o.story_id AS old_id, o.cluster_id
    FROM sketch_stage n
    JOIN story_sketch o
      ON o.band_keys && n.band_keys AND o.story_id <> n.story_id
     AND o.sketch_version = %(version)s
    WHERE minhash_similarity(n.signature, o.signature) >= %(threshold)s
)
SELECT c.new_id, c.old_id, c.cluster_id
FROM candidate c
WHERE abs(extract(epoch FROM
          (SELECT coalesce(s.published_at, s.first_seen_at) FROM story s
           WHERE s.story_id = c.old_id)
        - (SELECT coalesce(s.published_at, s.first_seen_at) FROM story s
           WHERE s.story_id = c.new_id))) <= %(window)s
"""

EDGES_PARAMETERS = {
    "version": SKETCH_VERSION,
    "window": WINDOW_SECONDS,
    "threshold": SIMILARITY_THRESHOLD,
}
INDEX_PLAN_SQL = "SET LOCAL enable_seqscan = off; SET LOCAL jit = off"
DEFAULT_PLAN_SQL = "SET LOCAL enable_seqscan TO DEFAULT; SET LOCAL jit TO DEFAULT"

ASSIGN_SQL = """
UPDATE story_sketch k SET cluster_id = m.cluster_id
FROM unnest(%(stories)s::bigint[], %(clusters)s::bigint[]) AS m (story_id, cluster_id)
WHERE k.story_id = m.story_id AND k.cluster_id <> m.cluster_id
"""

RELABEL_SQL = """
UPDATE story_sketch k SET cluster_id = m.new_id
FROM unnest(%(old)s::bigint[], %(new)s::bigint[]) AS m (old_id, new_id)
WHERE k.cluster_id = m.old_id
"""


@dataclass(frozen=True)
class ClusterRun:
    """What one call did: stories sketched, and stories that joined another's cluster."""

    sketched: int = 0
    clustered: int = 0


def assign_clusters(conn: psycopg2.extensions.connection, chunk: int = CHUNK) -> ClusterRun:
    """Sketch and cluster every queued story, in the caller's transaction."""
    sketched = clustered = 0
    with conn.cursor() as cur:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (CLUSTER_LOCK_KEY,))
        cur.execute(CREATE_STAGE_SQL)
        while True:
            cur.execute(PENDING_SQL, (chunk,))
            taken = cur.fetchall()
            if not taken:
                break
            pending = [row for row in taken if row[1] is not None]
            if pending:
                sketches = {int(sid): sketch(str(body)) for sid, _, body, _ in pending}
                assignment = _cluster_chunk(cur, pending, sketches)
                sketched += len(pending)
                clustered += sum(1 for s, c in assignment.stories.items() if c != s)
            cur.execute(
                "DELETE FROM story_sketch_pending WHERE story_id = ANY(%s)",
                ([int(row[0]) for row in taken],),
            )
    if sketched:
        LOGGER.info("sketched %d stories, %d in a cluster", sketched, clustered)
    return ClusterRun(sketched, clustered)


def _cluster_chunk(
    cur: psycopg2.extensions.cursor,
    pending: Sequence[tuple[Any, ...]],
    sketches: dict[int, Sketch],
) -> ClusterAssignment:
    cur.execute("TRUNCATE sketch_stage")
    _copy_stage(cur, pending, sketches)
    cur.execute("ANALYZE sketch_stage")
    cur.execute(UPSERT_SKETCH_SQL, {"version": SKETCH_VERSION})
    edges = _edges(cur)
    current: dict[int, int | None] = {
        int(sid): int(cluster) if cluster is not None else None for sid, _, _, cluster in pending
    }
    for _, neighbour, cluster in edges:
        current.setdefault(int(neighbour), int(cluster))
    assignment = connected_clusters(((int(a), int(b)) for a, b, _ in edges), current)
    if assignment.relabel:
        cur.execute(
            RELABEL_SQL,
            {"old": list(assignment.relabel), "new": list(assignment.relabel.values())},
        )
    cur.execute(
        ASSIGN_SQL,
        {"stories": list(assignment.stories), "clusters": list(assignment.stories.values())},
    )
    return assignment


def _edges(cur: psycopg2.extensions.cursor) -> list[tuple[Any, ...]]:
    """Candidate pairs through the band-key index, whatever the statistics say."""
    cur.execute(INDEX_PLAN_SQL)  # a failure rolls the settings back with the transaction
    cur.execute(EDGES_SQL, EDGES_PARAMETERS)
    edges = cur.fetchall()
    cur.execute(DEFAULT_PLAN_SQL)
    return edges


def edges_plan(cur: psycopg2.extensions.cursor) -> str:
    """The plan ``_edges`` runs for what is staged now (EXPLAIN, same settings)."""
    cur.execute(INDEX_PLAN_SQL)
    cur.execute("EXPLAIN " + EDGES_SQL, EDGES_PARAMETERS)
    plan = "\n".join(str(line) for (line,) in cur.fetchall())
    cur.execute(DEFAULT_PLAN_SQL)
    return plan


def _copy_stage(
    cur: psycopg2.extensions.cursor,
    pending: Sequence[tuple[Any, ...]],
    sketches: dict[int, Sketch],
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for story_id, content_hash, _, cluster_id in pending:
        found = sketches[int(story_id)]
        writer.writerow(
            [
                story_id,
                content_hash,
                "\\N" if cluster_id is None else cluster_id,
                "{" + ",".join(map(str, found.signature)) + "}",
                "{" + ",".join(map(str, found.band_keys)) + "}",
            ]
        )
    buffer.seek(0)
    cur.copy_expert(
        "COPY sketch_stage (story_id, content_hash, cluster_id, signature, band_keys) "
        "FROM STDIN WITH (FORMAT csv, NULL '\\N')",
        buffer,
    )
