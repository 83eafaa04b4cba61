"""The "Flagged-claim report" admin page: the API's report, with one-click and bulk review decisions.

A plain admin view (no model of its own, so no migration): ``config.admin.ADMIN_PAGES``
adds its URL to an admin site and lists it under the Credibility app on the admin index. It
reuses the API's FilterSet (filters stay in the query string) and report rows; decisions are
POST forms (CSRF-protected by ``admin_view``) that call ``annotation_review`` like the API.
All article text reaches the page through autoescaping templates.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from annotations import policies
from annotations.models import Annotation, ReviewDecision
from annotations.services.reviews import DECISION_TARGETS, TRANSITIONS, annotation_review
from credibility.selectors import FlaggedClaimFilter, flagged_claim_list, flagged_claim_rows, report_analysis_notices

URL_NAME = "credibility_flagged_claim_report"
PAGE_SIZE = 50
BULK_DECISIONS = (ReviewDecision.CONFIRM, ReviewDecision.DISMISS, ReviewDecision.RESOLVE, ReviewDecision.REOPEN)


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
        if _review(request, pk, decision, request.POST.get(f"note-{pk}", "")):
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
    filterset = FlaggedClaimFilter(data=request.GET, queryset=flagged_claim_list(), request=request)
    queryset = filterset.qs if filterset.is_valid() else Annotation.objects.none()
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = flagged_claim_rows(annotations=page.object_list)
    may_review = policies.can_review_annotation(request.user)
    for row in rows:
        row["decisions"] = _decisions(row["status"]) if may_review else []
        # A decided flag whose text an edit removed keeps its decision; the reviewer is told here.
        row["decision_kept_orphaned"] = row["anchor_state"] == "orphaned" and row["status"] != "open"
        row["article"]["safe_url"] = _safe_url(row["article"]["url"])
        row["article"]["admin_url"] = reverse("admin:annotations_article_change", args=[row["article"]["id"]])
        row["admin_url"] = reverse("admin:annotations_annotation_change", args=[row["id"]])
        if row["evidence"] is not None:
            row["evidence"]["safe_url"] = _safe_url(row["evidence"].get("url"))
    query = request.GET.copy()
    query.pop("page", None)
    show_all_query = query.copy()
    show_all_query.pop("show_all", None)
    context = {
        **site.each_context(request),
        "title": "Flagged-claim report",
        "filterset": filterset,
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
