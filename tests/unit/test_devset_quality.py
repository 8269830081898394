"""Quality gate on real pages: body token F1 on the dev set's 250 pages of 176 publishers.

Each page is cleaned as the pipeline cleans a page of an unknown site (no
agency hint); its body is scored against the body the publisher's fundus
parser expects (``tests/devset_pages.py`` says how). The floors are pinned at
what the cleaner reached when they were set (README, "Cleaning quality"), a
hair under, so a change that makes real pages worse fails here; raise them
when the cleaner gets better. The per-page precision, recall and F1 are
printed with the summary. ``make bench`` puts trafilatura beside it.

Skips, saying why, when ``../shared/devset`` is not beside the checkout.
"""

from __future__ import annotations

from typing import Final

import pytest

from tests.devset_pages import (
    ABSENT_REASON,
    DEVSET,
    Report,
    evaluate,
    load_pages,
    ours,
    print_pages,
    print_summary,
)

pytestmark = pytest.mark.skipif(not DEVSET.is_dir(), reason=ABSENT_REASON)

# Mean body token F1, measured 0.971 (even publishers 0.967, odd 0.974).
FLOORS: Final = {"all": 0.968, "even": 0.964, "odd": 0.972}
# Pages that hold an article and are still refused: none (a page whose article
# lives only in a script is read from the script's data).
REFUSED_AT_MOST: Final = 0


@pytest.fixture(scope="module")
def report() -> Report:
    pages = load_pages()
    assert len(pages) == 250, "the dev set's index lists 250 pages"
    return evaluate(pages, ours, "newswire")


def test_devset_scores_are_printed_per_page(
    report: Report, capsys: pytest.CaptureFixture[str]
) -> None:
    with capsys.disabled():
        print()
        print_pages(report)
        print_summary([report])
    assert len(report.pages) == 250


@pytest.mark.parametrize("half", sorted(FLOORS))
def test_body_token_f1_stays_above_its_floor(report: Report, half: str) -> None:
    value = report.mean_f1(None if half == "all" else half)
    worst = sorted(report.pages, key=lambda p: p.f1)[:5]
    assert value >= FLOORS[half], f"F1 {value:.3f} < {FLOORS[half]} ({half}); worst: {worst}"


def test_article_pages_are_not_refused(report: Report) -> None:
    refused = report.refused
    assert len(refused) <= REFUSED_AT_MOST, [(p.name, p.refused) for p in refused]
    for page in refused:
        assert page.refused and "no article on this page" in page.refused, page


def test_precision_and_recall_both_hold(report: Report) -> None:
    # F1 alone could hide a cleaner that keeps everything (recall) or little (precision).
    assert report.mean("precision") >= 0.954
    assert report.mean("recall") >= 0.985
