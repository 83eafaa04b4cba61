"""URL map: the admin, the versioned API and its offline OpenAPI docs."""
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from config.login_throttle import throttled_admin_login

# The admin login counts failures per username and per address, and locks out (config/login_throttle.py).
if not getattr(admin.site.login, "login_throttled", False):
    admin.site.login = throttled_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/v1/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/v1/", include("config.api_urls")),
]
