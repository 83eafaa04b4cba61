"""Read and write shapes for sources, fact-checks and analysis runs."""
from __future__ import annotations

from typing import Any

from rest_framework import serializers

from config.api import StrictFieldsMixin
from credibility.models import AnalysisRun, FactCheck, RunState, Source, SourceKind, Verdict


def _choice(choices: type[Any], what: str, **kwargs: Any) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=choices.choices,
        error_messages={"invalid_choice": f'"{{input}}" is not a valid {what}; expected one of {", ".join(choices.values)}.'},
        **kwargs,
    )


class SourceSerializer(serializers.ModelSerializer):
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="alias")

    class Meta:
        model = Source
        fields = [
            "id", "name", "kind", "aliases", "domain", "description", "rating", "rating_rationale",
            "created_at", "updated_at",
        ]
        read_only_fields = fields


class SourceWriteSerializer(StrictFieldsMixin, serializers.Serializer):
    """Staff input. ``aliases``, when sent, replaces the whole list."""

    name = serializers.CharField(max_length=300)
    kind = _choice(SourceKind, "source kind")
    aliases = serializers.ListField(child=serializers.CharField(max_length=300), required=False)
    domain = serializers.CharField(max_length=253, required=False, allow_blank=True)
    description = serializers.CharField(max_length=500, required=False, allow_blank=True)
    rating = serializers.IntegerField(
        min_value=0, max_value=100, required=False, allow_null=True, help_text="Editorial rating, 0 to 100."
    )
    rating_rationale = serializers.CharField(required=False, allow_blank=True)

    read_only_input_fields = ("id", "created_at", "updated_at")


class FactCheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = FactCheck
        fields = [
            "id", "identifier", "url", "claim_reviewed", "claimant", "claim_date", "publisher", "review_date",
            "rating_label", "rating_value", "best_rating", "worst_rating", "verdict", "language",
            "created_at", "updated_at",
        ]
        read_only_fields = fields


class FactCheckWriteSerializer(StrictFieldsMixin, serializers.Serializer):
    """Staff input for one fact-check. Without ``verdict`` it is derived from the rating, as on import."""

    identifier = serializers.CharField(max_length=300, required=False, allow_null=True, allow_blank=True)
    url = serializers.URLField(max_length=2000, required=False, allow_null=True, allow_blank=True)
    claim_reviewed = serializers.CharField()
    claimant = serializers.CharField(max_length=300, required=False, allow_blank=True)
    claim_date = serializers.DateField(required=False, allow_null=True)
    publisher = serializers.CharField(max_length=300, required=False, allow_blank=True)
    review_date = serializers.DateField(required=False, allow_null=True)
    rating_label = serializers.CharField(max_length=200, required=False, allow_blank=True)
    rating_value = serializers.FloatField(required=False, allow_null=True)
    best_rating = serializers.FloatField(required=False, allow_null=True)
    worst_rating = serializers.FloatField(required=False, allow_null=True)
    verdict = _choice(Verdict, "verdict", required=False, allow_blank=True)
    language = serializers.CharField(max_length=16, required=False)

    read_only_input_fields = ("id", "created_at", "updated_at")


class FactCheckImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    skipped = serializers.ListField(child=serializers.DictField(), help_text='{"position", "error"} per bad record.')
    unknown_labels = serializers.DictField(child=serializers.IntegerField())


class AnalysisRunSerializer(serializers.ModelSerializer):
    class Meta:
        model = AnalysisRun
        fields = [
            "id", "article", "state", "detector_versions", "article_revision", "requested_by", "created_at",
            "started_at", "finished_at", "duration_ms", "timings_ms", "counts", "error", "attempts",
        ]
        read_only_fields = fields


class AnalysisRequestedSerializer(serializers.Serializer):
    run_id = serializers.IntegerField()
    article = serializers.IntegerField()
    state = serializers.ChoiceField(choices=RunState.choices)
