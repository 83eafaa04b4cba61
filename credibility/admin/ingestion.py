"""Admin for ingestion: fetch pages by URL (an ingestion job with progress), feeds and their errors.

Registered from credibility/admin.py. Writes go through ``credibility.services.ingestion``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from annotations import policies
from annotations.admin.base import ServiceAdmin
from credibility.admin.base import ReadOnlyAdmin
from credibility.models import ArticleAuthor, Feed, FeedStatus, IngestionJob
from credibility.services.ingestion import (
    FEED_EDITABLE_FIELDS,
    MAX_URLS_PER_JOB,
    article_find_duplicate,
    feed_create,
    feed_update,
    feeds_poll_now,
    ingestion_job_request,
    url_check,
)


class FetchForm(forms.Form):
    urls = forms.CharField(
        label="URLs",
        widget=forms.Textarea(attrs={"rows": 4, "cols": 100}),
        help_text=f"One http(s) URL per line (at most {MAX_URLS_PER_JOB}). Each page is fetched in the background; "
        "headline, byline, date and outlet are extracted and the article is analysed.",
    )

    def clean_urls(self) -> list[str]:
        urls = list(dict.fromkeys(line.strip() for line in self.cleaned_data["urls"].splitlines() if line.strip()))
        if len(urls) > MAX_URLS_PER_JOB:
            raise ValidationError(f"At most {MAX_URLS_PER_JOB} URLs at a time.")
        errors: list[str] = []
        for url in urls:
            try:
                url_check(url=url)
            except ValidationError as exc:
                errors.extend(f"{url}: {message}" for message in exc.messages)
        if errors:
            raise ValidationError(errors)
        return urls


@admin.register(IngestionJob)
class IngestionJobAdmin(admin.ModelAdmin):
    """Jobs are written by the ingestion service; "Add" is the fetch form."""

    list_display = (
        "id",
        "kind",
        "state",
        "progress",
        "failed",
        "article_link",
        "duplicate",
        "feed",
        "created_at",
        "finished_at",
    )
    list_filter = ("state", "kind")
    search_fields = ("urls", "error")
    list_select_related = ("article", "feed")
    date_hierarchy = "created_at"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [*(field.name for field in self.model._meta.fields), "progress"]

    @admin.display(description="progress")
    def progress(self, obj: IngestionJob) -> str:
        return f"{obj.done}/{obj.total}"

    @admin.display(description="article")
    def article_link(self, obj: IngestionJob) -> str:
        if obj.article_id is None:
            return "-"
        url = reverse("admin:annotations_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return policies.can_write_articles(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if not self.has_add_permission(request):
            raise admin.exceptions.PermissionDenied  # type: ignore[attr-defined]
        form = FetchForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            urls = form.cleaned_data["urls"]
            existing = article_find_duplicate(urls=urls[:1]) if len(urls) == 1 else None
            if existing is not None:
                self.message_user(request, f"Already stored as article {existing.pk}: {existing}.", messages.INFO)
                return HttpResponseRedirect(reverse("admin:annotations_article_change", args=[existing.pk]))
            job = ingestion_job_request(urls=urls, requested_by=request.user)
            self.message_user(request, f"Fetching {len(urls)} URL(s) in job {job.pk}.", messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:credibility_ingestionjob_change", args=[job.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "Fetch articles from URLs",
            "form": form,
            "opts": self.model._meta,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/credibility/ingestionjob/fetch_form.html", context)


@admin.action(description="Poll now", permissions=["change"])
def poll_now(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Feed]) -> None:
    count = feeds_poll_now(feed_ids=queryset.values_list("pk", flat=True))
    modeladmin.message_user(request, f"Polling {count} feed(s).", messages.SUCCESS)


@admin.register(Feed)
class FeedAdmin(ServiceAdmin):
    list_display = (
        "__str__",
        "outlet",
        "active",
        "interval",
        "last_polled_at",
        "status",
        "error_count",
        "last_new_entries",
        "next_poll_at",
    )
    list_filter = ("active", "last_status")
    search_fields = ("url", "title", "outlet__name", "last_error")
    list_select_related = ("outlet",)
    autocomplete_fields = ("outlet",)
    actions = (poll_now,)
    readonly_fields = (
        "etag",
        "last_modified",
        "last_polled_at",
        "next_poll_at",
        "last_status",
        "last_http_status",
        "last_error",
        "last_error_at",
        "error_count",
        "last_new_entries",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("url", "title", "outlet", "interval", "active")}),
        (
            "Polling",
            {
                "fields": (
                    "last_polled_at",
                    "next_poll_at",
                    "last_status",
                    "last_http_status",
                    "last_new_entries",
                    "etag",
                    "last_modified",
                )
            },
        ),
        ("Errors", {"fields": ("error_count", "last_error", "last_error_at")}),
        ("History", {"fields": ("created_at", "updated_at")}),
    )

    @admin.display(description="last poll", ordering="last_status")
    def status(self, obj: Feed) -> str:
        if obj.last_status == FeedStatus.ERROR:
            error = obj.last_error if len(obj.last_error) <= 120 else obj.last_error[:117] + "..."
            return format_html('<span style="color:#b00">error: {}</span>', error)
        return obj.get_last_status_display()

    def service_save(self, request: HttpRequest, form: ModelForm, original: Any) -> Feed:
        values = {name: form.cleaned_data[name] for name in FEED_EDITABLE_FIELDS if name in form.cleaned_data}
        if original is None:
            return feed_create(**values)
        changes = self.changed_values(form, FEED_EDITABLE_FIELDS)
        return feed_update(feed=original, **changes) if changes else original


@admin.register(ArticleAuthor)
class ArticleAuthorAdmin(ReadOnlyAdmin):
    """Byline people of articles, linked by the ingestion services; read-only here."""

    list_display = ("article", "position", "source")
    search_fields = ("article__title", "source__name")
    list_select_related = ("article", "source")
