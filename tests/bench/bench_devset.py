"""Real pages, side by side with trafilatura: quality and speed on the same pages.

* **generic pages**: the dev set's 250 real article pages of 176 publishers
  (``../shared/devset/pages``), cleaned as pages of unknown sites. Body token
  F1 (mean per page, both halves of the publishers), precision, recall and
  refused pages for both extractors, then the time each takes. Target: F1 >=
  0.95 and ours >= 2x trafilatura's speed.
* **agency-site pages**: real saved pages of the agencies' own sites, kept
  outside the repository (``NEWSWIRE_AGENCY_PAGES``, default
  ``/work/realdata/agency-pages``; ``scripts/agency_pages.py`` rebuilds the
  collection), cleaned with the agency hint as the pipeline does. Target:
  ours >= 10x trafilatura.

Each page is timed with both extractors one after the other (the order
alternates), so load on the machine weighs on both alike. Either part is
skipped, saying so, when its pages are absent. ``NEWSWIRE_BENCH_REPS``
(default 1 here: 250 pages are the sample) repeats the timing.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from etl.errors import CleanError
from etl.transform.clean import clean_document
from etl.transform.text_hygiene import decode_payload_keeping_utf8
from etl.transform.web.html_page import parse_html, story_from_html
from etl.transform.web.site_layouts import layout_for_agency, layout_for_url
from tests.devset_pages import (
    ABSENT_REASON,
    DEVSET,
    DevPage,
    Report,
    evaluate,
    load_pages,
    ours,
    print_pages,
    print_summary,
    trafilatura_body,
)

REPS = int(os.environ.get("NEWSWIRE_BENCH_REPS", "1"))
AGENCY_PAGES = Path(os.environ.get("NEWSWIRE_AGENCY_PAGES", "/work/realdata/agency-pages"))
GENERIC_TARGET = 2.0
AGENCY_TARGET = 10.0
F1_TARGET = 0.95


@dataclass(frozen=True)
class Timing:
    """Seconds each extractor spent on the same pages."""

    ours: float
    theirs: float
    pages: int

    @property
    def ratio(self) -> float:
        return self.theirs / self.ours if self.ours else 0.0


def _time_one(extract: Callable[[], object]) -> float:
    started = time.perf_counter()
    with contextlib.suppress(CleanError):
        extract()
    return time.perf_counter() - started


def time_side_by_side(
    items: list[DevPage],
    ours_fn: Callable[[DevPage], object],
    theirs_fn: Callable[[DevPage], object],
) -> Timing:
    """Both extractors on every page, alternating which goes first."""
    spent = [0.0, 0.0]
    for rep in range(REPS):
        for i, page in enumerate(items):
            pair = [(0, ours_fn), (1, theirs_fn)]
            if (i + rep) % 2:
                pair.reverse()
            for slot, fn in pair:
                spent[slot] += _time_one(lambda fn=fn, page=page: fn(page))  # type: ignore[misc]
    return Timing(spent[0], spent[1], len(items) * REPS)


def _print_timing(label: str, timing: Timing, target: float) -> None:
    verdict = "meets" if timing.ratio >= target else "MISSES"
    print(
        f"{label}: ours {timing.pages / timing.ours:.1f} pages/s, trafilatura"
        f" {timing.pages / timing.theirs:.1f} pages/s: {timing.ratio:.2f}x"
        f" ({verdict} the {target:g}x target)"
    )


def generic_pages() -> None:
    """The dev set: quality of both extractors, then their speed."""
    if not DEVSET.is_dir():
        print(f"generic pages skipped: {ABSENT_REASON}")
        return
    pages = load_pages()
    trafilatura_body(pages[0])  # imports and warms trafilatura outside the timing
    ours(pages[0])
    reports: list[Report] = [
        evaluate(pages, ours, "newswire"),
        evaluate(pages, trafilatura_body, "trafilatura"),
    ]
    print_pages(reports[0], worst=30)
    print(f"dev set: {len(pages)} real pages (F1 target {F1_TARGET})")
    print_summary(reports)
    _print_timing(
        "generic pages vs trafilatura",
        time_side_by_side(pages, ours, trafilatura_body),
        GENERIC_TARGET,
    )


def _agency_items() -> list[DevPage]:
    """The saved agency pages listed in the collection's ``index.tsv`` (file, agency, url)."""
    items = []
    for line in (AGENCY_PAGES / "index.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        file, agency, url = line.split("\t")[:3]
        items.append(
            DevPage(
                name=file,
                publisher=agency,
                language="",
                url=url,
                html=(AGENCY_PAGES / file).read_bytes(),
                expected="",
                half="",
            )
        )
    return items


def _read_by_layout(page: DevPage) -> bool:
    """Whether the page's own agency layout reads it (else it falls to the generic reader)."""
    layout = layout_for_agency(page.publisher) or layout_for_url(page.url)
    if layout is None:
        return False
    text, utf8 = decode_payload_keeping_utf8(page.html, "text/html")
    try:
        story_from_html(parse_html(text, utf8), layout, url=page.url)
    except CleanError:
        return False
    return True


def agency_pages() -> None:
    """The agencies' real pages, cleaned with their hint, against trafilatura.

    Says which pages their agency's layout reads (the others fall to the
    generic reader, as slow as trafilatura where it is unsure), then the speed
    ratio over all pages and per agency.
    """
    if not (AGENCY_PAGES / "index.tsv").is_file():
        print(
            f"agency-site pages skipped: no collection at {AGENCY_PAGES} (scripts/agency_pages.py)"
        )
        return
    items = _agency_items()

    def with_hint(page: DevPage) -> object:
        return clean_document(
            page.html, content_type="text/html", url=page.url, agency_hint=page.publisher
        )

    refused = []
    for page in items:
        try:
            with_hint(page)
        except CleanError as exc:
            refused.append(f"{page.name}: {exc}")
    generic = [page.name for page in items if not _read_by_layout(page)]
    print(
        f"agency-site pages: {len(items)} real pages of {len({p.publisher for p in items})}"
        f" agencies, {len(items) - len(generic)} read by their agency's layout,"
        f" {len(refused)} refused"
    )
    for line in refused:
        print(f"  refused {line}")
    for name in generic:
        print(f"  generic reader: {name}")
    _print_timing(
        "agency-site pages vs trafilatura",
        time_side_by_side(items, with_hint, trafilatura_body),
        AGENCY_TARGET,
    )
    for agency in sorted({page.publisher for page in items}):
        mine = [page for page in items if page.publisher == agency]
        timing = time_side_by_side(mine, with_hint, trafilatura_body)
        print(f"  {agency:<12} {len(mine):>3} pages  {timing.ratio:6.2f}x")

    def bytes_alone(page: DevPage) -> object:
        return clean_document(page.html, content_type="text/html")

    # The same pages as a saved file comes: no URL, no hint (the layout is chosen
    # by the address the page declares, else its markers, else the generic reader).
    _print_timing(
        "agency-site pages without their URL or hint vs trafilatura",
        time_side_by_side(items, bytes_alone, trafilatura_body),
        AGENCY_TARGET,
    )


def main() -> int:
    generic_pages()
    agency_pages()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
