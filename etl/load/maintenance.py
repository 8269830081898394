"""Upkeep the DAG's ``migrate`` task runs after the migrations: settings and partitions.

Idempotent and cheap, so every run does it: the reporting timezone follows
the sources config, and next months' partitions exist before their first row.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import psycopg2.extensions

LOGGER = logging.getLogger(__name__)

# Tables range-partitioned by month (sql/migrations/004_partition_story_version.sql).
MONTHLY_PARTITIONED = ("newswire.story_version",)
# Months of partitions kept ready beyond the current one.
MONTHS_AHEAD = 2

UPSERT_SETTING_SQL = """
INSERT INTO newswire.setting (key, value) VALUES (%s, %s)
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
WHERE setting.value IS DISTINCT FROM EXCLUDED.value
"""


def write_settings(conn: psycopg2.extensions.connection, settings: Mapping[str, str]) -> None:
    """Store deployment settings the views read (``timezone``); committed."""
    with conn.cursor() as cur:
        for key, value in sorted(settings.items()):
            cur.execute(UPSERT_SETTING_SQL, (key, value))
    conn.commit()


def ensure_partitions(
    conn: psycopg2.extensions.connection, months_ahead: int = MONTHS_AHEAD
) -> list[str]:
    """Create the coming months' partitions (moving strays out of DEFAULT); committed."""
    created: list[str] = []
    with conn.cursor() as cur:
        for table in MONTHLY_PARTITIONED:
            cur.execute(
                "SELECT newswire.ensure_month_partitions(%s::regclass, now(), %s)",
                (table, months_ahead),
            )
            created.extend(str(name) for (name,) in cur.fetchall())
    conn.commit()
    if created:
        LOGGER.info("created partitions %s", ", ".join(created))
    return created


def prepare_warehouse(conn: psycopg2.extensions.connection, *, timezone: str) -> list[str]:
    """Settings from the sources config, then partitions; returns the partitions created."""
    write_settings(conn, {"timezone": timezone})
    return ensure_partitions(conn)
