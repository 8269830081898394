"""Each request watched on its connection: a deadline in every phase, the address pinned.

``requests`` and urllib3 bound each socket read (``timeout``), not a whole
request: a server that sends its status line and headers a byte a second
never trips a read timeout, and the body reader (``fetch._read_bounded``)
only starts once the headers are in. So each request is watched: the
connection it runs on is noted when the pool hands it out, and a timer at
the request's deadline shuts that connection's socket down. The blocked read
returns at once, the request fails, and the fetcher reports the deadline.

The same pools connect to the address the host fence checked
(``HostPolicy.check``), not to a fresh DNS answer: a name that resolves to a
public address for the check and to ``127.0.0.1`` a moment later (DNS
rebinding) still reaches only the checked address. The Host header, TLS SNI
and certificate check keep the name.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


class ConnectionWatch:
    """The connection the current request runs on, a way to cut it, and checked addresses."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connection: Any = None
        self.cut_at_deadline = False
        self.pinned: dict[str, str] = {}

    def pin(self, host: str, address: str | None) -> None:
        """New connections to ``host`` go to ``address`` (the one checked), if any."""
        if address is None:
            self.pinned.pop(host.lower(), None)
        else:
            self.pinned[host.lower()] = address

    def using(self, connection: Any) -> None:
        with self._lock:
            self._connection = connection

    def cut(self) -> None:
        """Shut the socket down: a read blocked on it returns, whatever it was reading."""
        with self._lock:
            sock = getattr(self._connection, "sock", None)
            self.cut_at_deadline = True
        if sock is not None:
            with suppress(OSError):  # already closed
                sock.shutdown(socket.SHUT_RDWR)

    @contextmanager
    def deadline(self, seconds: float) -> Iterator[None]:
        """Cut the request's connection if the block has not ended within ``seconds``."""
        self.cut_at_deadline = False
        timer = threading.Timer(max(seconds, 0.0), self.cut)
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()


class WatchedAdapter(HTTPAdapter):
    """An ``HTTPAdapter`` whose pools tell a ``ConnectionWatch`` which connection they hand out."""

    def __init__(self, watch: ConnectionWatch, **kwargs: Any) -> None:
        self.watch = watch
        super().__init__(**kwargs)

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **kw: Any
    ) -> None:
        super().init_poolmanager(connections, maxsize, block, **kw)
        watch = self.watch

        def watched(base: type[HTTPConnectionPool]) -> type[HTTPConnectionPool]:
            class WatchedPool(base):  # type: ignore[valid-type,misc]
                ConnectionCls = _pinned(base.ConnectionCls)

                def _new_conn(self) -> Any:
                    connection = super()._new_conn()
                    connection.pinned_address = watch.pinned.get(str(self.host).lower())
                    return connection

                def _get_conn(self, timeout: float | None = None) -> Any:
                    connection = super()._get_conn(timeout)
                    watch.using(connection)
                    return connection

            return WatchedPool

        self.poolmanager.pool_classes_by_scheme = {
            "http": watched(HTTPConnectionPool),
            "https": watched(HTTPSConnectionPool),
        }


def _pinned(base: Any) -> Any:
    """``base`` (urllib3's HTTP(S)Connection) opening its socket to ``pinned_address``."""

    class PinnedConnection(base):  # type: ignore[misc]
        pinned_address: str | None = None

        def _new_conn(self) -> socket.socket:
            # urllib3 connects to ``_dns_host``; the name stays ``host`` everywhere else
            # only while it is restored at once (urllib3 2.x, pinned in the lock).
            if self.pinned_address is None:
                return super()._new_conn()  # type: ignore[no-any-return]
            name = getattr(self, "_dns_host")  # noqa: B009 (urllib3's own attribute)
            setattr(self, "_dns_host", self.pinned_address)  # noqa: B010
            try:
                return super()._new_conn()  # type: ignore[no-any-return]
            finally:
                setattr(self, "_dns_host", name)  # noqa: B010

    return PinnedConnection
