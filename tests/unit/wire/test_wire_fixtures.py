"""Every wire reader against fixtures that carry their own expectation (STYLE.md #14).

``tests/fixtures/wire/<format>/<name>.expected.json`` sits beside its input
``<name>.<ext>`` and says which format it is, then either the stories that must
come out (``expect``: one object per story, field by field; dotted names reach
into ``dateline`` and ``wire``) or the error (``error``: type and stage). A new
agency or format quirk is one input file plus one expectation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from etl.errors import QuarantineError
from etl.transform.wire import FORMATS, read_wire, sniff_format

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "wire"
EXPECTED_SUFFIX = ".expected.json"
CASES = sorted(FIXTURES.glob(f"*/*{EXPECTED_SUFFIX}"))


def _case_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name.removesuffix(EXPECTED_SUFFIX)}"


def _input_for(expected_path: Path) -> Path:
    stem = expected_path.name.removesuffix(EXPECTED_SUFFIX)
    siblings = [
        p for p in expected_path.parent.glob(f"{stem}.*") if not p.name.endswith(EXPECTED_SUFFIX)
    ]
    assert len(siblings) == 1, f"{expected_path.name} needs exactly one input file"
    return siblings[0]


def _field(story: dict[str, Any], dotted: str) -> Any:
    value: Any = story
    for part in dotted.split("."):
        assert isinstance(value, dict), f"{dotted}: {part} is not inside an object"
        value = value[part]
    return value


def test_every_format_has_fixtures() -> None:
    formats = {json.loads(p.read_text(encoding="utf-8"))["format"] for p in CASES}
    assert set(FORMATS) <= formats


@pytest.mark.parametrize("expected_path", CASES, ids=_case_id)
def test_wire_fixture(expected_path: Path) -> None:
    case = json.loads(expected_path.read_text(encoding="utf-8"))
    document = _input_for(expected_path)
    data = document.read_bytes()
    assert sniff_format(data, document.name) == case["format"], "auto-detection"
    if "error" in case:
        with pytest.raises(QuarantineError) as caught:
            read_wire(data, name=document.name)
        assert type(caught.value).__name__ == case["error"]["type"]
        assert caught.value.stage == case["error"]["stage"]
        if "kinds" in case["error"]:  # what a file held instead of a story
            assert list(getattr(caught.value, "kinds", ())) == case["error"]["kinds"]
        return
    stories = [story.to_json() for story in read_wire(data, name=document.name)]
    assert len(stories) == len(case["expect"]), "number of stories"
    for index, (story, expect) in enumerate(zip(stories, case["expect"], strict=True)):
        for name, wanted in expect.items():
            assert _field(story, name) == wanted, f"story {index}: {name}"
