"""Kill, withdrawal, correction and update markers in headlines, slugs and pubStatus."""

from __future__ import annotations

import pytest

from etl.model import BodyBlock, CleanStory
from etl.transform.story_status import detect_status, is_killed, with_detected_status


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("KILL: Minister resigns after vote", "killed"),
        ("MANDATORY KILL - Court rules on merger", "killed"),
        ("ELIMINATION: Storm closes ports", "killed"),
        ("WITHDRAWN: Talks in Geneva collapse", "withdrawn"),
        ("(WITHDRAWN) Talks in Geneva collapse", "withdrawn"),
        ("CORRECTED-Central bank holds rates", "corrected"),
        ("Correction: Central bank holds rates", "corrected"),
        ("URGENT: CORRECTED - Quake hits coast", "corrected"),
        ("UPDATE 2-Ukraine and Russia swap prisoners", "updated"),
        ("UPDATE 12 - Ukraine and Russia swap prisoners", "updated"),
        ("CORRECTED-UPDATE 1-Oil falls", "corrected"),
        ("REFILE-UPDATE 3-Oil falls", "updated"),
        # News about kills, updates and withdrawals is not a notice.
        ("Apple to update iPhone software next week", "usable"),
        ("Update on talks expected Friday", "usable"),
        ("UPDATE ON TALKS EXPECTED FRIDAY", "usable"),
        ("Kill switch law passes Senate", "usable"),
        ("Troop withdrawal: what we know", "usable"),
        ("WITHDRAWAL OF TROOPS BEGINS IN NORTH", "usable"),
        ("Lavrov and Kerry prove diplomacy works, UN chief says", "usable"),
    ],
)
def test_headline_markers(headline: str, expected: str) -> None:
    assert detect_status(headline) == expected


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("BC-EU-Summit-Kill", "killed"),
        ("ukraine-talks_CORRECTION", "corrected"),
        ("Summit-Update 3", "updated"),
        ("Geneva talks withdrawn", "withdrawn"),
        ("BC-EU-Summit", "usable"),
        ("Kill-Switch-Bill", "usable"),  # the first token is the topic
    ],
)
def test_slug_markers(slug: str, expected: str) -> None:
    assert detect_status("Summit ends", slug=slug) == expected


@pytest.mark.parametrize(
    ("pub_status", "expected"),
    [("canceled", "killed"), ("stat:canceled", "killed"), ("withheld", "withdrawn"),
     ("usable", "usable"), ("something-new", "usable")],
)  # fmt: skip
def test_newsml_pub_status(pub_status: str, expected: str) -> None:
    assert detect_status("Summit ends", pub_status=pub_status) == expected


def test_the_strongest_signal_wins() -> None:
    assert detect_status("UPDATE 1-Summit ends", "BC-Summit-Kill") == "killed"
    assert detect_status("CORRECTED-Summit ends", pub_status="withheld") == "withdrawn"
    assert is_killed("killed") and is_killed("withdrawn")
    assert not is_killed("corrected") and not is_killed("updated") and not is_killed("usable")


def test_status_does_not_change_the_content_hash() -> None:
    story = CleanStory("KILL: Summit ends", None, (BodyBlock("paragraph", "Text."),), None, "AP")
    marked = with_detected_status(story)
    assert marked.status == "killed"
    assert story.status == "usable"
    assert marked.content_hash() == story.content_hash()
    assert with_detected_status(marked) is marked


def test_a_marked_feed_title_marks_a_plain_page_headline() -> None:
    story = CleanStory("Oil falls", None, (BodyBlock("paragraph", "Text."),), None, "Reuters")
    assert with_detected_status(story, feed_title="UPDATE 2-Oil falls").status == "updated"
    assert with_detected_status(story, feed_title="Oil falls").status == "usable"
