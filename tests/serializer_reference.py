"""What the hand-written read serializers (issue 8) are compared with, byte for byte: DRF's own output."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.renderers import JSONRenderer


def drf_representation(serializer_class: type[serializers.ModelSerializer], instance: Any) -> dict[str, Any]:
    """DRF's generic walk over the declared fields, bypassing a hand-written ``to_representation``."""
    return serializers.ModelSerializer.to_representation(serializer_class(), instance)


def render(data: Any) -> bytes:
    return JSONRenderer().render(data)
