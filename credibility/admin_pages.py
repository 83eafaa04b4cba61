"""Plain admin pages (no model, so no migration) listed under Credibility on the admin index."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse

PageView = Callable[[HttpRequest, admin.AdminSite], HttpResponse]


def admin_page_register(
    site: admin.AdminSite, *, route: str, url_name: str, title: str, object_name: str, view: PageView
) -> None:
    """Serve ``view`` at ``admin/<route>`` behind the admin login and list it first under Credibility.

    Idempotent per ``url_name``: registering the same page twice changes nothing.
    """
    registered: set[str] = site.__dict__.setdefault("_credibility_pages", set())
    if url_name in registered:
        return
    registered.add(url_name)
    get_urls: Callable[[], list[Any]] = site.get_urls
    get_app_list = site.get_app_list

    def get_urls_with_page() -> list[Any]:
        wrapped = site.admin_view(lambda request: view(request, site))
        return [path(route, wrapped, name=url_name), *get_urls()]

    def get_app_list_with_page(request: HttpRequest, app_label: str | None = None) -> list[dict[str, Any]]:
        app_list = get_app_list(request, app_label)
        for app in app_list:
            if app["app_label"] == "credibility":
                app["models"].insert(0, {
                    "name": title,
                    "object_name": object_name,
                    "admin_url": reverse(f"{site.name}:{url_name}"),
                    "add_url": None,
                    "view_only": True,
                    "perms": {"view": True},
                })
        return app_list

    site.get_urls = get_urls_with_page  # type: ignore[method-assign]
    site.get_app_list = get_app_list_with_page  # type: ignore[method-assign]
