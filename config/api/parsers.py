"""The JSON parser every API view uses: depth-, integer- and text-checked bodies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from annotations.text.safety import text_problem

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def json_problem(data: Any, *, max_depth: int) -> str | None:
    """The first reason a parsed JSON document is refused, with the path to it; None when fine."""
    stack: list[tuple[Any, int, str]] = [(data, 1, "$")]
    while stack:
        value, depth, path = stack.pop()
        if isinstance(value, (Mapping, list)):
            if depth > max_depth:
                return f"JSON nested deeper than {max_depth} levels at {path}."
            items = value.items() if isinstance(value, Mapping) else enumerate(value)
            for key, item in items:
                if isinstance(key, str) and (problem := text_problem(key)):
                    return f"Key at {path}: {problem}"
                stack.append((item, depth + 1, f"{path}.{key}" if isinstance(key, str) else f"{path}[{key}]"))
        elif isinstance(value, str):
            if problem := text_problem(value):
                return f"{path}: {problem}"
        elif isinstance(value, int) and not isinstance(value, bool) and not INT64_MIN <= value <= INT64_MAX:
            return f"{path}: integer outside the 64-bit range."
    return None


class StrictJSONParser(JSONParser):
    """DRF's JSON parser plus the document-wide checks of ``json_problem`` (400 on failure)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:  # the C decoder gives up on thousands of nested brackets
            raise ParseError("JSON nested too deeply.") from exc
        problem = json_problem(data, max_depth=settings.API_MAX_JSON_DEPTH)
        if problem:
            raise ParseError(problem)
        return data
