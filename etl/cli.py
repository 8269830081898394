"""The ``newswire`` command: the same functions the DAG calls, for people.

Start-up stays light: each command imports what it needs when it runs, so
``newswire clean`` on thousands of files never loads Airflow.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from etl.sources.kinds import WIRE_FORMATS

if TYPE_CHECKING:
    from etl.model import CleanStory
    from etl.sources import SourcesConfig

LOGGER = logging.getLogger("newswire")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format=LOG_FORMAT)
    if not hasattr(args, "handler"):
        parser.print_help()
        return 2
    from etl.errors import NewswireError

    try:
        return int(args.handler(args))
    except NewswireError as exc:
        print(f"newswire: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `newswire clean *.html | head`: the reader left; stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newswire", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    commands = parser.add_subparsers(metavar="COMMAND")

    run = commands.add_parser("run", help="one daily ingestion through the Airflow DAG")
    run.add_argument("--date", type=date.fromisoformat, help="the day (default: the sample day)")
    run.set_defaults(handler=_cmd_run)

    ingest = commands.add_parser("ingest", help="ingest a day in this process (no Airflow)")
    ingest.add_argument("--date", type=date.fromisoformat, required=True)
    ingest.add_argument("--source", action="append", help="a source name (repeatable)")
    ingest.add_argument(
        "--parallel",
        type=_positive_int,
        default=1,
        metavar="N",
        help="sources ingested at once, each in a process of its own (default 1); "
        "a source still fetches one page at a time",
    )
    ingest.set_defaults(handler=_cmd_ingest)

    backfill = commands.add_parser(
        "backfill", help="ingest each day of a range from feeds and archives; resumable"
    )
    _add_range_arguments(backfill)
    backfill.add_argument(
        "--restart", action="store_true", help="redo items an interrupted run already did"
    )
    backfill.set_defaults(handler=_cmd_backfill)

    reprocess = commands.add_parser(
        "reprocess", help="re-clean and re-merge stored raw pages of a range (no fetching)"
    )
    _add_range_arguments(reprocess)
    reprocess.set_defaults(handler=_cmd_reprocess)

    summary = commands.add_parser("summary", help="what landed for a day, per agency")
    summary.add_argument("--date", type=date.fromisoformat, required=True)
    summary.set_defaults(handler=_cmd_summary)

    clean = commands.add_parser("clean", help="clean files, print one JSON object per file")
    clean.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    clean.add_argument("--published", type=date.fromisoformat, help="publication date")
    clean.add_argument("--agency", help="agency code, when the file does not say")
    clean.add_argument(
        "--format",
        dest="fmt",
        default="auto",
        choices=CLEAN_FORMATS,
        help="input format; auto (default) sniffs each file: agency formats by their "
        "XML root, JSON keys or control characters, else HTML or a text dump as before",
    )
    clean.set_defaults(handler=_cmd_clean)

    dateline = commands.add_parser(
        "dateline", help='parse {"text", "reference_date"} JSON lines from stdin'
    )
    dateline.set_defaults(handler=_cmd_dateline)

    wire = commands.add_parser("sample-wire", help="serve the bundled sample wire")
    wire.add_argument("--port", type=int, default=SAMPLE_WIRE_PORT)
    wire.add_argument("--edition", type=int, default=1)
    wire.add_argument(
        "--host", default="127.0.0.1", help="address to bind (0.0.0.0 in a container)"
    )
    wire.add_argument(
        "--public-url", help="the address clients reach it at, e.g. http://samplewire:8765"
    )
    wire.add_argument(
        "--drop-dir",
        type=Path,
        help="deliver the sample agencies' drop-folder files here first "
        "(give the scheduler and workers NEWSWIRE_SAMPLE_DROP_DIR=this folder)",
    )
    wire.set_defaults(handler=_cmd_sample_wire)

    report = commands.add_parser("report", help="daily tables and a PNG chart for a range of days")
    report.add_argument("--from", dest="first", type=date.fromisoformat, required=True)
    report.add_argument("--to", dest="last", type=date.fromisoformat, required=True)
    report.add_argument("--chart", type=Path, help="PNG path (default: var/report.png)")
    report.set_defaults(handler=_cmd_report)

    sources = commands.add_parser("sources", help="the sources config").add_subparsers(
        metavar="ACTION"
    )
    discover = sources.add_parser(
        "discover", help="print the feeds a site announces as [[source]] entries to paste"
    )
    discover.add_argument("urls", nargs="+", metavar="URL", help="a site's page (or a feed)")
    discover.add_argument("--agency", help="agency name for the entry (default: guessed)")
    discover.set_defaults(handler=_cmd_sources_discover)

    db = commands.add_parser("db", help="the warehouse").add_subparsers(metavar="ACTION")
    db.add_parser("migrate", help="apply pending migrations").set_defaults(handler=_cmd_migrate)
    db.add_parser("url", help="print the warehouse URL (starts the embedded one)").set_defaults(
        handler=_cmd_db_url
    )
    db.add_parser("stop", help="stop the embedded PostgreSQL").set_defaults(handler=_cmd_db_stop)
    return parser


def _cmd_sources_discover(args: argparse.Namespace) -> int:
    from etl.extract.discover import DiscoveryError, discover, source_entry
    from etl.extract.fetch import Fetcher
    from etl.sources import FetchPolicy

    fetcher = Fetcher(FetchPolicy(retries=1))
    failed = 0
    for url in args.urls:
        try:
            print(source_entry(discover(url, fetcher), agency=args.agency))
        except DiscoveryError as exc:
            print(f"newswire: {exc}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def _cmd_migrate(args: argparse.Namespace) -> int:
    from etl.pipeline import migrate_database

    applied = migrate_database()
    print("applied: " + ", ".join(applied) if applied else "schema up to date")
    return 0


def _cmd_db_url(args: argparse.Namespace) -> int:
    from etl.load.database import database_url

    print(database_url())
    return 0


def _cmd_db_stop(args: argparse.Namespace) -> int:
    from etl.load.database import state_dir
    from etl.load.embedded_postgres import stop_embedded_server

    print("stopped" if stop_embedded_server(state_dir()) else "no embedded server running")
    return 0


def _cmd_ingest(args: argparse.Namespace) -> int:
    from etl.load.database import database_url
    from etl.pipeline import list_source_names, migrate_database
    from etl.sources import load_config

    config = load_config()
    url = database_url()  # the embedded server, if it is the one, started here once
    migrate_database(url)
    names = args.source or list_source_names(config)
    with _sample_wire_if_needed(config.uses_sample_wire):
        if args.parallel > 1 and len(names) > 1:
            failed = _ingest_in_processes(names, args.date, config, url, args.parallel)
        else:
            failed = [name for name in names if _ingest_one(name, args.date, config, url)]
    _print_summary(args.date)
    return 1 if failed else 0


def _ingest_one(name: str, day: date, config: SourcesConfig, url: str) -> str | None:
    """Ingest one source; its error as text (logged), None when it succeeded."""
    from etl.pipeline import ingest_source

    try:
        ingest_source(name, day, config=config, db_url=url)
    except Exception as exc:  # report every source, then fail
        LOGGER.error("source %s failed: %s", name, exc)
        return f"{type(exc).__name__}: {exc}"
    return None


def _ingest_in_processes(
    names: list[str], day: date, config: SourcesConfig, url: str, parallel: int
) -> list[str]:
    """Sources ingested ``parallel`` at a time, each in a process of its own.

    Sources are independent (one run record, source lock and connection each);
    processes, not threads, so that cleaning (CPU) runs on every core. The
    children are spawned: they inherit no thread or connection of this one.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    workers = min(parallel, len(names))
    level = logging.getLogger().level
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_child_logging, initargs=(level,)
    ) as pool:
        futures = [pool.submit(_ingest_one, name, day, config, url) for name in names]
        errors = [future.result() for future in futures]
    return [name for name, error in zip(names, errors, strict=True) if error]


def _child_logging(level: int) -> None:
    logging.basicConfig(level=level, format=LOG_FORMAT)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a positive number: {text}")
    return value


def _add_range_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", type=date.fromisoformat, required=True)
    parser.add_argument("--to", dest="end", type=date.fromisoformat, required=True)
    parser.add_argument("--source", action="append", help="a source name (repeatable)")


def _days(start: date, end: date) -> list[date]:
    from etl.window import days_between

    try:
        return days_between(start, end)
    except ValueError:
        raise SystemExit("newswire: --to is before --from") from None


def _cmd_backfill(args: argparse.Namespace) -> int:
    from etl.backfill import BackfillProgress, backfill_items, run_backfill
    from etl.load.database import database_url, state_dir
    from etl.pipeline import ingest_source, list_source_names, migrate_database
    from etl.sources import config_path, load_config

    config = load_config()
    url = database_url()
    migrate_database(url)
    sources = args.source or list_source_names(config, backfill=True)
    days = _days(args.start, args.end)
    key = {"days": [str(days[0]), str(days[-1])], "sources": sources, "warehouse": url}
    key["config"] = str(config_path().resolve())
    progress = BackfillProgress.open(state_dir(), key, backfill_items(days, sources))
    if args.restart:
        progress.done.clear()
    with _sample_wire_if_needed(config.uses_sample_wire):
        try:
            failures = run_backfill(
                progress, lambda name, day: ingest_source(name, day, config=config, db_url=url)
            )
        except KeyboardInterrupt:
            print(
                f"newswire: interrupted with {len(progress.done)} of {len(progress.items)} "
                "(day, source) items done; run the same command again to resume",
                file=sys.stderr,
            )
            return 130
    for day in days:
        _print_summary(day)
    return 1 if failures else 0


def _cmd_reprocess(args: argparse.Namespace) -> int:
    from etl.pipeline import list_source_names, migrate_database, reprocess_source
    from etl.sources import load_config

    config = load_config()
    migrate_database()
    for day in _days(args.start, args.end):
        for name in args.source or list_source_names(config):
            reprocess_source(name, day, config=config)
        _print_summary(day)
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from etl.airflow_runner import run_daily_dag
    from etl.load.database import database_url
    from etl.pipeline import migrate_database
    from etl.sources import config_path, load_config

    config = load_config()
    day = args.date or SAMPLE_DAY
    url = database_url()
    migrate_database(url)
    with _sample_wire_if_needed(config.uses_sample_wire) as wire_url:
        extra = {"DATABASE_URL": url, "NEWSWIRE_SOURCES": str(config_path().resolve())}
        if wire_url:
            extra["NEWSWIRE_SAMPLE_WIRE_URL"] = wire_url
        if drop_dir := os.environ.get("NEWSWIRE_SAMPLE_DROP_DIR"):
            extra["NEWSWIRE_SAMPLE_DROP_DIR"] = drop_dir
        run_daily_dag(day, config.timezone, extra)
    _print_summary(day)
    return 0


def _cmd_summary(args: argparse.Namespace) -> int:
    _print_summary(args.date)
    return 0


def _print_summary(day: date) -> None:
    from etl.load.database import connect
    from etl.sources import load_config
    from etl.summary import day_summary, format_summary
    from etl.window import day_window

    window = day_window(day, load_config().timezone)
    conn = connect()
    try:
        print(format_summary(window, day_summary(conn, window)))
    finally:
        conn.close()


def _cmd_report(args: argparse.Namespace) -> int:
    from etl.load.database import connect, state_dir
    from etl.report import daily_reports, report_text, report_timezone, write_chart

    chart = args.chart or state_dir() / "report.png"
    conn = connect()
    try:
        results = daily_reports(conn, args.first, args.last)
        print(report_text(results, args.first, args.last, report_timezone(conn)))
    finally:
        conn.close()
    print(f"\nchart: {write_chart(results[0], results[2], chart, countries=results[3])}")
    return 0


def _cmd_clean(args: argparse.Namespace) -> int:
    from etl.errors import NotAStoryError, QuarantineError

    # A bare date is the story's day; noon UTC keeps it that day in every timezone.
    published = (
        datetime.combine(args.published, time(12, 0), tzinfo=UTC) if args.published else None
    )
    failures = 0
    for path in args.paths:
        try:
            stories = _clean_path(path, args.fmt, published, args.agency)
        except NotAStoryError as exc:  # a picture item, an empty package: said, not failed
            skipped = {"path": str(path), "skipped": exc.stage, "reason": str(exc)}
            print(json.dumps({**skipped, "kinds": list(exc.kinds)}), file=sys.stderr)
            continue
        except (OSError, QuarantineError) as exc:
            failures += 1
            stage = getattr(exc, "stage", "read")
            print(json.dumps({"path": str(path), "error": str(exc), "stage": stage}),
                  file=sys.stderr)  # fmt: skip
            continue
        for story in stories:
            print(json.dumps({"path": str(path), **story.to_json()}, ensure_ascii=False))
    return 1 if failures else 0


# ``newswire clean --format`` choices: auto, the wire formats, the page and text cleaners.
CLEAN_FORMATS = (*WIRE_FORMATS, "html", "text")


def _clean_path(
    path: Path, fmt: str, published: datetime | None, agency: str | None
) -> list[CleanStory]:
    """The stories of one file: a wire file's items, or the one story of a page or dump."""
    from etl.transform.clean import clean_document
    from etl.transform.wire import read_wire, sniff_format

    data = path.read_bytes()
    wire_format = sniff_format(data, path.name) if fmt == "auto" else fmt
    if wire_format not in (None, "html", "text"):
        return read_wire(data, fmt=wire_format, name=path.name)
    content_type = {"html": "text/html", "text": "text/plain"}.get(fmt) or _content_type_for(path)
    return [
        clean_document(data, content_type=content_type, published_at=published, agency_hint=agency)
    ]


def _content_type_for(path: Path) -> str | None:
    if path.suffix.lower() in {".html", ".htm"}:
        return "text/html"
    if path.suffix.lower() == ".txt":
        return "text/plain"
    return None


def _cmd_dateline(args: argparse.Namespace) -> int:
    from etl.transform.dateline import parse_dateline

    empty = dict.fromkeys(
        ("raw", "place", "region", "month", "day", "year", "agency", "body_offset")
    )
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            reference = item.get("reference_date")
            parsed = parse_dateline(
                str(item["text"]), date.fromisoformat(reference) if reference else None
            )
        except (ValueError, KeyError, TypeError) as exc:
            print(json.dumps({"line": number, "error": str(exc)}), file=sys.stderr)
            continue
        print(json.dumps(parsed.to_json() if parsed else empty, ensure_ascii=False))
    return 0


def _cmd_sample_wire(args: argparse.Namespace) -> int:
    from etl.samplewire.server import SampleWireServer

    server = SampleWireServer(
        port=args.port, edition=args.edition, host=args.host, public_url=args.public_url
    )
    if args.drop_dir is not None:
        from etl.samplewire.drops import deliver_sample_drops

        folder = deliver_sample_drops(args.drop_dir.resolve())
        print(f"drop-folder files delivered to {folder} (NEWSWIRE_SAMPLE_DROP_DIR)", flush=True)
    print(f"sample wire (edition {args.edition}) at {server.base_url}; Ctrl-C stops it", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()
    return 0


# The day the bundled sample wire's stories were published (etl/samplewire/site).
SAMPLE_DAY = date(2026, 11, 19)
SAMPLE_WIRE_PORT = 8765


@contextmanager
def _sample_wire_if_needed(needed: bool) -> Iterator[str | None]:
    """Serve the sample wire for the duration of a command, when the config uses it."""
    from etl.sources import ConfigError

    if not needed or os.environ.get("NEWSWIRE_SAMPLE_WIRE_URL"):
        if needed and "NEWSWIRE_SAMPLE_DROP_DIR" not in os.environ:
            os.environ["NEWSWIRE_SAMPLE_DROP_DIR"] = str(_deliver_sample_drops())
        yield os.environ.get("NEWSWIRE_SAMPLE_WIRE_URL")
        return
    from etl.samplewire.server import SampleWireServer

    # A fixed port: TASS guids are URLs, so the address is part of story identity.
    port = int(os.environ.get("NEWSWIRE_SAMPLE_WIRE_PORT", str(SAMPLE_WIRE_PORT)))
    try:
        server = SampleWireServer(port=port).start_in_background()
    except OSError as exc:
        raise ConfigError(
            f"cannot serve the sample wire on 127.0.0.1:{port} ({exc.strerror}); "
            "set NEWSWIRE_SAMPLE_WIRE_PORT to a free port"
        ) from exc
    os.environ["NEWSWIRE_SAMPLE_WIRE_URL"] = server.base_url
    os.environ.setdefault("NEWSWIRE_SAMPLE_DROP_DIR", str(_deliver_sample_drops()))
    try:
        yield server.base_url
    finally:
        del os.environ["NEWSWIRE_SAMPLE_WIRE_URL"]
        server.stop()


def _deliver_sample_drops() -> Path:
    """The sample agencies' drop-folder files, delivered (again) under the state directory."""
    from etl.load.database import state_dir
    from etl.samplewire.drops import deliver_sample_drops

    return deliver_sample_drops(state_dir().resolve() / "sample-drop")


if __name__ == "__main__":
    sys.exit(main())
