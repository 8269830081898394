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

from etl.load.sql_files import load_sql
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

PENDING_SQL = load_sql("clusters_pending")

CREATE_STAGE_SQL = load_sql("clusters_create_stage")

UPSERT_SKETCH_SQL = load_sql("clusters_upsert_sketch")

EDGES_SQL = load_sql("clusters_edges")

EDGES_PARAMETERS = {
    "version": SKETCH_VERSION,
    "window": WINDOW_SECONDS,
    "threshold": SIMILARITY_THRESHOLD,
}
INDEX_PLAN_SQL = "SET LOCAL enable_seqscan = off; SET LOCAL jit = off"
DEFAULT_PLAN_SQL = "SET LOCAL enable_seqscan TO DEFAULT; SET LOCAL jit TO DEFAULT"

ASSIGN_SQL = load_sql("clusters_assign")

RELABEL_SQL = load_sql("clusters_relabel")


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
