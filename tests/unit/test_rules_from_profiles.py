"""Agency knowledge in one place: the boilerplate rules are built from the profiles.

Each profile's names reach the rules without a second list: its end marks
close a story, its credit names end a caption, its byline name follows a byline.
"""

from __future__ import annotations

import pytest

from etl.transform import rules
from etl.transform.agencies import AGENCIES
from etl.transform.clean import clean_document
from etl.transform.rules.credits import (
    CREDIT_AGENCY_FIRST_RE,
    CREDIT_BRACKETED_AGENCY_RE,
    CREDIT_NAME_AGENCY_RE,
)
from etl.transform.rules.labels import SOURCE_META_RE
from etl.transform.rules.signoffs import AGENCY_SIGNOFF_RE, byline_names

CREDITED = [(p.code, name) for p in AGENCIES.values() for name in p.credit_names]
FIRST = [(p.code, name) for p in AGENCIES.values() if p.credit_first for name in p.credit_names]
NOT_FIRST = [
    (p.code, name) for p in AGENCIES.values() if not p.credit_first for name in p.credit_names
]
BRACKETED = [
    (p.code, name) for p in AGENCIES.values() if p.credit_bracketed for name in p.credit_names
]
BYLINED = [(p.code, name) for p in AGENCIES.values() for name in p.byline_names]
SOURCE_LINED = [(p.code, line) for p in AGENCIES.values() for line in p.source_lines]


@pytest.mark.parametrize(
    ("code", "mark"),
    [("Yonhap", "(END)"), ("Kyodo", "==Kyodo"), ("Xinhua", "Enditem"), ("dpa", "/dpa/"),
     ("EFE", "EFE jco/cbm (foto)"), ("AFP", "(c)AFP/Jane DOE")],
)  # fmt: skip
def test_profile_end_marks_close_a_story(code: str, mark: str) -> None:
    assert AGENCIES[code].signoff_marks
    assert AGENCY_SIGNOFF_RE.match(mark)


def test_every_end_mark_comes_from_a_profile() -> None:
    marks = [m for p in AGENCIES.values() for m in p.signoff_marks]
    assert AGENCY_SIGNOFF_RE.pattern == "^(?:" + "|".join(marks) + ")$"
    assert not AGENCY_SIGNOFF_RE.match("The talks end on Friday.")


@pytest.mark.parametrize(("code", "name"), CREDITED)
def test_a_credit_after_a_name_ends_a_caption(code: str, name: str) -> None:
    assert CREDIT_NAME_AGENCY_RE.search(f"Fishing boats in the harbour. Jane Doe/{name}"), code


@pytest.mark.parametrize(("code", "name"), FIRST)
def test_agencies_that_credit_first(code: str, name: str) -> None:
    assert CREDIT_AGENCY_FIRST_RE.search(f"Fishing boats in the harbour. {name}/Jane Doe"), code


@pytest.mark.parametrize(("code", "name"), NOT_FIRST)
def test_agencies_that_never_credit_first(code: str, name: str) -> None:
    assert not CREDIT_AGENCY_FIRST_RE.search(f"Fishing boats. {name}/Jane Doe"), code


@pytest.mark.parametrize(("code", "name"), BRACKETED)
def test_a_bracketed_agency_ends_a_caption(code: str, name: str) -> None:
    assert CREDIT_BRACKETED_AGENCY_RE.search(f"Fishing boats in the harbour. ({name})"), code


@pytest.mark.parametrize(("code", "name"), BYLINED)
def test_an_agency_after_a_byline_is_not_a_name(code: str, name: str) -> None:
    assert byline_names(f"Von Anna Schmidt, {name}") == "Anna Schmidt", code
    assert byline_names(f"Redazione {name}") == f"Redazione {name}", code


@pytest.mark.parametrize(
    ("code", "line"),
    [("Xinhua", "Source: Xinhua"), ("Xinhua", "SOURCE: XINHUANET"),
     ("Kyodo", "KYODO NEWS - Nov 19, 2026 - 15:42 | Japan, All")],
)  # fmt: skip
def test_an_agencys_source_line_is_boilerplate(code: str, line: str) -> None:
    assert AGENCIES[code].source_lines
    assert rules.boilerplate_reason(line) == "source meta line"


def test_every_source_line_comes_from_a_profile() -> None:
    assert {code for code, _ in SOURCE_LINED} == {"Xinhua", "Kyodo"}
    for _, line in SOURCE_LINED:
        assert f"^(?:{line})$" in SOURCE_META_RE.pattern
    # a chart's source line, with no agency's form, stays
    assert rules.boilerplate_reason("Source: Bloomberg") is None
    assert rules.boilerplate_reason("Kyodo News reported the talks on Friday.") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Il titolo chiude in rialzo a Milano. (ANSA).",
            ("Il titolo chiude in rialzo a Milano.", "(ANSA)."),
        ),
        (
            "The launch was the 500th of the series. Enditem",
            ("The launch was the 500th of the series.", "Enditem"),
        ),
        ("Exports rose for a third month. (END)", ("Exports rose for a third month.", "(END)")),
        # AFPBB News: the mark, naming the reporter, right after a Japanese full stop
        ("雪が降った。(c)AFP/Jane DOE", ("雪が降った。", "(c)AFP/Jane DOE")),
        # the mark inside a sentence, or as the whole line, is not run in
        ("Prices rose, (ANSA). said the analysts", None),
        ("(ANSA).", None),
        ("Police said the case was closed.", None),
    ],
)
def test_an_end_mark_run_into_the_last_paragraph_is_split_off(
    line: str, expected: tuple[str, str] | None
) -> None:
    assert rules.split_run_in_signoff(line) == expected


def test_a_page_whose_last_paragraph_carries_the_mark_signs_off() -> None:
    page = (
        "<html><body><article><h1>Borsa: Milano chiude in rialzo</h1>"
        "<div class='post-single-text news-txt'><p>(ANSA) - MILANO, 12 GEN - Piazza Affari"
        " chiude in rialzo con le banche. (ANSA).</p></div></article></body></html>"
    )
    story = clean_document(page, content_type="text/html", agency_hint="ANSA")
    assert story.signoff == "(ANSA)."
    assert story.body == "Piazza Affari chiude in rialzo con le banche."
