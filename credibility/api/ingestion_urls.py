"""Routes that must come before the article router (see credibility/api/ingestion.py)."""
from django.urls import path
from rest_framework.routers import SimpleRouter

from credibility.api.ingestion import ArticleFetchView, IngestionJobViewSet

router = SimpleRouter()
router.register("ingestion-jobs", IngestionJobViewSet, basename="ingestionjob")

urlpatterns = [
    path("articles/fetch/", ArticleFetchView.as_view(), name="article-fetch"),
    *router.urls,
]
