"""The router every app uses: detail routes take numeric ids only.

A viewset may still set its own ``lookup_value_regex``. With numeric ids, "articles/fetch/" can
never be read as an article's detail route, so the order in which apps include their routes does
not matter.
"""
from __future__ import annotations

from typing import Any

from rest_framework.routers import SimpleRouter

NUMERIC_ID = "[0-9]+"


class Router(SimpleRouter):
    def get_lookup_regex(self, viewset: Any, lookup_prefix: str = "") -> str:
        if not hasattr(viewset, "lookup_value_regex"):
            viewset.lookup_value_regex = NUMERIC_ID
        return super().get_lookup_regex(viewset, lookup_prefix)
