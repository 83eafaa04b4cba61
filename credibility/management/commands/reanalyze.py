"""Re-run the analysis of many stored articles, with a progress bar on a terminal."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from tqdm import tqdm

from annotations.models import Article
from credibility.management.help_format import progress_file


def _since(value: str) -> Any:
    parsed = parse_datetime(value)
    if parsed is None:
        day = parse_date(value)
        if day is None:
            raise CommandError(f"--since takes an ISO 8601 date or date-time, not {value!r}.")
        parsed = datetime(day.year, day.month, day.day)
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed, UTC)


class Command(BaseCommand):
    help = (
        "Analyse stored articles again with the current detectors: every article (--all), those created or "
        "changed since a date (--since 2024-03-01), or the given ids. Runs in this process by default (a progress "
        "bar on a terminal, then a one-line summary); --enqueue hands them to the Celery workers instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ids", nargs="*", type=int, help="Article ids.")
        parser.add_argument("--all", action="store_true", help="Every article.")
        parser.add_argument("--since", help="Articles created or updated since this ISO 8601 date or date-time.")
        parser.add_argument("--enqueue", action="store_true", help="Request background runs instead of running here.")

    def handle(self, *args: Any, **options: Any) -> None:
        from credibility.services.analysis import (
            analysis_request,
            analysis_run_create,
            analysis_run_execute,
            analysis_run_fail,
        )

        if not (options["ids"] or options["all"] or options["since"]):
            raise CommandError("Say which articles: ids, --all or --since DATE.")
        articles = Article.objects.order_by("pk")
        if options["ids"]:
            articles = articles.filter(pk__in=options["ids"])
        if options["since"]:
            since = _since(options["since"])
            articles = articles.filter(updated_at__gte=since) | articles.filter(created_at__gte=since)
        ids = list(articles.values_list("pk", flat=True).distinct())
        began = time.monotonic()
        done, failed = 0, []
        articles_by_pk = Article.objects.filter(pk__in=ids).order_by("pk").iterator(chunk_size=200)
        # A bar on a terminal only (tqdm's disable=None); the summary below either way.
        with tqdm(
            articles_by_pk,
            total=len(ids),
            desc="re-analysing",
            unit="article",
            file=progress_file(self.stderr),
            disable=None,
        ) as bar:
            for article in bar:
                if options["enqueue"]:
                    analysis_request(article=article)
                    done += 1
                    continue
                run = analysis_run_create(article=article)
                try:
                    analysis_run_execute(run_id=run.pk)
                    done += 1
                except Exception as exc:  # noqa: BLE001 - one article's failure is reported, the rest go on
                    analysis_run_fail(run_id=run.pk, error=f"{type(exc).__name__}: {exc}")
                    failed.append((article.pk, f"{type(exc).__name__}: {exc}"))
        verb = "Requested analysis of" if options["enqueue"] else "Re-analysed"
        self.stdout.write(
            f"{verb} {done} article{'s' if done != 1 else ''} in {time.monotonic() - began:.1f} s; failed {len(failed)}."
        )
        for article_id, error in failed:
            self.stdout.write(f"  article {article_id}: {error}", style_func=self.style.WARNING)
