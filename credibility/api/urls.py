"""Routes for sources, fact-checks, analysis runs and the analyze action, included under /api/v1/."""
from django.urls import path
from rest_framework.routers import SimpleRouter

from credibility.api.article_views import ArticleCredibilityView, ArticleExportView, ArticleImportJobView, ArticleImportView
from credibility.api.report_views import FlaggedClaimReportViewSet
from credibility.api.views import AnalysisRunViewSet, ArticleAnalyzeView, FactCheckViewSet, SourceViewSet

router = SimpleRouter()
router.register("sources", SourceViewSet, basename="source")
router.register("factchecks", FactCheckViewSet, basename="factcheck")
router.register("analysis-runs", AnalysisRunViewSet, basename="analysisrun")
router.register("reports/flagged-claims", FlaggedClaimReportViewSet, basename="flagged-claim")

# Lives here, not on the article viewset, because annotations/ never imports credibility/.
urlpatterns = [
    path("articles/<int:pk>/analyze/", ArticleAnalyzeView.as_view(), name="article-analyze"),
    path("articles/<int:pk>/credibility/", ArticleCredibilityView.as_view(), name="article-credibility"),
    path("articles/<int:pk>/export/", ArticleExportView.as_view(), name="article-export"),
    path("articles/<int:pk>/import/", ArticleImportView.as_view(), name="article-import"),
    path("articles/<int:pk>/import/jobs/<str:job_id>/", ArticleImportJobView.as_view(), name="article-import-job"),
    *router.urls,
]
