"""The "Dashboard" admin page: flags over time by reason, flags by outlet, the distribution of
source credibility and detector precision from reviews, as server-side SVG (``credibility.admin.charts``).

A plain admin view like the flagged-claim report (no model, no migration): ``config.admin.ADMIN_PAGES``
adds its URL to an admin site and lists it under Credibility. The numbers come from one selector;
each chart also has its data as a table, for screen readers and for copying.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe

from credibility.admin.charts import OKABE_ITO, Series, hbar_chart, stacked_bar_chart
from credibility.selectors import dashboard_data

URL_NAME = "credibility_dashboard"
DAY_CHOICES = (7, 30, 90)
REASON_LABELS = {
    "unsourced": "Unsourced",
    "vague_source": "Vague source",
    "hedged": "Hedged",
    "unverified (no reason)": "Unverified (no reason)",
    "contradicted": "Contradicted",
}
REASON_COLOURS = {
    "unsourced": OKABE_ITO[0],
    "vague_source": OKABE_ITO[1],
    "hedged": OKABE_ITO[2],
    "unverified (no reason)": OKABE_ITO[7],
    "contradicted": OKABE_ITO[5],
}


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def dashboard_charts(data: dict[str, Any]) -> dict[str, str]:
    """The four charts as SVG strings (escaped inside ``credibility.admin.charts``)."""
    days = data["over_time"]["days"]
    series = [
        Series(REASON_LABELS.get(s["reason"], s["reason"]), s["counts"], REASON_COLOURS.get(s["reason"], OKABE_ITO[3]))
        for s in data["over_time"]["series"]
    ]
    total = sum(sum(s["counts"]) for s in data["over_time"]["series"])
    over_time = stacked_bar_chart(
        chart_id="chart-flags-over-time",
        title=f"Flags over the last {data['days']} days, by reason",
        description=f"{total} flags raised in the period, stacked per day by reason.",
        categories=[d.strftime("%d %b") for d in days],
        series=series,
        label_every=max(1, len(days) // 8),
        empty="No flags in this period.",
    )
    outlets = data["by_outlet"]
    by_outlet = hbar_chart(
        chart_id="chart-flags-by-outlet",
        title="Flags by outlet",
        description="Unverified and contradicted claims per outlet (all time), with how many are still open.",
        bars=[(row["outlet"], row["total"]) for row in outlets],
        notes=[f"{row['open']} open" for row in outlets],
        value_format=lambda v: str(int(v)),
        colour=OKABE_ITO[3],
        empty="No flags yet.",
    )
    buckets = data["credibility"]["buckets"]
    credibility = stacked_bar_chart(
        chart_id="chart-source-credibility",
        title="Distribution of source credibility",
        description=(
            f"Number of sources per credibility score band (0-100); {data['credibility']['unscored']} "
            "sources have no score yet and are not drawn."
        ),
        categories=[b["label"] for b in buckets],
        series=[Series("Sources", [b["count"] for b in buckets], OKABE_ITO[2])],
        empty="No scored sources yet.",
    )
    detectors = [row for row in data["detectors"] if row["precision"] is not None]
    precision = hbar_chart(
        chart_id="chart-detector-precision",
        title="Detector precision from reviews",
        description="(confirmed + resolved) / reviewed machine flags per detector version; detectors with no reviewed flag are left out.",
        bars=[(row["detector"], row["precision"]) for row in detectors],
        notes=[f"n={row['reviewed']}" for row in detectors],
        value_format=_percent,
        max_value=1.0,
        colour=OKABE_ITO[4],
        empty="No reviewed machine flags yet.",
    )
    return {"over_time": over_time, "by_outlet": by_outlet, "credibility": credibility, "precision": precision}


def dashboard_view(request: HttpRequest, site: admin.AdminSite) -> HttpResponse:
    try:
        days = int(request.GET.get("days", 30))
    except ValueError:
        days = 30
    days = days if days in DAY_CHOICES else 30
    data = dashboard_data(days=days)
    for series in data["over_time"]["series"]:
        series["label"] = REASON_LABELS.get(series["reason"], series["reason"])
    charts = {name: mark_safe(svg) for name, svg in dashboard_charts(data).items()}  # noqa: S308 - escaped by credibility.admin.charts
    context = {
        **site.each_context(request),
        "title": "Dashboard",
        "data": data,
        "charts": charts,
        "day_choices": DAY_CHOICES,
        "reason_labels": REASON_LABELS,
        "report_url": reverse(f"{site.name}:credibility_flagged_claim_report"),
    }
    return TemplateResponse(request, "admin/credibility/dashboard.html", context)
