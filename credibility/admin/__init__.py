"""Credibility's admin: one module per model family; plain pages live in ``pages/`` and are listed by
``config.admin.CredibilityAdminSite``. Importing this package registers everything; nothing else
registers as a side effect."""

from credibility.admin import articles, factchecks, ingestion, runs, sources  # noqa: F401
