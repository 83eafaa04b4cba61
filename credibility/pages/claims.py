"""The public page of one reviewed claim: our ClaimReview, readable by people and embedded as
JSON-LD for search engines (``<script type="application/ld+json">``).

Anonymous on purpose: every exported ClaimReview's ``url`` points here, and a search engine
fetches it without credentials. It shows only reviewed claims (contradicted claims a reviewer
confirmed, as the export does); any other annotation id is a 404, so nothing unreviewed leaks.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from credibility.selectors import claim_review_get, claim_review_public_base

URL_NAME = "claim-review-page"
CACHE_SECONDS = 300


def jsonld_script_text(record: dict[str, Any]) -> str:
    """The record as JSON that cannot end its ``<script>`` element: ``<``, ``>`` and ``&`` are
    written as JSON escapes (the same document for a JSON parser; inert for an HTML one)."""
    text = json.dumps(record, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _link(url: Any) -> str | None:
    """Only http(s) URLs become links (a stored ``javascript:`` URL stays inert text)."""
    return url if isinstance(url, str) and urlsplit(url).scheme in ("http", "https") else None


@require_safe
def claim_review_page(request: HttpRequest, annotation_id: int) -> HttpResponse:
    record = claim_review_get(
        annotation_id=annotation_id,
        public_base_url=claim_review_public_base(request_base=request.build_absolute_uri("/")),
        publisher=settings.CLAIMREVIEW_PUBLISHER,
    )
    if record is None:
        raise Http404("No reviewed claim here.")
    claim = record["itemReviewed"]
    context = {
        "record": record,
        "jsonld": mark_safe(jsonld_script_text(record)),  # noqa: S308 - escaped by jsonld_script_text
        "author": (claim.get("author") or {}).get("name"),
        "appearance_title": claim["appearance"].get("headline"),
        "appearance_url": _link(claim["appearance"].get("url")),
        "evidence_url": _link(record.get("isBasedOn")),
        "language": record.get("inLanguage") or "en",
    }
    response = TemplateResponse(request, "credibility/claim_review_page.html", context)
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response
