"""Credibility's reactions to what annotations/ announces."""
from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from annotations.signals import article_text_changed


@receiver(article_text_changed, dispatch_uid="credibility.request_analysis_on_text_change")
def request_analysis_on_text_change(sender: Any, *, article: Any, changed_by: Any = None, **kwargs: Any) -> None:
    from credibility.services.analysis import analysis_request

    analysis_request(article=article, requested_by=changed_by)
