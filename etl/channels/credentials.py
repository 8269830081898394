"""API keys: from an environment variable or an Airflow connection, never from the TOML.

An Airflow connection is read the way Airflow itself stores one in the
environment first (``AIRFLOW_CONN_<ID>``, a URI or JSON, the key being its
password), then through Airflow's own lookup (metadata database, secrets
backend) when the code runs inside an Airflow task.
"""

from __future__ import annotations

import json
import logging
import os
from urllib.parse import unquote, urlsplit

from etl.sources import ApiSettings, ConfigError

LOGGER = logging.getLogger(__name__)


def api_key(settings: ApiSettings) -> str | None:
    """The key the source's settings point at; ``None`` when the API needs none."""
    if settings.api_key_env:
        value = os.environ.get(settings.api_key_env)
        if not value:
            raise ConfigError(f"the API key variable {settings.api_key_env} is not set")
        return value
    if settings.api_key_connection:
        return connection_password(settings.api_key_connection)
    return None


def connection_password(conn_id: str) -> str:
    """The password of an Airflow connection (environment first, then Airflow)."""
    stored = os.environ.get(f"AIRFLOW_CONN_{conn_id.upper()}")
    password = _password_from_stored(stored) if stored else _password_from_airflow(conn_id)
    if not password:
        raise ConfigError(f"the Airflow connection {conn_id!r} has no password (the API key)")
    return password


def _password_from_stored(stored: str) -> str | None:
    """``AIRFLOW_CONN_X`` holds a URI (``http://:KEY@host``) or a JSON object."""
    text = stored.strip()
    if text.startswith("{"):
        try:
            value = json.loads(text).get("password")
        except (ValueError, AttributeError) as exc:
            raise ConfigError(f"an AIRFLOW_CONN_ variable is not valid JSON: {exc}") from exc
        return str(value) if value else None
    password = urlsplit(text).password
    return unquote(password) if password else None


def _password_from_airflow(conn_id: str) -> str | None:
    try:
        from airflow.sdk import Connection
    except ImportError as exc:
        raise ConfigError(
            f"the Airflow connection {conn_id!r} is not in the environment and Airflow is "
            "not installed"
        ) from exc
    try:
        connection = Connection.get(conn_id)
    except Exception as exc:  # Airflow raises its own types (not found, no task context)
        raise ConfigError(f"the Airflow connection {conn_id!r} cannot be read: {exc}") from exc
    password = connection.password
    return str(password) if password else None
