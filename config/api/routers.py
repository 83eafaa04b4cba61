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
        # DRF's own pattern, with a numeric default instead of "[^/.]+".
        lookup_url_kwarg = getattr(viewset, "lookup_url_kwarg", None) or getattr(viewset, "lookup_field", "pk")
        lookup_value = getattr(viewset, "lookup_value_regex", NUMERIC_ID)
        return f"(?P<{lookup_prefix}{lookup_url_kwarg}>{lookup_value})"
