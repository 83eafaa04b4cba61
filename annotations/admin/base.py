"""Admin base classes whose saves and deletes call a service (``annotations.services``).

Service validation surfaces as form errors: ``ServiceAdmin`` calls the service once, while the form
is cleaned, inside a savepoint (a ValidationError or PermissionDenied becomes a form error and the
savepoint leaves nothing behind). ``save_model`` then only adopts the row the service wrote. When
anything else on the page is refused after that call (an inline, say), the admin's request
transaction is rolled back, on_commit callbacks included. One code path for admin and API: the
admin can never accept what the API would refuse.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

# Per-request flags: the service ran while the form was cleaned / the admin went on to save it.
_SERVICE_CALLED = "_service_admin_called"
_SERVICE_SAVED = "_service_admin_saved"


def _copy_fields(target: models.Model, source: models.Model) -> None:
    """Make the admin's in-memory object the row the service wrote (pk included, for inlines and logs)."""
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    target._state.adding = False
    target._state.db = source._state.db


def _add_service_errors(form: ModelForm, exc: ValidationError | PermissionDenied) -> None:
    if isinstance(exc, PermissionDenied):
        form.add_error(None, str(exc) or "You may not make this change.")
        return
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        target = field if field in form.fields and field != NON_FIELD_ERRORS else None
        if target is None and field != NON_FIELD_ERRORS:
            errors = [ValidationError(f"{field}: {message}") for e in errors for message in e.messages]
        form.add_error(target, errors)


def service_error_messages(exc: ValidationError | PermissionDenied) -> list[str]:
    return list(exc.messages) if isinstance(exc, ValidationError) else [str(exc) or "Permission denied."]


class ServiceAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes call a service (see the module docstring)."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def service_save(self, request: HttpRequest, form: ModelForm, original: models.Model | None) -> models.Model:
        """Create (``original`` is None) or update ``original`` from ``form.cleaned_data``; return the row."""
        raise NotImplementedError

    def service_delete(self, request: HttpRequest, obj: models.Model) -> None:
        obj.delete()

    @staticmethod
    def changed_values(form: ModelForm, allowed: Iterable[str]) -> dict[str, Any]:
        allowed = set(allowed)
        return {
            name: form.cleaned_data[name] for name in form.changed_data if name in allowed and name in form.cleaned_data
        }

    def _original(self, form: ModelForm) -> models.Model | None:
        pk = form.instance.pk
        return None if pk is None else type(form.instance)._default_manager.get(pk=pk)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> type[ModelForm]:
        base = super().get_form(request, obj, change=change, **kwargs)
        model_admin = self

        class ServiceValidatedForm(base):  # type: ignore[valid-type, misc]
            service_result: models.Model | None = None

            def clean(self) -> dict[str, Any]:
                cleaned = super().clean()
                if not self.errors:
                    try:
                        with transaction.atomic():  # a refused call leaves nothing behind
                            self.service_result = model_admin.service_save(request, self, model_admin._original(self))
                        request.__dict__[_SERVICE_CALLED] = True
                    except (ValidationError, PermissionDenied) as exc:
                        _add_service_errors(self, exc)
                return cleaned

        ServiceValidatedForm.__name__ = base.__name__
        return ServiceValidatedForm

    def _changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        # Django runs this inside one transaction.atomic: undo the service's write when the page
        # was refused after it (an invalid inline), since save_model never ran.
        # django-stubs does not declare the private ModelAdmin._changeform_view.
        response = super()._changeform_view(request, *args, **kwargs)  # type: ignore[misc]
        if request.__dict__.get(_SERVICE_CALLED) and not request.__dict__.get(_SERVICE_SAVED):
            transaction.set_rollback(True)
        return response

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        saved = getattr(form, "service_result", None)
        if saved is None:  # a form that did not come from get_form (never the admin's own views)
            saved = self.service_save(request, form, self._original(form) if change else None)
        request.__dict__[_SERVICE_SAVED] = True
        _copy_fields(obj, saved)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.service_delete(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.service_delete(request, obj)


class VersionedForm(ModelForm):
    """Carries the version the editor loaded, so a save never overwrites a change made meanwhile."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class VersionedServiceAdmin(SimpleHistoryAdmin, ServiceAdmin):
    """A ServiceAdmin for versioned models (articles, annotations), with their history pages.

    The change form holds the version it was rendered from (hidden ``loaded_version``); the
    service refuses a save against any other version, and the refusal is a form error.
    """

    form = VersionedForm

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and fieldsets:
            name, options = fieldsets[-1]
            fieldsets[-1] = (name, {**options, "fields": (*options["fields"], "loaded_version")})
        return fieldsets

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> type[ModelForm]:
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and "loaded_version" in form.base_fields:
            form.base_fields["loaded_version"].initial = obj.version
        return form

    @staticmethod
    def expected_version(form: ModelForm) -> int:
        version = form.cleaned_data.get("loaded_version")
        if version is None:
            raise ValidationError(
                "This form does not say which version it edits; reload the page and make your change again."
            )
        return int(version)
