"""Drop folder: a directory an agency's FTP/SFTP delivery writes files into.

Each run takes the files that are complete (no temporary suffix, same size
and modification time at two looks ``settle_seconds`` apart), oldest first.
A file is stored raw (``raw_document``, kind ``file``) and recorded by its
content hash before it is read; its stories are merged and its state set to
``processed`` (or ``quarantined``) in one transaction; only then is it moved
to ``processed/`` (or ``quarantine/``) inside the folder. A crash anywhere
leaves the file where it was, and the next run finishes the job; the same
bytes delivered again, under any name, are moved aside unread.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final, Literal

from etl.channels.context import ChannelRun
from etl.channels.wire_items import merge_in_order, wire_rows
from etl.load.clusters import assign_clusters
from etl.load.deliveries import file_state, record_file
from etl.load.raw_landing import RawDocument, content_hash, land_raw
from etl.load.run_records import save_run_counts
from etl.sources import DropFolderSettings, resolve_sample_wire

LOGGER = logging.getLogger(__name__)

PROCESSED: Final = "processed"
QUARANTINE: Final = "quarantine"
Outcome = Literal["processed", "quarantined"]


@dataclass(frozen=True)
class ReadyFile:
    """A complete file in the folder, as seen at the second look."""

    path: Path
    size: int
    mtime_ns: int


def ingest_drop_folder(run: ChannelRun, feed_id: int) -> None:
    """Read every complete file of the source's folder, then move each aside."""
    settings = run.source.drop_folder
    folder = Path(resolve_sample_wire(settings.path))
    if not folder.is_dir():
        # An unmounted share or a delivery not set up yet: worth a retry, nothing to quarantine.
        run.transient_failures.append(f"drop folder {folder} does not exist")
        return
    ready = ready_files(folder, settings)
    run.counts.feeds_read += 1
    if len(ready) > settings.max_files_per_run:
        LOGGER.warning(
            "%s: %d files ready, reading %d",
            run.source.name,
            len(ready),
            settings.max_files_per_run,
        )
    for ready_file in ready[: settings.max_files_per_run]:
        _take_file(run, folder, ready_file, settings, feed_id)
    assign_clusters(run.conn)
    run.conn.commit()


def ready_files(folder: Path, settings: DropFolderSettings) -> list[ReadyFile]:
    """Files that are complete: two looks ``settle_seconds`` apart see them unchanged.

    Names with a temporary suffix, dot files, subfolders and symbolic links
    are never taken (a link could point anywhere on the machine).
    """
    first = _look(folder, settings)
    if first and settings.settle_seconds > 0:
        time.sleep(settings.settle_seconds)
    second = {f.path: f for f in _look(folder, settings)}
    ready = [
        f
        for f in first
        if (again := second.get(f.path)) is not None
        and (again.size, again.mtime_ns) == (f.size, f.mtime_ns)
    ]
    growing = len(first) - len(ready)
    if growing:
        LOGGER.info("%s: %d files still being written, left for the next run", folder, growing)
    return sorted(ready, key=lambda f: (f.mtime_ns, f.path.name))


def _look(folder: Path, settings: DropFolderSettings) -> list[ReadyFile]:
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if not _wanted(entry.name, settings) or not entry.is_file(follow_symlinks=False):
                continue
            stat = entry.stat(follow_symlinks=False)
            found.append(ReadyFile(Path(entry.path), stat.st_size, stat.st_mtime_ns))
    return found


def _wanted(name: str, settings: DropFolderSettings) -> bool:
    lowered = name.lower()
    return (
        not name.startswith(".")
        and not lowered.endswith(tuple(s.lower() for s in settings.temporary_suffixes))
        and fnmatch.fnmatch(name, settings.pattern)
    )


def _take_file(
    run: ChannelRun, folder: Path, ready: ReadyFile, settings: DropFolderSettings, feed_id: int
) -> None:
    location = ready.path.resolve().as_uri()
    max_bytes = run.fetcher.policy.max_bytes
    if ready.size > max_bytes:
        reason = f"file of {ready.size} bytes exceeds the {max_bytes} byte bound"
        run.quarantine(location, "read_file", reason, None)
        _move(ready.path, folder / QUARANTINE)
        return
    data = ready.path.read_bytes()
    digest = content_hash(data)
    state = file_state(run.conn, run.source.name, digest)
    if state in ("processed", "quarantined"):
        LOGGER.info("%s: %s delivered again (same bytes), moved aside unread", folder, ready.path)
        run.counts.skipped += 1
        _move(ready.path, folder / (PROCESSED if state == "processed" else QUARANTINE))
        return
    seen_at = datetime.now(UTC)
    raw_id = land_raw(run.conn, _raw_document(run, ready, location, data, seen_at), run.run_id)
    record_file(
        run.conn,
        source=run.source.name,
        content_hash=digest,
        location=location,
        raw_id=raw_id,
        state="landed",
    )
    run.conn.commit()
    run.counts.fetched += 1
    outcome = _load_file(
        run, data, location, raw_id, seen_at, settings.format, ready.path.name, feed_id
    )
    record_file(
        run.conn,
        source=run.source.name,
        content_hash=digest,
        location=location,
        raw_id=raw_id,
        state=outcome,
    )
    save_run_counts(run.conn, run.run_id, run.counts)
    run.conn.commit()
    _move(ready.path, folder / (PROCESSED if outcome == "processed" else QUARANTINE))


def _load_file(
    run: ChannelRun,
    data: bytes,
    location: str,
    raw_id: int,
    seen_at: datetime,
    fmt: str,
    name: str,
    feed_id: int,
) -> Outcome:
    """Merge the file's stories in the caller's transaction; say where the file goes."""
    rows = wire_rows(
        run, data, location=location, raw_id=raw_id, seen_at=seen_at, fmt=fmt, name=name
    )
    if rows is None:
        return "quarantined"
    merged = merge_in_order(run.conn, rows, feed_id)
    run.counts.new += merged.new
    run.counts.updated += merged.updated
    run.counts.unchanged += merged.unchanged
    return "processed"


def _raw_document(
    run: ChannelRun, ready: ReadyFile, location: str, data: bytes, seen_at: datetime
) -> RawDocument:
    modified = datetime.fromtimestamp(ready.mtime_ns / 1e9, UTC)
    return RawDocument(
        kind="file",
        source=run.source.name,
        url=location,
        http_status=None,
        headers={"file-name": ready.path.name, "last-modified": modified.isoformat()},
        fetched_at=seen_at,
        body=data,
    )


def _move(path: Path, target_dir: Path) -> Path:
    """Move a file aside; a name already there with other bytes gets a numbered suffix."""
    target_dir.mkdir(exist_ok=True)
    target = target_dir / path.name
    if target.exists():
        if target.read_bytes() == path.read_bytes():
            path.unlink()
            return target
        stem, counter = path.name, 1
        while (target := target_dir / f"{stem}.{counter}").exists():
            counter += 1
    path.replace(target)
    return target
