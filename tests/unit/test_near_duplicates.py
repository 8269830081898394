"""Near-duplicate sketches on our own fixtures: same news together, same topic apart."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from etl.transform.near_duplicates import (
    SIMILARITY_THRESHOLD,
    bands,
    connected_clusters,
    shingles,
    similarity,
    sketch,
)

FIXTURE = Path(__file__).parents[1] / "fixtures" / "near_duplicates" / "stories.json"
STORIES = json.loads(FIXTURE.read_text(encoding="utf-8"))["stories"]


def _pairs() -> list[tuple[dict[str, str], dict[str, str]]]:
    return list(itertools.combinations(STORIES, 2))


def test_shingles_are_word_trigrams_of_normalised_text() -> None:
    assert shingles("Ministers MET in  Geneva.") == {"ministers met in", "met in geneva"}
    assert shingles("Лавров и Блинкен") == {"лавров и блинкен"}
    assert shingles("Two words") == {"two", "words"}


def test_sketches_are_stable_across_calls_and_sized_as_stored() -> None:
    first, again = sketch(STORIES[0]["body"]), sketch(STORIES[0]["body"])
    assert first == again
    assert len(first.signature) == 128
    assert all(-(2**31) <= value < 2**31 for value in first.signature)
    assert len(first.band_keys) == bands()[0]


def test_an_empty_body_matches_nothing() -> None:
    assert sketch("").band_keys == ()
    assert similarity(sketch(""), sketch(STORIES[0]["body"])) < SIMILARITY_THRESHOLD


@pytest.mark.parametrize(
    ("a", "b"),
    [(a, b) for a, b in _pairs() if a["family"] == b["family"]],
    ids=lambda s: s["id"],
)
def test_same_news_scores_near_or_above_the_threshold(a: dict[str, str], b: dict[str, str]) -> None:
    assert similarity(sketch(a["body"]), sketch(b["body"])) >= SIMILARITY_THRESHOLD


@pytest.mark.parametrize(
    ("a", "b"),
    [(a, b) for a, b in _pairs() if a["family"] != b["family"]],
    ids=lambda s: s["id"],
)
def test_different_news_scores_well_below_the_threshold(
    a: dict[str, str], b: dict[str, str]
) -> None:
    assert similarity(sketch(a["body"]), sketch(b["body"])) < SIMILARITY_THRESHOLD / 2


def test_components_take_the_smallest_existing_cluster_id() -> None:
    # 7 is already in cluster 3 (whose other members are not in play); 5 and 9 are new.
    result = connected_clusters([(5, 7), (9, 2)], {5: None, 7: 3, 9: None, 2: 2})
    assert result.stories == {5: 3, 7: 3, 9: 2, 2: 2}
    assert result.relabel == {}
    bridged = connected_clusters([(5, 7), (5, 2)], {5: None, 7: 3, 2: 2})
    assert bridged.stories == {5: 2, 7: 2, 2: 2}
    assert bridged.relabel == {3: 2}


def test_a_story_that_matches_nothing_keeps_its_cluster() -> None:
    result = connected_clusters([], {8: 3, 11: None})
    assert result.stories == {8: 3, 11: 11}
    assert result.relabel == {}
