"""Detect the language of stored articles that were never detected (saved before detection existed)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand

from annotations.models import Article, LanguageOrigin
from annotations.services.articles import article_update
from annotations.text.language import AUTO


class Command(BaseCommand):
    help = (
        "Detect the language of every article whose language was never detected nor set by an editor "
        "(language_origin 'default': stored before detection, or too short to tell). An article whose "
        "language changes is analysed again, so detectors that do not support it stop flagging it."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        changed: Counter[str] = Counter()
        checked = 0
        for pk in Article.objects.filter(language_origin=LanguageOrigin.DEFAULT).values_list("pk", flat=True):
            article = Article.objects.filter(pk=pk).first()
            if article is None:  # deleted meanwhile
                continue
            checked += 1
            before = article.language
            article = article_update(article=article, language=AUTO)
            if article.language != before:
                changed[f"{before} -> {article.language}"] += 1
        summary = ", ".join(f"{change}: {count}" for change, count in sorted(changed.items())) or "none changed"
        self.stdout.write(f"{checked} article(s) checked; {summary}.")
