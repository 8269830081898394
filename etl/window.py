"""The data interval a run covers: one calendar day in the configured timezone.

``--date 2026-11-19`` with timezone ``Europe/Moscow`` means
2026-11-18T21:00Z (inclusive) to 2026-11-19T21:00Z (exclusive). The Airflow
DAG run for that day has this same interval (see dags/newswire_daily.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Window:
    day: date
    timezone: str
    start: datetime  # UTC, inclusive
    end: datetime  # UTC, exclusive

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment.astimezone(UTC) < self.end


def day_window(day: date, timezone: str) -> Window:
    zone = ZoneInfo(timezone)
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return Window(day, timezone, start.astimezone(UTC), end.astimezone(UTC))


def days_between(first: date, last: date) -> list[date]:
    """Every day from ``first`` to ``last``, both included (a backfill's or reprocess's range)."""
    if last < first:
        raise ValueError(f"the range ends ({last}) before it starts ({first})")
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def window_from_interval(start: datetime, timezone: str) -> Window:
    """The window for an Airflow data interval that starts at ``start``."""
    return day_window(start.astimezone(ZoneInfo(timezone)).date(), timezone)
