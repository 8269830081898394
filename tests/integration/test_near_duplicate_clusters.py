"""Near-duplicate clusters on a real PostgreSQL: our fixture stories, loaded and clustered."""

from __future__ import annotations

import itertools
import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from etl.load.clusters import CREATE_STAGE_SQL, assign_clusters, edges_plan
from etl.load.database import connect
from etl.load.search_index import refresh_search_index
from etl.load.story_merge import StoryRow, merge_stories
from etl.model import BodyBlock, CleanStory

pytestmark = pytest.mark.integration

FIXTURE = Path(__file__).parents[1] / "fixtures" / "near_duplicates" / "stories.json"
STORIES = json.loads(FIXTURE.read_text(encoding="utf-8"))["stories"]
PUBLISHED = datetime(2026, 11, 19, 9, 0, tzinfo=UTC)


def _row(item: dict[str, str], minutes: int = 0, body: str | None = None) -> StoryRow:
    text = body if body is not None else item["body"]
    story = CleanStory(
        headline=item["id"],
        deck=None,
        blocks=(BodyBlock("paragraph", text),),
        dateline=None,
        agency=item["agency"],
        published_at=PUBLISHED + timedelta(minutes=minutes),
    )
    return StoryRow(item["agency"], item["id"], item["id"], None, story, None, story.published_at)


def _clusters(url: str) -> dict[str, int]:
    conn = connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT headline, cluster_id FROM story_live")
            return {str(headline): int(cluster) for headline, cluster in cur.fetchall()}
    finally:
        conn.close()


def _precision_recall(predicted: dict[str, int]) -> tuple[float, float]:
    family = {item["id"]: item["family"] for item in STORIES}
    pairs = list(itertools.combinations(sorted(predicted), 2))
    together = {(a, b) for a, b in pairs if predicted[a] == predicted[b]}
    truly = {(a, b) for a, b in pairs if family[a] == family[b]}
    return len(together & truly) / len(together), len(together & truly) / len(truly)


def test_fixture_stories_cluster_by_news_not_by_topic(db_url: str) -> None:
    conn = connect(db_url)
    try:
        # Two batches, as two feeds would deliver them: the second joins existing clusters.
        half = len(STORIES) // 2
        merge_stories(conn, [_row(item, i) for i, item in enumerate(STORIES[:half])])
        first = assign_clusters(conn)
        merge_stories(conn, [_row(item, i) for i, item in enumerate(STORIES[half:], half)])
        second = assign_clusters(conn)
        conn.commit()
        assert (first.sketched, second.sketched) == (half, len(STORIES) - half)
        assert assign_clusters(conn).sketched == 0  # nothing queued: idempotent
        with conn.cursor() as cur:
            cur.execute("SELECT agencies, stories FROM story_clusters ORDER BY cluster_id")
            clusters = cur.fetchall()
    finally:
        conn.close()
    predicted = _clusters(db_url)
    precision, recall = _precision_recall(predicted)
    assert (precision, recall) == (1.0, 1.0)
    assert ["AP", "Reuters"] in [agencies for agencies, _ in clusters]
    assert sorted(n for _, n in clusters) == [2, 2, 2, 3, 3]


def test_an_updated_story_stays_in_its_cluster_and_a_late_lookalike_does_not_join(
    db_url: str,
) -> None:
    quake = [item for item in STORIES if item["family"] == "quake"]
    conn = connect(db_url)
    try:
        merge_stories(conn, [_row(item) for item in quake])
        assign_clusters(conn)
        # The first take is rewritten beyond recognition: it keeps its cluster.
        merge_stories(conn, [_row(quake[0], 30, "A completely different text now.")])
        # The same wording a month later is not the same news item.
        late = {**quake[1], "id": "quake-next-month"}
        merge_stories(conn, [_row(late, 60 * 24 * 30)])
        run = assign_clusters(conn)
        conn.commit()
    finally:
        conn.close()
    assert run.sketched == 2
    clusters = _clusters(db_url)
    assert clusters["quake-ap"] == clusters["quake-ap-update"] == clusters["quake-afp"]
    assert clusters["quake-next-month"] not in {clusters["quake-ap"]}


def test_a_story_bridging_two_clusters_merges_them(db_url: str) -> None:
    one = "Ministers met in Geneva on Thursday and agreed to meet again in December."
    two = "The summit in Vienna ended with a joint statement on grain exports and ports."
    conn = connect(db_url)
    try:
        merge_stories(
            conn,
            [
                _row({"id": "a", "agency": "AP"}, 0, one),
                _row({"id": "b", "agency": "AFP"}, 1, two),
            ],
        )
        assign_clusters(conn)
        merge_stories(conn, [_row({"id": "c", "agency": "TASS"}, 2, f"{one} {two}")])
        assign_clusters(conn)
        conn.commit()
    finally:
        conn.close()
    clusters = _clusters(db_url)
    assert clusters["a"] == clusters["b"] == clusters["c"] == min(clusters.values())


def test_queue_notes_whose_story_is_gone_are_taken_off_the_queues(db_url: str) -> None:
    conn = connect(db_url)
    try:
        merge_stories(conn, [_row(STORIES[0])])
        with conn.cursor() as cur:
            # The queues keep no key to story (migration 010): a stray note is possible.
            cur.execute("INSERT INTO story_sketch_pending (story_id) VALUES (987654)")
            cur.execute("INSERT INTO story_search_pending (story_id) VALUES (987654)")
        conn.commit()
        assert assign_clusters(conn).sketched == 1
        refresh_search_index(conn)
        conn.commit()
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM story_sketch_pending")
            assert cur.fetchone() == (0,)
            cur.execute("SELECT count(*) FROM story_search_pending")
            assert cur.fetchone() == (0,)
            cur.execute("SELECT count(*) FROM story_sketch")
            assert cur.fetchone() == (1,)
    finally:
        conn.close()


def test_candidates_come_through_the_band_key_index_on_a_never_analysed_warehouse(
    db_url: str,
) -> None:
    """A feed of thousands of stories into a new warehouse (no statistics yet: autovacuum
    off or behind) must not compare every staged sketch with every stored one: that plan
    took 11 s for 2,000 stories against 2,000 (tests/bench/bench_scale.py), the index 0.05 s.
    """
    words = [f"w{n}" for n in range(5000)]
    rows = [
        _row(
            {"id": f"s{i}", "agency": "AP"},
            i,
            " ".join(random.Random(i).sample(words, 60)),  # no two alike
        )
        for i in range(400)
    ]
    conn = connect(db_url)
    try:
        merge_stories(conn, rows[:300])
        assert assign_clusters(conn).sketched == 300
        conn.commit()
        with conn.cursor() as cur:
            cur.execute(
                "SELECT c.reloptions, s.last_analyze, s.last_autoanalyze FROM pg_class c"
                " JOIN pg_stat_user_tables s ON s.relid = c.oid"
                " WHERE c.relname = 'story_sketch'"
            )
            assert cur.fetchone() == (None, None, None), "story_sketch was never analysed"
            cur.execute("SELECT reloptions FROM pg_class WHERE relname = 'story_sketch_band_idx'")
            assert cur.fetchone() == (["fastupdate=off"],), "no pending list to scan per lookup"
            cur.execute(CREATE_STAGE_SQL)
            cur.execute(
                "INSERT INTO sketch_stage SELECT story_id, content_hash, cluster_id, signature,"
                " band_keys FROM story_sketch ORDER BY story_id DESC LIMIT 100"
            )
            plan = edges_plan(cur)
            cur.execute("SHOW enable_seqscan")
            assert cur.fetchone() == ("on",), "the setting is the statement's alone"
        conn.rollback()
        assert "Bitmap Index Scan on story_sketch_band_idx" in plan, plan
        assert "Seq Scan on story_sketch " not in plan and "Seq Scan on story " not in plan, plan
        copy = _row({"id": "s-copy", "agency": "AFP"}, 5, rows[3].story.body)
        merge_stories(conn, [copy])
        assert assign_clusters(conn).clustered == 1, "a copy still finds its original"
        conn.commit()
    finally:
        conn.close()
    clusters = _clusters(db_url)
    assert clusters["s-copy"] == clusters["s3"]
