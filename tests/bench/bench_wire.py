"""Wire benchmark: items/s per agency format against cleaning a web page, same process.

The issue's target: parsing a NewsML-G2 or NITF item must cost no more than
cleaning a web page. The baseline is ``clean_document`` on the same agency
pages ``bench_clean`` uses (fixture and sample-wire pages inflated to real
size, 100-400 KB); the same pages bare (story markup only, a few KB) are
printed too, as the strictest comparison. The wire items are this repository's fixtures of every
format plus, when ``../shared/devset/formats`` is there, its real text items
(dpa, Reuters, AFP, AP, AAP ...), each read with its format named (sniffing is
timed separately). Every run alternates the page and wire passes over
``NEWSWIRE_BENCH_REPS`` repetitions (default 5) and prints medians; the gate
test (``tests/unit/wire/test_wire_devset.py``) reports quality, not speed.
"""

from __future__ import annotations

import csv
import json
import os
import statistics
import time
from collections import defaultdict
from collections.abc import Callable

from etl.errors import QuarantineError
from etl.transform.wire import read_wire, sniff_format
from tests.bench.bench_clean import (
    FIXTURES,
    Page,
    _clean,
    _fixture_pages,
    _sample_wire_pages,
    agency_pages,
)
from tests.bench.wire_devset import DEVSET, is_text_item

REPS = int(os.environ.get("NEWSWIRE_BENCH_REPS", "5"))
# Formats the issue holds to the page's cost.
GATED = ("newsml-g2", "nitf")


def wire_corpus() -> dict[str, list[bytes]]:
    """Readable text items per format: fixtures, then the dev set's real files."""
    corpus: dict[str, list[bytes]] = defaultdict(list)
    for expected in sorted((FIXTURES / "wire").glob("*/*.expected.json")):
        case = json.loads(expected.read_text(encoding="utf-8"))
        if "error" in case:
            continue
        stem = expected.name.removesuffix(".expected.json")
        document = next(
            p for p in expected.parent.glob(f"{stem}.*") if not p.name.endswith(".expected.json")
        )
        corpus[case["format"]].append(document.read_bytes())
    if (DEVSET / "index.tsv").exists():
        with (DEVSET / "index.tsv").open(encoding="utf-8") as index:
            for row in csv.DictReader(index, delimiter="\t"):
                if not is_text_item(row["kind"]):
                    continue
                data = (DEVSET / row["file"]).read_bytes()
                fmt = sniff_format(data)
                try:
                    if fmt:
                        read_wire(data, fmt=fmt)
                        corpus[fmt].append(data)
                except QuarantineError:
                    continue
    return dict(corpus)


def _timed(work: Callable[[], int]) -> float:
    """Items per second of one pass."""
    started = time.perf_counter()
    items = work()
    return items / (time.perf_counter() - started)


def _read_all(fmt: str, items: list[bytes]) -> Callable[[], int]:
    def run() -> int:
        for data in items:
            read_wire(data, fmt=fmt)
        return len(items)

    return run


def _clean_all(pages: list[Page]) -> Callable[[], int]:
    def run() -> int:
        for page in pages:
            _clean(page)
        return len(pages)

    return run


def _sniff_all(items: list[bytes]) -> Callable[[], int]:
    def run() -> int:
        for data in items:
            sniff_format(data)
        return len(items)

    return run


def measure(
    corpus: dict[str, list[bytes]], pages: list[Page], bare_pages: list[Page]
) -> dict[str, float]:
    """Median items/s per format, the page cleaner's pages/s (real-size and bare) and sniffing."""
    every_item = [data for items in corpus.values() for data in items]
    work = {
        "html page": _clean_all(pages),
        "bare page": _clean_all(bare_pages),
        "sniff": _sniff_all(every_item),
    }
    work.update({fmt: _read_all(fmt, items) for fmt, items in corpus.items()})
    rates: dict[str, list[float]] = defaultdict(list)
    for _ in range(REPS):
        for name, run in work.items():
            rates[name].append(_timed(run))
    return {name: statistics.median(values) for name, values in rates.items()}


def report(
    corpus: dict[str, list[bytes]],
    pages: list[Page],
    bare_pages: list[Page],
    rates: dict[str, float],
) -> int:
    """Print the table; 1 when a gated format costs more than a (real-size) page."""
    page_rate = rates["html page"]
    page_kb = statistics.median(len(p.data) for p in pages) / 1024
    bare_kb = statistics.median(len(p.data) for p in bare_pages) / 1024
    bare_ratio = rates["bare page"] / page_rate
    print(f"  {'input':<14} {'items':>6} {'median KB':>10} {'items/s':>10} {'vs page':>8}")
    print(f"  {'html page':<14} {len(pages):>6} {page_kb:>10.1f} {page_rate:>10.0f} {'1.0x':>8}")
    print(
        f"  {'bare page':<14} {len(bare_pages):>6} {bare_kb:>10.1f} "
        f"{rates['bare page']:>10.0f} {bare_ratio:>7.1f}x  (story markup only, not real size)"
    )
    failed = []
    for fmt in sorted(corpus):
        items = corpus[fmt]
        ratio = rates[fmt] / page_rate
        size = statistics.median(len(d) for d in items) / 1024
        mark = ""
        if fmt in GATED:
            mark = "  ok (target >= 1.0x)" if ratio >= 1.0 else "  MISSED (target >= 1.0x)"
            if ratio < 1.0:
                failed.append(fmt)
        print(f"  {fmt:<14} {len(items):>6} {size:>10.1f} {rates[fmt]:>10.0f} {ratio:>7.1f}x{mark}")
    every = sum(len(items) for items in corpus.values())
    print(f"  {'sniff (all)':<14} {every:>6} {'':>10} {rates['sniff']:>10.0f}")
    if not (DEVSET / "index.tsv").exists():
        print("  (../shared/devset absent: fixtures only)")
    return 1 if failed else 0


def main() -> int:
    corpus = wire_corpus()
    pages, _drift = agency_pages()
    bare = _fixture_pages(FIXTURES / "pages") + _sample_wire_pages()
    return report(corpus, pages, bare, measure(corpus, pages, bare))


if __name__ == "__main__":
    raise SystemExit(main())
