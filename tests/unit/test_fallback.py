"""The reader of unknown sites: when it asks trafilatura, and what it keeps out of the body."""

from __future__ import annotations

import json

import pytest

from etl.errors import CleanError
from etl.model import BodyBlock, MediaItem
from etl.transform.clean import clean_document
from etl.transform.draft import StoryDraft
from etl.transform.web.fallback import PageFacts, fallback_blocks, unsure_reason

HEADLINE = "Harbour wall repairs to start in spring after storm damage"
PARAGRAPH = (
    "Work on the damaged harbour wall will start in March, the council said on Tuesday, "
    "after January's storms tore a twelve-metre gap in the outer section."
)


def _facts(paragraph_chars: int) -> PageFacts:
    return PageFacts(None, None, None, None, paragraph_chars, frozenset())


def _draft(*paragraphs: str) -> StoryDraft:
    return StoryDraft(headline=HEADLINE, blocks=[BodyBlock("paragraph", p) for p in paragraphs])


def test_a_body_holding_the_page_text_is_trusted() -> None:
    draft = _draft(PARAGRAPH, PARAGRAPH, PARAGRAPH)
    body_chars = len(" ".join([PARAGRAPH] * 3))
    assert unsure_reason(draft, _facts(body_chars + 100)) is None


def test_a_teaser_of_a_long_page_is_unsure() -> None:
    draft = _draft(PARAGRAPH, PARAGRAPH, PARAGRAPH)
    reason = unsure_reason(draft, _facts(10_000))
    assert reason is not None and "of the page's paragraph text" in reason


def test_a_short_body_is_unsure() -> None:
    reason = unsure_reason(_draft("Work starts in March."), _facts(0))
    assert reason == "body of 21 characters"


def test_fallback_lines_keep_captions_credits_and_furniture_out() -> None:
    draft = _draft()
    draft.media.append(MediaItem(caption="The gap in the outer wall", credit="Jane Doe/Reuters"))
    lines = [
        f"{HEADLINE} {PARAGRAPH}",  # trafilatura glues the headline to the lead
        "Share this article",
        "The gap in the outer wall",
        "EPA/JUSTIN LANE",
        "Engineers from the port authority looked at the wall on Monday. REUTERS/Jane Doe",
        "What comes next",
        "The contract goes to tender in February.",
        "I think they should have fixed it years ago",
        "Reporting by Anna Petrova; Editing by Mark Doyle",
    ]
    discussion = frozenset({"I think they should have fixed it years ago"})
    blocks, signoffs = fallback_blocks(lines, draft, discussion)
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", PARAGRAPH),
        # a caption printed as a paragraph: assemble_story lifts it into media
        (
            "paragraph",
            "Engineers from the port authority looked at the wall on Monday. REUTERS/Jane Doe",
        ),
        ("subheading", "What comes next"),
        ("paragraph", "The contract goes to tender in February."),
    ]
    assert signoffs == ["Reporting by Anna Petrova; Editing by Mark Doyle"]


@pytest.mark.parametrize(
    "html",
    [
        # an index page: a list of other stories' headlines
        "<html><head><title>Latest news - Harbourside Gazette</title></head><body><main>"
        "<h1>Latest news</h1><ul>"
        + "".join(
            f"<li><a href='/news/{i}'>Council approves budget for harbour works {i}</a></li>"
            for i in range(30)
        )
        + "</ul></main></body></html>",
        # a video page: a player and its duration
        "<html><head><title>Watch: harbour fireworks</title></head><body><main>"
        "<h1>Watch: harbour fireworks light up the bay</h1>"
        "<div class='video-player'><video src='/v.mp4'></video></div><p>Duration 2:31</p>"
        "</main></body></html>",
        # a video page whose structured data describes the video at length: a
        # description is not a story, whatever its length
        "<html><head><title>Watch: harbour fireworks</title><script type='application/ld+json'>"
        + json.dumps({"@type": "VideoObject", "description": " ".join([PARAGRAPH] * 4)})
        + "</script></head><body><main><h1>Watch: harbour fireworks light up the bay</h1>"
        "<div class='video-player'><video src='/v.mp4'></video></div></main></body></html>",
    ],
    ids=["index", "video", "video-with-description"],
)
def test_a_page_without_an_article_is_refused_with_the_reason(html: str) -> None:
    with pytest.raises(CleanError, match=r"no article on this page: .*trafilatura found no story"):
        clean_document(html.encode(), content_type="text/html", url="https://harbourside.example/")


# --- pages whose article lives only in a script -----------------------------------------

STORY_PARAGRAPHS = [
    PARAGRAPH,
    "The council's engineer said the repair would take eleven weeks and cost 2.4 million, "
    "paid from the harbour reserve.",
    "Fishing boats will use the inner basin while the outer section is closed.",
]
SHELL_HEAD = f"<html><head><title>{HEADLINE} - Harbourside Gazette</title>"
# The HTML body is an empty shell the browser fills in from data.
SHELL_BODY = "<body><div id='root'></div></body></html>"


def _flight_page(story_html: str) -> str:
    """A Next.js app-router page: the story is a text row of the script stream only."""
    row = f"24:T{len(story_html.encode('utf-8')):x},{story_html}"
    chunks = ['0:{"P":null,"b":"x"}\n', row[:40], row[40:] + '25:["$","div",null,{}]\n']
    pushes = "".join(f"<script>self.__next_f.push([1,{json.dumps(c)}])</script>" for c in chunks)
    return f"{SHELL_HEAD}</head><body><div id='root'></div>{pushes}</body></html>"


@pytest.mark.parametrize(
    "html",
    [
        SHELL_HEAD
        + "<script type='application/ld+json'>"
        + json.dumps({"@type": "NewsArticle", "articleBody": "\n".join(STORY_PARAGRAPHS)})
        + "</script></head>"
        + SHELL_BODY,
        SHELL_HEAD
        + "</head><body><div id='root'></div><script id='__NEXT_DATA__' type='application/json'>"
        + json.dumps(
            {
                "props": {
                    "pageProps": {
                        "article": {
                            "summary": "Repairs start in March.",
                            "bodyHtml": "".join(f"<p>{p}</p>" for p in STORY_PARAGRAPHS),
                        }
                    }
                }
            }
        )
        + "</script></body></html>",
        SHELL_HEAD
        + "</head><body><div id='root'></div><script>window.__PRELOADED_STATE__ = "
        + json.dumps({"story": {"content": "\n\n".join(STORY_PARAGRAPHS)}})
        + ";</script></body></html>",
        _flight_page(
            "<div class='editor-img-box'><img src='/w.jpg'><div class='caption'><p>The gap in "
            "the outer wall. Photo: Jane Doe</p></div></div>$$ARTICLEAD$$"
            + "".join(f"<p class='editor-p'>{p}</p>" for p in STORY_PARAGRAPHS)
        ),
    ],
    ids=["json-ld-articleBody", "next-data", "preloaded-state", "next-app-stream"],
)
def test_an_article_only_in_a_script_is_read_from_it(html: str) -> None:
    story = clean_document(
        html.encode(), content_type="text/html", url="https://harbourside.example/news/1"
    )
    assert story.headline.startswith(HEADLINE)
    assert [b.text for b in story.blocks] == STORY_PARAGRAPHS
    assert "Repairs start in March." not in story.body, "a summary is not the body"
    assert "Photo" not in story.body and "ARTICLEAD" not in story.body
    if "caption" in html:
        assert [(m.caption, m.credit) for m in story.media] == [
            ("The gap in the outer wall.", "Jane Doe")
        ]
