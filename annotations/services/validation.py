"""Domain validation of write-service input, as Django ValidationErrors the API and admin both answer as 400."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from annotations.text.safety import text_problem


def text_check(**fields: Any) -> None:
    """Raise a ValidationError naming every field whose text (or list of texts) cannot be stored."""
    errors: dict[str, str] = {}
    for name, value in fields.items():
        values = value if isinstance(value, (list, tuple, set, frozenset)) else (value,)
        for item in values:
            problem = text_problem(item) if isinstance(item, str) else None
            if problem:
                errors[name] = problem
                break
    if errors:
        raise ValidationError(errors)
