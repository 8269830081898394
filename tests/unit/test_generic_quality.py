"""Quality gate for unknown sites: our generic reader and trafilatura on ``fixtures/generic``.

Each page there carries its expectation beside it (``<name>.quality.json``):
body text that must come out (``with``), page furniture that must not
(``without``), and the photos, whose caption and credit belong in ``media``
and never in the body. Scoring follows trafilatura's own evaluation: a
``with`` snippet found in the body is a true positive, one missed a false
negative; a ``without`` snippet found (captions and credits count as such) is
a false positive. Precision, recall and F1 are micro-averaged over the corpus.

The floors below are pinned a little under the scores measured when the
generic fallback was chosen; a change that drops the cleaner under one fails
here. ``python -m tests.unit.test_generic_quality`` prints both extractors'
scores side by side (``make bench`` does too).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from etl.errors import CleanError
from etl.transform.clean import clean_document

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "generic"
SUFFIX = ".quality.json"

# Measured when the generic reader was chosen (README: "Cleaning"), minus a margin.
FLOORS = {"precision": 0.97, "recall": 0.97, "f1": 0.97, "headline": 0.95, "media": 0.9}


@dataclass(frozen=True)
class Case:
    """One generic page and what must (and must not) come out of it."""

    name: str
    data: bytes
    url: str | None
    content_type: str | None
    headline: str
    with_: tuple[str, ...]
    without: tuple[str, ...]
    media: tuple[tuple[str, str | None], ...]


@dataclass
class Output:
    """What an extractor made of a page: its headline, body text and photos."""

    headline: str = ""
    body: str = ""
    media: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Scores:
    """Corpus totals and the measures derived from them."""

    true_pos: int = 0
    false_neg: int = 0
    false_pos: int = 0
    true_neg: int = 0
    headlines: int = 0
    media_found: int = 0
    media_total: int = 0
    pages: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_pos / max(1, self.true_pos + self.false_pos)

    @property
    def recall(self) -> float:
        return self.true_pos / max(1, self.true_pos + self.false_neg)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def headline(self) -> float:
        return self.headlines / max(1, self.pages)

    @property
    def media(self) -> float:
        return self.media_found / max(1, self.media_total)

    def as_dict(self) -> dict[str, float]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "headline": self.headline,
            "media": self.media,
        }


def fold(text: str) -> str:
    """Whitespace folded, so snippets match across line breaks."""
    return re.sub(r"\s+", " ", text).strip()


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(CORPUS.glob(f"*{SUFFIX}")):
        spec: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        name = path.name.removesuffix(SUFFIX)
        expect = spec["expect"]
        cases.append(
            Case(
                name=name,
                data=(CORPUS / f"{name}.html").read_bytes(),
                url=spec["input"].get("url"),
                content_type=spec["input"].get("content_type"),
                headline=expect["headline"],
                with_=tuple(expect["with"]),
                without=tuple(expect["without"]),
                media=tuple((m["caption"], m.get("credit")) for m in expect["media"]),
            )
        )
    return cases


def ours(case: Case) -> Output:
    """Our cleaner with no agency hint: the generic fallback for an unknown site."""
    try:
        story = clean_document(case.data, content_type=case.content_type, url=case.url)
    except CleanError:
        return Output()
    media = [(m.caption or "", m.credit or "") for m in story.media]
    return Output(story.headline, story.body, media)


def trafilatura_output(case: Case) -> Output:
    """trafilatura's extraction (comments excluded, its best setting for articles)."""
    import trafilatura

    result = trafilatura.extract(
        case.data, url=case.url, include_comments=False, output_format="json", with_metadata=True
    )
    if not result:
        return Output()
    parsed = json.loads(result)
    return Output(parsed.get("title") or "", parsed.get("text") or "")


def _media_found(expected: tuple[str, str | None], media: list[tuple[str, str]]) -> bool:
    caption, credit = expected
    return any(
        fold(caption) in fold(got_caption) and (credit is None or fold(credit) in fold(got_credit))
        for got_caption, got_credit in media
    )


def score(cases: list[Case], extract: Any) -> Scores:
    """Run one extractor over the corpus and total its hits and misses."""
    totals = Scores()
    for case in cases:
        output: Output = extract(case)
        body = fold(output.body)
        totals.pages += 1
        totals.headlines += fold(output.headline) == fold(case.headline)
        for snippet in case.with_:
            if fold(snippet) in body:
                totals.true_pos += 1
            else:
                totals.false_neg += 1
                totals.misses.append(f"{case.name}: missing {snippet[:50]!r}")
        unwanted = list(case.without)
        unwanted += [text for pair in case.media for text in pair if text]
        for snippet in unwanted:
            if fold(snippet) in body:
                totals.false_pos += 1
                totals.misses.append(f"{case.name}: kept {snippet[:50]!r}")
            else:
                totals.true_neg += 1
        for expected in case.media:
            totals.media_total += 1
            totals.media_found += _media_found(expected, output.media)
    return totals


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    found = load_cases()
    assert len(found) >= 10, "the generic corpus is the basis of the fallback choice"
    return found


@pytest.fixture(scope="module")
def our_scores(cases: list[Case]) -> Scores:
    return score(cases, ours)


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_generic_fallback_stays_above_its_floor(our_scores: Scores, measure: str) -> None:
    value = our_scores.as_dict()[measure]
    assert value >= FLOORS[measure], f"{measure} {value:.3f} < {FLOORS[measure]}; " + "; ".join(
        our_scores.misses
    )


def test_captions_and_credits_never_reach_the_body(cases: list[Case]) -> None:
    for case in cases:
        body = fold(ours(case).body)
        for caption, credit in case.media:
            assert fold(caption) not in body, case.name
            assert credit is None or fold(credit) not in body, case.name


def test_generic_fallback_is_not_worse_than_trafilatura(
    cases: list[Case], our_scores: Scores
) -> None:
    pytest.importorskip("trafilatura")
    theirs = score(cases, trafilatura_output)
    assert our_scores.f1 >= theirs.f1, (our_scores.as_dict(), theirs.as_dict())


def report() -> None:
    """Print both extractors' scores on the corpus, and what each got wrong."""
    cases = load_cases()
    rows = {"ours (generic layout)": score(cases, ours)}
    try:
        rows["trafilatura 2.x"] = score(cases, trafilatura_output)
    except ImportError:
        print("trafilatura is not installed: only our scores")
    print(f"generic-site quality gate: {len(cases)} pages ({CORPUS.name}/)")
    print(f"  {'extractor':24} precision  recall     F1  headline  media")
    for name, s in rows.items():
        print(
            f"  {name:24} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f} {s.headline:9.2f}"
            f" {s.media:6.2f}"
        )
    for name, s in rows.items():
        for miss in s.misses:
            print(f"  {name}: {miss}")


if __name__ == "__main__":
    report()
