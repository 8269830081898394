"""HTTP fetching: conditional GET for feeds, bounded and polite page requests.

Returns what the server said (status, headers, bytes) rather than raising on
4xx: a 404 page is an input to quarantine with its reason, not a crash.
Connection failures, timeouts, 429 and 5xx are retried with backoff and, when
they persist, raised as ``TransientError`` so Airflow retries the task.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import requests

from etl.errors import TransientError
from etl.sources import FetchPolicy

LOGGER = logging.getLogger(__name__)

RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})
# Headers worth keeping with the raw document (the rest is noise).
KEPT_HEADERS = (
    "content-type",
    "content-length",
    "etag",
    "last-modified",
    "date",
    "content-encoding",
    "content-language",
)


@dataclass(frozen=True)
class FetchResult:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    truncated: bool = False

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


@dataclass
class Fetcher:
    """One HTTP session per task run, with per-host politeness delays and robots.txt."""

    policy: FetchPolicy
    session: requests.Session = field(default_factory=requests.Session)
    _last_request_at: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, RobotFileParser | None] = field(default_factory=dict)

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets our user agent fetch ``url``.

        An unreachable or missing robots.txt allows everything, as crawlers
        conventionally read it; it is fetched once per host and run.
        """
        if not self.policy.respect_robots_txt:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        rules = self._robots[origin]
        return rules is None or rules.can_fetch(self.policy.user_agent, url)

    def _read_robots(self, origin: str) -> RobotFileParser | None:
        try:
            response = self.session.get(
                f"{origin}/robots.txt",
                headers={"User-Agent": self.policy.user_agent},
                timeout=self.policy.timeout_seconds,
            )
        except requests.RequestException:
            return None
        if response.status_code != 200:
            return None
        rules = RobotFileParser()
        rules.parse(response.text.splitlines())
        return rules

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        headers = {"User-Agent": self.policy.user_agent}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        last_problem = ""
        for attempt in range(1, self.policy.retries + 2):
            self._wait_for_host(url)
            try:
                result = self._get_once(url, headers)
            except requests.RequestException as exc:
                last_problem = f"{type(exc).__name__}: {exc}"
            else:
                if result.status not in RETRYABLE_STATUS:
                    return result
                last_problem = f"HTTP {result.status}"
            if attempt <= self.policy.retries:
                LOGGER.warning("fetch %s failed (%s), retry %d", url, last_problem, attempt)
                time.sleep(min(2.0 ** (attempt - 1) * self.policy.backoff_seconds, 8.0))
        raise TransientError(f"fetching {url} failed: {last_problem}")

    def _get_once(self, url: str, headers: dict[str, str]) -> FetchResult:
        with self.session.get(
            url, headers=headers, timeout=self.policy.timeout_seconds, stream=True
        ) as response:
            body, truncated = _read_bounded(response, self.policy.max_bytes)
            kept = {k: v for k, v in response.headers.lower_items() if k in KEPT_HEADERS}
            LOGGER.info("fetched %s: HTTP %s, %d bytes", url, response.status_code, len(body))
            return FetchResult(
                url=url,
                status=response.status_code,
                headers=kept,
                body=body,
                fetched_at=datetime.now(UTC),
                truncated=truncated,
            )

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        previous = self._last_request_at.get(host)
        if previous is not None and self.policy.delay_seconds > 0:
            pause = self.policy.delay_seconds - (time.monotonic() - previous)
            if pause > 0:
                time.sleep(pause)
        self._last_request_at[host] = time.monotonic()


def _read_bounded(response: requests.Response, max_bytes: int) -> tuple[bytes, bool]:
    """Read at most ``max_bytes``: a runaway page must not fill memory."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(chunk_size=65536):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            return b"".join(chunks)[:max_bytes], True
    return b"".join(chunks), False
