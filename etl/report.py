"""``newswire report``: the daily tables and a chart, from the reporting views.

The queries are the example reports in ``sql/reports`` (psql files with
``:'name'`` variables), run here with the same parameters, so what the
command prints is what an analyst gets from ``psql -f``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg2.extensions

from etl.load.database import PROJECT_ROOT
from etl.text_table import aligned_rows

LOGGER = logging.getLogger(__name__)

REPORTS_DIR = PROJECT_ROOT / "sql" / "reports"
# psql's quoted variable, :'from_day' -> a bound parameter %(from_day)s.
PSQL_VARIABLE = re.compile(r":'([a-z_][a-z0-9_]*)'")
# The reports `newswire report` prints, in order.
DAILY_REPORTS = (
    "stories_per_agency_day",
    "top_dateline_places",
    "ingest_health_daily",
    "stories_per_country_day",
    "quality_checks",
)
# How many countries the chart draws by name; the rest are summed as "other".
CHART_COUNTRIES = 8


@dataclass(frozen=True)
class ReportResult:
    """One report's columns and rows, as the database returned them."""

    name: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


def report_sql(name: str, directory: Path = REPORTS_DIR) -> str:
    """A report file with its psql variables turned into psycopg2 parameters."""
    text = (directory / f"{name}.sql").read_text(encoding="utf-8")
    return PSQL_VARIABLE.sub(r"%(\1)s", text.replace("%", "%%"))


def run_report(
    conn: psycopg2.extensions.connection,
    name: str,
    params: Mapping[str, object],
    directory: Path = REPORTS_DIR,
) -> ReportResult:
    """Run one example report with its variables bound (never interpolated)."""
    with conn.cursor() as cur:
        cur.execute(report_sql(name, directory), dict(params))
        columns = tuple(str(col.name) for col in cur.description or ())
        rows = cur.fetchall()
    return ReportResult(name, columns, rows)


def daily_reports(
    conn: psycopg2.extensions.connection, first: date, last: date
) -> list[ReportResult]:
    """The tables ``newswire report`` prints for a range of days."""
    params = {"from_day": first.isoformat(), "to_day": last.isoformat()}
    return [run_report(conn, name, params) for name in DAILY_REPORTS]


def format_table(result: ReportResult) -> str:
    """A plain-text table with a title line: readable in a terminal and in a log."""
    cells = [result.columns] + [tuple(_cell(value) for value in row) for row in result.rows]
    lines = [f"{result.name.replace('_', ' ')}:", *aligned_rows(cells)]
    if not result.rows:
        lines.append("(no rows)")
    return "\n".join(lines)


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, timedelta):
        return _duration(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, Decimal | float):
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return ",".join(map(str, value))
    return str(value)


def _duration(value: timedelta) -> str:
    """1h02m, 3m05s, 0.4s: short enough for a column."""
    seconds = value.total_seconds()
    if seconds < 60:
        return f"{seconds:.1f}s"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


def write_chart(
    stories: ReportResult,
    health: ReportResult,
    path: Path,
    countries: ReportResult | None = None,
) -> Path:
    """A PNG: stories per agency per day (bars), each source's daily ingest health,
    and, given ``countries``, stories per dateline country per day."""
    import matplotlib

    matplotlib.use("Agg")  # files only: no display needed
    import matplotlib.pyplot as plt

    panels = 3 if countries is not None else 2
    figure, axes = plt.subplots(panels, 1, figsize=(10, 4 * panels), constrained_layout=True)
    top, bottom = axes[0], axes[1]
    if countries is not None:
        _bars(axes[2], _top_series(_pivot(countries, "day", "country", "stories")), "stories")
        axes[2].set_title("Stories per dateline country per day ('-': place not on the map)")
    _bars(top, _pivot(stories, "day", "agency", "stories"), "stories")
    top.set_title("Stories per agency per day (killed stories excluded)")
    _bars(bottom, _pivot(health, "day", "source", "new"), "new stories")
    failed = _pivot(health, "day", "source", "failed_runs")
    quarantined = _pivot(health, "day", "source", "quarantined")
    notes = [
        f"{day} {source}: {failed[source][day]} failed run(s)"
        for source in failed
        for day in failed[source]
        if failed[source][day]
    ] + [
        f"{day} {source}: {quarantined[source][day]} quarantined"
        for source in quarantined
        for day in quarantined[source]
        if quarantined[source][day]
    ]
    bottom.set_title("Ingest health: new stories per source per day")
    if notes:
        bottom.text(0.01, 0.98, "\n".join(notes), transform=bottom.transAxes, va="top", fontsize=8)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path


def _pivot(result: ReportResult, row: str, series: str, value: str) -> dict[str, dict[str, int]]:
    """{series: {day: value}} from a report's rows."""
    index = {name: i for i, name in enumerate(result.columns)}
    table: dict[str, dict[str, int]] = {}
    for record in result.rows:
        key = str(record[index[series]])
        table.setdefault(key, {})[str(record[index[row]])] = int(record[index[value]] or 0)
    return table


def _top_series(
    table: dict[str, dict[str, int]], keep: int = CHART_COUNTRIES
) -> dict[str, dict[str, int]]:
    """The ``keep`` largest series by total; the others summed as "other"."""
    ranked = sorted(table, key=lambda name: (-sum(table[name].values()), name))
    kept = {name: table[name] for name in ranked[:keep]}
    other: dict[str, int] = {}
    for name in ranked[keep:]:
        for day, value in table[name].items():
            other[day] = other.get(day, 0) + value
    if other:
        kept["other"] = other
    return kept


def _bars(axes: Any, table: dict[str, dict[str, int]], label: str) -> None:
    days = sorted({day for values in table.values() for day in values})
    width = 0.8 / max(len(table), 1)
    for offset, (name, values) in enumerate(sorted(table.items())):
        positions = [i + offset * width for i in range(len(days))]
        axes.bar(positions, [values.get(day, 0) for day in days], width, label=name)
    axes.set_xticks([i + 0.4 - width / 2 for i in range(len(days))], days)
    axes.set_ylabel(label)
    axes.yaxis.get_major_locator().set_params(integer=True)  # counts: no half stories
    if table:
        axes.legend()
    else:
        axes.text(0.5, 0.5, "no data", ha="center", transform=axes.transAxes)


def report_text(results: Sequence[ReportResult], first: date, last: date, timezone: str) -> str:
    """Everything ``newswire report`` prints before the chart's path."""
    header = f"newswire report: {first} .. {last} ({timezone})"
    return "\n\n".join([header, *(format_table(result) for result in results)])


def report_timezone(conn: psycopg2.extensions.connection) -> str:
    """The timezone the views count days in."""
    with conn.cursor() as cur:
        cur.execute("SELECT timezone FROM newswire.report_config")
        row = cur.fetchone()
    return str(row[0]) if row else "UTC"
