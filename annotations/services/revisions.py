"""Reads over stored revisions that need computing: the diff between two of them.

Revisions never change once stored, so a diff is computed once and kept in the cache (Redis in
production), keyed by both revisions' ids and body hashes. The diff between consecutive
revisions is stored when the edit is saved (``revision_diff_store``, from the re-anchoring
diff), so the usual read, "what did this edit change", computes nothing. Any other pair costs one
time-limited diff (``anchoring.DIFF_TIMEOUT``) on the first read only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from django.core.cache import cache

from annotations.models import Article, ArticleRevision
from annotations.services.errors import RevisionNotFound
from annotations.text import anchoring

# A week: revisions are immutable, so this only bounds the cache's memory.
DIFF_CACHE_SECONDS = 7 * 24 * 3600


def _cache_key(old: ArticleRevision, new: ArticleRevision) -> str:
    titles = hashlib.sha256(f"{old.title}\x00{new.title}".encode()).hexdigest()[:12]
    return f"revision-diff:v1:{old.article_id}:{old.pk}:{new.pk}:{old.sha256[:16]}:{new.sha256[:16]}:{titles}"


def _diff(
    old: ArticleRevision, new: ArticleRevision, opcodes: Sequence[anchoring.Opcode] | None = None
) -> dict[str, Any]:
    if opcodes is None:
        opcodes = anchoring.text_opcodes(old.body, new.body)
    return {
        "article": old.article_id,
        "from": old.number,
        "to": new.number,
        "title_changed": old.title != new.title,
        "from_title": old.title,
        "to_title": new.title,
        "unified_diff": anchoring.unified_diff(
            old.body, new.body, from_label=f"revision {old.number}", to_label=f"revision {new.number}"
        ),
        "opcodes": [
            {
                "tag": tag,
                "from_start": i1,
                "from_end": i2,
                "to_start": j1,
                "to_end": j2,
                "from_text": old.body[i1:i2] if tag != "equal" else "",
                "to_text": new.body[j1:j2] if tag != "equal" else "",
            }
            for tag, i1, i2, j1, j2 in opcodes
        ],
    }


def article_revision_diff(*, article: Article, from_number: int, to_number: int) -> dict[str, Any]:
    """A unified diff (lines, for people) and the opcodes (code points, for programs) between two revisions.

    Opcodes are ``difflib`` tags (``equal``, ``replace``, ``delete``, ``insert``) with code-point
    offsets into the ``from`` body (``from_start``/``from_end``) and the ``to`` body
    (``to_start``/``to_end``): the same edit script re-anchoring used. Cached (see the module).
    """
    heads = {
        r.number: r
        for r in ArticleRevision.objects.filter(article=article, number__in=[from_number, to_number]).defer("body")
    }
    for number in (from_number, to_number):
        if number not in heads:
            raise RevisionNotFound(f"Article {article.pk} has no revision {number}.")
    key = _cache_key(heads[from_number], heads[to_number])
    cached = cache.get(key)
    if cached is not None:
        return cached
    revisions = {
        r.number: r for r in ArticleRevision.objects.filter(article=article, number__in=[from_number, to_number])
    }
    diff = _diff(revisions[from_number], revisions[to_number])
    cache.set(key, diff, DIFF_CACHE_SECONDS)
    return diff


def revision_diff_store(*, old: ArticleRevision, new: ArticleRevision, opcodes: Sequence[anchoring.Opcode]) -> None:
    """Cache the diff of ``old`` -> ``new`` from opcodes already computed (by re-anchoring)."""
    cache.set(_cache_key(old, new), _diff(old, new, opcodes), DIFF_CACHE_SECONDS)
