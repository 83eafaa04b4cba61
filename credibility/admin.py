"""Admin for sources, the fact-check registry and analysis runs, plus credibility's article action.

Sources are written through ``credibility.services.sources`` (which computes the normalised
name and aliases); the "Re-run analysis" action is added to annotations' ArticleAdmin through
its ``add_action`` hook, because annotations/ never imports credibility/.
"""
from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from simple_history.admin import SimpleHistoryAdmin

from annotations.admin import ArticleAdmin, ServiceAdmin
from annotations.models import Article
from django.utils.html import format_html, format_html_join

from credibility.admin_dashboard import dashboard_register
from credibility.admin_reports import flagged_claim_report_register
from credibility.models import AnalysisRun, FactCheck, Source, SourceAlias
from credibility.selectors import source_credibility_data, source_rating_history
from credibility.services.sources import SOURCE_EDITABLE_FIELDS, source_aliases_set, source_create, source_update


@admin.action(description="Re-run analysis", permissions=["change"])
def rerun_analysis(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Article]) -> None:
    # Imported here, like the signal receiver: the admin must load even while the pipeline cannot.
    from credibility.services.analysis import analysis_request

    runs = [analysis_request(article=article, requested_by=request.user) for article in queryset]
    modeladmin.message_user(
        request,
        f"Analysis requested for {len(runs)} article{'s' if len(runs) != 1 else ''} "
        f"(runs {', '.join(str(run.pk) for run in runs)}).",
        messages.SUCCESS,
    )


ArticleAdmin.add_action(rerun_analysis)


class SourceAliasInline(admin.TabularInline):
    model = SourceAlias
    extra = 1
    fields = ("alias",)


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin, ServiceAdmin):
    list_display = ("name", "kind", "rating", "score", "domain", "alias_list", "annotation_count")
    list_filter = ("kind",)
    search_fields = ("name", "aliases__alias", "domain", "description")
    readonly_fields = (
        "normalized_name", "score", "credibility_breakdown", "score_computed_at", "rating_history", "created_at",
        "updated_at",
    )
    inlines = (SourceAliasInline,)
    fieldsets = (
        (None, {"fields": ("name", "normalized_name", "kind", "description", "domain")}),
        ("Credibility", {"fields": ("rating", "rating_rationale", "score", "credibility_breakdown", "score_computed_at")}),
        ("Rating history", {"fields": ("rating_history",)}),
        ("History", {"fields": ("created_at", "updated_at")}),
    )

    @admin.display(description="rating history")
    def rating_history(self, obj: Source) -> str:
        """Shown inline as a read-only table (written only by the source services, never edited here)."""
        if obj.pk is None:
            return "-"
        changes = source_rating_history(source_id=obj.pk)
        if not changes:
            return "No rating changes yet."
        rows = format_html_join(
            "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((c.changed_at.strftime("%Y-%m-%d %H:%M"), "-" if c.old_rating is None else c.old_rating,
              "-" if c.new_rating is None else c.new_rating, c.rationale, c.changed_by or "-") for c in changes),
        )
        return format_html(
            "<table><tr><th>when</th><th>old</th><th>new</th><th>rationale</th><th>by</th></tr>{}</table>", rows
        )

    @admin.display(description="score breakdown")
    def credibility_breakdown(self, obj: Source) -> str:
        data = source_credibility_data(obj)
        rows = format_html_join(
            "", "<tr><th>{}</th><td>{}</td></tr>",
            ((name.replace("_", " "), value) for name, value in data["track_record"].items()),
        )
        return format_html(
            "<table>{}<tr><th>prior</th><td>{} (worth {} observations)</td></tr></table><p>{}</p>",
            rows, data["prior"], data["prior_strength"], data["explanation"],
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        return super().get_queryset(request).prefetch_related("aliases").annotate(_annotations=Count("annotations", distinct=True))

    @admin.display(description="aliases")
    def alias_list(self, obj: Source) -> str:
        return ", ".join(a.alias for a in obj.aliases.all())

    @admin.display(description="annotations", ordering="_annotations")
    def annotation_count(self, obj: Source) -> int:
        return getattr(obj, "_annotations", 0)

    def service_save(self, request: HttpRequest, form: ModelForm, original: models.Model | None) -> Source:
        values = {name: form.cleaned_data[name] for name in SOURCE_EDITABLE_FIELDS if name in form.cleaned_data}
        if original is None:
            return source_create(**values, changed_by=request.user)
        assert isinstance(original, Source)
        changes = self.changed_values(form, SOURCE_EDITABLE_FIELDS)
        if not changes:
            return original
        return source_update(source=original, **changes, changed_by=request.user)

    def save_formset(self, request: HttpRequest, form: ModelForm, formset: Any, change: bool) -> None:
        if formset.model is not SourceAlias:
            super().save_formset(request, form, formset, change)
            return
        # What formset.save() would leave behind; the admin's change message reads them.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        # The aliases the page ends with, set in one call so the service normalises and dedupes them.
        aliases = []
        for alias_form in formset.forms:
            if not hasattr(alias_form, "cleaned_data") or not alias_form.cleaned_data:
                continue
            if alias_form.cleaned_data.get("DELETE"):
                continue
            if alias_form.cleaned_data.get("alias"):
                aliases.append(alias_form.cleaned_data["alias"])
        source_aliases_set(source=form.instance, aliases=aliases)


@admin.register(FactCheck)
class FactCheckAdmin(SimpleHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("short_claim", "verdict", "rating_label", "publisher", "claimant", "review_date", "identifier")
    list_filter = ("verdict", "publisher", "review_date")
    search_fields = ("claim_reviewed", "claimant", "identifier", "url", "publisher")
    date_hierarchy = "review_date"
    readonly_fields = ("raw", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("identifier", "url", "claim_reviewed", "claimant", "claim_date")}),
        ("Review", {"fields": ("publisher", "review_date", "rating_label", "rating_value", "best_rating", "worst_rating", "verdict", "language")}),
        ("Import", {"fields": ("raw", "created_at", "updated_at")}),
    )

    @admin.display(description="claim reviewed", ordering="claim_reviewed")
    def short_claim(self, obj: FactCheck) -> str:
        return obj.claim_reviewed if len(obj.claim_reviewed) <= 90 else obj.claim_reviewed[:87] + "..."


@admin.register(AnalysisRun)
class AnalysisRunAdmin(admin.ModelAdmin):
    """Runs are a log written by the analysis service: viewable, never edited by hand."""

    list_display = ("id", "article", "state", "article_revision", "created_at", "finished_at", "duration_ms", "attempts")
    list_filter = ("state",)
    search_fields = ("article__title", "error")
    list_select_related = ("article",)
    date_hierarchy = "created_at"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# The "Flagged-claim report" page, listed under Credibility on the admin index.
flagged_claim_report_register(admin.site)
# The "Dashboard" page (server-side SVG charts), listed under Credibility too.
dashboard_register(admin.site)

# Ingestion: the fetch form (ingestion jobs), feeds and the byline authors of articles.
from credibility import admin_ingestion  # noqa: E402,F401
