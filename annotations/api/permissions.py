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


class ArticlePermission(permissions.BasePermission):
    """Annotators create and edit articles; only staff delete them (deletion takes every annotation along)."""

    message = "Only annotators, reviewers and staff may write articles; only staff may delete them."

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not _authenticated(request):
            return False
        if request.method in SAFE:
            return True
        if request.method == "DELETE":
            return policies.is_staff(request.user)
        return policies.can_write_articles(request.user)


class AnnotationPermission(permissions.BasePermission):
    """Annotators create; owners edit content; reviewers change review status; staff do everything.

    The object check only lets through users who could change *something* about the annotation;
    which fields they may change is decided once the request is validated (see the viewset),
    so a reviewer can confirm someone else's annotation but not rewrite it.
    """

    message = "You may not change this annotation."

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not _authenticated(request):
            return False
        if request.method in SAFE:
            return True
        if request.method == "POST":
            if not policies.is_annotator(request.user):
                self.message = "Only annotators, reviewers and staff may create annotations."
                return False
            status = request.data.get("status") if hasattr(request.data, "get") else None
            if status not in (None, "", "open") and not policies.can_review_annotation(request.user):
                self.message = "Only reviewers and staff may create an annotation with a review status other than open."
                return False
            return True
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


class SourceManagerPermission(permissions.BasePermission):
    """Reference data (sources and their ratings, fact-checks): everyone reads, staff write."""

    message = "Only staff may change sources, ratings and fact-checks."

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not _authenticated(request):
            return False
        return request.method in SAFE or policies.can_manage_sources(request.user)


class ArticleWriterPermission(permissions.BasePermission):
    """Actions on an article that change its state (requesting an analysis): the article writers."""

    message = "Only annotators, reviewers and staff may request an analysis."

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not _authenticated(request):
            return False
        return request.method in SAFE or policies.can_write_articles(request.user)
