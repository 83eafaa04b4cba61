"""Ingestion from the web (issue 10), against a local news site served on 127.0.0.1."""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime, timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from annotations.models import Article
from annotations.text.html import html_extract, split_byline
from credibility.ingestion.feeds import FeedError, feed_parse
from credibility.ingestion.fetch import (
    FetchPolicy,
    TooLargeError,
    TooManyRedirectsError,
    UnsafeURLError,
    any_address,
    check_url,
    fetch,
)
from credibility.models import ArticleAuthor, Feed, FeedStatus, IngestionJob, RunState, Source, SourceKind
from credibility.services.ingestion import article_fetch, feed_create, feed_poll, feeds_poll_due
from credibility.tasks import feeds_poll_due_task
from tests.webserver import FEED_ETAG, WEB

HARBOUR = "/news/2024/03/harbour-bridge-closure.html"
COUNCIL = "/news/2024/02/council-budget.html"
ALLOW_LOOPBACK = override_settings(FETCH_ALLOW_PRIVATE_ADDRESSES=True)


def _page(name: str) -> str:
    return (WEB / name).read_text(encoding="utf-8").replace("{base}", "https://coastalherald.example")


# --- extraction (pure) ---------------------------------------------------------------------------


def test_html_extract_headline_byline_date_and_outlet():
    page = html_extract(_page("harbour-bridge.html"), url="https://coastalherald.example" + HARBOUR)
    assert page.title == "Harbour bridge closure to last six weeks, council says"
    assert page.byline == "Maria Lopez"
    assert page.authors == ("Maria Lopez",)
    assert page.published_at == datetime(2024, 3, 12, 8, 30, tzinfo=UTC)
    assert page.site_name == "The Coastal Herald"
    assert page.language == "en"


def test_html_extract_keeps_the_photo_credit_out_of_the_prose():
    text = html_extract(_page("harbour-bridge.html")).text
    assert text.startswith("Despite weeks of warnings from engineers")
    for furniture in (
        "Reuters",
        "Jane Doe",
        "Photo:",
        "Workers inspect",
        "Advertisement",
        "SuperLoans",
        "Win a cruise",
        "Related stories",
        "Subscribe",
        "Copyright",
        "Transport correspondent",
    ):
        assert furniture not in text
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[2].startswith("About 18,000 vehicles") and "\n" not in paragraphs[2]


def test_html_extract_json_ld_authors_and_timestamp_and_no_repeated_headline():
    page = html_extract(_page("council-budget.html"))
    assert page.authors == ("Tom Reyes", "Anna Kowalski")
    assert page.published_at == datetime(2024, 2, 27, 17, 5, tzinfo=UTC)
    assert page.site_name == "Valley Courier"
    assert page.text.startswith("The county council approved")
    assert "Photograph" not in page.text and "John Smith" not in page.text and "cookies" not in page.text


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Tom Reyes and Anna Kowalski", ("Tom Reyes", "Anna Kowalski")),
        ("Maria Lopez, Transport correspondent", ("Maria Lopez",)),
        ("Jane Doe; John Smith & Ann Lee", ("Jane Doe", "John Smith", "Ann Lee")),
    ],
)
def test_split_byline(byline, names):
    assert split_byline(byline) == names


# --- the fetcher (pure) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.0.0.8/x",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://[::ffff:127.0.0.1]/",
        "http://240.0.0.1/",
        "http://localhost:8000/",
    ],
)
def test_check_url_refuses_non_public_addresses_by_default(url):
    with pytest.raises(UnsafeURLError, match="non-public address"):
        check_url(url, policy=FetchPolicy())


@pytest.mark.parametrize(
    "url", ["ftp://example.org/x", "file:///etc/passwd", "javascript:alert(1)", "http://user:pw@example.org/"]
)
def test_check_url_refuses_other_schemes_and_credentials(url):
    with pytest.raises(UnsafeURLError):
        check_url(url, policy=FetchPolicy())


def test_check_url_checks_every_resolved_address():
    policy = FetchPolicy(resolver=lambda host, port: ["93.184.216.34", "10.1.2.3"])
    with pytest.raises(UnsafeURLError, match="10.1.2.3"):
        check_url("https://rebinding.example/", policy=policy)
    assert (
        check_url("https://public.example/a?b=1", policy=FetchPolicy(resolver=lambda h, p: ["93.184.216.34"])).path
        == "/a?b=1"
    )


def test_fetch_sends_user_agent_and_follows_redirects_within_the_limit(news_server):
    result = fetch(news_server.url("/redirect/3"), policy=FetchPolicy(address_allowed=any_address, max_redirects=3))
    assert result.status == 200 and result.url == news_server.url(HARBOUR)
    assert len(result.redirects) == 3
    assert news_server.hits(HARBOUR)[0]["user-agent"].startswith("CredibilityIngest/")


def test_fetch_enforces_the_redirect_limit(news_server):
    with pytest.raises(TooManyRedirectsError):
        fetch(news_server.url("/redirect/4"), policy=FetchPolicy(address_allowed=any_address, max_redirects=3))


def test_fetch_validates_every_redirect_hop(news_server):
    only_loopback = FetchPolicy(address_allowed=lambda ip: ip == ipaddress.ip_address("127.0.0.1"))
    with pytest.raises(UnsafeURLError, match="10.255.255.1"):
        fetch(news_server.url("/to-private"), policy=only_loopback)


def test_fetch_enforces_the_size_limit(news_server):
    with pytest.raises(TooLargeError, match="10000-byte limit"):
        fetch(news_server.url("/big.html"), policy=FetchPolicy(address_allowed=any_address, max_bytes=10_000))


# --- feeds (pure) --------------------------------------------------------------------------------


def test_feed_parse_rss_and_atom():
    rss = feed_parse(_page("feed.xml").encode())
    assert [e.url for e in rss.entries] == [
        "https://coastalherald.example" + HARBOUR,
        "https://coastalherald.example" + COUNCIL,
    ]
    assert rss.entries[0].published_at == datetime(2024, 3, 12, 8, 30, tzinfo=UTC)
    assert feed_parse(_page("atom.xml").encode()).entries[0].title.startswith("Council approves")
    with pytest.raises(FeedError):
        feed_parse((WEB / "malformed.xml").read_bytes())


# --- URL -> article (service, API) ---------------------------------------------------------------


@pytest.mark.django_db
@ALLOW_LOOPBACK
def test_article_fetch_fills_metadata_and_links_sources(news_server):
    outcome = article_fetch(url=news_server.url(HARBOUR))
    article = outcome.article
    assert outcome.created
    assert article.title == "Harbour bridge closure to last six weeks, council says"
    assert article.byline == "Maria Lopez"
    assert article.published_at == datetime(2024, 3, 12, 8, 30, tzinfo=UTC)
    assert article.url == news_server.url(HARBOUR)
    assert article.outlet.name == "The Coastal Herald"
    assert article.outlet.kind == SourceKind.OUTLET and article.outlet.domain == "127.0.0.1"
    assert "Reuters" not in article.body and article.body.startswith("Despite weeks")
    authors = list(ArticleAuthor.objects.filter(article=article).select_related("source"))
    assert [(a.source.name, a.source.kind) for a in authors] == [("Maria Lopez", SourceKind.PERSON)]


@pytest.mark.django_db
@ALLOW_LOOPBACK
def test_article_fetch_finds_the_outlet_by_domain_and_returns_duplicates(news_server):
    outlet = Source.objects.create(name="Herald", normalized_name="herald", kind=SourceKind.OUTLET, domain="127.0.0.1")
    first = article_fetch(url=news_server.url(HARBOUR))
    assert first.article.outlet == outlet
    again = article_fetch(url=news_server.url(HARBOUR))
    assert not again.created and again.article == first.article
    same_body = article_fetch(url=news_server.url(HARBOUR + "?utm_source=feed"))
    assert not same_body.created and same_body.article == first.article
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_api_fetch_refuses_a_private_address_with_400(client_for, annotator, news_server):
    response = client_for(annotator).post("/api/v1/articles/fetch/", {"url": news_server.url(HARBOUR)}, format="json")
    assert response.status_code == 400
    assert "non-public address" in response.json()["url"][0]
    assert "FETCH_ALLOW_PRIVATE_ADDRESSES" in response.json()["url"][0]
    assert not IngestionJob.objects.exists() and not news_server.requests


@pytest.mark.django_db
def test_api_fetch_needs_a_writer(client_for, news_server):
    from tests.annotations.factories import UserFactory

    response = client_for(UserFactory()).post("/api/v1/articles/fetch/", {"url": "https://example.org/"}, format="json")
    assert response.status_code == 403


@pytest.mark.django_db
@ALLOW_LOOPBACK
def test_api_fetch_runs_a_job_with_progress_and_answers_duplicates_with_200(
    client_for, annotator, news_server, django_capture_on_commit_callbacks
):
    client = client_for(annotator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/articles/fetch/", {"url": news_server.url(HARBOUR)}, format="json")
    assert response.status_code == 202, response.content
    job_id = response.json()["id"]
    assert response["Location"].endswith(f"/api/v1/ingestion-jobs/{job_id}/")
    job = client.get(f"/api/v1/ingestion-jobs/{job_id}/").json()
    assert job["state"] == "done" and (job["done"], job["total"], job["progress"]) == (1, 1, 1.0)
    article = Article.objects.get(pk=job["article"])
    assert job["results"] == [
        {"url": news_server.url(HARBOUR), "status": "created", "article": article.pk, "error": ""}
    ]
    assert article.created_by == annotator
    assert article.analysis_state == "done"  # new articles are analysed

    again = client.post("/api/v1/articles/fetch/", {"url": news_server.url(HARBOUR)}, format="json")
    assert again.status_code == 200 and again.json() == {"article": article.pk, "duplicate": True}


@pytest.mark.django_db
@ALLOW_LOOPBACK
def test_api_fetch_several_urls_records_each_result(
    client_for, annotator, news_server, django_capture_on_commit_callbacks
):
    client = client_for(annotator)
    urls = [
        news_server.url(HARBOUR),
        news_server.url("/image.png"),
        news_server.url("/missing.html"),
        news_server.url(COUNCIL),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/articles/fetch/", {"urls": urls}, format="json")
    job = client.get(f"/api/v1/ingestion-jobs/{response.json()['id']}/").json()
    assert (job["state"], job["done"], job["total"], job["failed"]) == ("done", 4, 4, 2)
    statuses = [(r["status"], r["error"]) for r in job["results"]]
    assert statuses[0] == ("created", "") and statuses[3] == ("created", "")
    assert "not an HTML page" in statuses[1][1] and "HTTP 404" in statuses[2][1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("limit", "path", "error"),
    [
        ({"FETCH_MAX_BYTES": 10_000}, "/big.html", "10000-byte limit"),
        ({"FETCH_MAX_REDIRECTS": 2}, "/redirect/3", "Too many redirects"),
    ],
    ids=["size", "redirects"],
)
def test_job_fails_with_a_clear_error_over_a_limit(
    limit, path, error, client_for, annotator, news_server, django_capture_on_commit_callbacks
):
    with (
        override_settings(FETCH_ALLOW_PRIVATE_ADDRESSES=True, **limit),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client_for(annotator).post("/api/v1/articles/fetch/", {"url": news_server.url(path)}, format="json")
    job = IngestionJob.objects.get(pk=response.json()["id"])
    assert job.state == RunState.FAILED and error in job.error
    assert not Article.objects.exists()


# --- HTML -> article through POST /articles/ -----------------------------------------------------


@pytest.mark.django_db
def test_api_article_create_from_html(client_for, annotator):
    response = client_for(annotator).post(
        "/api/v1/articles/",
        {"html": _page("harbour-bridge.html"), "url": "https://coastalherald.example" + HARBOUR},
        format="json",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["title"] == "Harbour bridge closure to last six weeks, council says"
    assert data["byline"] == "Maria Lopez" and data["published_at"].startswith("2024-03-12T08:30:00")
    assert data["body"].startswith("Despite weeks") and "Reuters" not in data["body"]
    # The byline's person is linked even though annotations/ cannot reach credibility itself.
    assert ArticleAuthor.objects.filter(article_id=data["id"], source__name="Maria Lopez").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "T", "body": "Text.", "html": "<p>x</p>"}, "body"),
        ({"title": "T"}, "body"),
        ({"body": "Text without a title."}, "title"),
        ({"html": "<html><body><nav><a href='/'>Home</a></nav></body></html>"}, "html"),
    ],
)
def test_api_article_create_html_input_errors(client_for, annotator, payload, field):
    response = client_for(annotator).post("/api/v1/articles/", payload, format="json")
    assert response.status_code == 400 and field in response.json()


# --- feeds ---------------------------------------------------------------------------------------


@pytest.mark.django_db
@ALLOW_LOOPBACK
def test_feed_poll_fetches_new_entries_then_honours_conditional_get(news_server, django_capture_on_commit_callbacks):
    feed = feed_create(url=news_server.url("/feed.xml"), interval=300)
    with django_capture_on_commit_callbacks(execute=True):
        first = feed_poll(feed_id=feed.pk)
    assert first.status == FeedStatus.OK and len(first.new_urls) == 2
    assert set(Article.objects.values_list("url", flat=True)) == {news_server.url(HARBOUR), news_server.url(COUNCIL)}
    assert Article.objects.filter(analysis_state="done").count() == 2
    feed.refresh_from_db()
    assert feed.etag == FEED_ETAG and feed.last_modified and feed.last_new_entries == 2
    assert IngestionJob.objects.get(feed=feed).state == RunState.DONE

    with django_capture_on_commit_callbacks(execute=True):
        second = feed_poll(feed_id=feed.pk)
    assert second.status == FeedStatus.NOT_MODIFIED and second.new_urls == ()
    conditional = news_server.hits("/feed.xml")[-1]
    assert conditional["if-none-match"] == FEED_ETAG and conditional["if-modified-since"] == feed.last_modified
    feed.refresh_from_db()
    assert feed.last_status == FeedStatus.NOT_MODIFIED and feed.last_http_status == 304
    assert Article.objects.count() == 2 and IngestionJob.objects.count() == 1
    assert len(news_server.hits(HARBOUR)) == 1  # each page was fetched once


@pytest.mark.django_db
@ALLOW_LOOPBACK
def test_feed_entries_already_stored_are_not_fetched_again(news_server, django_capture_on_commit_callbacks):
    article_fetch(url=news_server.url(HARBOUR))
    feed = feed_create(url=news_server.url("/feed.xml"))
    with django_capture_on_commit_callbacks(execute=True):
        result = feed_poll(feed_id=feed.pk)
    assert result.new_urls == (news_server.url(COUNCIL),)
    assert len(news_server.hits(HARBOUR)) == 1


@pytest.mark.django_db
@ALLOW_LOOPBACK
def test_a_failing_feed_is_recorded_and_does_not_stop_the_others(news_server, django_capture_on_commit_callbacks):
    broken = feed_create(url=news_server.url("/broken-feed.xml"), interval=600)
    malformed = feed_create(url=news_server.url("/malformed.xml"))
    good = feed_create(url=news_server.url("/atom.xml"))
    later = feed_create(url=news_server.url("/feed.xml"))
    Feed.objects.filter(pk=later.pk).update(next_poll_at=timezone.now() + timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert feeds_poll_due_task.delay().get() == 3
    broken.refresh_from_db()
    malformed.refresh_from_db()
    good.refresh_from_db()
    later.refresh_from_db()
    assert (broken.last_status, broken.last_http_status, broken.error_count) == (FeedStatus.ERROR, 500, 1)
    assert "HTTP 500" in broken.last_error
    assert broken.next_poll_at >= timezone.now() + timedelta(seconds=590)
    assert malformed.last_status == FeedStatus.ERROR and "feed" in malformed.last_error.lower()
    assert good.last_status == FeedStatus.OK and good.error_count == 0
    assert later.last_status == FeedStatus.NEVER  # not due yet
    assert list(Article.objects.values_list("url", flat=True)) == [news_server.url(COUNCIL)]

    # The next round, once due, polls the broken feed again and backs off further.
    with django_capture_on_commit_callbacks(execute=True):
        feeds_poll_due(now=timezone.now() + timedelta(minutes=11))
    broken.refresh_from_db()
    assert broken.error_count == 2


@pytest.mark.django_db
def test_feed_create_refuses_a_private_address():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="non-public address"):
        feed_create(url="http://127.0.0.1:9/feed.xml")
