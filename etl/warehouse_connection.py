"""The warehouse as Airflow users keep it: the connection ``newswire_warehouse``.

Airflow users keep credentials in connections (the UI, a secrets backend,
``AIRFLOW_CONN_NEWSWIRE_WAREHOUSE``), not in a worker's environment. A DAG
task asks for the warehouse here, at run time (never at parse time): the
connection when it exists, else ``DATABASE_URL`` (else the embedded server),
so ``make run`` and the CLI work with no connection at all.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import psycopg2.extensions

from etl.load.database import database_url

if TYPE_CHECKING:
    from airflow.providers.postgres.hooks.postgres import PostgresHook
    from airflow.sdk import Connection

LOGGER = logging.getLogger(__name__)

WAREHOUSE_CONN_ID = "newswire_warehouse"
# Connection extras that are not libpq keywords (the Postgres provider's own list).
NOT_LIBPQ_EXTRAS = frozenset({"iam", "redshift", "cursor", "sqlalchemy_scheme", "aws_conn_id"})


def warehouse_connection() -> Connection | None:
    """The Airflow connection ``newswire_warehouse``, or None when none is defined."""
    from airflow.sdk import BaseHook
    from airflow.sdk.exceptions import AirflowNotFoundException

    try:
        return BaseHook.get_connection(WAREHOUSE_CONN_ID)
    except AirflowNotFoundException:
        return None


def warehouse_url() -> str:
    """A libpq DSN for the warehouse: the connection when it exists, else ``DATABASE_URL``."""
    conn = warehouse_connection()
    if conn is None:
        LOGGER.info("no Airflow connection %s: using DATABASE_URL", WAREHOUSE_CONN_ID)
        return database_url()
    LOGGER.info("warehouse from the Airflow connection %s", WAREHOUSE_CONN_ID)
    return connection_dsn(conn)


def connection_dsn(conn: Connection) -> str:
    """The libpq DSN of a Postgres connection: host, port, login, password, schema, extras."""
    fields: dict[str, Any] = {
        "host": conn.host or None,
        "port": conn.port or None,
        "user": conn.login or None,
        "password": conn.password or None,
        "dbname": conn.schema or None,
    }
    extras = {k: v for k, v in conn.extra_dejson.items() if k not in NOT_LIBPQ_EXTRAS}
    fields.update(extras)  # e.g. sslmode, or host=/socket/dir for a Unix socket
    return str(psycopg2.extensions.make_dsn(**{k: v for k, v in fields.items() if v is not None}))


def warehouse_hook() -> PostgresHook:
    """A Postgres hook on the warehouse for Airflow's SQL operators: connection, else URL."""
    from airflow.providers.postgres.hooks.postgres import PostgresHook
    from airflow.sdk import Connection

    conn = warehouse_connection()
    if conn is None:
        conn = Connection.from_uri(database_url(), conn_id=WAREHOUSE_CONN_ID)  # a libpq URI
    return PostgresHook(postgres_conn_id=WAREHOUSE_CONN_ID, connection=conn)
