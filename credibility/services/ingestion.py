"""Writes for ingestion: URL -> article, feed polling, ingestion jobs, outlet and author Sources.

Network I/O never happens inside a database transaction: ``article_fetch`` downloads first and
only then opens the (short) transaction that stores the article. Every way in (API, admin,
``fetch_article``, feeds, ``import_articles``) ends in ``article_ingest_page`` or
``article_ingest_text``, so duplicates, outlets and bylines are handled one way.

Duplicates: an article whose URL (as requested, after redirects, or the page's canonical URL)
or body SHA-256 is already stored is not created again; the existing one is returned with
``created=False``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, When
from django.utils import timezone

from annotations.models import Article
from annotations.services.articles import article_create, body_sha256
from annotations.services.errors import DuplicateArticleError
from credibility.ingestion.extract import ExtractedPage, ExtractionError, html_extract, looks_like_person, url_domain
from credibility.ingestion.feeds import FEED_ACCEPT, FeedError, feed_parse
from credibility.ingestion.fetch import (
    FetchError,
    FetchPolicy,
    any_address,
    check_url,
    decode_text,
    fetch,
    public_address,
)
from credibility.models import (
    ArticleAuthor,
    Feed,
    FeedStatus,
    IngestionJob,
    IngestionJobKind,
    RunState,
    Source,
    SourceKind,
)
from credibility.services.runs import work_claim
from credibility.services.sources import source_create, source_find, source_get_or_create, source_update

logger = logging.getLogger(__name__)

MAX_URLS_PER_JOB = 100
HTML_TYPES = frozenset({"", "text/html", "application/xhtml+xml", "application/xml", "text/xml"})
# Failed feeds wait interval * 2**errors (at most a day) before the next try.
FEED_BACKOFF_CAP = timedelta(days=1)


# --- policy and checks ----------------------------------------------------------------------


def fetch_policy(*, accept: str | None = None) -> FetchPolicy:
    """The fetch limits from settings; private addresses only when FETCH_ALLOW_PRIVATE_ADDRESSES is on."""
    kwargs: dict[str, Any] = {
        "connect_timeout": settings.FETCH_CONNECT_TIMEOUT,
        "read_timeout": settings.FETCH_READ_TIMEOUT,
        "total_timeout": settings.FETCH_TOTAL_TIMEOUT,
        "min_rate": settings.FETCH_MIN_RATE,
        "min_rate_grace": settings.FETCH_MIN_RATE_GRACE,
        "max_bytes": settings.FETCH_MAX_BYTES,
        "max_redirects": settings.FETCH_MAX_REDIRECTS,
        "user_agent": settings.FETCH_USER_AGENT,
        "address_allowed": any_address if settings.FETCH_ALLOW_PRIVATE_ADDRESSES else public_address,
    }
    if accept:
        kwargs["accept"] = accept
    return FetchPolicy(**kwargs)


def url_check(*, url: str) -> str:
    """Validate a URL before anything is enqueued (scheme, host, resolved addresses).

    Raises ValidationError ``{"url": ...}`` with the reason; returns the cleaned URL.
    """
    try:
        return check_url(url, policy=fetch_policy()).url
    except FetchError as exc:
        raise ValidationError({"url": str(exc)}) from exc


# --- sources --------------------------------------------------------------------------------


def _parent_domains(domain: str) -> list[str]:
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)] if len(labels) > 1 else [domain]


def outlet_for_domain(*, domain: str, site_name: str = "") -> Source | None:
    """The outlet Source for a web domain: the one whose ``domain`` is this host or a parent of it,
    else a Source named like the site (given this domain if it had none), else a new outlet."""
    domain = domain.lower().strip().rstrip(".")
    if domain.startswith("www."):
        domain = domain[4:]
    if not domain:
        return None
    for candidate in _parent_domains(domain):
        found = (
            Source.objects.filter(domain__iexact=candidate)
            .order_by(Case(When(kind=SourceKind.OUTLET, then=0), default=1), "pk")
            .first()
        )
        if found is not None:
            return found
    name = site_name.strip() or domain
    existing = source_find(name=name)
    if existing is not None:
        if not existing.domain:
            return source_update(source=existing, domain=domain)
        name = f"{name} ({domain})"
        existing = source_find(name=name)
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            return source_create(name=name, kind=SourceKind.OUTLET, domain=domain)
    except (IntegrityError, ValidationError):
        return source_get_or_create(name=name, kind=SourceKind.OUTLET)


def article_authors_link(*, article: Article, names: Sequence[str], site_name: str = "") -> list[Source]:
    """Link the byline's people to person Sources (found by name or alias, else created), in order.

    Names that look like a desk, an agency or the outlet itself are left as byline text only.
    """
    linked: list[Source] = []
    for name in names:
        if not looks_like_person(name, site_name=site_name):
            continue
        source = source_get_or_create(name=name, kind=SourceKind.PERSON)
        if source.pk in {s.pk for s in linked}:
            continue
        ArticleAuthor.objects.get_or_create(article=article, source=source, defaults={"position": len(linked)})
        linked.append(source)
    return linked


def article_authors_sync(*, article: Article) -> list[Source]:
    """Link the people of ``article.byline`` unless the article already has authors."""
    from credibility.ingestion.extract import split_byline

    if not article.byline or ArticleAuthor.objects.filter(article=article).exists():
        return []
    site_name = article.outlet.name if article.outlet is not None else ""
    return article_authors_link(article=article, names=split_byline(article.byline), site_name=site_name)


# --- articles -------------------------------------------------------------------------------


@dataclass(frozen=True)
class IngestOutcome:
    article: Article
    created: bool
    url: str = ""

    @property
    def status(self) -> str:
        return "created" if self.created else "duplicate"


def article_find_duplicate(*, urls: Iterable[str] = (), body: str | None = None) -> Article | None:
    urls = [u for u in dict.fromkeys(urls) if u]
    if urls:
        found = Article.objects.filter(url__in=urls).order_by("pk").first()
        if found is not None:
            return found
    if body:
        return Article.objects.filter(body_sha256=body_sha256(body)).order_by("pk").first()
    return None


def _fallback_title(text: str) -> str:
    first = text.strip().split("\n", 1)[0]
    return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "..."


def article_ingest_text(
    *,
    title: str,
    text: str,
    url: str | None = None,
    outlet: Source | None = None,
    byline: str = "",
    authors: Sequence[str] = (),
    site_name: str = "",
    published_at: datetime | None = None,
    language: str = "",
    created_by: Any = None,
    also_urls: Sequence[str] = (),
) -> IngestOutcome:
    """Store an article unless its URL (or any of ``also_urls``) or its body is already stored.

    The outlet defaults to the URL's domain; the byline's people become person Sources.
    """
    duplicate = article_find_duplicate(urls=[url or "", *also_urls], body=text)
    if duplicate is not None:
        return IngestOutcome(article=duplicate, created=False, url=url or "")
    try:
        with transaction.atomic():
            if outlet is None and url:
                outlet = outlet_for_domain(domain=url_domain(url), site_name=site_name)
            article = article_create(
                title=(title or _fallback_title(text))[:500],
                body=text,
                url=url or None,
                outlet=outlet,
                byline=byline[:500],
                published_at=published_at,
                # A page's (or import record's) declared language is a hint: the body is detected,
                # and the declared language kept only when the body is too short to tell.
                language=None,
                language_fallback=language or "en",
                created_by=created_by,
            )
            if authors:
                article_authors_link(article=article, names=authors, site_name=outlet.name if outlet else site_name)
            else:
                article_authors_sync(article=article)
    except (DuplicateArticleError, IntegrityError):
        # A concurrent ingestion of the same page won the race on the unique URL.
        duplicate = article_find_duplicate(urls=[url or "", *also_urls], body=text)
        if duplicate is None:
            raise
        return IngestOutcome(article=duplicate, created=False, url=url or "")
    return IngestOutcome(article=article, created=True, url=url or "")


def article_ingest_page(
    *,
    html: str | bytes,
    url: str | None = None,
    also_urls: Sequence[str] = (),
    title: str = "",
    outlet: Source | None = None,
    published_at: datetime | None = None,
    created_by: Any = None,
) -> IngestOutcome:
    """Extract a page (headline, byline, date, site name, clean text) and store it.

    The page's own metadata wins over ``title``/``published_at``, which are fallbacks (a feed
    entry's title, a bulk record's date). Raises ``ExtractionError`` when there is no text.
    """
    page: ExtractedPage = html_extract(
        html,
        url=url,
        max_text_chars=2 * settings.ARTICLE_BODY_MAX_CHARS,
        max_elements=settings.FETCH_HTML_MAX_ELEMENTS,
    )
    canonical = page.url if page.url and page.url != url and page.url.startswith(("http://", "https://")) else ""
    return article_ingest_text(
        title=page.title or title,
        text=page.text,
        url=url,
        also_urls=[*also_urls, canonical],
        outlet=outlet,
        byline=page.byline,
        authors=page.authors,
        site_name=page.site_name,
        published_at=page.published_at or published_at,
        language=page.language,
        created_by=created_by,
    )


def article_fetch(*, url: str, created_by: Any = None) -> IngestOutcome:
    """Download ``url`` (safely: see ``credibility.ingestion.fetch``) and ingest the page.

    A URL that is already stored is answered from the database without any download.
    Raises ``FetchError`` (including ``UnsafeURLError``) or ``ExtractionError``.
    """
    existing = article_find_duplicate(urls=[url])
    if existing is not None:
        return IngestOutcome(article=existing, created=False, url=url)
    result = fetch(url, policy=fetch_policy())
    if result.content_type not in HTML_TYPES:
        raise FetchError(f"{result.url} is not an HTML page (content type {result.content_type}).")
    html: str | bytes = decode_text(result) if result.charset else result.body
    return article_ingest_page(html=html, url=result.url, also_urls=[url, *result.redirects], created_by=created_by)


# --- ingestion jobs -------------------------------------------------------------------------


def ingestion_job_enqueue(*, job_id: int) -> None:
    from credibility.tasks import ingestion_job_run_task

    try:
        ingestion_job_run_task.delay(job_id)
    except Exception:  # noqa: BLE001 - a broker outage leaves the job pending; it is visible in the admin
        if ingestion_job_run_task.app.conf.task_always_eager:
            raise
        logger.exception("Could not enqueue ingestion job %s; it stays pending.", job_id)


@transaction.atomic
def ingestion_job_request(
    *,
    urls: Sequence[str],
    requested_by: Any = None,
    feed: Feed | None = None,
    kind: str = IngestionJobKind.URL,
) -> IngestionJob:
    """Record a job for ``urls`` and enqueue it once the transaction commits."""
    urls = list(dict.fromkeys(u for u in urls if u))
    if not urls:
        raise ValidationError({"url": "At least one URL is required."})
    if len(urls) > MAX_URLS_PER_JOB:
        raise ValidationError({"urls": f"At most {MAX_URLS_PER_JOB} URLs per job."})
    job = IngestionJob.objects.create(
        kind=kind,
        urls=urls,
        total=len(urls),
        feed=feed,
        requested_by=requested_by if getattr(requested_by, "is_authenticated", False) else None,
    )
    job_id = job.pk
    transaction.on_commit(lambda: ingestion_job_enqueue(job_id=job_id))
    return job


@dataclass(frozen=True)
class FetchRequestOutcome:
    """What ``POST /articles/fetch/`` answers: a job (202) or the article already stored (200)."""

    job: IngestionJob | None = None
    article: Article | None = None


def article_fetch_request(*, url: str, requested_by: Any = None) -> FetchRequestOutcome:
    """Validate ``url`` now (a refused address is a ValidationError), answer a stored URL at
    once, otherwise enqueue an ingestion job."""
    existing = article_find_duplicate(urls=[url])
    if existing is not None:
        return FetchRequestOutcome(article=existing)
    url_check(url=url)
    return FetchRequestOutcome(job=ingestion_job_request(urls=[url], requested_by=requested_by))


def _claim_job(job_id: int) -> IngestionJob | None:
    with transaction.atomic():
        return work_claim(IngestionJob, pk=job_id, keep_started_at=True)


def _record_result(job_id: int, entry: dict[str, Any], article: Article | None, *, duplicate: bool) -> None:
    with transaction.atomic():
        job = IngestionJob.objects.select_for_update().get(pk=job_id)
        job.results = [*job.results, entry]
        job.done = min(job.total, job.done + 1)
        fields = ["results", "done"]
        if entry["status"] == "failed":
            job.failed += 1
            fields.append("failed")
        if article is not None and job.article_id is None:
            job.article = article
            job.duplicate = duplicate
            fields += ["article", "duplicate"]
        job.save(update_fields=fields)


def ingestion_job_execute(*, job_id: int) -> IngestionJob | None:
    """Fetch the job's URLs one by one, recording each result and the progress as it goes.

    Safe to run twice: a finished job is left alone, and a job interrupted half-way resumes at
    the first URL without a result. One URL failing (network, refused address, no text) is
    recorded and the rest go on; the job fails only when every URL failed.
    """
    job = _claim_job(job_id)
    if job is None:
        return None
    created_by = job.requested_by
    finished = {entry.get("url") for entry in job.results}
    for url in job.urls:
        if url in finished:
            continue
        try:
            outcome = article_fetch(url=url, created_by=created_by)
        except (FetchError, ExtractionError, ValidationError) as exc:
            message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            _record_result(
                job_id, {"url": url, "status": "failed", "article": None, "error": message}, None, duplicate=False
            )
            continue
        _record_result(
            job_id,
            {"url": url, "status": outcome.status, "article": outcome.article.pk, "error": ""},
            outcome.article,
            duplicate=not outcome.created,
        )
    with transaction.atomic():
        job = IngestionJob.objects.select_for_update().get(pk=job_id)
        job.state = RunState.FAILED if job.total and job.failed == job.total else RunState.DONE
        errors = [entry["error"] for entry in job.results if entry.get("error")]
        job.error = errors[0] if job.state == RunState.FAILED and errors else ""
        job.finished_at = timezone.now()
        job.save(update_fields=["state", "error", "finished_at"])
    return job


def ingestion_job_fail(*, job_id: int, error: str) -> None:
    IngestionJob.objects.filter(pk=job_id).exclude(state=RunState.DONE).update(
        state=RunState.FAILED, error=error[:5000], finished_at=timezone.now()
    )


# --- feeds ----------------------------------------------------------------------------------


@transaction.atomic
def feed_create(
    *, url: str, outlet: Source | None = None, interval: int = 900, title: str = "", active: bool = True
) -> Feed:
    if interval < 60:
        raise ValidationError({"interval": "A feed is polled at most once a minute (interval >= 60 seconds)."})
    url = url_check(url=url)
    if Feed.objects.filter(url=url).exists():
        raise ValidationError({"url": "This feed is already registered."})
    if outlet is None:
        outlet = outlet_for_domain(domain=url_domain(url))
    return Feed.objects.create(url=url, outlet=outlet, interval=interval, title=title, active=active)


def feeds_poll_due(*, now: datetime | None = None) -> list[int]:
    """Enqueue a poll of every active feed that is due; returns their ids.

    Claiming moves ``next_poll_at`` a full interval on before enqueueing, so the beat entry
    (every minute) never sends a feed twice while its poll is still running.
    """
    from credibility.tasks import feed_poll_task

    now = now or timezone.now()
    claimed: list[int] = []
    with transaction.atomic():
        due = list(
            Feed.objects.select_for_update(skip_locked=True)
            .filter(active=True)
            .exclude(next_poll_at__gt=now)
            .order_by("next_poll_at", "pk")
        )
        for feed in due:
            feed.next_poll_at = now + timedelta(seconds=feed.interval)
            feed.save(update_fields=["next_poll_at"])
            claimed.append(feed.pk)
    for feed_id in claimed:
        try:
            feed_poll_task.delay(feed_id)
        except Exception:  # noqa: BLE001 - one feed's enqueue failing must not stop the others
            if feed_poll_task.app.conf.task_always_eager:
                logger.exception("Polling feed %s failed.", feed_id)
                continue
            logger.exception("Could not enqueue the poll of feed %s.", feed_id)
    return claimed


@dataclass(frozen=True)
class FeedPollResult:
    feed_id: int
    status: str
    new_urls: tuple[str, ...] = ()
    job_id: int | None = None
    error: str = ""


def _feed_failed(feed: Feed, *, error: str, http_status: int | None, now: datetime) -> FeedPollResult:
    errors = feed.error_count + 1
    backoff = min(timedelta(seconds=feed.interval) * (2 ** min(errors - 1, 10)), FEED_BACKOFF_CAP)
    Feed.objects.filter(pk=feed.pk).update(
        last_polled_at=now,
        last_status=FeedStatus.ERROR,
        last_http_status=http_status,
        last_error=error[:5000],
        last_error_at=now,
        error_count=errors,
        next_poll_at=now + max(backoff, timedelta(seconds=feed.interval)),
        last_new_entries=0,
        updated_at=now,
    )
    logger.warning("Feed %s (%s) failed: %s", feed.pk, feed.url, error)
    return FeedPollResult(feed_id=feed.pk, status=FeedStatus.ERROR, error=error)


def feed_poll_fail(*, feed_id: int, error: str) -> FeedPollResult | None:
    """Record an unexpected failure of a poll (a bug, not the feed's fault) on the feed."""
    feed = Feed.objects.filter(pk=feed_id).first()
    return _feed_failed(feed, error=error, http_status=None, now=timezone.now()) if feed else None


def feed_poll(*, feed_id: int, now: datetime | None = None) -> FeedPollResult | None:
    """Poll one feed with a conditional GET and enqueue a job for the entries not stored yet.

    Never raises for the feed's own problems (network, HTTP error, malformed XML): they are
    recorded on the feed (``last_error``, ``error_count``, backoff) so other feeds carry on.
    """
    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is None:
        return None
    now = now or timezone.now()
    headers: dict[str, str] = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    try:
        result = fetch(feed.url, policy=fetch_policy(accept=FEED_ACCEPT), headers=headers)
    except FetchError as exc:
        return _feed_failed(feed, error=str(exc), http_status=getattr(exc, "status", None), now=now)
    if result.not_modified:
        Feed.objects.filter(pk=feed.pk).update(
            last_polled_at=now,
            last_status=FeedStatus.NOT_MODIFIED,
            last_http_status=304,
            error_count=0,
            last_error="",
            next_poll_at=now + timedelta(seconds=feed.interval),
            last_new_entries=0,
            updated_at=now,
        )
        return FeedPollResult(feed_id=feed.pk, status=FeedStatus.NOT_MODIFIED)
    try:
        parsed = feed_parse(result.body, base_url=result.url)
    except FeedError as exc:
        return _feed_failed(feed, error=str(exc), http_status=result.status, now=now)
    urls = [entry.url for entry in parsed.entries]
    stored = set(Article.objects.filter(url__in=urls).values_list("url", flat=True))
    new_urls = [url for url in urls if url not in stored]
    # At most FEED_MAX_ENTRIES_PER_POLL new entries (the feed's first, normally its newest) are queued
    # per poll; when some had to wait, the validators are not kept, so the next poll reads the feed
    # again (instead of a 304) and queues the next ones.
    deferred = len(new_urls) > settings.FEED_MAX_ENTRIES_PER_POLL
    new_urls = new_urls[: settings.FEED_MAX_ENTRIES_PER_POLL]
    with transaction.atomic():
        jobs = [
            ingestion_job_request(
                urls=new_urls[start : start + MAX_URLS_PER_JOB], feed=feed, kind=IngestionJobKind.FEED
            )
            for start in range(0, len(new_urls), MAX_URLS_PER_JOB)
        ]
        Feed.objects.filter(pk=feed.pk).update(
            title=feed.title or parsed.title[:500],
            etag="" if deferred else result.headers.get("etag", "")[:500],
            last_modified="" if deferred else result.headers.get("last-modified", "")[:100],
            last_polled_at=now,
            last_status=FeedStatus.OK,
            last_http_status=result.status,
            last_error="",
            error_count=0,
            next_poll_at=now + timedelta(seconds=feed.interval),
            last_new_entries=len(new_urls),
            updated_at=now,
        )
    return FeedPollResult(
        feed_id=feed.pk, status=FeedStatus.OK, new_urls=tuple(new_urls), job_id=jobs[0].pk if jobs else None
    )


FEED_EDITABLE_FIELDS = frozenset({"url", "title", "outlet", "interval", "active"})


@transaction.atomic
def feed_update(*, feed: Feed, **changes: Any) -> Feed:
    """Change a feed; a new URL is checked like a new feed's and forgets the old validators."""
    unknown = set(changes) - FEED_EDITABLE_FIELDS
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in sorted(unknown)})
    if "interval" in changes and changes["interval"] < 60:
        raise ValidationError({"interval": "A feed is polled at most once a minute (interval >= 60 seconds)."})
    fields = list(changes)
    if "url" in changes and changes["url"] != feed.url:
        changes["url"] = url_check(url=changes["url"])
        if Feed.objects.filter(url=changes["url"]).exclude(pk=feed.pk).exists():
            raise ValidationError({"url": "This feed is already registered."})
        feed.etag, feed.last_modified = "", ""
        fields += ["etag", "last_modified"]
    for name, value in changes.items():
        setattr(feed, name, value)
    feed.save(update_fields=[*fields, "updated_at"])
    return feed


def feeds_poll_now(*, feed_ids: Iterable[int]) -> int:
    """Make these feeds due and enqueue their polls (the admin's "Poll now")."""
    from credibility.tasks import feed_poll_task

    ids = list(feed_ids)
    now = timezone.now()
    for feed in Feed.objects.filter(pk__in=ids):
        Feed.objects.filter(pk=feed.pk).update(next_poll_at=now + timedelta(seconds=feed.interval))
        transaction.on_commit(partial(feed_poll_task.delay, feed.pk))
    return len(ids)
