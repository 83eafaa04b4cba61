"""The one reader of the environment for the settings modules: ``env = Env()`` (django-environ).

``Env`` is django-environ's reader with the readings these settings always had, where the
library's defaults differ:

- a boolean is true only for ``1``, ``true``, ``yes`` or ``on`` (any case, spaces around ignored),
  and an empty value counts as unset (django-environ also takes ``ok``, ``y`` and any non-zero
  number, and reads an empty value as false: ``SECURE_COOKIES=`` would turn secure cookies off);
- a list is comma-separated, each item stripped, empty items dropped;
- a float is Python's ``float()`` (django-environ first drops every character but digits, ``,``
  and ``.``, so ``1e3`` would read 13);
- a value is taken literally even when it starts with ``$`` (django-environ reads ``$NAME`` as a
  reference to another variable; a generated ``SECRET_KEY`` may well start with ``$``).
"""

from __future__ import annotations

from typing import Any

import environ

_TRUE = ("1", "true", "yes", "on")


class Env(environ.Env):
    BOOLEAN_TRUE_STRINGS = _TRUE

    @classmethod
    def parse_value(cls, value: Any, cast: Any) -> Any:
        if cast is bool:
            return str(value).strip().lower() in _TRUE
        if cast is float:
            return float(value)
        if cast is list:
            return [item.strip() for item in str(value).split(",") if item.strip()]
        return super().parse_value(value, cast)

    def get_value(
        self, var: str, cast: Any = None, default: Any = environ.Env.NOTSET, parse_default: bool = False
    ) -> Any:
        raw = self.ENVIRON.get(f"{self.prefix}{var}")
        if raw == "" and cast is bool and default is not self.NOTSET:
            return default
        if isinstance(raw, str) and raw.startswith("$"):
            return self.parse_value(raw, cast)
        return super().get_value(var, cast=cast, default=default, parse_default=parse_default)


env = Env()
