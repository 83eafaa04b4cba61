"""Routes for articles and annotations, included under /api/v1/ by config/api_urls.py."""
from rest_framework.routers import SimpleRouter

from annotations.api.views import AnnotationViewSet, ArticleViewSet

router = SimpleRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("annotations", AnnotationViewSet, basename="annotation")

urlpatterns = router.urls
