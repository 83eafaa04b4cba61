"""The "Flagged-claim report" admin page: the API's report, with one-click and bulk review decisions.

A plain admin view (no model of its own, so no migration): ``config.admin.ADMIN_PAGES``
adds its URL to an admin site and lists it under the Credibility app on the admin index. It
reuses the API's FilterSet (filters stay in the query string) and report rows; decisions are
POST forms (CSRF-protected by ``admin_view``) that call ``annotation_review`` like the API.
All article text reaches the page through autoescaping templates.

Triage (issue 21): human labels; five filters up front (kind, reason, state, outlet, date) and the
rest behind "More filters"; compact rows; the workspace's keys (report.js, decisions through the
REST API); with no query at all it opens on the open flags, ranked.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse

from annotations import policies
from annotations.models import Annotation, AnnotationKind, ReviewDecision, ReviewStatus, UnverifiedReason
from annotations.services.reviews import DECISION_TARGETS, TRANSITIONS, annotation_review
from credibility.models import Source
from credibility.selectors import FlaggedClaimFilter, flagged_claim_list, flagged_claim_rows, report_analysis_notices

URL_NAME = "credibility_flagged_claim_report"
PAGE_SIZE = 50
BULK_DECISIONS = (ReviewDecision.CONFIRM, ReviewDecision.DISMISS, ReviewDecision.RESOLVE, ReviewDecision.REOPEN)
# Up front on the page; every other filter of the FilterSet is under "More filters".
PRIMARY_FILTERS = ("kind", "reason", "status", "outlet", "created")
# What the page opens on when its address has no query: the open flags, in rank order.
DEFAULT_QUERY = "status=open"
KIND_LABELS = dict(AnnotationKind.choices)
REASON_LABELS = dict(UnverifiedReason.choices)
STATUS_LABELS = dict(ReviewStatus.choices)
VAGUE_RULE_PREFIX = "vague-source:"


class _OneOfList(forms.Select):
    """A single-choice select for a multiple-choice filter (``?kind=a`` reads as ``["a"]``): one
    value is what a reviewer picks; the API still takes several."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return [value for value in data.getlist(name) if value] if hasattr(data, "getlist") else data.get(name)


def _triage_form(filterset: FlaggedClaimFilter) -> None:
    """The FilterSet's form as the page shows it: selects with an "all" choice, outlets by name, dates."""
    fields = filterset.form.fields
    for name, everything in (("kind", "All kinds"), ("status", "All states"), ("reason", "All reasons")):
        field = fields[name]
        choices = [choice for choice in field.choices if choice[0] != ""]
        field.widget = _OneOfList(choices=[("", everything), *choices])
    outlets = Source.objects.filter(Q(kind="outlet") | Q(published_articles__isnull=False)).distinct().order_by("name")
    fields["outlet"].widget = forms.Select(choices=[("", "All outlets"), *((o.pk, o.name) for o in outlets)])
    fields["status"].label = "State"
    fields["created"].label = "Flagged between"
    for widget in fields["created"].widget.widgets:
        widget.input_type = "date"


def _safe_url(url: str | None) -> str | None:
    """Only http(s) links become hrefs (a stored ``javascript:`` URL stays inert text)."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return None


def _decisions(status: str) -> list[str]:
    allowed = TRANSITIONS.get(status, frozenset())
    return [decision for decision, target in DECISION_TARGETS.items() if target in allowed]


def _review(request: HttpRequest, pk: str, decision: str, note: str) -> bool:
    """One decision, on the version of the flag the page showed (``version-<pk>``): a flag that
    changed since is refused (reload and decide again), never decided blind."""
    try:
        annotation = Annotation.objects.get(pk=int(pk))
        version = int(request.POST.get(f"version-{pk}", ""))
    except (ValueError, Annotation.DoesNotExist):
        messages.error(request, f"Flag {pk} does not exist, or the page did not say which version you read.")
        return False
    try:
        annotation_review(
            annotation=annotation, decision=decision, note=note, reviewer=request.user, expected_version=version
        )
    except PermissionDenied as exc:
        messages.error(request, str(exc) or "You may not review flags.")
        return False
    except ValidationError as exc:
        messages.error(request, f"Flag {pk}: {' '.join(exc.messages)}")
        return False
    return True


def _post(request: HttpRequest) -> HttpResponse:
    single = request.POST.get("single", "")
    if single:
        pk, _, decision = single.partition(":")
        if _review(request, pk, decision, request.POST.get(f"note-{pk}", "") or request.POST.get("bulk_note", "")):
            messages.success(request, f"Flag {pk}: {decision} recorded.")
    elif request.POST.get("bulk"):
        decision = request.POST.get("bulk_decision", "")
        ids = request.POST.getlist("ids")
        if decision not in BULK_DECISIONS:
            messages.error(request, "Choose confirm, dismiss, resolve or reopen for the selected flags.")
        elif not ids:
            messages.warning(request, "No flags were selected.")
        else:
            done = sum(_review(request, pk, decision, request.POST.get("bulk_note", "")) for pk in ids)
            messages.success(request, f"{decision.capitalize()}: {done} of {len(ids)} selected flags.")
    # Back to the same page, filters and all (the form posts to the current URL).
    return HttpResponseRedirect(request.get_full_path())


def flagged_claim_report_view(request: HttpRequest, site: admin.AdminSite) -> HttpResponse:
    # is_staff opens the admin; the report needs the role's permissions (annotations.view_annotation
    # to read, annotations.review_annotation to decide: checked again by annotation_review).
    if not request.user.has_perm("annotations.view_annotation"):
        raise PermissionDenied("The flagged-claim report needs the view_annotation permission.")
    if request.method == "POST":
        if not policies.can_review_annotation(request.user):
            raise PermissionDenied("Only reviewers may decide flags.")
        return _post(request)
    data = request.GET if request.GET else QueryDict(DEFAULT_QUERY)
    filterset = FlaggedClaimFilter(data=data, queryset=flagged_claim_list(), request=request)
    _triage_form(filterset)
    queryset = filterset.qs if filterset.is_valid() else Annotation.objects.none()
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    annotations = list(page.object_list)
    rules = {a.pk: a.rule for a in annotations}
    rows = flagged_claim_rows(annotations=annotations)
    may_review = policies.can_review_annotation(request.user)
    for row in rows:
        row["kind_label"] = KIND_LABELS.get(row["kind"], row["kind"])
        row["reason_label"] = REASON_LABELS.get(row["reason"] or "", "")
        row["status_label"] = STATUS_LABELS.get(row["status"], row["status"])
        rule = rules.get(row["id"]) or ""
        # The vague phrase the detector matched ("officials"): shown when no Source row names the speaker.
        row["vague_source"] = rule[len(VAGUE_RULE_PREFIX) :] if rule.startswith(VAGUE_RULE_PREFIX) else ""
        row["decisions"] = _decisions(row["status"]) if may_review else []
        # A decided flag whose text an edit removed keeps its decision; the reviewer is told here.
        row["decision_kept_orphaned"] = row["anchor_state"] == "orphaned" and row["status"] != "open"
        row["article"]["safe_url"] = _safe_url(row["article"]["url"])
        row["article"]["admin_url"] = reverse("admin:annotations_article_change", args=[row["article"]["id"]])
        row["admin_url"] = reverse("admin:annotations_annotation_change", args=[row["id"]])
        if row["evidence"] is not None:
            row["evidence"]["safe_url"] = _safe_url(row["evidence"].get("url"))
    query = data.copy()
    query.pop("page", None)
    show_all_query = query.copy()
    show_all_query.pop("show_all", None)
    context = {
        **site.each_context(request),
        "title": "Flagged-claim report",
        "filterset": filterset,
        "primary_fields": [filterset.form[name] for name in PRIMARY_FILTERS],
        "more_fields": [filterset.form[name] for name in filterset.form.fields if name not in PRIMARY_FILTERS],
        "more_open": any(request.GET.get(name) for name in filterset.form.fields if name not in PRIMARY_FILTERS),
        "annotations_api": reverse("annotation-list"),
        "page": page,
        "rows": rows,
        "query": query.urlencode(),
        "held_back": filterset.held_back if filterset.is_valid() else 0,
        "analysis_notices": report_analysis_notices(filterset),
        "show_all_query": show_all_query.urlencode(),
        "bulk_decisions": BULK_DECISIONS if may_review else (),
        "may_review": may_review,
        "api_csv_url": reverse("flagged-claim-list")
        + "?"
        + "&".join(p for p in (query.urlencode(), "format=csv", "bom=1") if p),  # BOM: spreadsheets read UTF-8
    }
    return TemplateResponse(request, "admin/credibility/flagged_claim_report.html", context)
