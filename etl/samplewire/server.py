"""A small local HTTP server for the sample wire, with the caching headers feeds have.

Serves ``site/edition-N/<path>`` (falling back to edition 1 for files an edition
does not change), fills ``{{BASE_URL}}`` in with its own address, answers
``If-None-Match`` with 304 like a real feed server, and counts requests so
tests can check what was fetched. ``/__edition__/N`` switches edition (tests
use it to publish an update between two fetches). Paths no file answers may
be the generated archive's (``archive.py``: two weeks of past stories with
their sitemaps and listing pages).
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from etl.samplewire import archive

LOGGER = logging.getLogger(__name__)

SITE_DIR = Path(__file__).resolve().parent / "site"
BASE_URL_PLACEHOLDER = b"{{BASE_URL}}"
CONTENT_TYPES = {
    ".xml": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


class SampleWireServer(ThreadingHTTPServer):
    """The server object; ``edition`` may be changed while it runs."""

    daemon_threads = True

    def __init__(
        self,
        port: int = 0,
        edition: int = 1,
        site_dir: Path = SITE_DIR,
        host: str = "127.0.0.1",
        public_url: str | None = None,
    ) -> None:
        super().__init__((host, port), _Handler)
        self.public_url = public_url  # the address clients use, when not the bound one (compose)
        self.edition = edition
        self.site_dir = site_dir
        self.requests: Counter[str] = Counter()
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        if self.public_url:
            return self.public_url.rstrip("/")
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def resolve(self, url_path: str) -> Path | None:
        relative = url_path.split("?", 1)[0].lstrip("/")
        if not relative or ".." in relative.split("/"):
            return None
        for edition in range(self.edition, 0, -1):
            candidate = self.site_dir / f"edition-{edition}" / relative
            if candidate.is_file():
                return candidate
        return None

    def start_in_background(self) -> SampleWireServer:
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()
        LOGGER.info("sample wire at %s (edition %d)", self.base_url, self.edition)
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: SampleWireServer

    def do_GET(self) -> None:
        if self.path.startswith("/__edition__/"):
            self._switch_edition()
            return
        self.server.requests[self.path] += 1
        path = self.server.resolve(self.path)
        if path is not None:
            raw = path.read_bytes()
            content_type = CONTENT_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0]
        elif (generated := archive.render(self.path)) is not None:
            raw, content_type = generated
        else:
            self._send(404, b"<html><body><h1>404 Not Found</h1></body></html>", "text/html")
            return
        body = raw.replace(BASE_URL_PLACEHOLDER, self.server.base_url.encode())
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self._send(304, b"", None, etag=etag)
            return
        self._send(200, body, content_type, etag=etag)

    def _switch_edition(self) -> None:
        try:
            self.server.edition = int(self.path.rsplit("/", 1)[1])
        except ValueError:
            self._send(400, b"edition must be a number", "text/plain")
            return
        self._send(200, f"edition {self.server.edition}".encode(), "text/plain")

    def _send(self, status: int, body: bytes, content_type: str | None, etag: str = "") -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if etag:
            self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        LOGGER.debug("sample wire: %s", format % args)
