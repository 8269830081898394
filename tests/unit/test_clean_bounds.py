"""Pathological input: the cleaner returns a story or a CleanError in bounded time.

A hang guard, not a timing test: each page is cleaned in a child process that
is killed after ``BOUND_SECONDS`` (generous: every case takes a few seconds at
most). The cases are the shapes that made parsers or regexes blow up: deep
nesting (HTML5 tree building costs the depth at every tag), a 100,000-character
paragraph of commas, a furniture word repeated 10,000 times (backtracking in a
``word.*word`` pattern), hundreds of thousands of ``<br>``, thousands of figures.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

BOUND_SECONDS = 60

# Each case builds its page in the child, so the parent never holds 5 MB per case.
PAGES = {
    "5 MB of nested divs": '"<html><body>" + "<div>" * 500_000 + "deep" + "</div>" * 50_000',
    "balanced nesting of 30,000 levels": (
        '"<p>x</p>" * 5_000 + "<div>" * 30_000 + "</div>" * 30_000'
    ),
    "nested bold": '"<html><body><h1>Headline</h1><p>" + "<b>" * 100_000 + "x</p>"',
    "100k-char paragraph of commas": (
        '"<html><body><article><h1>A headline</h1><p>" + "," * 100_000'
        ' + "</p><p>Body text, long enough to count here.</p></article></body></html>"'
    ),
    "furniture word 10,000 times": (
        '"<html><body><article><h1>A headline</h1><p>" + "newsletter " * 10_000'
        ' + "</p></article></body></html>"'
    ),
    "text dump line of 10,000 furniture words": '"Headline\\n\\n" + "newsletter " * 10_000',
    "text dump of 100k commas": '"Headline\\n\\n" + "," * 100_000 + "\\n\\nMore text."',
    "200,000 line breaks": '"<html><body><div><h1>A headline</h1>" + "text<br>" * 200_000',
    "5,000 figures": (
        '"<article><h1>A headline</h1>" + "<figure><img src=x alt=y>'
        '<figcaption>A caption EPA/JOHN DOE</figcaption></figure>" * 5_000'
        ' + "<p>Body text, long enough to count here.</p></article>"'
    ),
    "5 MB paragraph": '"<article><h1>A headline</h1><p>" + "Lorem ipsum dolor sit. " * 220_000',
    "JSON-LD nested 100,000 deep": (
        '"<script type=\'application/ld+json\'>" + "[" * 100_000 + "</script>'
        '<article><h1>A headline</h1><p>Body text, long enough to count here.</p></article>"'
    ),
}

CHILD = """
import json, sys
from etl.errors import CleanError
from etl.transform.clean import clean_document
page = eval(sys.argv[1]).encode()
outcomes = []
for hint in (None, "TASS"):
    try:
        clean_document(page, content_type="text/html" if page.startswith(b"<") else None,
                       agency_hint=hint)
        outcomes.append("story")
    except CleanError as error:
        outcomes.append("CleanError: " + error.reason)
print(json.dumps(outcomes))
"""


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pathological_page_is_cleaned_or_refused_in_bounded_time(name: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, PAGES[name]],
        capture_output=True,
        text=True,
        timeout=BOUND_SECONDS,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    outcomes = json.loads(result.stdout)
    assert len(outcomes) == 2
    for outcome in outcomes:
        assert outcome == "story" or outcome.startswith("CleanError: "), outcome
    assert "unexpected" not in " ".join(outcomes), "a CleanError of our own, not a caught bug"
