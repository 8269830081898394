"""Scale: one day of a generated wire (20 agencies x 2,000 stories) ingested end to end.

Three paths over the same wire (tests/bench/scale_wire.py, served from a
process of its own on 127.0.0.1), each into a fresh warehouse database:

* ``newswire ingest --date D --parallel N`` (``NEWSWIRE_BENCH_SCALE_PARALLEL``,
  4): N sources at once, a process each;
* the cost of each stage, measured apart in this process on the first
  ``NEWSWIRE_BENCH_SCALE_STAGE_AGENCIES`` (2) agencies by wrapping the
  pipeline's own functions: fetch (HTTP GETs), land (raw_document inserts),
  clean (clean_document), merge (COPY + merge + near-duplicate clusters),
  index (search refresh); wall time and this process's CPU time per stage;
* the real Airflow DAG under the LocalExecutor (API server, scheduler, DAG
  processor; ``airflow backfill create`` of the day);
* the same DAG under the CeleryExecutor with two workers on the local Redis
  (tests/deploy/topology.py), when Redis answers on 127.0.0.1:6379.

Size and paths: ``NEWSWIRE_BENCH_SCALE_AGENCIES`` (20),
``NEWSWIRE_BENCH_SCALE_STORIES`` (2000 per agency),
``NEWSWIRE_BENCH_SCALE_PATHS`` (``ingest,stages,local,celery``). A quick run:
``NEWSWIRE_BENCH_SCALE_STORIES=100 python -m tests.bench.run scale``.
Target: one such day in under 10 minutes on a 2-core machine.
"""

from __future__ import annotations

import multiprocessing
import os
import secrets
import socket
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import psycopg2

from tests.bench._database import scratch_database
from tests.bench.scale_wire import ScaleWire, sources_toml

DAY = date(2026, 11, 19)
TARGET_SECONDS = 600
# How long an Airflow path may take before the bench stops it and counts what it loaded.
AIRFLOW_DEADLINE = int(os.environ.get("NEWSWIRE_BENCH_SCALE_AIRFLOW_DEADLINE", "1800"))
STAGES = ("fetch", "land", "clean", "merge", "index")
PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class StageClock:
    """Wall and CPU seconds spent in each wrapped stage, and how often it ran."""

    wall: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    cpu: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    calls: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.wall[stage] += time.perf_counter() - wall
                self.cpu[stage] += time.thread_time() - cpu
                self.calls[stage] += 1

        return timed


@contextmanager
def _patched(clock: StageClock) -> Iterator[None]:
    """Time the pipeline's stage functions where the pipeline looks them up."""
    import etl.pipeline as pipeline
    import etl.transform.clean as clean
    from etl.extract.fetch import Fetcher

    targets: list[tuple[Any, str, str]] = [
        (Fetcher, "get", "fetch"),
        (pipeline, "land_raw", "land"),
        (clean, "clean_document", "clean"),
        (pipeline, "merge_stories", "merge"),
        (pipeline, "assign_clusters", "merge"),
        (pipeline, "refresh_search_index", "index"),
    ]
    saved = [(owner, name, getattr(owner, name)) for owner, name, _ in targets]
    for owner, name, stage in targets:
        setattr(owner, name, clock.wrap(stage, getattr(owner, name)))
    try:
        yield
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)


def _serve(agencies: int, per_day: int, ready: Any) -> None:
    server = ScaleWire(agencies, per_day, DAY)
    ready.put(server.base_url)
    server.serve_forever()


@contextmanager
def _wire(agencies: int, per_day: int) -> Iterator[str]:
    """The generated wire in a process of its own (its CPU is not the pipeline's)."""
    context = multiprocessing.get_context("spawn")
    ready = context.Queue()
    process = context.Process(target=_serve, args=(agencies, per_day, ready), daemon=True)
    process.start()
    try:
        yield str(ready.get(timeout=60))
    finally:
        process.terminate()
        process.join(timeout=10)


def _stories(db_url: str) -> int:
    conn = psycopg2.connect(db_url)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM newswire.story")
            return int(cur.fetchone()[0])  # type: ignore[index]
    finally:
        conn.close()


def _run_ingest(db_url: str, sources: Path, parallel: int = 1) -> tuple[float, int, StageClock]:
    """``newswire ingest`` of the day; stages timed here when ``parallel`` is 1."""
    from etl.cli import main as newswire

    clock = StageClock()
    os.environ.update({"DATABASE_URL": db_url, "NEWSWIRE_SOURCES": str(sources)})
    newswire(["db", "migrate"])
    command = ["ingest", "--date", DAY.isoformat(), "--parallel", str(parallel)]
    started = time.perf_counter()
    with _patched(clock):  # the spawned processes of --parallel run the functions unwrapped
        status = newswire(command)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise RuntimeError(f"newswire {' '.join(command)} exited {status}")
    return elapsed, _stories(db_url), clock


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def _run_airflow(db_url: str, sources: Path, wire_url: str, executor: str) -> tuple[float, int]:
    """One day through the DAG on a real deployment; the run's own start-to-end time."""
    from tests.deploy.topology import Endpoints, Topology, metadata_query

    with scratch_database("newswire_airflow_bench") as metadata_plain:
        metadata = metadata_plain.replace("postgresql://", "postgresql+psycopg2://", 1)
        with tempfile.TemporaryDirectory(prefix="newswire-bench-airflow-") as home:
            api_port = _free_port()
            endpoints = Endpoints(
                metadata_db=metadata,
                broker="redis://127.0.0.1:6379/0",
                warehouse=db_url,
                api_server=f"http://127.0.0.1:{api_port}",
                dags_folder=str(PROJECT_ROOT / "dags"),
                run_dir=home,
                jwt_secret=secrets.token_hex(32),
                sample_wire=wire_url,
                queue=f"newswire-bench-{uuid.uuid4().hex[:8]}",
                api_port=api_port,
                log_ports=(_free_port(), _free_port()),
                executor=executor,
            )
            topology = Topology(endpoints, Path(home), sources=sources)
            try:
                topology.start()
                topology.wait_ready()
                topology.airflow("dags", "reserialize")
                topology.airflow(
                    "backfill", "create", "--dag-id", "newswire_daily",
                    "--from-date", DAY.isoformat(), "--to-date", DAY.isoformat(),
                    "--max-active-runs", "1",
                )  # fmt: skip
                topology.airflow("dags", "unpause", "newswire_daily")
                started = time.monotonic()
                deadline = started + AIRFLOW_DEADLINE
                while time.monotonic() < deadline:
                    runs = metadata_query(
                        metadata,
                        "SELECT state, extract(epoch FROM end_date - start_date) FROM dag_run "
                        "WHERE run_type = 'backfill'",
                    )
                    if runs and runs[0][0] in ("success", "failed"):
                        break
                    time.sleep(5)
                else:  # what it loaded by then, said as such
                    loaded = _stories(db_url)
                    print(f"  {executor}: stopped after {AIRFLOW_DEADLINE} s, {loaded} stories in")
                    return time.monotonic() - started, loaded
            finally:
                topology.stop()
    state, seconds = runs[0]
    if state != "success":
        raise RuntimeError(f"{executor}: the run ended {state}")
    return float(seconds), _stories(db_url)


def _report_stages(clock: StageClock, stories: int, elapsed: float) -> None:
    print(f"  cost per stage, newswire ingest ({stories} stories):")
    print(
        f"    {'stage':<8}{'wall s':>9}{'ms/story':>10}{'cpu s':>9}{'cpu ms/story':>14}{'share':>8}"
    )
    for stage in STAGES:
        wall, cpu = clock.wall[stage], clock.cpu[stage]
        print(
            f"    {stage:<8}{wall:>9.1f}{1000 * wall / stories:>10.2f}{cpu:>9.1f}"
            f"{1000 * cpu / stories:>14.2f}{wall / elapsed:>8.0%}"
        )
    other = elapsed - sum(clock.wall[s] for s in STAGES)
    print(f"    {'other':<8}{other:>9.1f}{1000 * other / stories:>10.2f}")


def main() -> int:
    agencies = int(os.environ.get("NEWSWIRE_BENCH_SCALE_AGENCIES", "20"))
    per_day = int(os.environ.get("NEWSWIRE_BENCH_SCALE_STORIES", "2000"))
    paths = os.environ.get("NEWSWIRE_BENCH_SCALE_PATHS", "ingest,stages,local,celery").split(",")
    parallel = int(os.environ.get("NEWSWIRE_BENCH_SCALE_PARALLEL", "4"))
    profile_agencies = int(os.environ.get("NEWSWIRE_BENCH_SCALE_STAGE_AGENCIES", "2"))
    total = agencies * per_day
    print(f"scale: {agencies} agencies x {per_day} stories = {total} stories, day {DAY}")
    print(f"  machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    results: list[tuple[str, float, int, int]] = []  # label, seconds, loaded, expected
    saved_env = dict(os.environ)
    with (
        tempfile.TemporaryDirectory(prefix="newswire-bench-scale-") as folder,
        _wire(agencies, per_day) as wire_url,
    ):
        sources = sources_toml(Path(folder) / "scale-sources.toml", wire_url, agencies, per_day)
        if "ingest" in paths:
            with scratch_database("newswire_bench_scale") as db_url:
                elapsed, stories, _ = _run_ingest(db_url, sources, parallel)
            results.append((f"newswire ingest --parallel {parallel}", elapsed, stories, total))
            print(f"  newswire ingest --parallel {parallel}: {stories} stories in {elapsed:.1f} s"
                  f", load average {os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
        if "stages" in paths:  # the cost of each stage: one process, the first sources only
            profiled = Path(folder) / "stage-sources.toml"
            sources_toml(profiled, wire_url, min(agencies, profile_agencies), per_day)
            with scratch_database("newswire_bench_scale") as db_url:
                elapsed, stories, clock = _run_ingest(db_url, profiled)
            expected = min(agencies, profile_agencies) * per_day
            results.append(("newswire ingest (1 process)", elapsed, stories, expected))
            _report_stages(clock, stories, elapsed)
        os.environ.clear()
        os.environ.update(saved_env)
        for path, executor, label in (
            ("local", "LocalExecutor", "LocalExecutor (4 ingest tasks at once)"),
            ("celery", "CeleryExecutor", "CeleryExecutor, 2 workers x 2"),
        ):
            if path not in paths:
                continue
            if executor == "CeleryExecutor" and not _reachable("127.0.0.1", 6379):
                print(f"  {label}: skipped, no Redis on 127.0.0.1:6379")
                continue
            with scratch_database("newswire_bench_scale") as db_url:
                from etl.pipeline import migrate_database

                os.environ["NEWSWIRE_SOURCES"] = str(sources)
                migrate_database(db_url)
                elapsed, stories = _run_airflow(db_url, sources, wire_url, executor)
                os.environ.clear()
                os.environ.update(saved_env)
            results.append((label, elapsed, stories, total))
    print(
        f"  {'path':<42}{'stories':>9}{'seconds':>10}{'stories/s':>11}  target < {TARGET_SECONDS} s"
    )
    for label, elapsed, stories, _ in results:
        verdict = "met" if elapsed < TARGET_SECONDS * stories / 40_000 else "MISSED"
        print(f"  {label:<42}{stories:>9}{elapsed:>10.1f}{stories / elapsed:>11.1f}  {verdict}")
    missing = [label for label, _, stories, expected in results if stories != expected]
    if missing:
        print(f"  not every story loaded: {missing}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
