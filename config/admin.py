"""The project's admin site: Django's, plus plain pages (no model) listed on the index.

A new admin page is a view ``view(request, site) -> HttpResponse`` and one ``AdminPage`` line in
``ADMIN_PAGES``; the site serves it behind the admin login and lists it first under its app.
Installed through ``config.apps.AdminConfig`` (``default_site``), so ``admin.site`` is this site
and every app's ``@admin.register`` lands here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path, reverse
from django.utils.module_loading import import_string

from config.login_throttle import throttled_admin_login

PageView = Callable[[HttpRequest, admin.AdminSite], HttpResponse]


@dataclass(frozen=True, slots=True)
class AdminPage:
    app_label: str  # listed under this app on the index
    route: str  # below admin/
    url_name: str
    title: str
    object_name: str
    view: str  # dotted path to a PageView, imported on first use so the site loads without it


ADMIN_PAGES: tuple[AdminPage, ...] = (
    AdminPage(
        app_label="credibility",
        route="credibility/dashboard/",
        url_name="credibility_dashboard",
        title="Dashboard",
        object_name="Dashboard",
        view="credibility.admin.pages.dashboard.dashboard_view",
    ),
    AdminPage(
        app_label="credibility",
        route="credibility/flagged-claim-report/",
        url_name="credibility_flagged_claim_report",
        title="Flagged-claim report",
        object_name="FlaggedClaimReport",
        view="credibility.admin.pages.flagged_claims.flagged_claim_report_view",
    ),
)


class CredibilityAdminSite(admin.AdminSite):
    site_header = "Credibility administration"
    site_title = "Credibility admin"
    pages: tuple[AdminPage, ...] = ADMIN_PAGES

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        # Failures are counted per username and per address, with lockout (config/login_throttle.py).
        return throttled_admin_login(super().login)(request, extra_context)

    def get_urls(self) -> list[URLPattern | URLResolver]:
        def page_view(page: AdminPage) -> Callable[..., HttpResponse]:
            def view(request: HttpRequest) -> HttpResponse:
                return import_string(page.view)(request, self)

            return self.admin_view(view)

        pages = [path(page.route, page_view(page), name=page.url_name) for page in self.pages]
        return [*pages, *super().get_urls()]

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[dict[str, Any]]:
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            # Reversed, so that inserting each at the front keeps ADMIN_PAGES' order.
            for page in reversed([p for p in self.pages if p.app_label == app["app_label"]]):
                app["models"].insert(
                    0,
                    {
                        "name": page.title,
                        "object_name": page.object_name,
                        "admin_url": reverse(f"{self.name}:{page.url_name}"),
                        "add_url": None,
                        "view_only": True,
                        "perms": {"view": True},
                    },
                )
        return app_list
