"""Credibility's action on annotations' article admin: "Re-run analysis".

Added through ArticleAdmin's ``add_action`` hook, because annotations/ never imports credibility/.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from annotations.admin.articles import ArticleAdmin
from annotations.models import Article


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
