"""Agency layouts against real saved pages of the agencies' own sites.

The pages live outside the repository (``scripts/agency_pages.py`` rebuilds
them from public extractor test corpora at pinned commits); these tests skip,
saying so, when the collection is absent. Nothing of the pages' text is
written here: the tests assert structure (the agency's layout reads the page
without falling back, the dateline and sign-off are found, furniture stays
out) and compare the body with trafilatura's on the same page.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from etl.transform.clean import clean_document
from etl.transform.web.html_page import parse_html, story_from_html
from etl.transform.web.site_layouts import layout_for_agency
from tests.devset_pages import score_text

PAGES = Path(os.environ.get("NEWSWIRE_AGENCY_PAGES", "/work/realdata/agency-pages"))
INDEX = PAGES / "index.tsv"

pytestmark = pytest.mark.skipif(
    not INDEX.is_file(),
    reason=f"no saved agency pages at {PAGES} (rebuild: python scripts/agency_pages.py)",
)


def _pages(agency: str) -> list[tuple[str, str]]:
    rows = [line.split("\t") for line in INDEX.read_text(encoding="utf-8").splitlines()[1:]]
    return [(file, url) for file, name, url in rows if name == agency]


def _trafilatura_text(data: bytes, url: str) -> str:
    import trafilatura

    return str(trafilatura.extract(data, url=url, include_comments=False) or "")


def test_reuters_real_page_is_read_by_its_layout() -> None:
    pages = _pages("Reuters")
    if not pages:
        pytest.skip("no Reuters page in the collection")
    layout = layout_for_agency("Reuters")
    assert layout is not None
    for file, url in pages:
        data = (PAGES / file).read_bytes()
        # the layout itself, not the generic fallback: LayoutMismatchError would fail here
        story = story_from_html(parse_html(data.decode("utf-8")), layout, url=url)
        assert story.dateline is not None and story.dateline.agency == "Reuters"
        assert story.byline, "the page's byline element"
        assert story.signoff and "Editing by" in story.signoff
        for furniture in ("Our Standards", "min read", "Slideshow", "Editing by"):
            assert furniture not in story.body, furniture
        precision, recall, _ = score_text(story.body, _trafilatura_text(data, url))
        assert precision >= 0.9 and recall >= 0.9, (precision, recall)


def test_xinhua_real_pages_come_out_whole() -> None:
    # xinhuanet.com's Chinese pages use markup the Xinhua layout (English site)
    # does not know: they are read by the generic reader and its fallback, whose
    # fast mode loses part of one long page (recall 0.72 of trafilatura's full run).
    pages = _pages("Xinhua")
    if not pages:
        pytest.skip("no Xinhua page in the collection")
    for file, url in pages:
        data = (PAGES / file).read_bytes()
        story = clean_document(data, content_type="text/html", url=url, agency_hint="Xinhua")
        assert story.agency == "Xinhua"
        _, recall, f1 = score_text(story.body, _trafilatura_text(data, url))
        assert recall >= 0.7 and f1 >= 0.8, (file, recall, f1)
