"""Reads over stored revisions that need computing: the diff between two of them."""
from __future__ import annotations

from typing import Any

from annotations.models import Article, ArticleRevision
from annotations.services.errors import RevisionNotFound
from annotations.text import anchoring


def article_revision_diff(*, article: Article, from_number: int, to_number: int) -> dict[str, Any]:
    """A unified diff (lines, for people) and the opcodes (code points, for programs) between two revisions.

    Opcodes are ``difflib`` tags (``equal``, ``replace``, ``delete``, ``insert``) with code-point
    offsets into the ``from`` body (``from_start``/``from_end``) and the ``to`` body
    (``to_start``/``to_end``): the same edit script re-anchoring used.
    """
    revisions = {
        r.number: r for r in ArticleRevision.objects.filter(article=article, number__in=[from_number, to_number])
    }
    for number in (from_number, to_number):
        if number not in revisions:
            raise RevisionNotFound(f"Article {article.pk} has no revision {number}.")
    old, new = revisions[from_number], revisions[to_number]
    opcodes = anchoring.text_opcodes(old.body, new.body)
    return {
        "article": article.pk,
        "from": from_number,
        "to": to_number,
        "title_changed": old.title != new.title,
        "from_title": old.title,
        "to_title": new.title,
        "unified_diff": anchoring.unified_diff(
            old.body, new.body, from_label=f"revision {from_number}", to_label=f"revision {to_number}"
        ),
        "opcodes": [
            {
                "tag": tag, "from_start": i1, "from_end": i2, "to_start": j1, "to_end": j2,
                "from_text": old.body[i1:i2] if tag != "equal" else "", "to_text": new.body[j1:j2] if tag != "equal" else "",
            }
            for tag, i1, i2, j1, j2 in opcodes
        ],
    }
