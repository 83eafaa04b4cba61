"""Credibility's routes under /api/v1/: sources, fact-checks, analysis runs, reports, ingestion, and its
actions on articles. Detail routes take numeric ids only (``config.api.routers.Router``), so no route can
shadow another whatever the include order ("articles/fetch/" is not an article id)."""

from django.urls import path

from config.api.routers import Router
from credibility.api.views.articles import (
    ArticleCredibilityView,
    ArticleExportView,
    ArticleImportJobView,
    ArticleImportView,
)
from credibility.api.views.factchecks import FactCheckViewSet
from credibility.api.views.ingestion import ArticleFetchView, IngestionJobViewSet
from credibility.api.views.reports import FlaggedClaimReportViewSet
from credibility.api.views.runs import AnalysisRunViewSet, ArticleAnalyzeView
from credibility.api.views.sources import SourceViewSet

router = Router()
router.register("sources", SourceViewSet, basename="source")
router.register("factchecks", FactCheckViewSet, basename="factcheck")
router.register("analysis-runs", AnalysisRunViewSet, basename="analysisrun")
router.register("reports/flagged-claims", FlaggedClaimReportViewSet, basename="flagged-claim")
router.register("ingestion-jobs", IngestionJobViewSet, basename="ingestionjob")

# Article actions live here, not on the article viewset, because annotations/ never imports credibility/.
urlpatterns = [
    path("articles/fetch/", ArticleFetchView.as_view(), name="article-fetch"),
    path("articles/<int:pk>/analyze/", ArticleAnalyzeView.as_view(), name="article-analyze"),
    path("articles/<int:pk>/credibility/", ArticleCredibilityView.as_view(), name="article-credibility"),
    path("articles/<int:pk>/export/", ArticleExportView.as_view(), name="article-export"),
    path("articles/<int:pk>/import/", ArticleImportView.as_view(), name="article-import"),
    path("articles/<int:pk>/import/jobs/<str:job_id>/", ArticleImportJobView.as_view(), name="article-import-job"),
    *router.urls,
]
