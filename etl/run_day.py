"""Which day a DAG run loads: one rule for every way a run can start.

1. A ``day`` param (``-c '{"day": "2026-11-19"}'``, the trigger form, the REST
   API, ``newswire run --date``) names the day, whatever started the run.
2. Otherwise a scheduled or backfill run loads its data interval: the run of
   day D has the logical date D and the interval [D 00:00, D+1 00:00) in the
   sources' timezone; it starts once D is over.
3. Otherwise (a manual run with no param) the run loads the last complete day
   in the sources' timezone before it was triggered. Airflow infers a manual
   run's interval from the trigger time, not from ``--logical-date``, so a
   manual run's logical date never picks its day.

The day is resolved once per run (from the run's trigger time, not the
clock), so every source's task, and every retry of it, loads the same day.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from etl.sources import ConfigError
from etl.window import window_from_interval

LOGGER = logging.getLogger(__name__)

# Run types whose data interval is the day they load (Airflow's DagRunType values).
INTERVAL_RUN_TYPES = frozenset({"scheduled", "backfill"})


def day_for_run(
    *,
    requested: str | date | None,
    run_type: str,
    interval_start: datetime | None,
    run_after: datetime,
    timezone: str,
) -> date:
    """The day a run loads, by the module's rule; a malformed ``day`` is a ``ConfigError``."""
    if requested:
        return parse_day(requested)
    if run_type in INTERVAL_RUN_TYPES and interval_start is not None:
        return window_from_interval(interval_start, timezone).day
    day = last_complete_day(run_after, timezone)
    LOGGER.info("%s run with no day param: loading %s, the last complete day", run_type, day)
    return day


def parse_day(value: str | date) -> date:
    """``2026-11-19`` (or a date) as a date; anything else is a clear configuration error."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except (AttributeError, ValueError):
        raise ConfigError(f"day must be a date such as 2026-11-19, not {value!r}") from None


def last_complete_day(moment: datetime, timezone: str) -> date:
    """The day before ``moment``'s own day in ``timezone``: the latest day that is over."""
    return moment.astimezone(ZoneInfo(timezone)).date() - timedelta(days=1)


def day_for_quality_run(
    *, requested: str | date | None, event_days: list[str], run_after: datetime, timezone: str
) -> date:
    """The day a quality run checks: its ``day`` param, else the latest day that landed, else
    the last complete day (a manual run with no param)."""
    if requested:
        return parse_day(requested)
    if event_days:
        days = sorted({parse_day(day) for day in event_days})
        if len(days) > 1:
            LOGGER.warning("stories landed for %s; checking the latest, %s", days, days[-1])
        return days[-1]
    return last_complete_day(run_after, timezone)


def cli_timezone_advice(
    default_timezone: str, sources_timezone: str, moment: datetime
) -> str | None:
    """Advice when Airflow's ``[core] default_timezone`` is not the sources' zone at ``moment``.

    The Airflow CLI reads a bare date (``backfill create --from-date 2026-11-05``,
    ``tasks clear -s``) as midnight in ``default_timezone``; unless that is
    midnight in the sources' zone too, a backfill misses its first day and a
    clear finds no run. ``system`` (the machine's zone) cannot be judged here.
    """
    if default_timezone.strip().lower() == "system":
        return None
    try:
        airflow_zone = ZoneInfo(
            "UTC" if default_timezone.strip().lower() == "utc" else default_timezone
        )
    except (KeyError, ValueError):
        return None  # Airflow itself refuses an unknown zone
    if (
        moment.astimezone(airflow_zone).utcoffset()
        == moment.astimezone(ZoneInfo(sources_timezone)).utcoffset()
    ):
        return None
    return (
        f"Airflow's [core] default_timezone is {default_timezone} but the sources' days are in "
        f"{sources_timezone}: the CLI reads a date such as 2026-11-05 (backfill create "
        "--from-date, tasks clear -s/-e) as midnight in the former, so a backfill misses its "
        "first day and a clear finds no run; set "
        f"AIRFLOW__CORE__DEFAULT_TIMEZONE={sources_timezone}"
    )
