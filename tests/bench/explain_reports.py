"""EXPLAIN the two main reports at 1M generated stories (not part of the test run or make bench).

    python -m tests.bench.explain_reports [STORIES]

Generates the stories with ``generate_series`` in a scratch database on the
server (``DATABASE_URL``, else ``NEWSWIRE_TEST_DATABASE_URL``, else the
embedded one): two years of four agencies over fifty dateline places, one
version each plus an update for every tenth, 1% killed. Then prints
``EXPLAIN (ANALYZE, BUFFERS)`` of ``stories_per_agency_day`` and
``top_dateline_places`` for one week, and of a full-text search. The README's
"Growth" section shows its output. Takes a few minutes; the database is dropped.
"""

from __future__ import annotations

import sys
import time

from etl.load.database import connect
from etl.load.maintenance import write_settings
from etl.load.migrations import apply_migrations
from etl.load.search_index import refresh_search_index
from etl.report import report_sql
from tests.bench._database import scratch_database

GENERATE_SQL = """
INSERT INTO story (
    agency, identity_key, guid, url, headline, deck, body, body_blocks, dateline_raw,
    dateline_place, language, published_at, content_hash, current_version, first_seen_at,
    last_changed_at, status, killed, killed_at
)
SELECT
    (ARRAY['TASS', 'Reuters', 'AP', 'AFP'])[1 + i %% 4],
    'gen:' || i, 'gen:' || i, 'https://wire.example/' || i,
    'Headline ' || i || ' on '
        || (ARRAY['talks', 'markets', 'storm', 'election', 'court'])[1 + i %% 5],
    NULL,
    'Ministers met in place ' || (i %% 50) || ' on day ' || (i %% 730)
        || ' to discuss '
        || (ARRAY['a ceasefire', 'oil prices', 'the budget', 'flooding'])[1 + i %% 4]
        || ', officials said after talks that lasted ' || (i %% 9) || ' hours.',
    '[]'::jsonb,
    'PLACE ' || (i %% 50),
    'Place ' || (i %% 50),
    'en',
    published,
    md5(i::text),
    1,
    published + interval '3 minutes',
    published + interval '3 minutes',
    CASE WHEN i %% 100 = 0 THEN 'killed' ELSE 'usable' END,
    i %% 100 = 0,
    CASE WHEN i %% 100 = 0 THEN published + interval '1 hour' END
FROM (
    SELECT i, timestamptz '2025-01-01 00:00Z' + (i * interval '63 seconds') AS published
    FROM generate_series(1, %(stories)s) AS i
) AS g;

INSERT INTO story_version (story_id, version, content_hash, headline, deck, body, body_blocks,
                           seen_at, status, killed)
SELECT story_id, 1, content_hash, headline, deck, body, body_blocks, first_seen_at, status, killed
FROM story;
INSERT INTO story_version (story_id, version, content_hash, headline, deck, body, body_blocks,
                           seen_at, status, killed)
SELECT story_id, 2, md5(content_hash), 'UPDATE 1-' || headline, deck, body, body_blocks,
       first_seen_at + interval '1 hour', 'updated', killed
FROM story WHERE story_id %% 10 = 0;
-- Queued for search as the merge queues them; main() refreshes the index as a run's end does.
INSERT INTO story_search_pending (story_id) SELECT story_id FROM story;
ANALYZE;
"""

WEEK = {"from_day": "2026-03-02", "to_day": "2026-03-08"}
SEARCH_SQL = """
SELECT story_id, headline FROM newswire.story_search
WHERE document @@ websearch_to_tsquery('english', 'ceasefire "place 7"')
ORDER BY published_at DESC LIMIT 20
"""


def explain(cur: object, title: str, sql: str, params: dict[str, str]) -> None:
    print(f"\n-- {title}")
    cur.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, params)  # type: ignore[attr-defined]
    for (line,) in cur.fetchall():  # type: ignore[attr-defined]
        print(line)


def main(argv: list[str]) -> int:
    stories = int(argv[0]) if argv else 1_000_000
    with scratch_database("newswire_explain") as url:
        conn = connect(url)
        try:
            apply_migrations(conn)
            write_settings(conn, {"timezone": "Europe/Moscow"})
            started = time.perf_counter()
            with conn.cursor() as cur:
                cur.execute("SELECT newswire.ensure_month_partitions('newswire.story_version',"
                            " '2025-01-01', 2)")  # fmt: skip
                cur.execute(GENERATE_SQL, {"stories": stories})
            refresh_search_index(conn)
            with conn.cursor() as cur:
                cur.execute("ANALYZE newswire.story_search_document")
            conn.commit()
            print(f"generated {stories:,} stories in {time.perf_counter() - started:.0f} s")
            with conn.cursor() as cur:
                explain(
                    cur,
                    "stories_per_agency_day, one week",
                    report_sql("stories_per_agency_day").replace("%%", "%"),
                    WEEK,
                )
                explain(
                    cur,
                    "top_dateline_places, one week",
                    report_sql("top_dateline_places").replace("%%", "%"),
                    WEEK,
                )
                explain(cur, "story_search", SEARCH_SQL, {})
        finally:
            conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
