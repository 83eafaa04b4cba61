"""Writes for articles. Every entry point (API, admin, commands, seeds) goes through here."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from annotations.models import (
    ANALYSIS_FINISHED,
    LOW_VALUE_FLAG_LIMIT_DEFAULT,
    AnalysisState,
    Article,
    ArticleRevision,
    LanguageOrigin,
)
from annotations.services.errors import ArticleTooLongError, DuplicateArticleError, HtmlTooLongError, StaleVersionError
from annotations.services.validation import text_check
from annotations.signals import article_language_changed, article_text_changed
from annotations.text import language as languages
from annotations.text.safety import text_problem

if TYPE_CHECKING:  # annotations.services.annotations imports this module's callers; typing only
    from annotations.services.annotations import SuggestionEdit

logger = logging.getLogger(__name__)

UserLike = AbstractBaseUser | AnonymousUser | None


def body_sha256(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def _validate_text(*, title: str, body: str) -> None:
    errors: dict[str, str] = {}
    if not title or not title.strip():
        errors["title"] = "The title may not be empty."
    if not body or not body.strip():
        errors["body"] = "The body may not be empty."
    for name, value in (("title", title), ("body", body)):
        problem = text_problem(value) if value else None
        if problem:
            errors[name] = problem
    if errors:
        raise ValidationError(errors)
    if len(body) > settings.ARTICLE_BODY_MAX_CHARS:
        raise ArticleTooLongError(length=len(body), limit=settings.ARTICLE_BODY_MAX_CHARS)


def _check_url_free(*, url: str | None, exclude_pk: int | None = None) -> None:
    if not url:
        return
    existing = Article.objects.filter(url=url)
    if exclude_pk is not None:
        existing = existing.exclude(pk=exclude_pk)
    existing_id = existing.values_list("pk", flat=True).first()
    if existing_id is not None:
        raise DuplicateArticleError(url=url, existing_id=existing_id)


def _language_given(language: str | None) -> str | None:
    """An editor's language tag, validated; None when detection should decide ("", None or "auto")."""
    if language is None or not language.strip() or language.strip().lower() == languages.AUTO:
        return None
    tag = language.strip()
    if not languages.language_tag_valid(tag):
        raise ValidationError(
            {
                "language": f"{language!r} is not a language tag; use an ISO 639-1 code such as 'en', 'uk' or 'ar' "
                f"(optionally with a region, 'pt-BR'), or '{languages.AUTO}' to detect it from the body."
            }
        )
    return tag


def _language_detected(*, body: str, fallback: str) -> tuple[str, str]:
    """(language, origin) for a body whose language detection decides: ``fallback`` (the given or
    previous language) when the body is too short or ambiguous to tell."""
    guess = languages.detect_language(body)
    if guess.language is None:
        return fallback, LanguageOrigin.DEFAULT
    return guess.language, LanguageOrigin.DETECTED


def _author(user: UserLike) -> Any:
    return user if user is not None and getattr(user, "is_authenticated", False) else None


@transaction.atomic
def article_create(
    *,
    title: str,
    body: str,
    url: str | None = None,
    outlet: Any = None,
    byline: str = "",
    published_at: datetime | None = None,
    language: str | None = None,
    language_fallback: str = "en",
    low_value_flag_limit: int = LOW_VALUE_FLAG_LIMIT_DEFAULT,
    created_by: UserLike = None,
) -> Article:
    """Store an article and announce it, so analysis is requested in the same transaction.

    ``language`` given (not None, "" or "auto") is the editor's and is kept as it is; otherwise it
    is detected from the body, and ``language_fallback`` (e.g. a web page's declared language)
    is used when the body is too short or ambiguous to tell.
    """
    _validate_text(title=title, body=body)
    text_check(url=url, byline=byline, language=language or "")
    given = _language_given(language)
    language_origin: str
    if given is not None:
        language, language_origin = given, LanguageOrigin.EDITOR
    else:
        fallback = _language_given(language_fallback) or "en"
        language, language_origin = _language_detected(body=body, fallback=fallback)
    url = url or None
    _check_url_free(url=url)
    article = Article.objects.create(
        title=title,
        body=body,
        url=url,
        outlet=outlet,
        byline=byline,
        published_at=published_at,
        language=language,
        language_origin=language_origin,
        low_value_flag_limit=low_value_flag_limit,
        body_sha256=body_sha256(body),
        analysis_state=AnalysisState.PENDING,
        created_by=_author(created_by),
    )
    _revision_store(article=article, author=_author(created_by))
    article_text_changed.send(sender=Article, article=article, created=True, changed_by=_author(created_by))
    return article


# The most articles one bulk call takes: a batch is one transaction, held while every item is written.
ARTICLE_BULK_MAX = 500


@dataclass(frozen=True, slots=True)
class BulkItemResult:
    """What happened to one item of a bulk create, in input order."""

    index: int
    status: Literal["created", "duplicate", "invalid"]
    article_id: int | None = None
    existing_id: int | None = None  # the article that already has the item's URL
    errors: dict[str, Any] = field(default_factory=dict)


@transaction.atomic
def article_bulk_create(*, items: Sequence[Mapping[str, Any]], created_by: UserLike = None) -> list[BulkItemResult]:
    """Create up to ARTICLE_BULK_MAX articles in one transaction, each through ``article_create``.

    Each item runs in its own savepoint (``article_create`` is atomic), so a refused item -
    invalid text, or a URL already stored, by an earlier item of the same batch too - is
    reported and rolled back alone while the others commit together. Every created article gets
    its revision and its analysis request, enqueued once the whole batch commits.
    """
    if len(items) > ARTICLE_BULK_MAX:
        raise ValidationError({"articles": f"At most {ARTICLE_BULK_MAX} articles per request; got {len(items)}."})
    results: list[BulkItemResult] = []
    for index, item in enumerate(items):
        try:
            article = article_create(**item, created_by=created_by)
        except DuplicateArticleError as exc:
            results.append(BulkItemResult(index, "duplicate", existing_id=exc.existing_id, errors=exc.message_dict))
        except IntegrityError:  # the URL was stored by a concurrent request after our check
            existing_id = Article.objects.filter(url=item.get("url") or None).values_list("pk", flat=True).first()
            status: Literal["duplicate", "invalid"] = "duplicate" if existing_id is not None else "invalid"
            results.append(
                BulkItemResult(
                    index, status, existing_id=existing_id, errors={"url": ["Conflicts with a stored article."]}
                )
            )
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
            results.append(BulkItemResult(index, "invalid", errors=errors))
        else:
            results.append(BulkItemResult(index, "created", article_id=article.pk))
    return results


def _revision_store(*, article: Article, author: Any) -> ArticleRevision:
    """Store the article's current title and body as revision ``article.revision`` (idempotent)."""
    revision, _ = ArticleRevision.objects.get_or_create(
        article=article,
        number=article.revision,
        defaults={"title": article.title, "body": article.body, "sha256": body_sha256(article.body), "author": author},
    )
    return revision


def article_create_from_html(
    *,
    html: str,
    title: str = "",
    url: str | None = None,
    outlet: Any = None,
    byline: str = "",
    published_at: datetime | None = None,
    language: str = "",
    low_value_flag_limit: int = LOW_VALUE_FLAG_LIMIT_DEFAULT,
    created_by: UserLike = None,
) -> Article:
    """Store an article from a web page: the body is the page's clean main text (see
    ``annotations.text.html``); headline, byline and date come from the page unless given. The
    language, unless given, is detected from the text, with the page's declared one as fallback."""
    from annotations.text.html import ExtractionError, HtmlTooLargeError, html_extract

    try:
        # The size check comes before extraction (issue 15): a page holding more than twice the
        # body limit in text is refused (413) without being parsed.
        page = html_extract(
            html,
            url=url or None,
            max_text_chars=2 * settings.ARTICLE_BODY_MAX_CHARS,
            max_elements=settings.ARTICLE_HTML_MAX_ELEMENTS,
        )
    except HtmlTooLargeError as exc:
        raise HtmlTooLongError(str(exc)) from exc
    except ExtractionError as exc:
        raise ValidationError({"html": str(exc)}) from exc
    title = title or page.title
    if not title or not title.strip():
        raise ValidationError({"title": "No title was given and the HTML has none."})
    return article_create(
        title=title[:500],
        body=page.text,
        url=url,
        outlet=outlet,
        byline=byline or page.byline,
        published_at=published_at or page.published_at,
        language=language or None,
        language_fallback=page.language or "en",
        low_value_flag_limit=low_value_flag_limit,
        created_by=created_by,
    )


ARTICLE_EDITABLE_FIELDS = frozenset(
    {"title", "body", "url", "outlet", "byline", "published_at", "language", "low_value_flag_limit"}
)


def article_update(
    *,
    article: Article,
    changed_by: UserLike = None,
    expected_version: int | None = None,
    suggestion_edit: SuggestionEdit | None = None,
    **changes: Any,
) -> Article:
    """Apply ``changes``; a changed title or body stores a revision and requests re-analysis.

    A ``language`` in ``changes`` is the editor's from then on ("auto" hands it back to detection);
    otherwise a changed body re-detects the language unless an editor set it. A changed language
    with an unchanged text requests re-analysis too (which detectors apply depends on it).

    Any change bumps ``version`` (the ETag). With ``expected_version`` the edit is refused
    (StaleVersionError) when someone else saved in between. A changed body re-anchors every
    annotation in the same transaction (``annotations_reanchor``), so no reader ever sees
    offsets of the old body against the new one. The diff and the context searches run before
    the article's row lock is taken (``annotations_reanchor_prepare``); under the lock the plan
    is used only if the body it was computed from is still the current one, else recomputed.

    ``suggestion_edit`` (an ``annotations.services.annotations.SuggestionEdit``) says what the new
    body is made of when typo suggestions are applied, so the spans around them follow the fix.
    """
    from annotations.services.annotations import ReanchorPlan, annotations_reanchor_prepare

    plan: ReanchorPlan | None = None
    new_body = changes.get("body")
    if (
        isinstance(new_body, str)
        and article.pk is not None
        and new_body != article.body
        and (expected_version is None or expected_version == article.version)
        and len(new_body) <= settings.ARTICLE_BODY_MAX_CHARS
    ):
        plan = annotations_reanchor_prepare(article_id=article.pk, old_body=article.body, new_body=new_body)
    edit: list[tuple[ArticleRevision, ArticleRevision]] = []
    article = _article_update_locked(
        article=article,
        changed_by=changed_by,
        expected_version=expected_version,
        plan=plan,
        edit=edit,
        suggestion_edit=suggestion_edit,
        **changes,
    )
    if edit and plan is not None:  # after the lock: cache this edit's diff for the revisions-diff read
        _revision_diff_store(old=edit[0][0], new=edit[0][1], opcodes=plan.opcodes)
    return article


@transaction.atomic
def _article_update_locked(
    *,
    article: Article,
    changed_by: UserLike,
    expected_version: int | None,
    plan: Any,
    edit: list[tuple[ArticleRevision, ArticleRevision]],
    suggestion_edit: SuggestionEdit | None = None,
    **changes: Any,
) -> Article:
    from annotations.services.annotations import annotations_reanchor

    unknown = set(changes) - ARTICLE_EDITABLE_FIELDS
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in sorted(unknown)})
    article = Article.objects.select_for_update().get(pk=article.pk)
    if expected_version is not None and expected_version != article.version:
        raise StaleVersionError(what="article", expected=expected_version, current=article.version)
    title = changes.get("title", article.title)
    body = changes.get("body", article.body)
    _validate_text(title=title, body=body)
    text_check(**{name: value for name, value in changes.items() if isinstance(value, str)})
    if "url" in changes:
        changes["url"] = changes["url"] or None
        _check_url_free(url=changes["url"], exclude_pk=article.pk)
    _language_changes(article=article, body=body, changes=changes)
    text_changed = title != article.title or body != article.body
    old_body = article.body
    old_language = article.language
    if not any(_field_value(article, name) != _comparable(value) for name, value in changes.items()):
        return article  # nothing changes: no new version, no revision
    previous_revision = None
    if text_changed:
        previous_revision = _revision_store(
            article=article, author=None
        )  # an article older than revisions gets its first one
    for name, value in changes.items():
        setattr(article, name, value)
    if text_changed:
        article.body_sha256 = body_sha256(body)
        article.revision += 1
        article.analysis_state = AnalysisState.PENDING
    article.version += 1
    article._history_user = _author(changed_by)  # type: ignore[attr-defined]
    article.save()
    if text_changed:
        revision = _revision_store(article=article, author=_author(changed_by))
        if plan is not None and previous_revision is not None and plan.old_body == old_body and plan.new_body == body:
            edit.append((previous_revision, revision))
    if body != old_body:
        annotations_reanchor(
            article=article,
            old_body=old_body,
            changed_by=_author(changed_by),
            plan=plan,
            suggestion_edit=suggestion_edit,
        )
    if text_changed:
        article_text_changed.send(sender=Article, article=article, created=False, changed_by=_author(changed_by))
    elif article.language != old_language:
        article_language_changed.send(sender=Article, article=article, changed_by=_author(changed_by))
    return article


def _language_changes(*, article: Article, body: str, changes: dict[str, Any]) -> None:
    """Put the language and its origin into ``changes``: the editor's value, or detection's when the
    editor asked for it ("auto") or the body changed and no editor has set the language."""
    if "language" in changes:
        text_check(language=changes["language"] or "")
        given = _language_given(changes["language"])
        if given is not None:
            changes["language"], changes["language_origin"] = given, LanguageOrigin.EDITOR
            return
        changes["language"], changes["language_origin"] = _language_detected(body=body, fallback=article.language)
        return
    if body != article.body and article.language_origin != LanguageOrigin.EDITOR:
        language, origin = _language_detected(body=body, fallback=article.language)
        if origin == LanguageOrigin.DETECTED or article.language_origin != LanguageOrigin.DETECTED:
            changes["language"], changes["language_origin"] = language, origin


def _revision_diff_store(*, old: ArticleRevision, new: ArticleRevision, opcodes: Any) -> None:
    """Cache the diff of this edit (the re-anchoring diff) for the revisions-diff read. Revision ids are
    never reused, so an entry left by a rolled-back outer transaction is never read."""
    from annotations.services.revisions import revision_diff_store

    try:
        revision_diff_store(old=old, new=new, opcodes=opcodes)
    except Exception:  # the cache is an optimisation: a read computes the diff when it is missing
        logger.warning("Could not cache the diff of article %s revision %s", new.article_id, new.number, exc_info=True)


def _field_value(article: Article, name: str) -> Any:
    return article.outlet_id if name == "outlet" else getattr(article, name)


def _comparable(value: Any) -> Any:
    return value.pk if hasattr(value, "_meta") else value


@transaction.atomic
def article_delete(*, article: Article) -> None:
    article.delete()


def article_analysis_state_set(*, article_id: int, state: str, notice: str | None = None) -> None:
    """Record the analysis state; ``analyzed_at`` is stamped when a run finishes. ``notice`` (when
    given) replaces the article's ``analysis_notice``: what that analysis could not do."""
    fields: dict[str, Any] = {"analysis_state": state}
    if state in ANALYSIS_FINISHED:
        fields["analyzed_at"] = timezone.now()
    if notice is not None:
        fields["analysis_notice"] = notice
    Article.objects.filter(pk=article_id).update(**fields)
