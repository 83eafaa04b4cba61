"""Viewsets for articles and annotations: parse, call a service, present. No business logic here."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

from annotations import policies
from annotations.api.filters import ArticleFilter
from annotations.api.permissions import AnnotationPermission, ArticlePermission
from annotations.api.serializers import (
    AnnotationCreateSerializer,
    AnnotationSerializer,
    AnnotationUpdateSerializer,
    ApplyBulkRequestSerializer,
    ApplyBulkResultSerializer,
    ApplyRequestSerializer,
    ApplyResultSerializer,
    ArticleBulkRequestSerializer,
    ArticleBulkResultSerializer,
    ArticleCreateSerializer,
    ArticleDetailSerializer,
    ArticleListSerializer,
    ArticleRevisionSerializer,
    ArticleWriteSerializer,
    AssignRequestSerializer,
    DetectorScoreSerializer,
    ReattachRequestSerializer,
    ReviewLogSerializer,
    ReviewRequestSerializer,
    RevisionDiffSerializer,
)
from annotations.models import Annotation, Article
from annotations.selectors import (
    AnnotationFilter,
    annotation_article_ids,
    annotation_list,
    annotation_read_list,
    annotation_read_rows,
    article_annotation_rows,
    article_detail_list,
    article_list,
    article_revision_list,
    article_version_get,
    detector_scoreboard,
    review_log_list,
)
from annotations.services.annotations import (
    annotation_create,
    annotation_delete,
    annotation_reattach,
    annotation_update,
)
from annotations.services.articles import (
    BulkItemResult,
    article_bulk_create,
    article_create,
    article_create_from_html,
    article_delete,
    article_update,
)
from annotations.services.errors import StaleVersionError
from annotations.services.reviews import annotation_assign, annotation_review
from annotations.services.revisions import article_revision_diff
from annotations.services.suggestions import annotation_suggestion_apply, annotations_suggestions_apply
from config.api.concurrency import etag, if_match_version
from config.api.exceptions import Conflict, PreconditionFailed, PreconditionRequired
from config.api.history import HistoryMixin
from config.api.mixins import DetailFilteringMixin

CONFLICT = OpenApiResponse(description="Conflict: a duplicate URL, or a stale annotation version.")
PRECONDITION_FAILED = OpenApiResponse(description="If-Match names an older version; the body has current_version.")
PRECONDITION_REQUIRED = OpenApiResponse(description="If-Match is missing: send the ETag of your GET.")
IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, required=True, description='The ETag of the version you read, e.g. "3".'
)
WRITE_RESPONSES = {409: CONFLICT, 412: PRECONDITION_FAILED, 428: PRECONDITION_REQUIRED}
# What apply/ and the bulk apply/ both answer before applying anything.
APPLY_REFUSALS = {
    403: OpenApiResponse(description="Not a reviewer."),
    412: PRECONDITION_FAILED,
    428: PRECONDITION_REQUIRED,
}


@extend_schema_view(
    list=extend_schema(summary="List articles", description="Search covers title and body."),
    retrieve=extend_schema(summary="An article with its body and embedded annotations"),
    create=extend_schema(request=ArticleCreateSerializer, responses={201: ArticleDetailSerializer, 409: CONFLICT}),
    update=extend_schema(
        request=ArticleWriteSerializer,
        parameters=[IF_MATCH],
        responses={200: ArticleDetailSerializer, **WRITE_RESPONSES},
    ),
    partial_update=extend_schema(
        request=ArticleWriteSerializer,
        parameters=[IF_MATCH],
        responses={200: ArticleDetailSerializer, **WRITE_RESPONSES},
    ),
)
class ArticleViewSet(DetailFilteringMixin, HistoryMixin, viewsets.ModelViewSet):
    """Articles. Creating one, or changing its text, requests an analysis once the write commits."""

    permission_classes = [ArticlePermission]
    filterset_class = ArticleFilter
    search_fields = ["title", "body"]
    ordering_fields = ["published_at", "created_at", "updated_at", "title", "analyzed_at", "annotation_count"]
    ordering = ["-created_at", "-id"]
    queryset = Article.objects.none()  # for schema introspection; get_queryset is the real one

    def get_queryset(self) -> QuerySet[Article]:
        if self.action == "list":
            return article_list(with_counts=True)
        if self.action == "retrieve":  # the annotations are read as rows, and counted from them (_detail)
            return article_list()
        return article_detail_list(with_counts=True)

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action == "list":
            return ArticleListSerializer
        if self.action == "create":
            return ArticleCreateSerializer
        if self.action in ("update", "partial_update"):
            return ArticleWriteSerializer
        return ArticleDetailSerializer

    def _detail(self, article: Article) -> dict[str, Any]:
        context = {**self.get_serializer_context(), "annotation_rows": article_annotation_rows(article=article)}
        return ArticleDetailSerializer(article, context=context).data

    def _present(self, article: Article, code: int) -> Response:
        fresh = article_list().get(pk=article.pk)
        return Response(self._detail(fresh), status=code, headers={"ETag": etag(fresh.version)})

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        article = self.get_object()
        return Response(self._detail(article), headers={"ETag": etag(article.version)})

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = ArticleCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        html = data.pop("html", None)
        if html is not None:
            article = article_create_from_html(html=html, **data, created_by=request.user)
        else:
            article = article_create(**data, created_by=request.user)
        return self._present(article, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """PUT/PATCH need ``If-Match`` with the ETag read (428 without, 412 when someone saved since)."""
        article, expected, data = _versioned_edit(
            self, request, ArticleWriteSerializer, partial=kwargs.pop("partial", False)
        )
        article = article_update(article=article, changed_by=request.user, expected_version=expected, **data)
        return self._present(article, status.HTTP_200_OK)

    @extend_schema(
        summary="Create up to 500 articles in one transaction",
        description=(
            "Each item is validated like POST /articles/ (plain body only) and reported in input order: "
            "created (with its id), duplicate (its URL belongs to existing_article, also when an earlier "
            "item of the batch took it) or invalid (with errors). Refused items do not stop the others; "
            "the created ones commit together and their analyses are enqueued after the commit."
        ),
        request=ArticleBulkRequestSerializer,
        responses={200: ArticleBulkResultSerializer},
    )
    @action(detail=False, methods=["post"], url_path="bulk", pagination_class=None, filter_backends=[])
    def bulk(self, request: Request) -> Response:
        envelope = ArticleBulkRequestSerializer(data=request.data)
        envelope.is_valid(raise_exception=True)
        results: dict[int, BulkItemResult] = {}
        valid: list[tuple[int, dict[str, Any]]] = []
        for index, item in enumerate(envelope.validated_data["articles"]):
            serializer = ArticleWriteSerializer(data=item, context=self.get_serializer_context())
            if not isinstance(item, dict) or not serializer.is_valid():
                errors = serializer.errors if isinstance(item, dict) else {"non_field_errors": ["Expected an object."]}
                results[index] = BulkItemResult(index, "invalid", errors=dict(errors))
            else:
                valid.append((index, dict(serializer.validated_data)))
        stored = article_bulk_create(items=[data for _, data in valid], created_by=request.user)
        for (index, _), outcome in zip(valid, stored, strict=True):
            results[index] = BulkItemResult(
                index, outcome.status, outcome.article_id, outcome.existing_id, outcome.errors
            )
        ordered = [results[index] for index in sorted(results)]
        return Response(
            {
                "created": sum(r.status == "created" for r in ordered),
                "duplicates": sum(r.status == "duplicate" for r in ordered),
                "invalid": sum(r.status == "invalid" for r in ordered),
                "results": [
                    {
                        "index": r.index,
                        "status": r.status,
                        "id": r.article_id,
                        "existing_article": r.existing_id,
                        "errors": r.errors,
                    }
                    for r in ordered
                ],
            }
        )

    @extend_schema(
        summary="The article's revisions, oldest first", responses={200: ArticleRevisionSerializer(many=True)}
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def revisions(self, request: Request, pk: str | None = None) -> Response:
        article = self.get_object()
        return Response(ArticleRevisionSerializer(article_revision_list(article=article), many=True).data)

    @extend_schema(
        summary="The difference between two revisions",
        description=(
            "A unified diff of the lines, plus the exact edit as difflib opcodes over code points "
            "(``from_start``/``from_end`` index revision ``from``, ``to_start``/``to_end`` revision ``to``)."
        ),
        parameters=[
            OpenApiParameter("from", int, required=True, description="Revision number."),
            OpenApiParameter("to", int, required=False, description="Revision number; default the latest."),
        ],
        responses={200: RevisionDiffSerializer, 404: OpenApiResponse(description="No such revision.")},
    )
    @action(detail=True, methods=["get"], url_path="revisions/diff", pagination_class=None)
    def revisions_diff(self, request: Request, pk: str | None = None) -> Response:
        article = self.get_object()
        numbers: dict[str, int] = {}
        for name, default in (("from", None), ("to", article.revision)):
            raw = request.query_params.get(name)
            if raw is None:
                if default is None:
                    raise ValidationError({name: ["This parameter is required (a revision number)."]})
                numbers[name] = default
                continue
            try:
                numbers[name] = int(raw)
            except ValueError as exc:
                raise ValidationError({name: [f"Expected a revision number, got {raw!r}."]}) from exc
        diff = article_revision_diff(article=article, from_number=numbers["from"], to_number=numbers["to"])
        return Response(diff)  # already RevisionDiffSerializer's shape (cached; see services.revisions)

    def perform_destroy(self, instance: Article) -> None:
        article_delete(article=instance)


@extend_schema_view(
    create=extend_schema(request=AnnotationCreateSerializer, responses={201: AnnotationSerializer}),
    update=extend_schema(
        request=AnnotationUpdateSerializer,
        parameters=[IF_MATCH],
        responses={200: AnnotationSerializer, **WRITE_RESPONSES},
    ),
    partial_update=extend_schema(
        request=AnnotationUpdateSerializer,
        parameters=[IF_MATCH],
        responses={200: AnnotationSerializer, **WRITE_RESPONSES},
    ),
)
class AnnotationViewSet(DetailFilteringMixin, HistoryMixin, viewsets.ModelViewSet):
    """Editor and machine annotations. The API creates editor annotations only.

    Owners edit content, reviewers change ``status`` / ``review_note`` of any annotation.
    Fields sent with their current value are not counted as changes, so a reviewer may
    send back a whole annotation with only its status changed.
    """

    permission_classes = [AnnotationPermission]
    filterset_class = AnnotationFilter
    search_fields = ["quote", "comment", "explanation"]
    ordering_fields = ["created_at", "updated_at", "start", "confidence", "article"]
    ordering = ["article_id", "start", "end", "id"]
    queryset = Annotation.objects.none()

    def get_queryset(self) -> QuerySet[Annotation]:
        if self.action == "list":
            return annotation_read_rows()
        if self.action == "retrieve":
            return annotation_read_list()
        return annotation_list()

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action == "create":
            return AnnotationCreateSerializer
        if self.action in ("update", "partial_update"):
            return AnnotationUpdateSerializer
        return AnnotationSerializer

    def _present(self, annotation: Annotation, code: int) -> Response:
        fresh = annotation_read_list().get(pk=annotation.pk)
        data = AnnotationSerializer(fresh, context=self.get_serializer_context()).data
        return Response(data, status=code, headers={"ETag": etag(fresh.version)})

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        annotation = self.get_object()
        data = AnnotationSerializer(annotation, context=self.get_serializer_context()).data
        return Response(data, headers={"ETag": etag(annotation.version)})

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = AnnotationCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        annotation = annotation_create(**serializer.validated_data, created_by=request.user)
        return self._present(annotation, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """PUT/PATCH need ``If-Match`` with the ETag read (428 without, 412 when someone saved since).

        A ``version`` in the body is still honoured as before (409 when stale).
        """
        annotation, expected, data = _versioned_edit(
            self, request, AnnotationUpdateSerializer, partial=kwargs.pop("partial", False)
        )
        data.pop("article", None)
        body_version = data.pop("version", None)
        if body_version is not None and body_version != annotation.version:
            raise StaleVersionError(what="annotation", expected=body_version, current=annotation.version)
        annotation = annotation_update(
            annotation=annotation,
            changed_by=request.user,
            expected_version=expected,
            **_changes(annotation, data),
        )
        return self._present(annotation, status.HTTP_200_OK)

    @extend_schema(
        summary="Re-attach an annotation (typically an orphan) to a span of the current body",
        description=(
            "The owner; reviewers only for an orphaned annotation. The quote and context become body[start:end] (code points); "
            "anchor_state becomes anchored. If-Match is optional here (412 when stale)."
        ),
        request=ReattachRequestSerializer,
        responses={
            200: AnnotationSerializer,
            400: OpenApiResponse(description="Span outside the body."),
            412: PRECONDITION_FAILED,
        },
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def reattach(self, request: Request, pk: str | None = None) -> Response:
        annotation = self.get_object()
        expected = if_match_version(request, current=annotation.version) if request.headers.get("If-Match") else None
        serializer = ReattachRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        annotation = annotation_reattach(
            annotation=annotation,
            start=serializer.validated_data["start"],
            end=serializer.validated_data["end"],
            changed_by=request.user,
            expected_version=expected,
        )
        return self._present(annotation, status.HTTP_200_OK)

    def perform_destroy(self, instance: Annotation) -> None:
        annotation_delete(annotation=instance, deleted_by=self.request.user)

    @staticmethod
    def _require_applier(request: Request) -> None:
        if not policies.can_review_annotation(request.user):
            raise PermissionDenied("Only reviewers may apply suggestions: it resolves the flag and edits the article.")

    def _article_if_match(self, request: Request, article_id: int) -> int:
        """The article version ``If-Match`` names: 428 without it, 412 when stale (as PATCH /articles/{id}/)."""
        self._require_applier(request)
        current = article_version_get(article_id=article_id)
        if current is None:
            raise NotFound("The annotation's article no longer exists.")
        return if_match_version(request, current=current)

    @staticmethod
    def _applied(article: Article, **fields: Any) -> Response:
        """An apply's answer: ``fields``, the article's new version, and its new ETag (the next If-Match)."""
        version = {
            "id": article.pk,
            "version": article.version,
            "revision": article.revision,
            "etag": etag(article.version),
        }
        return Response({**fields, "article": version}, headers={"ETag": etag(article.version)})

    @extend_schema(
        summary="Apply a typo's suggestion to the article text and resolve the typo",
        description=(
            "Reviewers only. Replaces the quoted span with the suggestion through the article edit (a new "
            'revision; the changed sentence is analysed again) and resolves the typo with the note "Applied '
            "suggestion '...' (revision N)\" plus yours. Every other annotation is re-anchored; one whose span "
            "contains the fix follows it (its quote becomes the corrected text). If-Match: the ARTICLE's ETag "
            "(428 without, 412 when stale). 400 when there is nothing to apply (not a typo, no suggestion); 409 "
            "when the typo is not open or confirmed, or the text under its span is no longer its quote. The "
            "response's ETag is the article's new one."
        ),
        request=ApplyRequestSerializer,
        parameters=[IF_MATCH],
        responses={
            200: ApplyResultSerializer,
            400: OpenApiResponse(description="Not a typo, or no suggestion to apply."),
            409: OpenApiResponse(description="The text under the span changed, or the typo is dismissed/resolved."),
            **APPLY_REFUSALS,
        },
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def apply(self, request: Request, pk: str | None = None) -> Response:
        annotation = self.get_object()
        expected = self._article_if_match(request, annotation.article_id)
        serializer = ApplyRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        annotation, article = annotation_suggestion_apply(
            annotation=annotation,
            applied_by=request.user,
            expected_article_version=expected,
            note=serializer.validated_data["note"],
        )
        fresh = annotation_read_list().get(pk=annotation.pk)
        return self._applied(
            article, annotation=AnnotationSerializer(fresh, context=self.get_serializer_context()).data
        )

    @extend_schema(
        summary="Apply the suggestions of several typos of one article in one edit",
        operation_id="annotations_apply_bulk",
        description=(
            "Reviewers only. ``annotations``: typo ids, all of one article; If-Match: that article's ETag (428 "
            "without, 412 when stale). The applicable ones are applied in a single edit (one revision) and "
            "resolved as by apply/; each id is reported in input order: applied, invalid (nothing to apply, "
            "repeated, or overlapping another applied in the same edit), conflict (not open or confirmed, or "
            "its text changed) or not_found. 200 even when none could be applied (the article is then unchanged)."
        ),
        request=ApplyBulkRequestSerializer,
        parameters=[IF_MATCH],
        responses={
            200: ApplyBulkResultSerializer,
            400: OpenApiResponse(description="No such annotations, or annotations of several articles."),
            **APPLY_REFUSALS,
        },
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="apply",
        url_name="apply-bulk",
        permission_classes=[IsAuthenticated],
        pagination_class=None,
        filter_backends=[],
    )
    def apply_bulk(self, request: Request) -> Response:
        self._require_applier(request)  # before the ids are looked at: they would tell which exist
        serializer = ApplyBulkRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ids: list[int] = serializer.validated_data["annotations"]
        articles = annotation_article_ids(annotation_ids=ids)
        if len(articles) != 1:
            problem = (
                "None of these annotations exists."
                if not articles
                else (
                    f"The annotations belong to articles {', '.join(str(a) for a in sorted(articles))}; "
                    "apply the suggestions of one article per request (If-Match is that article's ETag)."
                )
            )
            raise ValidationError({"annotations": [problem]})
        (article_id,) = articles
        expected = self._article_if_match(request, article_id)
        outcome = annotations_suggestions_apply(
            article_id=article_id,
            annotation_ids=ids,
            applied_by=request.user,
            expected_article_version=expected,
            note=serializer.validated_data["note"],
        )
        return self._applied(
            outcome.article,
            applied=sum(o.status == "applied" for o in outcome.outcomes),
            results=[
                {"annotation": o.annotation_id, "status": o.status, "detail": o.messages} for o in outcome.outcomes
            ],
        )

    @extend_schema(
        summary="Review an annotation: confirm, dismiss, resolve or reopen",
        description=(
            "Reviewers only. Allowed: open -> confirmed | dismissed; confirmed -> resolved | open; "
            "dismissed -> open; resolved -> open. Anything else answers 409. ``version`` (or If-Match) is "
            "required: the version you decided on (428 without it, 409 when stale). Every decision is logged."
        ),
        request=ReviewRequestSerializer,
        responses={
            200: AnnotationSerializer,
            403: OpenApiResponse(description="Not a reviewer."),
            409: CONFLICT,
            428: PRECONDITION_REQUIRED,
        },
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def review(self, request: Request, pk: str | None = None) -> Response:
        annotation = self.get_object()
        if not policies.can_review_annotation(request.user):
            raise PermissionDenied("Only reviewers may review annotations.")
        serializer = ReviewRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        version = data.get("version")
        if version is None and request.headers.get("If-Match"):
            try:
                version = if_match_version(request, current=annotation.version)
            except PreconditionFailed as exc:
                raise Conflict(exc.detail, extra=exc.extra) from exc
        if version is None:
            raise PreconditionRequired(
                'A review must say which version it decided on: send the annotation\'s "version" '
                "(or its ETag in If-Match) as you read it."
            )
        try:
            annotation = annotation_review(
                annotation=annotation,
                decision=data["decision"],
                note=data["note"],
                reviewer=request.user,
                expected_version=version,
            )
        except StaleVersionError as exc:
            # The body's ``version`` (what annotator.js and the report page send): a stale one is a
            # conflict with the decision asked for, 409, as clients of this action have always had.
            raise Conflict({"version": exc.messages}, extra={"current_version": exc.current}) from exc
        return self._present(annotation, status.HTTP_200_OK)

    @extend_schema(
        summary="The review log of an annotation, oldest first", responses={200: ReviewLogSerializer(many=True)}
    )
    @action(detail=True, methods=["get"], permission_classes=[IsAuthenticated], pagination_class=None)
    def reviews(self, request: Request, pk: str | None = None) -> Response:
        annotation = self.get_object()
        logs = review_log_list(annotation=annotation)
        return Response(ReviewLogSerializer(logs, many=True).data)

    @extend_schema(
        summary="Assign an annotation to a reviewer (null unassigns)",
        request=AssignRequestSerializer,
        responses={200: AnnotationSerializer, 403: OpenApiResponse(description="Not a reviewer.")},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        annotation = self.get_object()
        serializer = AssignRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        annotation = annotation_assign(
            annotation=annotation, assignee=serializer.validated_data["assignee"], assigned_by=request.user
        )
        return self._present(annotation, status.HTTP_200_OK)


class DetectorScoreboardView(APIView):
    """How reviewers judged each detector version's machine annotations (a list, unpaginated)."""

    @extend_schema(
        summary="Detector scoreboard: review outcomes and precision per detector@version",
        responses={200: DetectorScoreSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(DetectorScoreSerializer(detector_scoreboard(), many=True).data)


def _versioned_edit(
    view: viewsets.GenericViewSet, request: Request, serializer_class: type[BaseSerializer], *, partial: bool
) -> tuple[Any, int, dict[str, Any]]:
    """The start of every PUT/PATCH of a versioned object: the object, the version its ``If-Match`` names
    (428 or 412 before the body is looked at) and the validated body."""
    instance = view.get_object()
    expected = if_match_version(request, current=instance.version)
    serializer = serializer_class(instance, data=request.data, partial=partial, context=view.get_serializer_context())
    serializer.is_valid(raise_exception=True)
    return instance, expected, dict(serializer.validated_data)


_SPAN_FIELDS = ("start", "end", "quote")
_FOREIGN_KEYS = ("source", "evidence_factcheck", "evidence_annotation")


def _changes(annotation: Annotation, data: dict[str, Any]) -> dict[str, Any]:
    """The submitted fields whose values differ from the stored ones.

    The span travels as a unit: if start or end moves, the submitted quote is checked at the new place.
    """

    def current(name: str) -> Any:
        if name in _FOREIGN_KEYS:
            return getattr(annotation, f"{name}_id")
        return getattr(annotation, name)

    def submitted(name: str) -> Any:
        value = data[name]
        return value.pk if name in _FOREIGN_KEYS and value is not None else value

    changed = {name: value for name, value in data.items() if submitted(name) != current(name)}
    if any(name in changed for name in ("start", "end")):
        changed.update({name: data[name] for name in _SPAN_FIELDS if name in data})
    return changed
