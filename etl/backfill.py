"""``newswire backfill``: every (day, source) of a range, with a progress bar, resumable.

Each item is one ``ingest_source`` call, the same as a DAG task of that day,
so it finds the past the same way (feeds, then the source's archive). What
is done is written to ``var/backfill/<key>.json`` after every item; the same
command run again after an interruption (Ctrl-C, a lost machine) skips what
is done and goes on with the rest. The key is the range, the sources, the
sources config and the warehouse, so another range or warehouse starts
afresh. A finished backfill removes its file; ``--restart`` ignores it.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

LOGGER = logging.getLogger(__name__)

Item = tuple[str, str]  # (day ISO, source name)
# What one item runs: ingest_source(name, day) in the CLI, a stand-in in tests.
IngestFunction = Callable[[str, date], dict[str, Any]]


@dataclass
class BackfillProgress:
    """The items of one backfill and which of them are done, kept in a JSON file."""

    path: Path
    items: list[Item]
    done: set[Item] = field(default_factory=set)

    @classmethod
    def open(cls, state_dir: Path, key: dict[str, Any], items: list[Item]) -> BackfillProgress:
        digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]
        path = state_dir / "backfill" / f"{digest}.json"
        progress = cls(path, items)
        if path.exists():
            saved = json.loads(path.read_text(encoding="utf-8"))
            progress.done = {(day, source) for day, source in saved["done"]} & set(items)
        return progress

    def mark_done(self, item: Item) -> None:
        """Record one finished item; written atomically so a kill never leaves half a file."""
        self.done.add(item)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        done = [list(i) for i in self.items if i in self.done]
        temporary.write_text(json.dumps({"done": done}, indent=1), encoding="utf-8")
        temporary.replace(self.path)

    def finish(self) -> None:
        self.path.unlink(missing_ok=True)

    @property
    def remaining(self) -> list[Item]:
        return [item for item in self.items if item not in self.done]


def backfill_items(days: list[date], sources: list[str]) -> list[Item]:
    """Day by day, each day's sources in config order (a day completes before the next)."""
    return [(day.isoformat(), source) for day in days for source in sources]


def run_backfill(
    progress: BackfillProgress, ingest: IngestFunction, console: Console | None = None
) -> int:
    """Ingest every item not yet done; return how many failed (they stay to do)."""
    console = console or Console(stderr=True)
    if progress.done:
        console.print(
            f"resuming: {len(progress.done)} of {len(progress.items)} (day, source) items "
            "done by an earlier run (--restart to redo them)"
        )
    failures = 0
    with _bar(console, len(progress.items), len(progress.done)) as advance:
        for day, source in progress.remaining:
            advance(f"{day} {source}", 0)
            try:
                counts = ingest(source, date.fromisoformat(day))
            except Exception as exc:  # one failed item never stops the others
                LOGGER.error("backfill %s %s failed: %s", day, source, exc)
                console.print(
                    f"{day} {source}: FAILED ({type(exc).__name__}: {exc})", soft_wrap=True
                )
                failures += 1
                advance(f"{day} {source}", 1)
                continue
            progress.mark_done((day, source))
            console.print(f"{day} {source}: {_counts_line(counts)}", soft_wrap=True)
            advance(f"{day} {source}", 1)
    if failures == 0:
        progress.finish()
    else:
        console.print(f"{failures} item(s) failed; run the same command again to retry them")
    return failures


def _counts_line(counts: dict[str, Any]) -> str:
    keys = ("fetched", "new", "updated", "unchanged", "quarantined", "skipped")
    return ", ".join(f"{counts.get(key, 0)} {key}" for key in keys)


@contextmanager
def _bar(console: Console, total: int, completed: int) -> Iterator[Callable[[str, int], None]]:
    """A progress bar over (day, source) items, naming the one in hand."""
    columns = (
        TextColumn("backfill {task.description:<24}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console) as bar:
        task = bar.add_task("", total=total, completed=completed)

        def advance(description: str, steps: int) -> None:
            bar.update(task, description=description, advance=steps)

        yield advance
