"""Django's admin app, with the project's site (``config.admin.CredibilityAdminSite``) as ``admin.site``."""

from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    default_site = "config.admin.CredibilityAdminSite"
