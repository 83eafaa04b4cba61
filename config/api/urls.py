"""The /api/v1/ routes. Each app contributes its own router; their detail routes take numeric ids
only, so the include order does not matter."""

from django.urls import include, path

from config.api.auth import TokenObtainView

urlpatterns = [
    path("auth/token/", TokenObtainView.as_view(), name="auth-token"),
    path("", include("annotations.api.urls")),
    path("", include("credibility.api.urls")),
]
