"""URL map: the admin, the versioned API and its offline OpenAPI docs, the public claim pages, and the health probe."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from config.health import HealthView

handler404 = "config.errors.not_found"

urlpatterns = [
    path("health/", HealthView.as_view(), name="health"),
    path("admin/", admin.site.urls),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/v1/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/v1/", include("config.api.urls")),
    # Public and anonymous: the page of each reviewed claim, the ``url`` of its exported ClaimReview.
    path("", include("credibility.pages.urls")),
]
