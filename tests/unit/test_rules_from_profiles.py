"""Agency knowledge in one place: the boilerplate rules are built from the profiles.

Each profile's names reach the rules without a second list: its end marks
close a story, its credit names end a caption, its byline name follows a byline.
"""

from __future__ import annotations

import pytest

from etl.transform.agencies import AGENCIES
from etl.transform.rules.credits import (
    CREDIT_AGENCY_FIRST_RE,
    CREDIT_BRACKETED_AGENCY_RE,
    CREDIT_NAME_AGENCY_RE,
)
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


@pytest.mark.parametrize(
    ("code", "mark"),
    [("Yonhap", "(END)"), ("Kyodo", "==Kyodo"), ("Xinhua", "Enditem"), ("dpa", "/dpa/"),
     ("EFE", "EFE jco/cbm (foto)")],
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
