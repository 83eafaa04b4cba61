"""Serializer field helpers shared by the hand-written read serializers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings


def datetime_representer() -> Callable[[datetime | None], str | None]:
    """DRF's ``DateTimeField().to_representation`` with its settings and time zone looked up once.

    Hand-written read serializers call the result once per value: the same text as the field gives
    (ISO 8601 in the current time zone, ``Z`` for UTC; None stays None), without resolving
    ``DATETIME_FORMAT`` and the current time zone again for every value. Anything but an aware
    datetime under the ISO format goes through the DRF field itself.
    """
    field = serializers.DateTimeField()
    output_format = api_settings.DATETIME_FORMAT
    zone = timezone.get_current_timezone() if settings.USE_TZ else None
    if zone is None or not isinstance(output_format, str) or output_format.lower() != ISO_8601:
        return lambda value: None if value is None else field.to_representation(value)

    def represent(value: datetime | None) -> str | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.utcoffset() is None:
            return field.to_representation(value)
        try:
            text = value.astimezone(zone).isoformat()
        except OverflowError:
            return field.to_representation(value)  # DRF's own "overflow" error
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return represent
