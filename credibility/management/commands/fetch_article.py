"""Fetch one web page into an article, synchronously, and print what was extracted."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from credibility.ingestion.extract import ExtractionError
from credibility.ingestion.fetch import FetchError
from credibility.models import ArticleAuthor
from credibility.services.ingestion import article_fetch, url_check


class Command(BaseCommand):
    help = (
        "Fetch URL (http/https) and store it as an article: headline, byline, date, outlet and clean text are "
        "extracted, the outlet and byline people are linked to Sources, and the article is analysed. A URL or text "
        "already stored prints the existing article. Private, loopback and link-local addresses are refused unless "
        "FETCH_ALLOW_PRIVATE_ADDRESSES is set."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("url")
        parser.add_argument("--json", action="store_true", help="Print the result as one JSON object.")

    def handle(self, *args: Any, **options: Any) -> None:
        url = options["url"]
        try:
            url_check(url=url)
            outcome = article_fetch(url=url)
        except ValidationError as exc:
            raise CommandError(f"Refused {url}: {' '.join(exc.messages)}") from exc
        except (FetchError, ExtractionError) as exc:
            raise CommandError(f"Could not fetch {url}: {exc}") from exc
        article = outcome.article
        authors = [a.source.name for a in ArticleAuthor.objects.filter(article=article).select_related("source")]
        result = {
            "status": outcome.status,
            "article": article.pk,
            "title": article.title,
            "url": article.url,
            "outlet": article.outlet.name if article.outlet is not None else None,
            "byline": article.byline,
            "authors": authors,
            "published_at": article.published_at.isoformat() if article.published_at else None,
            "words": len(article.body.split()),
        }
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        verb = "Created" if outcome.created else "Already stored as"
        self.stdout.write(f"{verb} article {article.pk}: {article.title}")
        self.stdout.write(f"  url:       {article.url or '-'}")
        self.stdout.write(f"  outlet:    {result['outlet'] or '-'}")
        self.stdout.write(
            f"  byline:    {article.byline or '-'}" + (f" (sources: {', '.join(authors)})" if authors else "")
        )
        self.stdout.write(f"  published: {result['published_at'] or '-'}")
        self.stdout.write(f"  body:      {result['words']} words")
