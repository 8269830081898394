"""How a task's error reaches Airflow: retried only when a retry can help.

Terminal errors (a config error, a failed assertion, a constraint broken by
our own code) fail the task at once with ``AirflowFailException``, instead
of burning the retries and blocking the next run. Transient ones (network,
database availability: ``etl.errors.is_transient``) propagate unchanged so
the task's ``retries`` apply. Bad input never gets here: it is quarantined.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from etl.errors import is_transient


@contextmanager
def terminal_errors_fail_task(what: str) -> Iterator[None]:
    """Run a task body; turn a terminal error into Airflow's fail-without-retry."""
    try:
        yield
    except Exception as exc:
        if is_transient(exc):
            raise
        from airflow.sdk.exceptions import AirflowFailException  # only inside a task

        raise AirflowFailException(
            f"{what}: {type(exc).__name__}: {exc} (terminal: not retried)"
        ) from exc
