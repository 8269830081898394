"""Quality gate on real agency files: ``../shared/devset/formats`` (skips when absent).

Prints, per format, the share of text items that give a headline and a body
and the share that name the right agency (see ``tests/bench/wire_devset.py``
for what counts as a text item and a right agency), then holds the readers
to the issue's floors over all text items of the five gated formats:
>= 95% headline and body, >= 90% right agency, and a per-format floor so
that one format cannot quietly break behind the others' numbers.
"""

from __future__ import annotations

import pytest

from tests.bench.wire_devset import DEVSET, format_table, measure

GATED = ("nitf", "newsml_g2", "newsml_1.2", "ninjs", "iptc7901")
HEADLINE_AND_BODY_FLOOR = 0.95
RIGHT_AGENCY_FLOOR = 0.90
PER_FORMAT_FLOOR = 0.85

pytestmark = pytest.mark.skipif(
    not (DEVSET / "index.tsv").exists(),
    reason=f"dev set not found at {DEVSET} (../shared/devset is not part of a clone)",
)


def test_real_wire_files_give_headline_body_and_agency() -> None:
    scores = measure()
    print("\n" + format_table(scores))
    for name in GATED:
        for miss in scores[name].misses:
            print(f"  {name}: {miss}")
    text = sum(scores[name].text_items for name in GATED)
    complete = sum(scores[name].headline_and_body for name in GATED)
    checked = sum(scores[name].agency_checked for name in GATED)
    right = sum(scores[name].right_agency for name in GATED)
    assert complete / text >= HEADLINE_AND_BODY_FLOOR, f"headline+body {complete}/{text}"
    assert right / checked >= RIGHT_AGENCY_FLOOR, f"right agency {right}/{checked}"
    for name in GATED:
        score = scores[name]
        share = score.share(score.headline_and_body, score.text_items)
        assert share >= PER_FORMAT_FLOOR, f"{name}: headline+body {share:.0%}"
