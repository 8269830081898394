"""The one rule for which day a DAG run loads (etl/run_day.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from etl.run_day import cli_timezone_advice, day_for_run, last_complete_day, parse_day
from etl.sources import ConfigError

MOSCOW = "Europe/Moscow"
# A scheduled run of 19 November (Moscow) has this interval start: 18 Nov 21:00 UTC.
INTERVAL_OF_19 = datetime(2026, 11, 18, 21, 0, tzinfo=UTC)
TRIGGERED = datetime(2026, 12, 2, 22, 30, tzinfo=UTC)  # 3 December, 01:30 in Moscow


def _day(**overrides: object) -> date:
    kwargs: dict[str, object] = {
        "requested": None,
        "run_type": "manual",
        "interval_start": None,
        "run_after": TRIGGERED,
        "timezone": MOSCOW,
    }
    kwargs.update(overrides)
    return day_for_run(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("run_type", ["manual", "scheduled", "backfill", "asset_triggered"])
def test_the_day_param_wins_whatever_started_the_run(run_type: str) -> None:
    assert _day(requested="2026-11-19", run_type=run_type, interval_start=TRIGGERED) == date(
        2026, 11, 19
    )


@pytest.mark.parametrize("run_type", ["scheduled", "backfill"])
def test_scheduled_and_backfill_runs_load_their_interval(run_type: str) -> None:
    assert _day(run_type=run_type, interval_start=INTERVAL_OF_19) == date(2026, 11, 19)


def test_a_manual_run_without_param_loads_the_last_complete_day_in_the_sources_timezone() -> None:
    # 22:30 UTC on 2 December is already 3 December in Moscow: 2 December is over.
    assert _day() == date(2026, 12, 2)
    assert _day(timezone="UTC") == date(2026, 12, 1)


def test_a_manual_run_ignores_its_inferred_interval() -> None:
    """Airflow infers a manual run's interval from the trigger time: it never picks the day."""
    assert _day(interval_start=datetime(2026, 11, 19, tzinfo=UTC)) == date(2026, 12, 2)


def test_a_manual_run_with_no_interval_at_all_still_has_a_day() -> None:
    assert _day(run_type="manual", interval_start=None) == date(2026, 12, 2)


@pytest.mark.parametrize("bad", ["19/11/2026", "yesterday", "2026-02-30", " "])
def test_a_malformed_day_is_a_configuration_error(bad: str) -> None:
    with pytest.raises(ConfigError, match="day must be a date"):
        parse_day(bad)


def test_a_date_object_and_padded_text_are_accepted() -> None:
    assert parse_day(date(2026, 11, 19)) == date(2026, 11, 19)
    assert parse_day(" 2026-11-19 ") == date(2026, 11, 19)


def test_last_complete_day_at_midnight_is_the_day_before() -> None:
    assert last_complete_day(datetime(2026, 11, 20, 0, 0, tzinfo=UTC), "UTC") == date(2026, 11, 19)


MOMENT = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("airflow_zone", "sources_zone"),
    [
        ("utc", "UTC"),
        ("UTC", "Etc/UTC"),
        ("Europe/Moscow", "Europe/Moscow"),
        ("system", "Asia/Tokyo"),
    ],
)
def test_no_advice_when_the_cli_reads_dates_in_the_sources_zone(
    airflow_zone: str, sources_zone: str
) -> None:
    assert cli_timezone_advice(airflow_zone, sources_zone, MOMENT) is None


def test_advice_names_the_setting_when_the_cli_reads_dates_in_another_zone() -> None:
    advice = cli_timezone_advice("utc", "Europe/Moscow", MOMENT)
    assert advice is not None
    assert "AIRFLOW__CORE__DEFAULT_TIMEZONE=Europe/Moscow" in advice
    assert "misses its first day" in advice
