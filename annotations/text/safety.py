"""Text that no column may store: NUL and lone surrogates. Pure: the services, the API parser and the admin share it."""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored, or None when it can."""
    if "\x00" in value:
        return "NUL characters (U+0000) are not allowed."
    if _SURROGATE.search(value):
        return "Lone surrogate code points (U+D800 to U+DFFF) are not allowed."
    return None
