"""A local news site for ingestion tests: http.server on 127.0.0.1 in a thread.

Serves the pages and feeds of tests/fixtures/web/ (``{base}`` in them becomes the server's
base URL) and a few misbehaving routes, among them slow ones (``SLOW_ROUTES``: a body dripping one
byte at a time, headers dripping likewise, a chunked body that never ends; each gives up after a
minute or when the client hangs up). Feeds answer 304 when If-None-Match or
If-Modified-Since match. Every request is recorded in ``server.requests`` as (path, headers).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

WEB = Path(__file__).parent / "fixtures" / "web"

PAGES = {
    "/news/2024/03/harbour-bridge-closure.html": "harbour-bridge.html",
    "/news/2024/02/council-budget.html": "council-budget.html",
}
FEEDS = {"/feed.xml": "feed.xml", "/atom.xml": "atom.xml", "/malformed.xml": "malformed.xml"}
FEED_ETAG = '"feed-v1"'
FEED_LAST_MODIFIED = formatdate(1710232200, usegmt=True)  # Tue, 12 Mar 2024 08:30:00 GMT


SLOW_ROUTES = ("/slow-drip.html", "/slow-headers.html", "/endless-chunked.html")
SLOW_STEP = 0.2  # seconds between two pieces of a slow answer
SLOW_FOR = 60.0  # a slow answer stops after this long even if the client is still there


class _Handler(BaseHTTPRequestHandler):
    server: NewsServer

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def _send(
        self, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8", **headers: str
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def _file(self, name: str) -> bytes:
        return (WEB / name).read_text(encoding="utf-8").replace("{base}", self.server.base_url).encode("utf-8")

    def _slowly(self, pieces: Iterator[bytes]) -> None:
        began = time.monotonic()
        try:
            for piece in pieces:
                if time.monotonic() - began > SLOW_FOR:
                    break
                self.wfile.write(piece)
                time.sleep(SLOW_STEP)
        except OSError:  # the client gave up, as it should
            pass
        self.close_connection = True

    def _slow(self, path: str) -> None:
        def forever(piece: bytes) -> Iterator[bytes]:
            while True:
                yield piece

        if path == "/slow-drip.html":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html><p>")
            return self._slowly(forever(b"x"))
        if path == "/slow-headers.html":
            head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"a" * 5000 + b"\r\n\r\n"
            return self._slowly(head[i : i + 1] for i in range(len(head)))
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n")
        return self._slowly(forever(b"f\r\n<p>endless</p>\n\r\n"))

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self.path.split("?", 1)[0]
        self.server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        if path in SLOW_ROUTES:
            return self._slow(path)
        if path in PAGES:
            return self._send(200, self._file(PAGES[path]))
        if path in FEEDS:
            if (
                self.headers.get("If-None-Match") == FEED_ETAG
                or self.headers.get("If-Modified-Since") == FEED_LAST_MODIFIED
            ):
                self.send_response(304)
                self.send_header("ETag", FEED_ETAG)
                self.end_headers()
                return None
            return self._send(
                200,
                self._file(FEEDS[path]),
                "application/rss+xml; charset=utf-8",
                ETag=FEED_ETAG,
                Last_Modified=FEED_LAST_MODIFIED,
            )
        if path == "/broken-feed.xml":
            return self._send(500, b"<h1>Internal Server Error</h1>")
        if path.startswith("/redirect/"):
            hops = int(path.rsplit("/", 1)[1])
            target = f"/redirect/{hops - 1}" if hops > 1 else "/news/2024/03/harbour-bridge-closure.html"
            return self._send(302, b"", Location=target)
        if path == "/to-private":
            return self._send(302, b"", Location="http://10.255.255.1/secret")
        if path == "/big.html":
            paragraph = b"<p>" + b"All work and no play makes a very long article indeed. " * 20 + b"</p>\n"
            return self._send(200, b"<html><body><article>" + paragraph * 400 + b"</article></body></html>")
        if path == "/image.png":
            return self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        if path == "/empty.html":
            return self._send(
                200, b"<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
            )
        return self._send(404, b"<h1>Not found</h1>")


class NewsServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[tuple[str, dict[str, str]]] = []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for requested, headers in self.requests if requested.split("?", 1)[0] == path]
