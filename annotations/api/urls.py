"""Routes for articles and annotations, included under /api/v1/ by config/api/urls.py."""

from django.urls import path

from annotations.api.views import AnnotationViewSet, ArticleViewSet, DetectorScoreboardView
from config.api.routers import Router

router = Router()
router.register("articles", ArticleViewSet, basename="article")
router.register("annotations", AnnotationViewSet, basename="annotation")

urlpatterns = [
    path("detectors/", DetectorScoreboardView.as_view(), name="detector-scoreboard"),
    *router.urls,
]
