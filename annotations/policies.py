"""Who may do what. One place, used by the API permissions and by the admin.

Roles are Django groups created by data migrations, and each carries model permissions
(migration 0010); every check here is a permission check, never ``is_staff``:

- ``annotator``: creates articles and annotations, edits and deletes its own annotations
  (``annotations.add_article``/``change_article``/``add_annotation``).
- ``reviewer``: an annotator who may also decide any annotation's review status
  (``annotations.review_annotation``) and re-attach orphaned annotations.
- Article deletion (``annotations.delete_article``), editing anyone's annotation
  (``annotations.edit_any_annotation``) and the reference data (``credibility.add_source``,
  ``change_source``, ``delete_source``, and the same for ``factcheck``) are granted per user or
  group; superusers hold every permission.

``is_staff`` only opens the admin site; what a staff user can see and do there is still what
their permissions allow. The "reviewer with admin access" role is a reviewer with ``is_staff``:
the admin shows them articles, annotations, sources and fact-checks read-only, the annotation
review fields and the flagged-claim report's decisions, and nothing else (README "Roles").
"""

from __future__ import annotations

from typing import Any

ANNOTATOR_GROUP = "annotator"
REVIEWER_GROUP = "reviewer"
ROLE_GROUPS = (ANNOTATOR_GROUP, REVIEWER_GROUP)

REVIEW_PERMISSION = "annotations.review_annotation"
EDIT_ANY_PERMISSION = "annotations.edit_any_annotation"


def _in_group(user: Any, group: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        return False
    # Cached on the user object: permission checks run several times per request.
    cache = getattr(user, "_role_group_cache", None)
    if cache is None:
        cache = set(user.groups.filter(name__in=ROLE_GROUPS).values_list("name", flat=True))
        user._role_group_cache = cache
    return group in cache


def has_permission(user: Any, permission: str) -> bool:
    """``user.has_perm`` for a logged-in, active user (superusers hold every permission)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.has_perm(permission))


def is_staff(user: Any) -> bool:
    """May open the admin site. Grants nothing by itself (see the module docstring)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_staff)


def is_reviewer(user: Any) -> bool:
    return _in_group(user, REVIEWER_GROUP) or has_permission(user, REVIEW_PERMISSION)


def is_annotator(user: Any) -> bool:
    return is_reviewer(user) or _in_group(user, ANNOTATOR_GROUP) or has_permission(user, "annotations.add_annotation")


def can_write_articles(user: Any) -> bool:
    return is_annotator(user)


def can_delete_article(user: Any) -> bool:
    return has_permission(user, "annotations.delete_article")


def can_edit_annotation(user: Any, annotation: Any) -> bool:
    """The owner (an annotator) edits and deletes it; others need ``edit_any_annotation``."""
    if has_permission(user, EDIT_ANY_PERMISSION):
        return True
    return is_annotator(user) and annotation.created_by_id is not None and annotation.created_by_id == user.pk


def can_review_annotation(user: Any) -> bool:
    return is_reviewer(user)


def can_reattach_annotation(user: Any, annotation: Any) -> bool:
    """An anchored annotation is moved by hand only by its owner (or ``edit_any_annotation``);
    an orphan may be re-attached by reviewers too."""
    if can_edit_annotation(user, annotation):
        return True
    return annotation.anchor_state == "orphaned" and can_review_annotation(user)


def can_manage_sources(user: Any, action: str = "change", model: str = "source") -> bool:
    """Reference data: ``credibility.<action>_<model>`` (action add, change or delete; model
    source or factcheck)."""
    return has_permission(user, f"credibility.{action}_{model}")
