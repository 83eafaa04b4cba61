"""``POST /api/v1/auth/token/``: username and password in, the user's API token out.

The one API endpoint open to anonymous writes, so it has its own, tight throttle (``token``
rate, per client address: ``REMOTE_ADDR`` unless ``NUM_PROXIES`` trusts a proxy's
``X-Forwarded-For``), and the login lockout of ``config.login_throttle`` per username and per
address: a 429 with ``Retry-After`` long before a password list gets far.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.parsers import FormParser
from rest_framework.request import Request
from rest_framework.response import Response

from config import login_throttle
from config.api.parsers import StrictJSONParser
from config.api.throttling import AnonThrottle, TokenThrottle


class TokenObtainView(ObtainAuthToken):
    throttle_classes = [AnonThrottle, TokenThrottle]
    throttle_scope = "token"
    # JSON, or the url-encoded login form that `curl -d username=... -d password=...` and HTML forms
    # send. The schema lists JSON only: a generated client has no use for a second body of the same
    # shape (openapi-python-client cannot even choose between them).
    parser_classes = [StrictJSONParser, FormParser]

    @extend_schema(
        summary="Get the API token of a user",
        description=(
            "Username and password in, the user's token out; send it as `Authorization: Token <key>`. "
            "A url-encoded form (`curl -d username=... -d password=...`) is accepted too."
        ),
        request={"application/json": AuthTokenSerializer},
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = request.data
        username = data.get("username", "") if hasattr(data, "get") else ""
        username = username[:150] if isinstance(username, str) else ""
        seconds = login_throttle.locked_for(request, username)
        if seconds:
            raise exceptions.Throttled(wait=seconds, detail="Request was throttled: too many failed logins.")
        try:
            response = super().post(request, *args, **kwargs)
        except exceptions.ValidationError:
            login_throttle.record_failure(request, username, entry="token")
            raise
        login_throttle.record_success(request, username)
        return response
