"""Airflow's common-sql check operators, pointed at the warehouse and recording their results.

Only two things differ from the provider's operators: the hook (the Airflow
connection ``newswire_warehouse`` when it exists, else ``DATABASE_URL``:
``etl.warehouse_connection``) and a result row per run in
``newswire.quality_check_result``, written whether the check passed or failed.
The checking itself, and the failure with the numbers in the log, are the
provider's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

import psycopg2
from airflow.providers.common.sql.operators.sql import SQLCheckOperator, SQLValueCheckOperator

from etl.errors import NewswireError
from etl.quality.results import record_result, result_details

LOGGER = logging.getLogger(__name__)

# The task whose return value is the day every check looks at.
DAY_TASK_ID = "check_day"


class _WarehouseCheck:
    """What both check operators add: the warehouse's hook, the row kept, the result recorded."""

    def get_db_hook(self) -> Any:
        from etl.warehouse_connection import warehouse_hook

        return warehouse_hook()

    def _build_check_results(self, records: Any) -> Any:
        self.checked_records = records
        return super()._build_check_results(records)  # type: ignore[misc]

    def execute(self, context: Any) -> Any:
        return _recorded(self, context, lambda: super(_WarehouseCheck, self).execute(context))  # type: ignore[misc]


class WarehouseSQLCheck(_WarehouseCheck, SQLCheckOperator):
    """SQLCheckOperator on the warehouse: one row, fails when a value is false."""


class WarehouseValueCheck(_WarehouseCheck, SQLValueCheckOperator):
    """SQLValueCheckOperator on the warehouse: every value of the row must equal ``pass_value``."""


def _recorded(operator: Any, context: Any, run: Callable[[], Any]) -> Any:
    """Run the provider's check, then keep its result (a lost warehouse only logs a warning)."""
    from etl.warehouse_connection import warehouse_url

    error: BaseException | None = None
    try:
        return run()
    except BaseException as exc:
        error = exc
        raise
    finally:
        day = date.fromisoformat(context["ti"].xcom_pull(task_ids=DAY_TASK_ID))
        details = result_details(getattr(operator, "checked_records", None), error)
        if isinstance(operator, SQLValueCheckOperator) and details.isdigit():
            details = f"{details} (must be {operator.pass_value})"
        try:
            record_result(
                warehouse_url(),
                check_name=operator.task_id,
                day=day,
                passed=error is None,
                details=details,
                dag_run_id=context.get("run_id"),
            )
        except (NewswireError, psycopg2.Error) as exc:
            LOGGER.warning("could not record check %s: %s", operator.task_id, exc)
