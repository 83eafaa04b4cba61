"""Reading hand-label evaluation data: JSON Lines files and the articles a label file points into.

The label files hold offsets and names only; the article texts stay in the data folder the
caller names. Both the ``evaluate`` command and the calibration script read them this way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every non-blank line of ``path`` as a JSON object."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def labelled_articles(path: Path, wanted: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The articles of ``path`` (JSON Lines with ``id``) whose id is in ``wanted``, by id.

    Raises ``ValueError`` when a wanted article is missing: scoring labels against the wrong
    file would silently count every label as missed.
    """
    wanted = set(wanted)
    articles = {row["id"]: row for row in read_jsonl(path) if row.get("id") in wanted}
    missing = wanted - set(articles)
    if missing:
        raise ValueError(f"{len(missing)} labelled articles are not in {path}, e.g. {sorted(missing)[0]}")
    return articles
