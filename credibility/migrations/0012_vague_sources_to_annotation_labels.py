"""Vague sources ("officials", "sources close to the company") become labels on their annotations.

Until now the analysis made a Source row of every unnamed speaker. Each such row (kind "vague")
is turned into the ``vague_source`` label of every annotation that linked it, the link is
cleared, and the row is deleted unless someone curated it (a rating, rationale, description,
domain, alias or rating history) or something else still refers to it (an article's outlet, a
byline author, a feed): those rows are kept as they are, so nothing is lost. Reversible: the
reverse re-creates a vague Source per label of a source attribution and links it again.
"""

import re

from django.db import migrations

_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def _normalize(name):
    # credibility.services.sources.normalize_name, frozen here as migrations must be.
    return _SPACES.sub(" ", name.translate(_QUOTES)).strip().casefold()


def _curated_or_referenced(apps, source):
    if source.rating is not None or source.rating_rationale or source.description or source.domain:
        return True
    related = (
        apps.get_model("credibility", "SourceAlias").objects.filter(source_id=source.pk),
        apps.get_model("credibility", "SourceRatingChange").objects.filter(source_id=source.pk),
        apps.get_model("credibility", "ArticleAuthor").objects.filter(source_id=source.pk),
        apps.get_model("credibility", "Feed").objects.filter(outlet_id=source.pk),
        apps.get_model("annotations", "Article").objects.filter(outlet_id=source.pk),
    )
    return any(queryset.exists() for queryset in related)


def vague_sources_to_labels(apps, schema_editor):
    Source = apps.get_model("credibility", "Source")
    Annotation = apps.get_model("annotations", "Annotation")
    for source in Source.objects.filter(kind="vague").order_by("pk").iterator():
        linked = Annotation.objects.filter(source_id=source.pk)
        linked.filter(vague_source="").update(vague_source=source.name[:300])
        linked.update(source=None)
        if not _curated_or_referenced(apps, source):
            source.delete()


def labels_to_vague_sources(apps, schema_editor):
    Source = apps.get_model("credibility", "Source")
    Annotation = apps.get_model("annotations", "Annotation")
    labelled = Annotation.objects.filter(kind="source_attribution", source__isnull=True).exclude(vague_source="")
    for label in labelled.values_list("vague_source", flat=True).distinct():
        key = _normalize(label)
        source = Source.objects.filter(normalized_name=key).first()
        if source is None:
            source = Source.objects.create(name=label.strip()[:300], normalized_name=key, kind="vague")
        labelled.filter(vague_source=label).update(source=source)


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0013_article_language_origin_notice_annotation_vague_source"),
        ("credibility", "0011_analysisrun_language_skipped_detectors"),
    ]

    operations = [migrations.RunPython(vague_sources_to_labels, labels_to_vague_sources)]
