"""Admin for sources: written through credibility.services.sources (normalised name, aliases), with credibility data and rating history."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import Count, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from annotations.admin.base import ServiceAdmin
from credibility.models import Source, SourceAlias, SourceKind
from credibility.selectors import source_credibility_data, source_rating_history
from credibility.services.sources import SOURCE_EDITABLE_FIELDS, source_aliases_set, source_create, source_update


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
        "normalized_name",
        "score",
        "credibility_breakdown",
        "score_computed_at",
        "rating_history",
        "created_at",
        "updated_at",
    )
    inlines = (SourceAliasInline,)
    fieldsets = (
        (None, {"fields": ("name", "normalized_name", "kind", "description", "domain")}),
        (
            "Credibility",
            {"fields": ("rating", "rating_rationale", "score", "credibility_breakdown", "score_computed_at")},
        ),
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
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    c.changed_at.strftime("%Y-%m-%d %H:%M"),
                    "-" if c.old_rating is None else c.old_rating,
                    "-" if c.new_rating is None else c.new_rating,
                    c.rationale,
                    c.changed_by or "-",
                )
                for c in changes
            ),
        )
        return format_html(
            "<table><tr><th>when</th><th>old</th><th>new</th><th>rationale</th><th>by</th></tr>{}</table>", rows
        )

    @admin.display(description="score breakdown")
    def credibility_breakdown(self, obj: Source) -> str:
        data = source_credibility_data(obj)
        rows = format_html_join(
            "",
            "<tr><th>{}</th><td>{}</td></tr>",
            ((name.replace("_", " "), value) for name, value in data["track_record"].items()),
        )
        return format_html(
            "<table>{}<tr><th>prior</th><td>{} (worth {} observations)</td></tr></table><p>{}</p>",
            rows,
            data["prior"],
            data["prior_strength"],
            data["explanation"],
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        return (
            super()
            .get_queryset(request)
            .prefetch_related("aliases")
            .annotate(_annotations=Count("annotations", distinct=True))
        )

    @admin.display(description="aliases")
    def alias_list(self, obj: Source) -> str:
        return ", ".join(a.alias for a in obj.aliases.all())

    @admin.display(description="annotations", ordering="_annotations")
    def annotation_count(self, obj: Source) -> int:
        return getattr(obj, "_annotations", 0)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> type[ModelForm]:
        form = super().get_form(request, obj, change=change, **kwargs)
        field = form.base_fields.get("kind")
        if obj is None and field is not None:
            # A new source's kind is asked, not assumed (it used to default to person), and an
            # unnamed speaker ("officials") is no Source at all: it is a label on the annotation.
            named = [(value, label) for value, label in SourceKind.choices if value != SourceKind.VAGUE]
            field.choices = [("", "---------"), *named]  # type: ignore[attr-defined]
            field.initial = ""
            field.required = True
        return form

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
