"""Properties of the dateline parser that must hold for any input whatsoever."""

from __future__ import annotations

import datetime
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.model import Dateline
from etl.transform.dateline import parse_dateline

# Text built from the pieces datelines are made of, so that the generator reaches
# the deep branches of the parser and not only the "first word is lower-case" exit.
_PIECES = st.sampled_from(
    [
        "MOSCOW", "NEW YORK", "ST.", "Rio de Janeiro", "Mass.", "N.Y", ",", ".", ",.",
        " ", "  ", "\u00a0", "\n", "Dec", "Dec.", "December", "21", "31", "2019",
        "декабря", "févr", "GEN", "Tuesday", "(Reuters)", "(AP)", "/TASS/", "(EFE)",
        "(ANSA)", "(CNN)", "(", ")", "/", "-", "--", "—", "–", "_", ".-", "Body text.",
        "said", "É", "ß", "\ufeff", "٣",
    ]
)  # fmt: skip
_DATELINE_LIKE = st.lists(_PIECES, max_size=25).map("".join)
_REFERENCE = st.none() | st.dates()


def _check_invariants(text: str, d: Dateline | None) -> None:
    if d is None:
        return
    assert 0 <= d.body_offset <= len(text)
    assert d.raw
    start = text.index(d.raw)
    assert not text[:start].replace("\ufeff", "").strip()  # only leading whitespace
    assert start + len(d.raw) <= d.body_offset
    assert text[start + len(d.raw) : d.body_offset].strip() == ""
    assert d.raw == d.raw.strip()
    if d.month is not None:
        assert 1 <= d.month <= 12
        assert d.day is not None
        assert 1 <= d.day <= 31
    else:
        assert d.day is None
        assert d.year is None
    if d.year is not None and d.month is not None and d.day is not None:
        datetime.date(d.year, d.month, d.day)  # a real calendar day


@settings(max_examples=300, deadline=None)
@given(st.text(), _REFERENCE)
def test_any_text_gives_none_or_a_consistent_dateline(
    text: str, reference: datetime.date | None
) -> None:
    _check_invariants(text, parse_dateline(text, reference))


@settings(max_examples=300, deadline=None)
@given(_DATELINE_LIKE, _REFERENCE)
def test_dateline_like_text_gives_a_consistent_dateline(
    text: str, reference: datetime.date | None
) -> None:
    _check_invariants(text, parse_dateline(text, reference))


@settings(max_examples=300, deadline=None)
@given(_DATELINE_LIKE, _REFERENCE)
def test_the_dateline_does_not_depend_on_the_body(
    text: str, reference: datetime.date | None
) -> None:
    """Replacing everything after the dateline by another body changes nothing in it."""
    d = parse_dateline(text, reference)
    if d is None:
        return
    again = parse_dateline(text[: d.body_offset] + " Another body.", reference)
    assert again is not None
    assert again.body_offset >= d.body_offset
    assert again == Dateline(**{**d.to_json(), "body_offset": again.body_offset})


@pytest.mark.parametrize(
    "text",
    [
        "A, " * 34_000,
        " " * 100_000,
        "MOSCOW" + " ," * 50_000,
        "NEW YORK, Dec 21 (" + "(" * 100_000,
        "NEW YORK, N.Y,. " * 7_000,
        "ST. " * 25_000,
        "MOSCOW, Dec 21 /" + "/" * 100_000,
        " " * 99_000 + "MOSCOW, Dec 21 (Reuters) - Body.",
        "\u00a0".join(["ABC"] * 25_000),
        "-" * 100_000,
    ],
    ids=lambda t: repr(t[:12]),
)
def test_pathological_input_is_fast(text: str) -> None:
    """A hang guard: the bound is generous, a regression to backtracking is not."""
    started = time.perf_counter()
    for _ in range(10):
        parse_dateline(text, datetime.date(2026, 1, 2))
    assert time.perf_counter() - started < 1.0
