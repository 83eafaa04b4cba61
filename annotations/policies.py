"""Who may do what. One place, used by the API permissions and by the admin.

Roles are Django groups created by a data migration: ``annotator`` creates articles and
annotations and edits its own annotations; ``reviewer`` may also change any annotation's
review status; staff may do everything.
"""
from __future__ import annotations

from typing import Any

ANNOTATOR_GROUP = "annotator"
REVIEWER_GROUP = "reviewer"
ROLE_GROUPS = (ANNOTATOR_GROUP, REVIEWER_GROUP)


def _in_group(user: Any, group: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    # Cached on the user object: permission checks run several times per request.
    cache = getattr(user, "_role_group_cache", None)
    if cache is None:
        cache = set(user.groups.filter(name__in=ROLE_GROUPS).values_list("name", flat=True))
        user._role_group_cache = cache
    return group in cache


def is_staff(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and (user.is_staff or user.is_superuser))


def is_reviewer(user: Any) -> bool:
    return is_staff(user) or _in_group(user, REVIEWER_GROUP)


def is_annotator(user: Any) -> bool:
    return is_reviewer(user) or _in_group(user, ANNOTATOR_GROUP)


def can_write_articles(user: Any) -> bool:
    return is_annotator(user)


def can_edit_annotation(user: Any, annotation: Any) -> bool:
    """Staff edit anything; others edit only the annotations they created."""
    if is_staff(user):
        return True
    return is_annotator(user) and annotation.created_by_id is not None and annotation.created_by_id == user.pk


def can_review_annotation(user: Any) -> bool:
    return is_reviewer(user)


def can_manage_sources(user: Any) -> bool:
    return is_staff(user)
