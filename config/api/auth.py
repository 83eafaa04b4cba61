"""``POST /api/v1/auth/token/``: username and password in, the user's API token out.

The one API endpoint open to anonymous writes, so it has its own, tight throttle (``token``
rate, per client address): a 429 with ``Retry-After`` long before a password list gets far.
"""
from __future__ import annotations

from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.parsers import FormParser, MultiPartParser

from config.api.parsers import StrictJSONParser
from config.api.throttling import AnonThrottle, TokenThrottle


class TokenObtainView(ObtainAuthToken):
    throttle_classes = [AnonThrottle, TokenThrottle]
    throttle_scope = "token"
    parser_classes = [StrictJSONParser, FormParser, MultiPartParser]
