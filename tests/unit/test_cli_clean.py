"""``newswire clean`` as a user runs it: a page and a text dump in, JSON lines out, no Airflow.

Users clean thousands of files with one call, so the command's start-up must
stay light: the test runs it in a fresh interpreter with ``-X importtime`` and
checks that neither Airflow nor the dev-only trafilatura was imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PAGE = FIXTURES / "pages" / "tass_un_humanitarian.html"
DUMP = FIXTURES / "text" / "tass_un_humanitarian.txt"
DATELINE_KEYS = {"raw", "place", "region", "month", "day", "year", "agency", "body_offset"}
# Modules the clean path must never load: the scheduler, and a dev-only dependency.
FORBIDDEN_MODULES = ("airflow", "trafilatura")


@pytest.fixture(scope="module")
def run() -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "etl.cli",
            "clean",
            str(PAGE),
            str(DUMP),
            "--published",
            "2026-11-19",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def stories(run: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    assert run.returncode == 0, run.stderr[-2000:]
    return [json.loads(line) for line in run.stdout.splitlines() if line.strip()]


def _imported_modules(importtime_log: str) -> set[str]:
    """Module names from ``-X importtime`` lines: ``import time: 12 | 34 |   pkg.mod``."""
    names = set()
    for line in importtime_log.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


def test_one_json_object_per_file(stories: list[dict[str, Any]]) -> None:
    assert [Path(story["path"]).name for story in stories] == [PAGE.name, DUMP.name]


def test_each_object_has_the_documented_keys(stories: list[dict[str, Any]]) -> None:
    for story in stories:
        assert {"headline", "deck", "body", "dateline", "agency", "media", "published_at"} <= set(
            story
        )
        assert set(story["dateline"]) >= DATELINE_KEYS
        assert story["media"], "the TASS photo is in media"
        for item in story["media"]:
            assert {"caption", "credit"} <= set(item)


def test_page_and_dump_give_the_same_story(stories: list[dict[str, Any]]) -> None:
    page, dump = stories
    for key in ("headline", "deck", "body", "agency"):
        assert page[key] == dump[key], key
    assert page["dateline"]["raw"] == "UNITED NATIONS, November 19. /TASS/."
    assert page["dateline"]["place"] == "United Nations"
    assert page["dateline"] == dump["dateline"]
    assert page["agency"] == "TASS"
    assert [(m["caption"], m["credit"]) for m in page["media"]] == [
        (m["caption"], m["credit"]) for m in dump["media"]
    ]
    assert page["media"][0]["credit"] == "EPA/DANIEL WARREN"
    assert page["published_at"] == "2026-11-19T09:47:00+00:00", "the page's own time wins"
    assert dump["published_at"] is not None, "the dump takes --published"


def test_clean_does_not_import_airflow(run: subprocess.CompletedProcess[str]) -> None:
    modules = _imported_modules(run.stderr)
    assert "etl.transform.clean" in modules, "the import log was read"
    for forbidden in FORBIDDEN_MODULES:
        loaded = sorted(m for m in modules if m == forbidden or m.startswith(f"{forbidden}."))
        assert not loaded, f"newswire clean imported {loaded[:5]}"
