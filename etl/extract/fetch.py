"""HTTP fetching: conditional GET for feeds, bounded, polite and fenced page requests.

Returns what the server said (status, headers, bytes) rather than raising on
4xx: a 404 page is an input to quarantine with its reason, not a crash.

What a source may reach (``HostPolicy``): its feeds' hosts and its
``allow_hosts``; never a private, loopback or link-local address (after DNS
resolution) nor a non-HTTP(S) URL unless ``allow_hosts`` names it. Redirects
are followed here, one hop at a time, each hop checked; the final URL is what
``FetchResult.url`` holds (``requested_url`` the one asked for).

Bounds: each request has a total deadline (``request_deadline_seconds``,
checked between reads, so a server trickling a byte a second is cut off),
the whole source a time budget (``source_budget_seconds``); what does not fit
raises ``DeferredError`` and is left for the next run. Retries of connection
failures, 429 and 5xx are urllib3's ``Retry`` (backoff, ``Retry-After``
honoured when it fits the budget); failures that outlast them are
``TransientError``. A refused host, a redirect loop or a non-URL are
``FetchRefusedError``: terminal for that item.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import logging
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from etl.errors import DeferredError, FetchRefusedError, TransientError
from etl.extract.connection_watch import ConnectionWatch, WatchedAdapter
from etl.sources import FetchPolicy, Source

LOGGER = logging.getLogger(__name__)

RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
WEB_SCHEMES = frozenset({"http", "https"})
# Headers worth keeping with the raw document (the rest is noise).
KEPT_HEADERS = (
    "content-type",
    "content-length",
    "etag",
    "last-modified",
    "date",
    "content-encoding",
    "content-language",
    "retry-after",
    "location",
)
READ_CHUNK = 65_536


@dataclass(frozen=True)
class FetchResult:
    url: str  # where the bytes came from: the final URL after redirects
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    truncated: bool = False
    requested_url: str | None = None  # the URL asked for, when redirects led elsewhere

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


@dataclass(frozen=True)
class HostPolicy:
    """The hosts one source may reach; ``listed`` ones also on private addresses."""

    hosts: frozenset[str]
    listed: frozenset[str] = frozenset()

    @classmethod
    def for_source(cls, source: Source, feed_urls: list[str]) -> HostPolicy:
        """A source reaches its feeds' hosts and its ``allow_hosts``."""
        listed = frozenset(h.lower() for h in source.allow_hosts)
        feed_hosts = frozenset((urlsplit(u).hostname or "").lower() for u in feed_urls)
        return cls(hosts=(feed_hosts | listed) - {""}, listed=listed)

    def check(self, url: str) -> str | None:
        """Raise ``FetchRefusedError`` unless ``url`` is one this source may request.

        Returns the address the host resolved to and was checked on, for the
        connection to be made to (``None`` for a host ``allow_hosts`` lists,
        or one that does not resolve): a second lookup by the HTTP client
        could answer otherwise (DNS rebinding).
        """
        parts = urlsplit(url)
        if parts.scheme.lower() not in WEB_SCHEMES:
            raise FetchRefusedError(f"not an HTTP(S) URL: {url[:200]!r}")
        host = (parts.hostname or "").lower()
        if not host:
            raise FetchRefusedError(f"URL without a host: {url[:200]!r}")
        if host not in self.hosts:
            raise FetchRefusedError(f"host {host!r} is not one this source may reach")
        if host in self.listed:
            return None
        addresses = _addresses(host, parts.port or (443 if parts.scheme == "https" else 80))
        for address in addresses:
            if address in self.listed:
                continue
            if _internal(address):
                raise FetchRefusedError(
                    f"host {host!r} resolves to internal address {address} (not in allow_hosts)"
                )
        return addresses[0] if addresses else None


def _addresses(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (none when it does not: the request then fails)."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return []
    return sorted({str(info[4][0]) for info in infos})


def _internal(address: str) -> bool:
    """Private, loopback, link-local (cloud metadata), multicast, reserved or unspecified."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return bool(
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


class BudgetRetry(Retry):
    """urllib3's ``Retry`` that will not wait past the source's time budget.

    A ``Retry-After`` longer than what is left (or a backoff that would cross
    the deadline) raises ``DeferredError``: the item waits for the next run
    instead of holding the source, and is not failed.
    """

    deadline: float | None = None
    # which deadline binds: the request's own ('deadline') or the source's budget
    binding: str = "budget"

    def new(self, **kw: Any) -> BudgetRetry:
        retry = super().new(**kw)
        retry.deadline = self.deadline
        retry.binding = self.binding
        return retry

    def sleep_for_retry(self, response: Any) -> bool:
        retry_after = self.get_retry_after(response)
        if retry_after and self.deadline is not None:
            left = self.deadline - time.monotonic()
            if retry_after > left:
                raise DeferredError(
                    f"server asked to retry after {retry_after:.0f} s; "
                    f"{max(left, 0):.0f} s left in the time budget",
                    kind="retry_after",
                )
        return bool(super().sleep_for_retry(response))

    def _sleep_backoff(self) -> None:
        if self.deadline is not None and time.monotonic() + self.get_backoff_time() > self.deadline:
            what = "the time budget" if self.binding == "budget" else "the request's deadline"
            raise DeferredError(f"no time left before {what} for another retry", kind=self.binding)
        super()._sleep_backoff()


@dataclass
class Fetcher:
    """One HTTP session per task run, with per-host politeness delays and robots.txt.

    ``hosts`` None means no host fence (ad-hoc use, tests of the HTTP side);
    the pipeline always gives a source's ``HostPolicy``.
    """

    policy: FetchPolicy
    hosts: HostPolicy | None = None
    session: requests.Session = field(default_factory=requests.Session)
    started: float = field(default_factory=time.monotonic)
    _watch: ConnectionWatch = field(default_factory=ConnectionWatch)
    _adapter: HTTPAdapter = field(init=False)
    _last_request_at: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, RobotFileParser | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._adapter = WatchedAdapter(self._watch)
        self.session.mount("http://", self._adapter)
        self.session.mount("https://", self._adapter)

    @property
    def budget_deadline(self) -> float:
        return self.started + self.policy.source_budget_seconds

    def budget_left(self) -> float:
        return self.budget_deadline - time.monotonic()

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets our user agent fetch ``url``.

        An unreachable or missing robots.txt allows everything, as crawlers
        conventionally read it; it is fetched once per host and run, without
        following redirects.
        """
        if not self.policy.respect_robots_txt:
            return True
        parts = urlsplit(url)
        if parts.scheme.lower() not in WEB_SCHEMES:
            return True  # get() refuses it with the reason
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        rules = self._robots[origin]
        return rules is None or rules.can_fetch(self.policy.user_agent, url)

    def _read_robots(self, origin: str) -> RobotFileParser | None:
        url = f"{origin}/robots.txt"
        try:
            if self.hosts is not None:
                self._watch.pin(urlsplit(url).hostname or "", self.hosts.check(url))
            result = self._get_once(url, {"User-Agent": self.policy.user_agent}, retries=False)
        except (requests.RequestException, FetchRefusedError, DeferredError, TransientError):
            return None
        if result.status != 200 or result.truncated:
            return None
        rules = RobotFileParser()
        rules.parse(result.body.decode("utf-8", "replace").splitlines())
        return rules

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> FetchResult:
        """Fetch ``url``, following redirects hop by hop, each hop fenced and bounded.

        ``headers`` adds to ours (an API key header: never stored).
        """
        headers = {**(headers or {}), "User-Agent": self.policy.user_agent}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = [url]
        current = url
        while True:
            if self.hosts is not None:
                self._watch.pin(urlsplit(current).hostname or "", self.hosts.check(current))
            result = self._get_with_retries(current, headers)
            location = result.headers.get("location")
            if result.status not in REDIRECT_STATUS or not location:
                if current != url:
                    return _replace(result, requested_url=url)
                return result
            target = urljoin(current, location)
            if target in seen:
                raise FetchRefusedError(f"redirect loop: {' -> '.join([*seen, target])[:500]}")
            if len(seen) > self.policy.max_redirects:
                hops = self.policy.max_redirects
                raise FetchRefusedError(f"more than {hops} redirects from {url}")
            LOGGER.info("redirect %s -> %s", current, target)
            seen.append(target)
            current = target

    def _get_with_retries(self, url: str, headers: dict[str, str]) -> FetchResult:
        if self.budget_left() <= 0:
            raise DeferredError("the source's time budget is spent", kind="budget")
        self._wait_for_host(url)
        try:
            result = self._get_once(url, headers, retries=True)
        except (
            requests.exceptions.MissingSchema,
            requests.exceptions.InvalidSchema,
            requests.exceptions.InvalidURL,
        ) as exc:  # an item whose guid is no URL: the same on every retry
            raise FetchRefusedError(f"not a valid URL: {exc}") from exc
        except requests.RequestException as exc:
            raise TransientError(f"fetching {url} failed: {type(exc).__name__}: {exc}") from exc
        if result.status in RETRYABLE_STATUS:
            raise TransientError(f"fetching {url} failed: HTTP {result.status} after retries")
        return result

    def _get_once(self, url: str, headers: dict[str, str], *, retries: bool) -> FetchResult:
        deadline = min(
            time.monotonic() + self.policy.request_deadline_seconds, self.budget_deadline
        )
        binding = "budget" if deadline >= self.budget_deadline else "deadline"
        self._mount(deadline if retries else None, binding)
        timeout = max(min(self.policy.timeout_seconds, deadline - time.monotonic()), 0.1)
        what = "the time budget ran out" if binding == "budget" else "request deadline passed"
        late = DeferredError(f"{what} before the response headers of {url}", kind=binding)
        with self._watch.deadline(deadline - time.monotonic()):
            try:
                response = self.session.get(
                    url, headers=headers, timeout=timeout, stream=True, allow_redirects=False
                )
            except (requests.RequestException, DeferredError):
                # cut at the deadline: whatever urllib3 made of it (a broken response,
                # a retry with no time left), the response headers never came in time
                if self._watch.cut_at_deadline:
                    raise late from None
                raise
        if self._watch.cut_at_deadline:  # cut mid-headers: http.client takes EOF as their end
            response.close()
            raise late
        with response:
            body, truncated = _read_bounded(response, self.policy.max_bytes, deadline, url)
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

    def _mount(self, deadline: float | None, binding: str) -> None:
        """A fresh ``BudgetRetry`` for this request (retries=False: one attempt)."""
        retry = BudgetRetry(
            total=self.policy.retries if deadline is not None else 0,
            redirect=0,
            status_forcelist=RETRYABLE_STATUS,
            allowed_methods=frozenset({"GET"}),
            backoff_factor=self.policy.backoff_seconds,
            backoff_max=8.0,
            respect_retry_after_header=True,
            raise_on_status=False,
            raise_on_redirect=False,
        )
        retry.deadline = deadline
        retry.binding = binding
        self._adapter.max_retries = retry

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        previous = self._last_request_at.get(host)
        if previous is not None and self.policy.delay_seconds > 0:
            pause = self.policy.delay_seconds - (time.monotonic() - previous)
            if pause > 0:
                time.sleep(pause)
        self._last_request_at[host] = time.monotonic()


def _replace(result: FetchResult, **changes: Any) -> FetchResult:
    return dataclasses.replace(result, **changes)


def _read_bounded(
    response: requests.Response, max_bytes: int, deadline: float, url: str
) -> tuple[bytes, bool]:
    """Read at most ``max_bytes`` (decoded) before ``deadline``: no runaway page or trickle.

    ``read1`` returns after one read of the socket and decodes at most a
    chunk (urllib3 bounds gzip/deflate output), so a gzip bomb stops at
    ``max_bytes`` and a slow server at the deadline.
    """
    chunks: list[bytes] = []
    size = 0
    raw = response.raw
    try:
        while True:
            if time.monotonic() > deadline:
                raise DeferredError(
                    f"request deadline passed after {size} bytes of {url}", kind="deadline"
                )
            chunk = raw.read1(READ_CHUNK, decode_content=True)
            if not chunk:
                return b"".join(chunks), False
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                return b"".join(chunks)[:max_bytes], True
    except DeferredError:
        raise
    except Exception as exc:  # urllib3 protocol/decode errors, resets mid-body
        raise requests.exceptions.ConnectionError(f"reading the body failed: {exc}") from exc
