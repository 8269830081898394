"""A request's deadline that holds in every phase, the response headers included.

``requests`` and urllib3 bound each socket read (``timeout``), not a whole
request: a server that sends its status line and headers a byte a second
never trips a read timeout, and the body reader (``fetch._read_bounded``)
only starts once the headers are in. So each request is watched: the
connection it runs on is noted when the pool hands it out, and a timer at
the request's deadline shuts that connection's socket down. The blocked read
returns at once, the request fails, and the fetcher reports the deadline.
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
    """The connection the current request runs on, and a way to cut it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connection: Any = None
        self.cut_at_deadline = False

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
                def _get_conn(self, timeout: float | None = None) -> Any:
                    connection = super()._get_conn(timeout)
                    watch.using(connection)
                    return connection

            return WatchedPool

        self.poolmanager.pool_classes_by_scheme = {
            "http": watched(HTTPConnectionPool),
            "https": watched(HTTPSConnectionPool),
        }
