"""Load the demo data in ``seeds/``: sources, the fact-check registry, then the seed articles.

Idempotent: every record is matched on its natural key and written through the same services
the API and admin use, so running it again changes nothing. Articles are analysed through the
normal path (the signal on create/change enqueues the Celery task on commit; eager when no
broker is configured).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from annotations.models import Article
from annotations.services.articles import article_create, article_update
from credibility.formats.claimreview import load_claim_reviews
from credibility.formats.records import RecordError
from credibility.management.help_format import read_json_lines
from credibility.models import Source
from credibility.services.factchecks import factcheck_import
from credibility.services.sources import normalize_name, source_create, source_find, source_update

SEED_URL = "https://example.org/seed/{id}"
_SOURCE_FIELDS = ("name", "kind", "domain", "description", "rating", "rating_rationale")


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandError(f"{path} is not valid UTF-8 JSON: {exc}") from exc


def _source_existing(record: dict[str, Any]) -> Source | None:
    """The row this seed describes: by normalised name, else by one of its aliases.

    Matching aliases adopts a source the analysis already created from a short name
    ("Lukashenko"), instead of adding a duplicate beside it.
    """
    found = Source.objects.filter(normalized_name=normalize_name(record["name"])).first()
    if found is not None:
        return found
    for alias in record.get("aliases", []):
        found = source_find(name=alias)
        if found is not None:
            return found
    return None


def seed_sources_load(records: list[dict[str, Any]]) -> dict[str, int]:
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for record in records:
        values = {name: record[name] for name in _SOURCE_FIELDS if name in record}
        aliases = list(record.get("aliases", []))
        source = _source_existing(record)
        if source is None:
            source_create(aliases=aliases, **values)
            counts["created"] += 1
            continue
        changes = {name: value for name, value in values.items() if getattr(source, name) != value}
        have_aliases = {a.normalized_alias for a in source.aliases.all()}
        want_aliases = {normalize_name(a) for a in aliases} - {normalize_name(str(values.get("name", source.name)))}
        if not changes and have_aliases == want_aliases:
            counts["unchanged"] += 1
            continue
        source_update(source=source, aliases=aliases, **changes)
        counts["updated"] += 1
    return counts


def seed_articles_load(records: list[dict[str, str]]) -> dict[str, int]:
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for record in records:
        url = SEED_URL.format(id=record["id"])
        article = Article.objects.filter(url=url).first()
        if article is None:
            article_create(title=record["title"], body=record["text"], url=url)
            counts["created"] += 1
        elif article.title == record["title"] and article.body == record["text"]:
            counts["unchanged"] += 1
        else:
            article_update(article=article, title=record["title"], body=record["text"])
            counts["updated"] += 1
    return counts


class Command(BaseCommand):
    help = (
        "Load seeds/ (sources, fact-checks, articles) through the services. Safe to run any number "
        "of times: records are matched on natural keys and unchanged ones are left alone. New or "
        "changed articles are analysed through the normal Celery path (eager without a broker)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seeds-dir",
            type=Path,
            default=Path(settings.BASE_DIR) / "seeds",
            help="Directory holding sources.json, factchecks.json and articles.jsonl (default: seeds/).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["seeds_dir"]
        sources = _read_json(directory / "sources.json")
        if not isinstance(sources, list):
            raise CommandError(f"{directory / 'sources.json'} must hold a JSON list of sources.")
        try:
            factchecks = load_claim_reviews((directory / "factchecks.json").read_text(encoding="utf-8"))
        except OSError as exc:
            raise CommandError(f"Cannot read {directory / 'factchecks.json'}: {exc.strerror or exc}") from exc
        except RecordError as exc:
            raise CommandError(f"{directory / 'factchecks.json'}: {exc}") from exc
        articles = read_json_lines(directory / "articles.jsonl", ("id", "title", "text"))

        try:
            source_counts = seed_sources_load(sources)
        except (ValidationError, KeyError, TypeError) as exc:
            raise CommandError(f"sources.json: {exc}") from exc
        self.stdout.write(self._line("Sources", source_counts))

        summary = factcheck_import(records=factchecks)
        self.stdout.write(
            self._line("Fact-checks", {k: summary.as_dict()[k] for k in ("created", "updated", "unchanged")})
            + (f", skipped {len(summary.skipped)}" if summary.skipped else "")
        )
        for skipped in summary.skipped:
            self.stderr.write(f"  factchecks.json record {skipped['position']} skipped: {skipped['error']}")

        try:
            article_counts = seed_articles_load(articles)
        except ValidationError as exc:
            raise CommandError(f"articles.jsonl: {exc}") from exc
        self.stdout.write(self._line("Articles", article_counts))
        for record in articles:
            article = Article.objects.filter(url=SEED_URL.format(id=record["id"])).first()
            if article is not None:
                self.stdout.write(
                    f"  {record['id']}: article {article.pk}, analysis {article.analysis_state}, "
                    f"{article.annotations.count()} annotations"
                )

    @staticmethod
    def _line(label: str, counts: dict[str, int]) -> str:
        return f"{label}: " + ", ".join(f"{name} {value}" for name, value in counts.items())
