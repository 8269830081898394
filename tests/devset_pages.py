"""Body token F1 on the dev set's real pages (``../shared/devset/pages``), ours and trafilatura's.

The dev set holds 250 real article pages of 176 publishers (fundus's parser
test pages) with the body their parser expects. A page is scored by the bag
of words of its body: precision is the share of the extracted words that are
in the expected body, recall the share of the expected words extracted, F1
their harmonic mean; the corpus figure is the mean of the per-page F1, and a
refused page counts 0. Words are lower-cased ``\\w+`` runs; Chinese and
Japanese characters count one each (those scripts do not space words).

The expected body is the page's sections: paragraphs and subheadings, not the
summary (a standfirst is a deck here, not body). Our body is the dateline
followed by the body blocks, since the page prints the dateline in the text.

Publishers are split in two halves by their rank in the sorted publisher list
(even: tuning, odd: check) so a change tuned on one half can be checked on
the other. Used by the gate in ``tests/unit/test_devset_quality.py`` and by
``make bench`` (``tests/bench/bench_devset.py``).
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean

from etl.errors import CleanError
from etl.transform.clean import clean_document

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset" / "pages"
ABSENT_REASON = (
    f"the dev set is absent ({DEVSET}); it lives beside the checkout as ../shared/devset"
)

# A word: a run of letters/digits, or one CJK character (those scripts do not space words).
# Example: ``Ministers met`` -> ``ministers``, ``met``; ``東京都`` -> ``東``, ``京``, ``都``.
TOKEN_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|\w+")


@dataclass(frozen=True)
class DevPage:
    """One real page and the body its publisher's parser expects."""

    name: str
    publisher: str
    language: str
    url: str
    html: bytes
    expected: str
    half: str  # "even" (tune) or "odd" (check), by publisher


@dataclass(frozen=True)
class PageScore:
    """One page's body scores; ``refused`` holds the reason when no story came out."""

    name: str
    half: str
    precision: float
    recall: float
    f1: float
    refused: str | None = None


@dataclass
class Report:
    """Per-page scores of one extractor, with the means the gate pins."""

    extractor: str
    pages: list[PageScore] = field(default_factory=list)

    def mean_f1(self, half: str | None = None) -> float:
        chosen = [p.f1 for p in self.pages if half is None or p.half == half]
        return fmean(chosen) if chosen else 0.0

    def mean(self, measure: str) -> float:
        return fmean(getattr(p, measure) for p in self.pages) if self.pages else 0.0

    @property
    def refused(self) -> list[PageScore]:
        return [p for p in self.pages if p.refused is not None]


def tokens(text: str) -> Counter[str]:
    """The bag of words of a text (see ``TOKEN_RE``)."""
    return Counter(TOKEN_RE.findall(text.lower()))


def score_text(extracted: str, expected: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of the extracted body's words against the expected body's."""
    got, want = tokens(extracted), tokens(expected)
    overlap = sum((got & want).values())
    precision = overlap / max(1, sum(got.values()))
    recall = overlap / max(1, sum(want.values()))
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return precision, recall, f1


def load_pages(root: Path = DEVSET) -> list[DevPage]:
    """Every page of the dev set's index with its expected body."""
    with (root / "index.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    publishers = sorted({row["publisher"] for row in rows})
    rank = {name: i for i, name in enumerate(publishers)}
    pages = []
    for row in rows:
        truth = json.loads((root / row["truth_file"]).read_text(encoding="utf-8"))
        body = [b["text"] for b in truth["blocks"] if b["kind"] != "summary"]
        pages.append(
            DevPage(
                name=row["file"].removesuffix(".html.gz"),
                publisher=row["publisher"],
                language=row["language"],
                url=row["url"],
                html=gzip.decompress((root / row["file"]).read_bytes()),
                expected="\n\n".join(body),
                half="even" if rank[row["publisher"]] % 2 == 0 else "odd",
            )
        )
    return pages


def ours(page: DevPage) -> str:
    """Our cleaner as the pipeline calls it for a page of an unknown site: dateline + body."""
    story = clean_document(page.html, content_type="text/html; charset=utf-8", url=page.url)
    head = story.dateline.raw if story.dateline else ""
    return f"{head} {story.body}".strip()


def trafilatura_body(page: DevPage) -> str:
    """trafilatura's main text (comments excluded, its setting for articles)."""
    import trafilatura

    text = trafilatura.extract(page.html, url=page.url, include_comments=False)
    if not text:
        raise CleanError("trafilatura found no main text")
    return str(text)


def evaluate(pages: list[DevPage], extract: Callable[[DevPage], str], extractor: str) -> Report:
    """Score one extractor on the pages; a CleanError is a refused page (F1 0)."""
    report = Report(extractor)
    for page in pages:
        try:
            body = extract(page)
        except CleanError as exc:
            report.pages.append(PageScore(page.name, page.half, 0.0, 0.0, 0.0, str(exc)))
            continue
        precision, recall, f1 = score_text(body, page.expected)
        report.pages.append(PageScore(page.name, page.half, precision, recall, f1))
    return report


def print_pages(report: Report, *, worst: int | None = None) -> None:
    """Per-page precision, recall and F1 (worst first), and the refused pages with reasons."""
    rows = sorted(report.pages, key=lambda p: p.f1)
    if worst is not None:
        rows = rows[:worst]
    print(f"{report.extractor}: per page (worst first)")
    print(f"  {'page':44} {'half':4}  prec  recall    F1")
    for p in rows:
        note = f"  refused: {p.refused}" if p.refused else ""
        print(f"  {p.name:44} {p.half:4} {p.precision:5.3f} {p.recall:6.3f} {p.f1:5.3f}{note}")


def print_summary(reports: list[Report]) -> None:
    """One line per extractor: mean F1 overall and by half, precision, recall, refused."""
    print(f"  {'extractor':22} {'F1':>6} {'even':>6} {'odd':>6} {'prec':>6} {'recall':>6} refused")
    for r in reports:
        print(
            f"  {r.extractor:22} {r.mean_f1():6.3f} {r.mean_f1('even'):6.3f}"
            f" {r.mean_f1('odd'):6.3f} {r.mean('precision'):6.3f} {r.mean('recall'):6.3f}"
            f" {len(r.refused):7d}"
        )
