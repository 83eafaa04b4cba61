"""Fixtures shared by the credibility tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from tests.webserver import NewsServer


@pytest.fixture
def news_server() -> Iterator[NewsServer]:
    server = NewsServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
