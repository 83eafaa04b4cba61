"""Password-guessing protection for the two login forms: ``/admin/login/`` and ``POST /api/v1/auth/token/``.

Failures are counted in the Django cache (Redis when ``REDIS_URL`` is set, so every process
shares them) per username and per client address, each against its own limit within
``LOGIN_FAILURE_WINDOW_SECONDS``. Reaching a limit locks that username (or that address) out:
every attempt, right password included, answers 429 with ``Retry-After`` until the lock ends.
Each further failure after a lockout doubles it (backoff), up to ``LOGIN_LOCKOUT_MAX_SECONDS``.
Lockouts are logged (logger ``config.login_throttle``, WARNING) with username and address.

The client address is the one DRF's throttles use (``client_address``): ``REMOTE_ADDR`` unless
``NUM_PROXIES`` (env, default 0) says how many reverse proxies in front of the app append to
``X-Forwarded-For``; a client-supplied header is never trusted beyond that count, so rotating
``X-Forwarded-For`` does not give a fresh budget.

(django-axes does the same with its own tables and an authentication backend that wraps every
``authenticate()``; this module covers exactly the two login entry points with the cache the
throttles already use.)
"""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from rest_framework.settings import api_settings

logger = logging.getLogger(__name__)


def client_address(request: Any) -> str:
    """DRF's ``BaseThrottle.get_ident``: the address ``NUM_PROXIES`` reverse proxies vouch for.

    ``NUM_PROXIES`` 0 (the default here): ``REMOTE_ADDR``, no forwarding header is trusted. N > 0:
    the N-th address from the right of ``X-Forwarded-For`` (the one the outermost trusted proxy saw).
    """
    meta = request.META
    remote = meta.get("REMOTE_ADDR") or ""
    num_proxies = api_settings.NUM_PROXIES
    forwarded = meta.get("HTTP_X_FORWARDED_FOR")
    if num_proxies is not None and forwarded:
        if num_proxies == 0:
            return remote
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(num_proxies, len(hops))]
    return remote


def _setting(name: str, default: float) -> float:
    return float(getattr(settings, name, default))


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"login-throttle:{kind}:{digest}"


def _subjects(request: Any, username: str) -> list[tuple[str, str, float]]:
    subjects = [("address", client_address(request), _setting("LOGIN_FAILURES_PER_ADDRESS", 20))]
    if username:
        subjects.append(("username", username.strip().lower(), _setting("LOGIN_FAILURES_PER_USERNAME", 5)))
    return subjects


def locked_for(request: Any, username: str) -> int:
    """Seconds until this username and this address may try again (0: not locked out)."""
    now = time.time()
    remaining = 0.0
    for kind, value, _limit in _subjects(request, username):
        until = cache.get(_key(f"lock-{kind}", value))
        if until and until > now:
            remaining = max(remaining, until - now)
    return math.ceil(remaining)


def record_failure(request: Any, username: str, *, entry: str) -> None:
    window = int(_setting("LOGIN_FAILURE_WINDOW_SECONDS", 900))
    base = _setting("LOGIN_LOCKOUT_SECONDS", 60)
    ceiling = _setting("LOGIN_LOCKOUT_MAX_SECONDS", 3600)
    for kind, value, limit in _subjects(request, username):
        key = _key(f"fail-{kind}", value)
        cache.add(key, 0, timeout=window)
        try:
            failures = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)
            failures = 1
        if failures >= limit:
            seconds = min(ceiling, base * 2 ** (failures - limit))
            cache.set(_key(f"lock-{kind}", value), time.time() + seconds, timeout=math.ceil(seconds))
            logger.warning(
                "Login lockout (%s): %s failures for %s %r from %s; locked for %ds",
                entry,
                failures,
                kind,
                value,
                client_address(request),
                seconds,
            )


def record_success(request: Any, username: str) -> None:
    if username:
        cache.delete(_key("fail-username", username.strip().lower()))


def locked_out_response(seconds: int) -> HttpResponse:
    response = HttpResponse(
        f"Too many failed logins. Try again in {seconds} seconds.\n",
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(max(seconds, 1))
    return response


def throttled_admin_login(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap ``AdminSite.login``: a locked-out POST is a 429, a re-rendered form (200) a failure,
    a redirect a success."""

    @functools.wraps(view)
    def login(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "POST":
            return view(request, *args, **kwargs)
        username = str(request.POST.get("username", ""))[:150]
        seconds = locked_for(request, username)
        if seconds:
            logger.warning("Login refused (admin, locked out): %r from %s", username, client_address(request))
            return locked_out_response(seconds)
        response = view(request, *args, **kwargs)
        if response.status_code in (301, 302, 303) and request.user.is_authenticated:
            record_success(request, username)
        elif response.status_code == 200:
            record_failure(request, username, entry="admin")
        return response

    return login
