"""Admin for articles: the workspace (annotated text beside the flag list) and admin actions.

The article's annotations are no longer an admin inline: a thousand inline forms made a long
article's page take seconds and overflow the screen. The flag list (workspace.js, through the
REST API) replaces it, paginated; "All annotations" links to the annotation changelist.

Other apps extend the article admin without annotations/ importing them: credibility/admin/
calls ``ArticleAdmin.add_action`` to register "Re-run analysis".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.contrib import admin
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.urls import reverse

from annotations.admin.base import VersionedServiceAdmin
from annotations.admin.rendering import annotator_config, workspace_html
from annotations.models import (
    AnnotationKind,
    Article,
    ReviewStatus,
)
from annotations.services.articles import ARTICLE_EDITABLE_FIELDS, article_create, article_delete, article_update

AdminAction = Callable[[admin.ModelAdmin, HttpRequest, QuerySet[Any]], Any]


class OutletListFilter(admin.RelatedFieldListFilter):
    """ "By outlet": sources of kind outlet, and any source some article names as its outlet; never
    the people, organisations or unnamed speakers ("officials") the analysis attributes claims to."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, Any]]:
        sources = field.related_model._default_manager
        outlets = sources.filter(Q(kind="outlet") | Q(pk__in=Article.objects.exclude(outlet=None).values("outlet")))
        return [(str(source.pk), str(source)) for source in outlets.order_by("name", "pk")]


@admin.register(Article)
class ArticleAdmin(VersionedServiceAdmin):
    # Extension point: other apps append actions with ``ArticleAdmin.add_action`` (annotations/
    # cannot import them). Read per request, so actions added after registration still apply.
    actions: ClassVar[list[Any]] = []  # type: ignore[misc]

    list_display = (
        "title",
        "outlet",
        "analysis_state",
        "analyzed_at",
        "annotation_count",
        "open_flag_count",
        "created_at",
    )
    list_filter = ("analysis_state", ("outlet", OutletListFilter), "language")
    search_fields = ("title", "body", "url")
    list_select_related = ("outlet",)
    autocomplete_fields = ("outlet",)
    readonly_fields = (
        "body_sha256",
        "analysis_state",
        "analyzed_at",
        "analysis_notice",
        "language_origin",
        "revision",
        "version",
        "created_by",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("title", "body", "url", "outlet", "byline", "published_at", "language", "language_origin")}),
        (
            "Flagged-claim report",
            {
                "fields": ("low_value_flag_limit",),
                "description": (
                    "The report shows every flag worth checking and at most this many low-value flags of this "
                    "article (check-worthiness below the project's threshold); it says how many it held back."
                ),
            },
        ),
        (
            "Analysis",
            {
                "fields": (
                    "analysis_state",
                    "analyzed_at",
                    "analysis_notice",
                    "revision",
                    "version",
                    "body_sha256",
                    "created_by",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )

    class Media:
        css = {"all": ("annotations/admin.css", "annotations/annotator.css", "annotations/workspace.css")}
        js = (
            "annotations/dom.js",
            "annotations/annotator.js",
            "annotations/workspace.js",
        )  # dom.js: their shared helpers

    @classmethod
    def add_action(cls, action: AdminAction) -> None:
        """Offer ``action`` (an ``@admin.action`` function) on the article changelist."""
        if action not in cls.actions:
            cls.actions = [*cls.actions, action]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        open_flags = Q(annotations__status=ReviewStatus.OPEN) & Q(
            annotations__kind__in=[AnnotationKind.UNVERIFIED_CLAIM, AnnotationKind.CONTRADICTED_CLAIM]
        )
        return (
            super()
            .get_queryset(request)
            .annotate(_annotation_count=Count("annotations"), _open_flag_count=Count("annotations", filter=open_flags))
        )

    @admin.display(description="annotations", ordering="_annotation_count")
    def annotation_count(self, obj: Article) -> int:
        return getattr(obj, "_annotation_count", 0)

    @admin.display(description="open flags", ordering="_open_flag_count")
    def open_flag_count(self, obj: Article) -> int:
        return getattr(obj, "_open_flag_count", 0)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> type[ModelForm]:
        form = super().get_form(request, obj, change=change, **kwargs)
        original_body = obj.body if obj is not None else None

        class ArticleForm(form):  # type: ignore[valid-type, misc]
            def clean_body(self) -> str:
                # Browsers submit textareas with CRLF line breaks; offsets index the stored body,
                # so an unchanged body must come back byte for byte and new text uses LF.
                body = self.cleaned_data["body"]
                normalized = body.replace("\r\n", "\n")
                if original_body is not None and normalized == original_body.replace("\r\n", "\n"):
                    return original_body
                return normalized

        if "body" in ArticleForm.base_fields:
            ArticleForm.base_fields["body"].strip = False
        for name in ("title", "body"):  # Arabic or Hebrew text reads right to left as typed
            if name in ArticleForm.base_fields:
                ArticleForm.base_fields[name].widget.attrs["dir"] = "auto"
        ArticleForm.__name__ = form.__name__
        return ArticleForm

    def service_save(self, request: HttpRequest, form: ModelForm, original: models.Model | None) -> Article:
        if original is None:
            values = {name: form.cleaned_data[name] for name in ARTICLE_EDITABLE_FIELDS if name in form.cleaned_data}
            if "language" not in form.changed_data:
                values["language"] = None  # left at its default: detected from the body
            return article_create(created_by=request.user, **values)
        assert isinstance(original, Article)
        changes = self.changed_values(form, ARTICLE_EDITABLE_FIELDS)
        if "body" in changes and changes["body"] == original.body:
            changes.pop("body")
        if not changes:
            return original
        expected = self.expected_version(form)
        return article_update(article=original, changed_by=request.user, expected_version=expected, **changes)

    def service_delete(self, request: HttpRequest, obj: Article) -> None:  # type: ignore[override]
        article_delete(article=obj)

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> Any:
        if obj is not None and obj.pk is not None:
            context["add_annotation_url"] = reverse("admin:annotations_annotation_add") + f"?article={obj.pk}"
            context["annotation_list_url"] = (
                reverse("admin:annotations_annotation_changelist") + f"?article__id__exact={obj.pk}"
            )
            context["annotator_config"] = annotator_config(request=request, article=obj)
            context["workspace"] = workspace_html(obj)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
