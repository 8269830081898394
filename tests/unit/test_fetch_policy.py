"""The host fence and the error classes, offline: what a source may reach, what fails a task."""

from __future__ import annotations

import re

import psycopg2
import pytest

from etl.errors import FetchRefusedError, TransientError, is_transient
from etl.extract.fetch import HostPolicy
from etl.sources import ConfigError, Source
from etl.task_outcome import terminal_errors_fail_task


def _policy(*allow: str) -> HostPolicy:
    source = Source("wire", "TASS", ("https://feeds.example.org/rss",), allow_hosts=allow)
    return HostPolicy.for_source(source, list(source.feeds))


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://elsewhere.example.net/a", "not one this source may reach"),
        ("file:///etc/passwd", "not an HTTP(S) URL"),
        ("ftp://feeds.example.org/a", "not an HTTP(S) URL"),
        ("tag:wire.example,2026:1", "not an HTTP(S) URL"),
        ("http:///nohost", "without a host"),
        ("http://169.254.169.254/latest/meta-data/", "not one this source may reach"),
    ],
)
def test_refused_targets(url: str, reason: str) -> None:
    with pytest.raises(FetchRefusedError, match=re.escape(reason)):
        _policy().check(url)


def test_private_addresses_only_when_listed() -> None:
    source = Source("wire", "TASS", ("http://127.0.0.1:8765/rss",))
    fenced = HostPolicy.for_source(source, list(source.feeds))
    with pytest.raises(FetchRefusedError, match=r"internal address 127\.0\.0\.1"):
        fenced.check("http://127.0.0.1:8765/story")  # its own feed host, but loopback
    _policy("127.0.0.1").check("http://127.0.0.1:8765/story")
    _policy("localhost").check("http://localhost:8765/story")


def test_only_availability_errors_are_transient() -> None:
    assert is_transient(TransientError("timeout"))
    assert is_transient(psycopg2.OperationalError("server closed the connection unexpectedly"))
    assert not is_transient(ConfigError("unknown source"))
    assert not is_transient(AssertionError("needs a data interval"))
    assert not is_transient(FetchRefusedError("redirect loop"))


def test_terminal_errors_fail_the_task_at_once() -> None:
    from airflow.sdk.exceptions import AirflowFailException

    with (
        pytest.raises(AirflowFailException, match="unknown source 'x'"),
        terminal_errors_fail_task("ingest x"),
    ):
        raise ConfigError("unknown source 'x'")
    with pytest.raises(TransientError), terminal_errors_fail_task("ingest x"):
        raise TransientError("connection refused")
