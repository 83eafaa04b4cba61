"""API permissions: thin adapters from HTTP verbs onto the role rules in ``annotations.policies``.

Everything needs a logged-in user (401 otherwise); users without a role may read but not write
(403). The services check the same policies again, so the admin and the API cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.views import APIView

from annotations import policies

SAFE = permissions.SAFE_METHODS


def _authenticated(request: Request) -> bool:
    return bool(request.user and request.user.is_authenticated)


class _UsersRead(permissions.BasePermission):
    """Logged-in users read (anyone else is refused: 401); ``has_write_permission`` decides every other method."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not _authenticated(request):
            return False
        return request.method in SAFE or self.has_write_permission(request, view)

    def has_write_permission(self, request: Request, view: APIView) -> bool:
        raise NotImplementedError


class ArticlePermission(_UsersRead):
    """Annotators create and edit articles; deleting one (it takes every annotation along) needs
    the ``annotations.delete_article`` permission, whatever ``is_staff`` says."""

    message = "Only annotators and reviewers may write articles; deleting one needs the delete_article permission."

    def has_write_permission(self, request: Request, view: APIView) -> bool:
        if request.method == "DELETE":
            return policies.can_delete_article(request.user)
        return policies.can_write_articles(request.user)


class AnnotationPermission(_UsersRead):
    """Annotators create; owners edit content; reviewers change review status; staff do everything.

    The object check only lets through users who could change *something* about the annotation;
    which fields they may change is decided once the request is validated (see the viewset),
    so a reviewer can confirm someone else's annotation but not rewrite it.
    """

    message = "You may not change this annotation."

    def has_write_permission(self, request: Request, view: APIView) -> bool:
        if request.method == "POST":
            if not policies.is_annotator(request.user):
                self.message = "Only annotators, reviewers and staff may create annotations."
                return False
            return True  # a new annotation starts open (the serializer refuses a decided status)
        return policies.is_annotator(request.user)

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        if request.method in SAFE:
            return True
        if request.method == "DELETE":
            self.message = "You may only delete annotations you created."
            return policies.can_edit_annotation(request.user, obj)
        if policies.can_edit_annotation(request.user, obj) or policies.can_review_annotation(request.user):
            return True
        self.message = "You may only edit annotations you created."
        return False


_ACTIONS = {"POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}


class SourceManagerPermission(_UsersRead):
    """Reference data (sources and their ratings, fact-checks): everyone reads; writes need the
    model permission for the method (``credibility.add_source``, ``change_source``,
    ``delete_source``, and the same for ``factcheck``), never just ``is_staff``."""

    message = "Changing sources, ratings and fact-checks needs the matching model permission."

    def has_write_permission(self, request: Request, view: APIView) -> bool:
        model = getattr(getattr(view, "queryset", None), "model", None)
        name = model._meta.model_name if model is not None else "source"
        return policies.can_manage_sources(request.user, _ACTIONS.get(request.method or "", "change"), name)


class ArticleWriterPermission(_UsersRead):
    """Actions on an article that change its state (requesting an analysis): the article writers."""

    message = "Only annotators, reviewers and staff may request an analysis."

    def has_write_permission(self, request: Request, view: APIView) -> bool:
        return policies.can_write_articles(request.user)
