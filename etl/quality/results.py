"""Keep every check's result in the warehouse, passed or failed, with its numbers."""

from __future__ import annotations

import logging
from datetime import date

from etl.load.database import transaction

LOGGER = logging.getLogger(__name__)

_INSERT = """
INSERT INTO newswire.quality_check_result (check_name, day, passed, details, dag_run_id)
VALUES (%s, %s, %s, %s, %s)
"""


def record_result(
    db_url: str,
    *,
    check_name: str,
    day: date,
    passed: bool,
    details: str,
    dag_run_id: str | None = None,
) -> None:
    """One result row, committed on its own: a failing check's numbers outlive its task."""
    with transaction(db_url) as conn, conn.cursor() as cur:
        cur.execute(_INSERT, (check_name, day, passed, details[:4000], dag_run_id))
    LOGGER.info("quality check %s for %s: %s", check_name, day, "passed" if passed else "FAILED")


def result_details(records: object, error: BaseException | None) -> str:
    """The numbers of a check: the text column of its row, else the row, else the error."""
    if isinstance(records, list | tuple) and records:
        last = records[-1]
        if isinstance(last, str):
            return last
        return ", ".join(str(value) for value in records)
    return str(error) if error is not None else "no rows"
