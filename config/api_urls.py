"""The /api/v1/ routes. Each app contributes its own router."""
from django.urls import include, path

from config.auth import TokenObtainView

urlpatterns = [
    path("auth/token/", TokenObtainView.as_view(), name="auth-token"),
    # First: "articles/fetch/" would otherwise match the article router's detail route.
    path("", include("credibility.api.ingestion_urls")),
    path("", include("annotations.api.urls")),
    path("", include("credibility.api.urls")),
]
