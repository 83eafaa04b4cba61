"""Read and write shapes for sources, fact-checks and analysis runs."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.api.fields import datetime_representer
from config.api.mixins import StrictFieldsMixin
from credibility.formats import FORMATS
from credibility.formats.claimreview import CLAIM_REVIEW_FIELDS
from credibility.models import AnalysisRun, FactCheck, RunState, Source, SourceKind, Verdict
from credibility.selectors import source_alias_rows, source_credibility_data


def _choice(choices: type[Any], what: str, **kwargs: Any) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=choices.choices,
        error_messages={
            "invalid_choice": f'"{{input}}" is not a valid {what}; expected one of {", ".join(choices.values)}.'
        },
        **kwargs,
    )


class SourceTrackRecordSerializer(serializers.Serializer):
    contradicted = serializers.IntegerField(
        help_text="Confirmed (or resolved) contradicted claims involving the source."
    )
    unverified = serializers.IntegerField(help_text="Confirmed (or resolved) unsourced/vague/hedged claims.")
    dismissed = serializers.IntegerField(help_text="Flags on its claims that reviewers dismissed (held up).")
    sourced = serializers.IntegerField(help_text="Claims attributed to it that no flag stands against (held up).")
    pending = serializers.IntegerField(help_text="Open flags on its claims: not counted until reviewed.")


class SourceCredibilitySerializer(serializers.Serializer):
    score = serializers.FloatField(
        help_text="Combined score 0-100: the stored Bayesian estimate (the prior until computed)."
    )
    prior = serializers.FloatField(help_text="Prior mean 0-100: the editorial rating, or 50 when unrated.")
    prior_strength = serializers.FloatField(help_text="How many observations the prior is worth.")
    held_up = serializers.FloatField(help_text="Weighted evidence for.")
    against = serializers.FloatField(help_text="Weighted evidence against.")
    track_record = SourceTrackRecordSerializer()
    computed_at = serializers.DateTimeField(allow_null=True)
    explanation = serializers.CharField()


class SourceSerializer(serializers.ModelSerializer):
    # many=True: a ManyRelatedField of SlugRelatedFields (the stubs cannot tell which __new__ returns).
    aliases: serializers.ManyRelatedField | serializers.RelatedField[Any, Any, Any] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="alias"
    )
    credibility = serializers.SerializerMethodField()

    class Meta:
        model = Source
        fields = [
            "id",
            "name",
            "kind",
            "aliases",
            "domain",
            "description",
            "rating",
            "rating_rationale",
            "score",
            "credibility",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def to_representation(self, instance: Source) -> dict[str, Any]:
        """What DRF's walk over the declared fields gives, written out (they stay the schema's contract).

        The generic walk (and a related manager per source for the aliases) cost more than the
        page's queries. ``tests/credibility/test_api_read_serializers.py`` checks both give the
        same JSON, byte for byte.
        """
        represent = self.__dict__.get("_datetime")
        if represent is None:
            represent = self.__dict__["_datetime"] = datetime_representer()
        s = instance
        rating = s.rating
        score = s.score
        return {
            "id": int(s.pk),
            "name": str(s.name),
            "kind": str(s.kind),
            "aliases": self._aliases(s),
            "domain": str(s.domain),
            "description": str(s.description),
            "rating": None if rating is None else int(rating),
            "rating_rationale": str(s.rating_rationale),
            "score": None if score is None else float(score),
            "credibility": self.get_credibility(s),
            "created_at": represent(s.created_at),
            "updated_at": represent(s.updated_at),
        }

    def _aliases(self, source: Source) -> list[str]:
        """``context["alias_names"]`` (``source_alias_names`` of a list page) when given, else the source's own."""
        if source.pk is None:
            return []
        names = self.context.get("alias_names")
        if names is not None:
            return list(names.get(source.pk, ()))
        return [alias.alias for alias in source_alias_rows(source)]

    @extend_schema_field(SourceCredibilitySerializer)
    def get_credibility(self, obj: Source) -> dict[str, Any]:
        return source_credibility_data(obj)


class _AliasListField(serializers.ListField):
    """Alias texts in; a source's alias texts out.

    Only the browsable API's edit form represents an instance with this serializer; it must get
    the texts, not the ``aliases`` related manager.
    """

    def get_attribute(self, instance: Source) -> list[str]:
        return [alias.alias for alias in source_alias_rows(instance)]


class SourceWriteSerializer(StrictFieldsMixin, serializers.Serializer):
    """Staff input. ``aliases``, when sent, replaces the whole list."""

    name = serializers.CharField(max_length=300)
    kind = _choice(SourceKind, "source kind")
    aliases = _AliasListField(child=serializers.CharField(max_length=300), required=False)
    domain = serializers.CharField(max_length=253, required=False, allow_blank=True)
    description = serializers.CharField(max_length=500, required=False, allow_blank=True)
    rating = serializers.IntegerField(
        min_value=0, max_value=100, required=False, allow_null=True, help_text="Editorial rating, 0 to 100."
    )
    rating_rationale = serializers.CharField(required=False, allow_blank=True)

    read_only_input_fields = ("id", "score", "credibility", "created_at", "updated_at")


class FactCheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = FactCheck
        fields = ["id", *CLAIM_REVIEW_FIELDS, "verdict", "language", "created_at", "updated_at"]
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


class FactCheckImportUploadSerializer(serializers.Serializer):
    """A registry file uploaded as multipart form data."""

    file = serializers.FileField(help_text="The registry file (UTF-8).")
    format = serializers.ChoiceField(choices=FORMATS, default="auto", help_text="The file's format; auto guesses.")

    MAX_BYTES = 200 * 1024 * 1024

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        upload = attrs["file"]
        if upload.size is not None and upload.size > self.MAX_BYTES:
            raise serializers.ValidationError(
                {"file": f"The file is larger than {self.MAX_BYTES // (1024 * 1024)} MB."}
            )
        try:
            attrs["text"] = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise serializers.ValidationError({"file": f"Not valid UTF-8 ({exc.reason} at byte {exc.start})."}) from exc
        return attrs


class FactCheckImportResultSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=FORMATS[1:])
    records = serializers.IntegerField(help_text="Records read from the document, skipped ones included.")
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    skipped = serializers.ListField(child=serializers.DictField(), help_text='{"position", "error"} per bad record.')
    position_unit = serializers.ChoiceField(
        choices=["record", "line"], help_text="What a skipped position counts: the record number, or the file's line."
    )
    unknown_labels = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Rating labels with no known verdict (stored as unproven), with counts.",
    )
    own_reviews = serializers.IntegerField(
        help_text="Records that are our own exported reviews (url under our public base): never evidence "
        "against the article they review."
    )


class AnalysisRunSerializer(serializers.ModelSerializer):
    class Meta:
        model = AnalysisRun
        fields = [
            "id",
            "article",
            "state",
            "detector_versions",
            "article_revision",
            "requested_by",
            "created_at",
            "started_at",
            "finished_at",
            "duration_ms",
            "timings_ms",
            "counts",
            "error",
            "attempts",
            "language",
            "skipped_detectors",
        ]
        read_only_fields = fields


class AnalysisRequestedSerializer(serializers.Serializer):
    run_id = serializers.IntegerField()
    article = serializers.IntegerField()
    state = serializers.ChoiceField(choices=RunState.choices)


# --- flagged-claim report ----------------------------------------------------------------------------


class _Named(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class _ReportUser(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()


class _ReportArticle(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.URLField(allow_null=True)
    outlet = _Named(allow_null=True)


class _ReportSource(_Named):
    kind = serializers.CharField()


class _ReportContext(serializers.Serializer):
    lead = serializers.CharField(help_text="Text before the flag's sentence (the previous sentence, capped).")
    before = serializers.CharField(help_text="The flag's sentence up to the flag.")
    quote = serializers.CharField(help_text="The flagged text.")
    after = serializers.CharField(help_text="The flag's sentence after the flag.")
    trail = serializers.CharField(help_text="Text after the flag's sentence (the next sentence, capped).")


class _ReportEvidence(serializers.Serializer):
    type = serializers.ChoiceField(choices=["factcheck", "article"])
    id = serializers.IntegerField(required=False, help_text="Fact-check id.")
    identifier = serializers.CharField(required=False, allow_null=True)
    url = serializers.URLField(required=False, allow_null=True)
    claim_reviewed = serializers.CharField(required=False)
    claimant = serializers.CharField(required=False)
    publisher = serializers.CharField(required=False)
    rating = serializers.CharField(required=False, help_text="The publisher's label.")
    verdict = serializers.ChoiceField(choices=Verdict.choices, required=False)
    article = serializers.IntegerField(required=False, help_text="The other article.")
    annotation = serializers.IntegerField(required=False, help_text="The other article's annotation.")
    title = serializers.CharField(required=False)
    quote = serializers.CharField(required=False)


class FlaggedClaimSerializer(serializers.Serializer):
    """One row of the flagged-claim report (``credibility.selectors.flagged_claim_rows``)."""

    id = serializers.IntegerField()
    kind = serializers.CharField()
    reason = serializers.CharField(allow_null=True)
    status = serializers.CharField()
    anchor_state = serializers.CharField(help_text="anchored, moved or orphaned (offsets of an older revision).")
    origin = serializers.CharField()
    detector = serializers.CharField(allow_null=True, help_text="name@version")
    checkworthiness = serializers.FloatField(
        allow_null=True,
        help_text="How worth a fact-checker's time the claim is, in [0, 1]; null on editors' flags. Ranks the report.",
    )
    confidence = serializers.FloatField(
        allow_null=True,
        help_text="Unverified claims: the calibrated chance that the flag is worth checking.",
    )
    explanation = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    quote = serializers.CharField()
    context = _ReportContext()  # type: ignore[assignment]  # a declared field, not Field.context: the stubs cannot tell
    article = _ReportArticle()
    source = _ReportSource(allow_null=True)  # type: ignore[assignment]  # a declared field, not Field.source: the stubs cannot tell
    evidence = _ReportEvidence(allow_null=True)
    assignee = _ReportUser(allow_null=True)
    reviewer = _ReportUser(allow_null=True)
    review_note = serializers.CharField()
    reviewed_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    version = serializers.IntegerField()

    def to_representation(self, instance: Any) -> dict[str, Any]:
        from credibility.formats.flagged_claims import flagged_claim_json

        return flagged_claim_json(instance)


class _ReportCounts(serializers.Serializer):
    open = serializers.IntegerField()
    reviewed = serializers.IntegerField(help_text="confirmed + dismissed + resolved")
    confirmed = serializers.IntegerField()
    dismissed = serializers.IntegerField()
    resolved = serializers.IntegerField()
    total = serializers.IntegerField()


class _OutletCounts(_ReportCounts):
    outlet = _Named(allow_null=True)


class _SourceCounts(_ReportCounts):
    source = _Named(allow_null=True)  # type: ignore[assignment]  # a declared field, not Field.source: the stubs cannot tell


class _ReasonCounts(_ReportCounts):
    kind = serializers.CharField()
    reason = serializers.CharField(allow_null=True, help_text="null for contradicted claims.")


class FlaggedClaimSummarySerializer(serializers.Serializer):
    total = _ReportCounts()
    by_outlet = _OutletCounts(many=True)
    by_source = _SourceCounts(many=True)
    by_reason = _ReasonCounts(many=True)
