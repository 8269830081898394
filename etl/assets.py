"""The Airflow Assets newswire publishes: what downstream DAGs can be scheduled on.

``STORIES_LANDED`` gets an event when a daily run's stories have landed (its
``summarize`` task), with the day in the event's extra; ``newswire_quality``
is scheduled on it. Defined once here so producer and consumer name the same asset.
"""

from __future__ import annotations

from airflow.sdk import Asset

STORIES_LANDED = Asset(
    name="newswire_stories", uri="newswire://warehouse/newswire/story", group="newswire"
)
