"""A reader's story plus what the pipeline knows around it -> the final story.

Readers (``web``, ``text``, ``wire``) only see the document. The feed item
that pointed at it and the source it came from know more: when it was
published, the language of the service, the title the desk gave the item
(``UPDATE 2-...``). This step fills what the document left open from that
context, and nothing the document said is overwritten. Pure: no IO.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from etl.model import CleanStory, FeedEntry
from etl.transform.places import resolve_place
from etl.transform.story_status import with_detected_status


@dataclass(frozen=True)
class StoryContext:
    """What is known about a story besides its document (feed item, source)."""

    agency: str
    language: str | None = None
    published_at: datetime | None = None
    feed_title: str | None = None

    @classmethod
    def from_entry(cls, entry: FeedEntry, *, agency: str, language: str | None) -> StoryContext:
        """The context of a page reached through a feed item of a source."""
        return cls(
            agency=agency,
            language=language,
            published_at=entry.published_at,
            feed_title=entry.title,
        )


def normalise_story(story: CleanStory, context: StoryContext) -> CleanStory:
    """The story with its gaps filled from the context and its status detected.

    The page's own publication time and language win; the feed item's time and
    the source's language stand in when the page gave none. The dateline's
    place is put on the map (the dateline's agency, else the source's, settles
    an ambiguous name). The status reads the headline and the feed item's
    title (desks often mark only the feed).
    """
    story = with_place(story, context.agency)
    if story.published_at is None and context.published_at is not None:
        story = dataclasses.replace(story, published_at=context.published_at)
    if story.language is None and context.language is not None:
        story = dataclasses.replace(story, language=context.language)
    return with_detected_status(story, feed_title=context.feed_title)


def with_place(story: CleanStory, agency: str | None = None) -> CleanStory:
    """The story with its dateline place resolved, when it has one and none is set yet."""
    dateline = story.dateline
    if story.place is not None or dateline is None or not dateline.place:
        return story
    place = resolve_place(dateline.place, dateline.region, dateline.agency or agency)
    return story if place is None else dataclasses.replace(story, place=place)
