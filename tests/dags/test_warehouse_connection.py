"""The Airflow connection newswire_warehouse as the pipeline's libpq DSN."""

from __future__ import annotations

import json

import psycopg2.extensions
import pytest

pytestmark = pytest.mark.dag


def test_a_postgres_connection_becomes_a_libpq_dsn_with_its_libpq_extras() -> None:
    from airflow.sdk import Connection

    from etl.warehouse_connection import connection_dsn

    conn = Connection(
        conn_id="newswire_warehouse",
        conn_type="postgres",
        host="db.example",
        port=5433,
        login="newswire",
        password="p@ss word",
        schema="newswire",
        extra=json.dumps({"sslmode": "require", "cursor": "dictcursor"}),
    )
    assert psycopg2.extensions.parse_dsn(connection_dsn(conn)) == {
        "host": "db.example",
        "port": "5433",
        "user": "newswire",
        "password": "p@ss word",
        "dbname": "newswire",
        "sslmode": "require",
    }


def test_a_unix_socket_uri_keeps_its_socket_folder() -> None:
    """The embedded server's URL (host in the query) survives the trip through a connection."""
    from airflow.sdk import Connection

    from etl.warehouse_connection import connection_dsn

    conn = Connection.from_uri(
        "postgresql://postgres@/newswire?host=/srv/newswire/pgdata", conn_id="newswire_warehouse"
    )
    assert psycopg2.extensions.parse_dsn(connection_dsn(conn)) == {
        "host": "/srv/newswire/pgdata",
        "user": "postgres",
        "dbname": "newswire",
    }
