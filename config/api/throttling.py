"""DRF throttles whose rates are looked up per request.

DRF's ``SimpleRateThrottle`` copies ``DEFAULT_THROTTLE_RATES`` once, at import; reading them
from ``api_settings`` each time lets the environment (via settings) and ``override_settings``
in tests change them. A throttled request gets 429 with ``Retry-After`` (seconds), set by
DRF's exception handler, which ``config.api.exceptions.exception_handler`` keeps.
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import (
    AnonRateThrottle,
    ScopedRateThrottle,
    UserRateThrottle,
)


class _LiveRates:
    scope: str | None

    def get_rate(self) -> str | None:
        if self.scope is None:
            return None
        # drf-stubs types the rates as numbers; DRF's rates are strings such as "100/min".
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)  # type: ignore[return-value]


class AnonThrottle(_LiveRates, AnonRateThrottle):
    """Requests without credentials, per client address (``anon``)."""


class UserThrottle(_LiveRates, UserRateThrottle):
    """Authenticated requests, per user (``user``)."""


class TokenThrottle(_LiveRates, ScopedRateThrottle):
    """The token endpoint, per client address (``token``): slows password guessing."""
