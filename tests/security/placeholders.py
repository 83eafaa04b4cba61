"""Filling ``{name}`` placeholders in the request tables of the security tests with the ids a fixture made."""

from __future__ import annotations

from typing import Any


def fill(value: Any, ids: dict[str, Any]) -> Any:
    """``value`` with every ``{name}`` replaced by ``ids[name]``, through dicts (keys too) and lists.

    A string that is only a placeholder becomes the id itself (an int stays an int in a JSON body)."""
    if isinstance(value, str):
        for key, pk in ids.items():
            if value == "{" + key + "}":
                return pk
            value = value.replace("{" + key + "}", str(pk))
        return value
    if isinstance(value, dict):
        return {fill(k, ids): fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, ids) for v in value]
    return value
