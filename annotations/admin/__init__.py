"""Annotations' admin: articles and annotations. ``base`` holds the service-calling ModelAdmin,
``rendering`` the annotated-text view. Importing this package registers the model admins."""

from annotations.admin import annotations, articles  # noqa: F401
