"""Load benchmark: ``merge_stories`` rows/s against a raw COPY of the same rows, same server.

Every load starts from the same in-memory ``StoryRow`` batches and commits
once per batch, as the pipeline does per feed. Batch by batch, each batch
goes through every load in a rotating order, so the spells in which a shared
2-core machine runs slow fall on all of them alike. The baselines:

* **COPY into a bare table (defaults)**: the staging columns into a plain
  table the way ``CREATE TABLE`` makes it, no key, no index, the server's
  default codec for wide values (pglz): the server's raw intake, and the
  baseline of issue 4's 0.8 x target ("a raw COPY of the same rows").
* **COPY into a bare table, lz4 text**: the same with the text columns lz4,
  the codec the warehouse declares where the server has it (migration 009);
  shown so the codec's share of the result is plain to see.
* **COPY into the warehouse tables**: the rows COPY'd blind into clones of
  ``story`` and ``story_version`` (same columns, indexes and codec), ids made
  up front: the least work that stores these rows in this schema.

Full-text search documents are not the load stage's work (migration 006):
``refresh_search_index`` computes them once per source run, after the
merges. It is timed on its own, once over the measured stories, and
load + refresh is set against the bare COPY too, so nothing is hidden.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial

import psycopg2
import psycopg2.extensions

from etl.load.database import connect
from etl.load.migrations import apply_migrations
from etl.load.search_index import refresh_search_index
from etl.load.story_merge import (
    CREATE_STAGING_SQL,
    STAGE_COLUMNS,
    StoryRow,
    _copy,
    _stage_records,
    merge_stories,
)
from etl.model import BodyBlock, CleanStory, Dateline, MediaItem
from tests.bench._database import scratch_database

ROWS = int(os.environ.get("NEWSWIRE_BENCH_ROWS", "20000"))  # measured, after the warm-up
WARM_UP = int(os.environ.get("NEWSWIRE_BENCH_WARM_UP", "4000"))
BATCH = int(os.environ.get("NEWSWIRE_BENCH_BATCH", "500"))
ROUNDS = 5
TARGET = 0.8
WORDS = [
    "minister", "talks", "ceasefire", "geneva", "agreed", "statement", "officials", "said",
    "government", "week", "border", "troops", "economy", "inflation", "bank", "rates",
    "markets", "shares", "oil", "gas", "pipeline", "exports", "president", "parliament",
    "vote", "election", "court", "ruling", "police", "city", "region", "capital",
]  # fmt: skip
PLACES = ("Moscow", "Geneva", "London", "Washington", "Beijing", "Paris", "Kyiv", "Tokyo")
AGENCIES = ("TASS", "Reuters", "AP", "AFP")
START = datetime(2026, 11, 19, tzinfo=UTC)


def make_rows(count: int, seed: int = 7) -> list[StoryRow]:
    """Wire-sized stories (about 2 KB, five paragraphs, a photo), unique identities."""
    rng = random.Random(seed)
    start = START
    rows = []
    for index in range(count):
        agency = AGENCIES[index % len(AGENCIES)]
        place = rng.choice(PLACES)
        published = start + timedelta(seconds=index * 7)
        paragraphs = tuple(
            BodyBlock("paragraph", " ".join(rng.choices(WORDS, k=60)).capitalize() + ".")
            for _ in range(5)
        )
        story = CleanStory(
            headline=" ".join(rng.choices(WORDS, k=8)).capitalize(),
            deck=" ".join(rng.choices(WORDS, k=16)).capitalize(),
            blocks=paragraphs,
            dateline=Dateline(f"{place.upper()}, November 19.", place, None, 11, 19, 2026,
                              agency, 0),
            agency=agency,
            media=(MediaItem("A photo caption", "EPA/PHOTOGRAPHER"),),
            published_at=published,
            language="en",
        )  # fmt: skip
        key = f"https://{agency.lower()}.example/news/{index}"
        rows.append(StoryRow(agency, key, key, key, story, None, published + timedelta(minutes=3)))
    return rows


def _batches(rows: Sequence[StoryRow]) -> list[Sequence[StoryRow]]:
    return [rows[i : i + BATCH] for i in range(0, len(rows), BATCH)]


def server_has_lz4(conn: psycopg2.extensions.connection) -> bool:
    with conn.cursor() as cur:
        cur.execute("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'")
        row = cur.fetchone()
    return bool(row and "lz4" in row[0])


# story columns the blind COPY fills (story_id made up front, no identity column on the clone).
STORY_COLUMNS = (
    "story_id", "agency", "identity_key", "guid", "url", "headline", "deck", "body",
    "body_blocks", "byline", "signoff", "dateline_raw", "dateline_place", "dateline_region",
    "dateline_month", "dateline_day", "dateline_year", "dateline_agency", "language",
    "published_at", "content_hash", "first_seen_at", "last_changed_at", "raw_id", "status",
    "killed",
)  # fmt: skip
VERSION_COLUMNS = (
    "story_id", "version", "content_hash", "headline", "deck", "body", "body_blocks",
    "seen_at", "raw_id", "status", "killed",
)  # fmt: skip
TEXT_COLUMNS = ("headline", "deck", "body", "body_blocks")
# The bare tables: the staging columns and nothing else (LIKE copies no codec,
# key or index): the server's defaults, pglz for wide values.
BARE_SQL = """
DROP TABLE IF EXISTS bench_raw_copy, bench_raw_copy_lz4;
CREATE TABLE bench_raw_copy (LIKE story_stage);
CREATE TABLE bench_raw_copy_lz4 (LIKE story_stage);
"""
LZ4_SQL = "ALTER TABLE bench_raw_copy_lz4 " + ", ".join(
    f"ALTER COLUMN {column} SET COMPRESSION lz4" for column in TEXT_COLUMNS
)
CLONE_SQL = """
DROP TABLE IF EXISTS bench_story, bench_story_version;
CREATE TABLE bench_story (LIKE story INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES
                          INCLUDING GENERATED INCLUDING COMPRESSION);
ALTER TABLE bench_story ALTER COLUMN story_id DROP IDENTITY IF EXISTS;
CREATE TABLE bench_story_version (LIKE story_version INCLUDING DEFAULTS INCLUDING CONSTRAINTS
                                  INCLUDING INDEXES INCLUDING COMPRESSION);
"""


class Loads:
    """The ways of storing one batch, each committing once as the pipeline does per feed."""

    def __init__(self, conn: psycopg2.extensions.connection) -> None:
        self.conn = conn
        self.next_story_id = 1

    def prepare(self, with_lz4: bool) -> None:
        apply_migrations(self.conn)
        with self.conn.cursor() as cur:
            # the months the rows are seen in, as the DAG's migrate task keeps them
            cur.execute("SELECT ensure_month_partitions('story_version', %s)", (START,))
            cur.execute(CREATE_STAGING_SQL)  # the session's staging tables, as the merge makes them
            cur.execute(BARE_SQL)
            if with_lz4:
                cur.execute(LZ4_SQL)
            cur.execute(CLONE_SQL)
        self.conn.commit()

    def bare_copy(self, batch: Sequence[StoryRow], table: str = "bench_raw_copy") -> None:
        """COPY into a plain table with the staging columns: the server's raw intake."""
        with self.conn.cursor() as cur:
            _copy(cur, table, STAGE_COLUMNS, _stage_records(batch))
        self.conn.commit()

    def warehouse_copy(self, batch: Sequence[StoryRow]) -> None:
        """COPY blind into clones of story and story_version (same indexes, codec), ids made up."""
        stories, versions = [], []
        for record in _stage_records(batch):
            values = dict(zip(STAGE_COLUMNS, record, strict=True))
            values["story_id"], values["version"] = self.next_story_id, 1
            values["first_seen_at"] = values["last_changed_at"] = values["seen_at"]
            stories.append([values[column] for column in STORY_COLUMNS])
            versions.append([values[column] for column in VERSION_COLUMNS])
            self.next_story_id += 1
        with self.conn.cursor() as cur:
            _copy(cur, "bench_story", STORY_COLUMNS, stories)
            _copy(cur, "bench_story_version", VERSION_COLUMNS, versions)
        self.conn.commit()

    def merge(self, batch: Sequence[StoryRow]) -> None:
        """The load stage itself."""
        merge_stories(self.conn, batch)
        self.conn.commit()


def time_interleaved(
    loads: dict[str, Callable[[Sequence[StoryRow]], None]], rows: Sequence[StoryRow]
) -> list[dict[str, float]]:
    """Seconds per load, per round: every batch goes through every load, in turn.

    Batch by batch, in an order that rotates, so a slow spell of a shared
    machine falls on all of them alike; the rounds show the spread.
    """
    names = list(loads)
    rounds: list[dict[str, float]] = []
    batches = _batches(rows)
    per_round = max(1, len(batches) // ROUNDS)
    for index, batch in enumerate(batches):
        if index % per_round == 0 and len(rounds) < ROUNDS:
            rounds.append(dict.fromkeys(names, 0.0))
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            started = time.perf_counter()
            loads[name](batch)
            rounds[-1][name] += time.perf_counter() - started
    return rounds


def checkpoint(conn: psycopg2.extensions.connection) -> None:
    """Start measuring right after a checkpoint, so every run starts alike.

    A checkpoint that falls inside the measured part (every 5 minutes by
    default, wherever the run is) makes the next change of each index page
    write the whole page to the WAL: the merge, with indexes, pays for it and
    the bare COPY does not, so run-to-run spread was mostly the clock. Needs
    superuser or pg_checkpoint; without it the run goes on, with a warning.
    """
    try:
        with conn.cursor() as cur:
            cur.execute("CHECKPOINT")
    except psycopg2.errors.InsufficientPrivilege:
        conn.rollback()
        print("  (no CHECKPOINT privilege: a timed checkpoint may fall inside the run)")


def time_refresh(conn: psycopg2.extensions.connection) -> float:
    """Seconds for one ``refresh_search_index`` over everything merged since the last one."""
    started = time.perf_counter()
    refresh_search_index(conn)
    conn.commit()
    return time.perf_counter() - started


def text_bytes(conn: psycopg2.extensions.connection, table: str) -> tuple[int, int]:
    """Stored and plain bytes of the text columns: what compression kept."""
    stored = " + ".join(f"coalesce(pg_column_size({column}), 0)" for column in TEXT_COLUMNS)
    plain = " + ".join(f"coalesce(octet_length({column}::text), 0)" for column in TEXT_COLUMNS)
    with conn.cursor() as cur:
        cur.execute(f"SELECT sum({stored}), sum({plain}) FROM {table}")
        row = cur.fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def main() -> int:
    rows = make_rows(WARM_UP + ROWS)
    with scratch_database("newswire_bench") as url:
        conn = connect(url)
        try:
            lz4 = server_has_lz4(conn)
            loads = Loads(conn)
            loads.prepare(with_lz4=lz4)
            named: dict[str, Callable[[Sequence[StoryRow]], None]] = {
                "bare": loads.bare_copy,
                "tables": loads.warehouse_copy,
                "merge": loads.merge,
            }
            if lz4:
                named["bare_lz4"] = partial(loads.bare_copy, table="bench_raw_copy_lz4")
            # Warm up every path (server caches, WAL segments, Python), then measure.
            time_interleaved(named, rows[:WARM_UP])
            time_refresh(conn)
            checkpoint(conn)
            rounds = time_interleaved(named, rows[WARM_UP:])
            refresh = time_refresh(conn)
            stored = {name: text_bytes(conn, name) for name in ("bench_raw_copy", "story")}
        finally:
            conn.close()
    report(rounds, refresh, stored, lz4)
    return 0


def report(
    rounds: list[dict[str, float]],
    refresh: float,
    stored: dict[str, tuple[int, int]],
    lz4: bool,
) -> None:
    total = {name: sum(r[name] for r in rounds) for name in rounds[0]}
    rate = {name: ROWS / seconds for name, seconds in total.items()}

    def ratio(base: str) -> tuple[float, float, float]:
        """merge / base over the whole run, and its lowest and highest round."""
        per_round = [r[base] / r["merge"] for r in rounds]
        return total[base] / total["merge"], min(per_round), max(per_round)

    def verdict(base: str, label: str, target: float | None = TARGET) -> str:
        whole, low, high = ratio(base)
        line = f"  ratio load / {label:<28} {whole:5.2f} x  (rounds {low:.2f}-{high:.2f})"
        if target is not None:
            line += f"  {'meets' if whole >= target else 'MISSES'} the {target} x target"
        return line

    print(f"load benchmark: {ROWS} stories in batches of {BATCH}, {len(rounds)} rounds, "
          f"each batch through every load in turn (after a warm-up of {WARM_UP})")  # fmt: skip
    print(f"  raw COPY into a bare table (defaults) {rate['bare']:8,.0f} rows/s  "
          f"({total['bare']:.2f} s)")  # fmt: skip
    if lz4:
        print(f"  raw COPY into a bare table, lz4 text  {rate['bare_lz4']:8,.0f} rows/s  "
              f"({total['bare_lz4']:.2f} s)")  # fmt: skip
    print(f"  raw COPY into the warehouse tables    {rate['tables']:8,.0f} rows/s  "
          f"({total['tables']:.2f} s)")  # fmt: skip
    print(f"  merge_stories (the load stage)        {rate['merge']:8,.0f} rows/s  "
          f"({total['merge']:.2f} s)")  # fmt: skip
    print(f"  refresh_search_index (once)           {ROWS / refresh:8,.0f} rows/s  "
          f"({refresh:.2f} s)")  # fmt: skip
    print(verdict("bare", "bare COPY"))
    if lz4:
        print(verdict("bare_lz4", "bare COPY, lz4 text", None))
    print(verdict("tables", "warehouse-table COPY", None))
    both = total["bare"] / (total["merge"] + refresh)
    print(f"  ratio load + refresh / bare COPY      {both:5.2f} x")
    for table, (kept, plain) in stored.items():
        print(f"  text stored in {table:<22} {kept / plain:5.1%} of {plain / 1e6:.1f} MB")
    if not lz4:
        print("  (this server has no lz4: the warehouse keeps pglz, as the bare table)")


if __name__ == "__main__":
    raise SystemExit(main())
