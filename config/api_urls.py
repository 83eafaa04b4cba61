"""The /api/v1/ routes. Each app contributes its own router."""
from django.urls import include, path

urlpatterns = [
    path("", include("annotations.api.urls")),
    path("", include("credibility.api.urls")),
]
