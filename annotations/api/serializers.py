"""Read and write shapes for articles and annotations.

Reads follow the annotation JSON of DESIGN.md. Writes are validated for type and shape here
and for meaning (spans, quotes, roles) in the services. Credibility models are reached through
the foreign keys' ``related_model``, never imported, so annotations/ keeps its one-way dependency.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Model, QuerySet
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from annotations.models import (
    Annotation,
    AnnotationKind,
    Article,
    ArticleRevision,
    ReviewDecision,
    ReviewLog,
    ReviewStatus,
    UnverifiedReason,
)
from annotations.selectors import ANNOTATION_READ_RELATED_FIELDS
from annotations.services.articles import ARTICLE_BULK_MAX
from annotations.services.suggestions import SUGGESTION_BULK_MAX
from config.api.fields import datetime_representer
from config.api.mixins import StrictFieldsMixin


def _int(value: Any) -> int | None:
    """An IntegerField's representation (None stays None, as DRF skips the field for it)."""
    return None if value is None else int(value)


def _text(value: Any) -> str | None:
    """A CharField's or a ChoiceField's representation of a stored value (a choice's key is its text)."""
    return None if value is None else str(value)


def _annotation_row(a: Annotation) -> dict[str, Any]:
    """A model instance as a row of ``annotation_read_rows()``, so that one mapping presents both."""
    row: dict[str, Any] = {}
    for field in Annotation._meta.concrete_fields:
        value = getattr(a, field.attname)
        row[field.attname] = str(value) if isinstance(value, str) else value  # a choice member is its text
    for lookup in ANNOTATION_READ_RELATED_FIELDS:
        value = a
        for name in lookup.split("__"):
            value = getattr(value, name, None) if value is not None else None
        row[lookup] = value
    row["id"] = a.pk
    return row


def _evidence(r: Mapping[str, Any]) -> dict[str, Any] | None:
    """DESIGN.md's ``evidence``: the fact-check, or the other article's annotation, a claim contradicts."""
    if r["evidence_factcheck_id"] is not None:
        return {
            "identifier": r["evidence_factcheck__identifier"],
            "url": r["evidence_factcheck__url"],
            "claim_reviewed": r["evidence_factcheck__claim_reviewed"],
            "rating": r["evidence_factcheck__rating_label"],
            "verdict": r["evidence_factcheck__verdict"],
        }
    if r["evidence_annotation_id"] is not None:
        return {
            "article": r["evidence_annotation__article_id"],
            "annotation": r["evidence_annotation_id"],
            "quote": r["evidence_annotation__quote"],
        }
    return None


def _related_queryset(model: type[Model], field: str) -> QuerySet[Any]:
    return model._meta.get_field(field).related_model._default_manager.all()  # type: ignore[union-attr]


def _choice(choices: type[Any], what: str, **kwargs: Any) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=choices.choices,
        error_messages={
            "invalid_choice": f'"{{input}}" is not a valid {what}; expected one of {", ".join(choices.values)}.'
        },
        **kwargs,
    )


class SourceSummarySerializer(serializers.Serializer):
    """``{"id", "name", "kind"}`` of a credibility Source (also an article's outlet)."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)


EVIDENCE_SCHEMA = inline_serializer(
    name="AnnotationEvidence",
    fields={
        "identifier": serializers.CharField(required=False, allow_null=True, help_text="Fact-check evidence."),
        "url": serializers.URLField(required=False, allow_null=True, help_text="Fact-check evidence."),
        "claim_reviewed": serializers.CharField(required=False, help_text="Fact-check evidence."),
        "rating": serializers.CharField(required=False, help_text="Fact-check evidence: the publisher's label."),
        "verdict": serializers.CharField(required=False, help_text="Fact-check evidence: normalised verdict."),
        "article": serializers.IntegerField(required=False, help_text="Annotation evidence: the other article."),
        "annotation": serializers.IntegerField(required=False, help_text="Annotation evidence: the other annotation."),
        "quote": serializers.CharField(required=False, help_text="Annotation evidence: the other annotation's quote."),
    },
    allow_null=True,
)


class AnnotationSerializer(serializers.ModelSerializer):
    """An annotation as the API, exports and ``analyze_jsonl`` show it."""

    source = SourceSummarySerializer(read_only=True, allow_null=True)  # type: ignore[assignment]  # a declared field, not Field.source: the stubs cannot tell
    evidence = serializers.SerializerMethodField()
    reason = serializers.SerializerMethodField()

    class Meta:
        model = Annotation
        fields = [
            "id",
            "article",
            "kind",
            "start",
            "end",
            "quote",
            "prefix",
            "suffix",
            "origin",
            "status",
            "confidence",
            "checkworthiness",
            "detector",
            "rule",
            "explanation",
            "suggestion",
            "reason",
            "comment",
            "source",
            "vague_source",
            "evidence",
            "reviewer",
            "review_note",
            "reviewed_at",
            "assignee",
            "created_by",
            "created_at",
            "updated_at",
            "version",
            "anchor_state",
        ]
        read_only_fields = fields

    def to_representation(self, instance: Annotation) -> dict[str, Any]:
        """What DRF's walk over the declared fields gives, written out (they stay the schema's contract).

        Walking ~28 fields per row through DRF's generic machinery was most of the time of a list
        page or of an article with 200 annotations. ``tests/annotations/test_api_read_serializers.py``
        checks both give the same JSON, byte for byte, on rows with every relation and null filled
        in and left empty. ``instance`` is a model or a row of ``annotation_read_rows()`` (a dict).
        """
        represent = self.__dict__.get("_datetime")
        if represent is None:
            represent = self.__dict__["_datetime"] = datetime_representer()
        if isinstance(instance, dict):
            return self._row(instance, represent)
        return self._row(_annotation_row(instance), represent)

    def _row(self, r: dict[str, Any], represent: Any) -> dict[str, Any]:
        """The same dict from a row of ``annotations.selectors.annotation_read_rows()``.

        A row's values come straight from the database (int, str, float columns), so they are
        already what DRF's fields would make of them; only datetimes need formatting.
        """
        source_id = r["source_id"]
        evidence = _evidence(r)
        return {
            "id": r["id"],
            "article": r["article_id"],
            "kind": r["kind"],
            "start": r["start"],
            "end": r["end"],
            "quote": r["quote"],
            "prefix": r["prefix"],
            "suffix": r["suffix"],
            "origin": r["origin"],
            "status": r["status"],
            "confidence": r["confidence"],
            "checkworthiness": r["checkworthiness"],
            "detector": r["detector"],
            "rule": r["rule"],
            "explanation": r["explanation"],
            "suggestion": r["suggestion"],
            "reason": r["reason"] or None,
            "comment": r["comment"],
            "source": None
            if source_id is None
            else {
                "id": source_id,
                "name": r["source__name"],
                "kind": r["source__kind"],
            },
            "vague_source": r["vague_source"],
            "evidence": evidence,
            "reviewer": r["reviewer_id"],
            "review_note": r["review_note"],
            "reviewed_at": represent(r["reviewed_at"]),
            "assignee": r["assignee_id"],
            "created_by": r["created_by_id"],
            "created_at": represent(r["created_at"]),
            "updated_at": represent(r["updated_at"]),
            "version": r["version"],
            "anchor_state": r["anchor_state"],
        }

    @extend_schema_field(
        serializers.ChoiceField(
            choices=UnverifiedReason.choices, allow_null=True, help_text="Why a claim is unverified."
        )
    )
    def get_reason(self, obj: Annotation) -> str | None:
        return obj.reason or None

    @extend_schema_field(EVIDENCE_SCHEMA)
    def get_evidence(self, obj: Annotation) -> dict[str, Any] | None:
        return _evidence(_annotation_row(obj))


class _AnnotationWriteFields(StrictFieldsMixin, serializers.Serializer):
    kind = _choice(AnnotationKind, "kind")
    start = serializers.IntegerField(min_value=0, help_text="Code-point offset into the article body.")
    end = serializers.IntegerField(min_value=1, help_text="Code-point offset, exclusive.")
    quote = serializers.CharField(
        required=False, trim_whitespace=False, help_text="Optional; when given it must equal body[start:end]."
    )
    comment = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    suggestion = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, trim_whitespace=False, help_text="Typo correction."
    )
    reason = _choice(UnverifiedReason, "reason", required=False, allow_blank=True, allow_null=True)
    source = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]  # a declared field, not Field.source
        queryset=_related_queryset(Annotation, "source"), required=False, allow_null=True, help_text="Source id."
    )
    vague_source = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="An unnamed source as the text names it ('officials', 'sources close to the company'): a label, not a Source.",
    )
    evidence_factcheck = serializers.PrimaryKeyRelatedField(
        queryset=_related_queryset(Annotation, "evidence_factcheck"), required=False, allow_null=True
    )
    evidence_annotation = serializers.PrimaryKeyRelatedField(
        queryset=Annotation.objects.all(), required=False, allow_null=True
    )
    status = _choice(ReviewStatus, "status", required=False)

    read_only_input_fields: tuple[str, ...] = (
        "id",
        "prefix",
        "suffix",
        "origin",
        "confidence",
        "checkworthiness",
        "detector",
        "rule",
        "explanation",
        "evidence",
        "reviewer",
        "reviewed_at",
        "assignee",
        "created_by",
        "created_at",
        "updated_at",
        "anchor_state",
    )

    def validate_reason(self, value: str | None) -> str:
        return value or ""


class AnnotationCreateSerializer(_AnnotationWriteFields):
    """Input for a new editor annotation. Machine annotations only come from analysis."""

    article = serializers.PrimaryKeyRelatedField(queryset=Article.objects.all())
    read_only_input_fields = (*_AnnotationWriteFields.read_only_input_fields, "review_note", "version")

    def validate_status(self, value: str) -> str:
        # Decided at birth would be a decision with no reviewer, date or log row (issue 16).
        if value != ReviewStatus.OPEN:
            raise serializers.ValidationError(
                "A new annotation starts open; a reviewer decides it with POST /api/v1/annotations/{id}/review/."
            )
        return value


class _ArticleIdField(serializers.IntegerField):
    """A plain id in (checked against the annotation's own, no lookup), the article's id out.

    Only the browsable API's edit form represents an instance with this serializer; it must get
    ``article_id``, not the Article the attribute holds.
    """

    def get_attribute(self, instance: Annotation) -> int:
        return instance.article_id


class AnnotationUpdateSerializer(_AnnotationWriteFields):
    """Input for an edit. ``version``, when sent, must be the stored one (else 409)."""

    article = _ArticleIdField(required=False, help_text="Accepted only if unchanged.")
    review_note = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    version = serializers.IntegerField(required=False, min_value=1, help_text="The version you read; 409 if stale.")

    def validate_article(self, value: int) -> int:
        if self.instance is not None and value != self.instance.article_id:
            raise serializers.ValidationError("An annotation cannot move to another article.")
        return value


class ReviewRequestSerializer(StrictFieldsMixin, serializers.Serializer):
    """A reviewer's decision on the version they read: ``version`` (or an ``If-Match`` header) is
    required (428 without it) and must be the stored one (409 when stale)."""

    decision = _choice(ReviewDecision, "decision")
    note = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Required (or If-Match): the version you read and decided on; 428 without it, 409 if stale.",
    )


class AssignRequestSerializer(StrictFieldsMixin, serializers.Serializer):
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=_related_queryset(Annotation, "assignee"), allow_null=True, help_text="User id; null unassigns."
    )


class ReviewLogSerializer(serializers.ModelSerializer):
    reviewer = serializers.SerializerMethodField()

    class Meta:
        model = ReviewLog
        fields = ["id", "annotation", "reviewer", "created_at", "from_status", "to_status", "decision", "note"]
        read_only_fields = fields

    @extend_schema_field(
        inline_serializer(
            name="ReviewLogReviewer",
            fields={"id": serializers.IntegerField(allow_null=True), "username": serializers.CharField()},
            allow_null=True,
        )
    )
    def get_reviewer(self, obj: ReviewLog) -> dict[str, Any] | None:
        if obj.reviewer_id is None and not obj.reviewer_name:
            return None
        return {"id": obj.reviewer_id, "username": obj.reviewer.get_username() if obj.reviewer else obj.reviewer_name}


class DetectorScoreSerializer(serializers.Serializer):
    detector = serializers.CharField(help_text="name@version")
    name = serializers.CharField()
    version = serializers.CharField()
    open = serializers.IntegerField()
    confirmed = serializers.IntegerField()
    dismissed = serializers.IntegerField()
    resolved = serializers.IntegerField()
    reviewed = serializers.IntegerField(help_text="confirmed + resolved + dismissed")
    total = serializers.IntegerField()
    precision = serializers.FloatField(
        allow_null=True,
        help_text="(confirmed + resolved) / (confirmed + resolved + dismissed); null until a flag is decided.",
    )


class ArticleListSerializer(serializers.ModelSerializer):
    outlet = SourceSummarySerializer(read_only=True, allow_null=True)
    annotation_count = serializers.IntegerField(read_only=True, help_text="Annotations of every origin and status.")

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "url",
            "outlet",
            "byline",
            "published_at",
            "language",
            "language_origin",
            "analysis_state",
            "analyzed_at",
            "analysis_notice",
            "annotation_count",
        ]
        read_only_fields = fields

    def to_representation(self, instance: Article) -> dict[str, Any]:
        """What DRF's walk over the declared fields gives, written out (they stay the schema's contract).

        Building a ModelSerializer's fields (model introspection, per request) cost more than
        writing the article; ``tests/annotations/test_api_read_serializers.py`` compares both.
        """
        return self._article(instance, detail=False)

    def _article(self, article: Article, *, detail: bool) -> dict[str, Any]:
        represent = self.__dict__.get("_datetime")
        if represent is None:
            represent = self.__dict__["_datetime"] = datetime_representer()
        a = article
        outlet = a.outlet
        data: dict[str, Any] = {"id": _int(a.pk), "title": _text(a.title)}
        if detail:
            data["body"] = _text(a.body)
        data.update(
            {
                "url": _text(a.url),
                "outlet": None
                if outlet is None
                else {
                    "id": _int(outlet.pk),
                    "name": _text(outlet.name),
                    "kind": _text(outlet.kind),
                },
                "byline": _text(a.byline),
                "published_at": represent(a.published_at),
                "language": _text(a.language),
                "language_origin": _text(a.language_origin),
                "analysis_state": _text(a.analysis_state),
                "analyzed_at": represent(a.analyzed_at),
                "analysis_notice": _text(a.analysis_notice),
            }
        )
        rows = self.context.get("annotation_rows") if detail else None
        if hasattr(a, "annotation_count"):
            data["annotation_count"] = _int(a.annotation_count)
        elif rows is not None:  # every annotation of the article is here: no need to count them in SQL
            data["annotation_count"] = len(rows)
        # else: a read-only field without its attribute is left out, as DRF does
        if detail:
            child = AnnotationSerializer(context=self.context)
            data.update(
                {
                    "low_value_flag_limit": _int(a.low_value_flag_limit),
                    "revision": _int(a.revision),
                    "version": _int(a.version),
                    "created_by": a.created_by_id,
                    "created_at": represent(a.created_at),
                    "updated_at": represent(a.updated_at),
                    "annotations": [
                        child.to_representation(annotation)
                        for annotation in (rows if rows is not None else a.annotations.all())
                    ],
                }
            )
        return data


class ArticleDetailSerializer(ArticleListSerializer):
    annotations = AnnotationSerializer(many=True, read_only=True)

    class Meta(ArticleListSerializer.Meta):
        fields = [
            *ArticleListSerializer.Meta.fields[:2],
            "body",
            *ArticleListSerializer.Meta.fields[2:],
            "low_value_flag_limit",
            "revision",
            "version",
            "created_by",
            "created_at",
            "updated_at",
            "annotations",
        ]
        read_only_fields = fields

    def to_representation(self, instance: Article) -> dict[str, Any]:
        """The article with its annotations: ``context["annotation_rows"]`` when the view fetched
        them as rows (``article_annotation_rows``: all of them, so they also give
        ``annotation_count`` when the article was read without it), else the article's
        (prefetched) annotations."""
        return self._article(instance, detail=True)


class ArticleWriteSerializer(StrictFieldsMixin, serializers.Serializer):
    """Input for creating or editing an article. Uniqueness of ``url`` is the service's call (409)."""

    title = serializers.CharField(max_length=500, trim_whitespace=False)
    body = serializers.CharField(trim_whitespace=False, help_text="Plain text; annotation offsets index it.")
    url = serializers.URLField(max_length=2000, required=False, allow_null=True, allow_blank=True)
    outlet = serializers.PrimaryKeyRelatedField(
        queryset=_related_queryset(Article, "outlet"), required=False, allow_null=True, help_text="Source id."
    )
    byline = serializers.CharField(max_length=500, required=False, allow_blank=True)
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    language = serializers.CharField(
        max_length=16,
        required=False,
        help_text=(
            "ISO 639-1 code ('en', 'uk', 'ar'; a region may follow: 'pt-BR'). Sent, it is kept as the "
            "editor's and never overwritten by detection; 'auto' (or leaving it out on create) detects "
            "it from the body, again whenever the body changes."
        ),
    )
    low_value_flag_limit = serializers.IntegerField(
        min_value=0,
        max_value=1000,
        required=False,
        help_text=(
            "How many low-value flags of this article the flagged-claim report shows (default 3); "
            "every other flag is always shown."
        ),
    )

    read_only_input_fields = (
        "id",
        "language_origin",
        "analysis_notice",
        "analysis_state",
        "analyzed_at",
        "annotation_count",
        "annotations",
        "revision",
        "created_by",
        "created_at",
        "updated_at",
        "body_sha256",
        "version",
    )


class ArticleCreateSerializer(ArticleWriteSerializer):
    """Input for a new article: plain ``body``, or a web page's ``html`` whose main text becomes
    the body (headline, byline and date are taken from the page when not given)."""

    title = serializers.CharField(max_length=500, trim_whitespace=False, required=False)
    body = serializers.CharField(
        trim_whitespace=False, required=False, help_text="Plain text; annotation offsets index it. Or send html."
    )
    html = serializers.CharField(
        trim_whitespace=False,
        required=False,
        write_only=True,
        help_text="A web page instead of body: its main text (without navigation, ads or captions) becomes the body.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("body" in attrs) == ("html" in attrs):
            raise serializers.ValidationError({"body": ["Send either body (plain text) or html, not both or neither."]})
        if "body" in attrs and "title" not in attrs:
            raise serializers.ValidationError({"title": ["This field is required."]})
        return attrs


class ArticleBulkRequestSerializer(StrictFieldsMixin, serializers.Serializer):
    """Envelope of ``POST /articles/bulk/``; each item is validated on its own (ArticleWriteSerializer)."""

    articles = serializers.ListField(
        child=serializers.JSONField(),
        min_length=1,
        max_length=ARTICLE_BULK_MAX,
        help_text=f"Up to {ARTICLE_BULK_MAX} articles, each shaped like the body of POST /articles/ (plain body only).",
    )


class ArticleBulkItemSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="Position of the item in the request.")
    status = serializers.ChoiceField(choices=["created", "duplicate", "invalid"])
    id = serializers.IntegerField(allow_null=True, help_text="The new article (status created).")
    existing_article = serializers.IntegerField(
        allow_null=True, help_text="The article holding the URL (status duplicate)."
    )
    errors = serializers.DictField(help_text="Why the item was refused, per field.")  # type: ignore[assignment]  # a declared field, not Serializer.errors


class ArticleBulkResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    duplicates = serializers.IntegerField()
    invalid = serializers.IntegerField()
    results = ArticleBulkItemSerializer(many=True)


class ApplyRequestSerializer(StrictFieldsMixin, serializers.Serializer):
    """``POST /annotations/{id}/apply/``: the body is optional; ``If-Match`` names the article's version."""

    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text="Added to the review note, after \"Applied suggestion '...' (revision N)\".",
    )


class ApplyBulkRequestSerializer(ApplyRequestSerializer):
    """``POST /annotations/apply/``: typos of one article, applied in one edit."""

    annotations = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        min_length=1,
        max_length=SUGGESTION_BULK_MAX,
        help_text=f"Up to {SUGGESTION_BULK_MAX} typo annotation ids, all of one article.",
    )


class ArticleVersionSerializer(serializers.Serializer):
    """The article after an apply: send ``etag`` as the next write's ``If-Match``."""

    id = serializers.IntegerField()
    version = serializers.IntegerField()
    revision = serializers.IntegerField()
    etag = serializers.CharField()


class ApplyResultSerializer(serializers.Serializer):
    annotation = AnnotationSerializer()
    article = ArticleVersionSerializer()


class ApplyBulkItemSerializer(serializers.Serializer):
    annotation = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["applied", "conflict", "invalid", "not_found"])
    detail = serializers.ListField(child=serializers.CharField(), help_text="Why it was not applied.")


class ApplyBulkResultSerializer(serializers.Serializer):
    applied = serializers.IntegerField()
    article = ArticleVersionSerializer()
    results = ApplyBulkItemSerializer(many=True)


class ReattachRequestSerializer(StrictFieldsMixin, serializers.Serializer):
    start = serializers.IntegerField(min_value=0, help_text="Code-point offset into the current body.")
    end = serializers.IntegerField(min_value=1, help_text="Code-point offset, exclusive.")


class ArticleRevisionSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = ArticleRevision
        fields = ["number", "title", "body", "sha256", "author", "created_at"]
        read_only_fields = fields

    @extend_schema_field(
        inline_serializer(
            name="RevisionAuthor",
            fields={"id": serializers.IntegerField(), "username": serializers.CharField()},
            allow_null=True,
        )
    )
    def get_author(self, obj: ArticleRevision) -> dict[str, Any] | None:
        return None if obj.author is None else {"id": obj.author.pk, "username": obj.author.get_username()}


class RevisionOpcodeSerializer(serializers.Serializer):
    tag = serializers.ChoiceField(choices=["equal", "replace", "delete", "insert"])
    from_start = serializers.IntegerField()
    from_end = serializers.IntegerField()
    to_start = serializers.IntegerField()
    to_end = serializers.IntegerField()
    from_text = serializers.CharField(allow_blank=True, help_text="Removed text (empty for equal blocks).")
    to_text = serializers.CharField(allow_blank=True, help_text="Inserted text (empty for equal blocks).")


class RevisionDiffSerializer(serializers.Serializer):
    article = serializers.IntegerField()
    title_changed = serializers.BooleanField()
    from_title = serializers.CharField()
    to_title = serializers.CharField()
    unified_diff = serializers.CharField(allow_blank=True)
    opcodes = RevisionOpcodeSerializer(many=True)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["from"] = serializers.IntegerField()  # "from" is a keyword: declared here
        fields["to"] = serializers.IntegerField()
        return fields
