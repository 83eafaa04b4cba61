"""Hostile and malformed input: each case is a clear 4xx and writes nothing.

Every case below is one request; ``_counts`` is taken before and after it over every table a
write could touch, so "refused" also means "nothing stored" (no half-written article, revision,
annotation, review log or history row). ``BAD_INPUTS`` is counted in the README's figures.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from annotations.models import Annotation, Article, ArticleRevision, ReviewLog
from credibility.models import AnalysisRun, FactCheck, Source, SourceAlias
from tests.annotations.factories import AnnotationFactory, ArticleFactory, UserFactory
from tests.credibility.factories import FactCheckFactory, SourceFactory
from tests.security.placeholders import fill

pytestmark = pytest.mark.django_db

NUL = "nul\x00byte"
SURROGATE = "lone\ud800surrogate"
HUGE = 2**64
BODY = "The council approved the budget on Tuesday. Taxes will rise by 4.99%, the council said."


def _counts() -> dict[str, int]:
    models = [Article, ArticleRevision, Annotation, ReviewLog, Source, SourceAlias, FactCheck, AnalysisRun, Token]
    counts = {model.__name__: model.objects.count() for model in models}
    counts.update(
        {f"{model.__name__}.history": model.history.count() for model in (Article, Annotation, Source, FactCheck)}
    )
    return counts


def _nested(depth: int) -> str:
    return '{"title": "t", "body": "b", "x": ' + "[" * depth + "]" * depth + "}"


@dataclass
class Bad:
    """One hostile request. ``raw`` is sent as-is (with ``content_type``); otherwise ``data`` as JSON."""

    name: str
    method: str
    path: str
    expected: int
    data: Any = None
    raw: str | bytes | None = None
    content_type: str = "application/json"
    if_match: bool = False
    settings: dict[str, Any] = field(default_factory=dict)
    mentions: str = ""


def _article_writes(tag: str, value: str) -> list[Bad]:
    return [
        Bad(f"article title {tag}", "post", "/api/v1/articles/", 400, {"title": value, "body": BODY}),
        Bad(f"article body {tag}", "post", "/api/v1/articles/", 400, {"title": "T", "body": value}),
        Bad(f"article byline {tag}", "post", "/api/v1/articles/", 400, {"title": "T", "body": BODY, "byline": value}),
        Bad(
            f"article html {tag}",
            "post",
            "/api/v1/articles/",
            400,
            {"html": f"<html><body><p>{value}</p></body></html>"},
        ),
        Bad(f"article patch body {tag}", "patch", "/api/v1/articles/{article}/", 400, {"body": value}, if_match=True),
        Bad(
            f"annotation comment {tag}",
            "post",
            "/api/v1/annotations/",
            400,
            {"article": "{article}", "kind": "note", "start": 0, "end": 3, "comment": value},
        ),
        Bad(
            f"annotation suggestion {tag}",
            "post",
            "/api/v1/annotations/",
            400,
            {"article": "{article}", "kind": "typo", "start": 0, "end": 3, "suggestion": value},
        ),
        Bad(
            f"annotation patch comment {tag}",
            "patch",
            "/api/v1/annotations/{annotation}/",
            400,
            {"comment": value},
            if_match=True,
        ),
        Bad(
            f"review note {tag}",
            "post",
            "/api/v1/annotations/{annotation}/review/",
            400,
            {"decision": "confirm", "note": value},
        ),
        Bad(f"source name {tag}", "post", "/api/v1/sources/", 400, {"name": value, "kind": "person"}),
        Bad(
            f"source alias {tag}", "post", "/api/v1/sources/", 400, {"name": "S", "kind": "person", "aliases": [value]}
        ),
        Bad(
            f"fact-check claim {tag}",
            "post",
            "/api/v1/factchecks/",
            400,
            {"claim_reviewed": value, "url": "https://fc.example.org/1"},
        ),
        Bad(
            f"fact-check import {tag}",
            "post",
            "/api/v1/factchecks/import/",
            400,
            [{"@type": "ClaimReview", "claimReviewed": value, "url": "https://fc.example.org/2"}],
        ),
        Bad(
            f"w3c import {tag}",
            "post",
            "/api/v1/articles/{article}/import/",
            400,
            {"type": "AnnotationCollection", "items": [{"type": "Annotation", "bodyValue": value}]},
        ),
        Bad(f"json key {tag}", "post", "/api/v1/articles/", 400, {"title": "T", "body": BODY, value: 1}),
        Bad(f"token username {tag}", "post", "/api/v1/auth/token/", 400, {"username": value, "password": "x"}),
        Bad(f"fetch url {tag}", "post", "/api/v1/articles/fetch/", 400, {"url": f"https://example.org/{value}"}),
    ]


BAD_INPUTS: list[Bad] = [
    # Sizes: an article body over ARTICLE_BODY_MAX_CHARS, and request bodies over the upload limit.
    Bad(
        "body over ARTICLE_BODY_MAX_CHARS (default 200,000)",
        "post",
        "/api/v1/articles/",
        413,
        {"title": "T", "body": "a" * 200_001},
        mentions="200000",
    ),
    Bad(
        "body over a configured limit",
        "post",
        "/api/v1/articles/",
        413,
        {"title": "T", "body": "word " * 300},
        settings={"ARTICLE_BODY_MAX_CHARS": 1000},
        mentions="1000",
    ),
    Bad(
        "patched body over the limit",
        "patch",
        "/api/v1/articles/{article}/",
        413,
        {"body": "x" * 1001},
        if_match=True,
        settings={"ARTICLE_BODY_MAX_CHARS": 1000},
    ),
    Bad(
        "put body over the limit",
        "put",
        "/api/v1/articles/{article}/",
        413,
        {"title": "T", "body": "x" * 1001},
        if_match=True,
        settings={"ARTICLE_BODY_MAX_CHARS": 1000},
    ),
    Bad(
        "html whose text is over the limit",
        "post",
        "/api/v1/articles/",
        413,
        {
            "html": "<html><head><title>T</title></head><body><article>"
            + "".join(f"<p>On day {i} the council met again and said plan {i} was agreed.</p>" for i in range(60))
            + "</article></body></html>"
        },
        settings={"ARTICLE_BODY_MAX_CHARS": 1000},
    ),
    Bad(
        "JSON request over DATA_UPLOAD_MAX_MEMORY_SIZE",
        "post",
        "/api/v1/articles/",
        413,
        {"title": "T", "body": "b" * 20_000},
        settings={"DATA_UPLOAD_MAX_MEMORY_SIZE": 10_000},
        mentions="10000",
    ),
    Bad(
        "form request over the upload limit",
        "post",
        "/api/v1/auth/token/",
        413,
        raw="username=" + "u" * 20_000 + "&password=x",
        content_type="application/x-www-form-urlencoded",
        settings={"DATA_UPLOAD_MAX_MEMORY_SIZE": 10_000},
    ),
    Bad(
        "multipart fields over the upload limit",
        "post",
        "/api/v1/factchecks/import/",
        413,
        raw=(
            b'--B\r\nContent-Disposition: form-data; name="format"\r\n\r\n'
            + b"c" * 20_000
            + b'\r\n--B\r\nContent-Disposition: form-data; name="file"; filename="f.csv"\r\n\r\nx\r\n--B--\r\n'
        ),
        content_type="multipart/form-data; boundary=B",
        settings={"DATA_UPLOAD_MAX_MEMORY_SIZE": 10_000},
    ),
    # NUL bytes and lone surrogates in every kind of text field.
    *_article_writes("with NUL", NUL),
    *_article_writes("with a lone surrogate", SURROGATE),
    Bad("NUL in a query parameter", "get", "/api/v1/articles/?search=a%00b", 400),
    Bad("NUL in a filter", "get", "/api/v1/articles/?url=a%00b", 400),
    Bad(
        "NUL in a form field",
        "post",
        "/api/v1/auth/token/",
        400,
        raw="username=a%00b&password=x",
        content_type="application/x-www-form-urlencoded",
    ),
    # Malformed and deeply nested JSON.
    Bad("JSON nested 33 deep", "post", "/api/v1/articles/", 400, raw=_nested(33)),
    Bad("JSON nested 100,000 deep", "post", "/api/v1/articles/", 400, raw=_nested(100_000)),
    Bad("malformed JSON", "post", "/api/v1/articles/", 400, raw='{"title": "T", "body": '),
    Bad("NaN in JSON", "post", "/api/v1/sources/", 400, raw='{"name": "S", "kind": "person", "rating": NaN}'),
    Bad("invalid UTF-8", "post", "/api/v1/articles/", 400, raw=b'{"title": "\xff\xfe", "body": "b"}'),
    Bad("a list instead of an object", "post", "/api/v1/articles/", 400, [{"title": "T", "body": BODY}]),
    Bad(
        "a 5,000-digit integer",
        "post",
        "/api/v1/annotations/",
        400,
        raw='{"article": 1, "kind": "note", "start": ' + "9" * 5000 + ', "end": 3}',
    ),
    # Wrong types, negative offsets, huge integers.
    Bad("title as a list", "post", "/api/v1/articles/", 400, {"title": ["T"], "body": BODY}),
    Bad("body as an object", "post", "/api/v1/articles/", 400, {"title": "T", "body": {"text": BODY}}),
    Bad(
        "start as a string",
        "post",
        "/api/v1/annotations/",
        400,
        {"article": "{article}", "kind": "note", "start": "zero", "end": 3},
    ),
    Bad(
        "start as a float",
        "post",
        "/api/v1/annotations/",
        400,
        {"article": "{article}", "kind": "note", "start": 0.5, "end": 3},
    ),
    Bad(
        "kind as a number",
        "post",
        "/api/v1/annotations/",
        400,
        {"article": "{article}", "kind": 5, "start": 0, "end": 3},
    ),
    Bad(
        "negative start",
        "post",
        "/api/v1/annotations/",
        400,
        {"article": "{article}", "kind": "note", "start": -1, "end": 3},
    ),
    Bad(
        "negative end",
        "post",
        "/api/v1/annotations/",
        400,
        {"article": "{article}", "kind": "note", "start": 0, "end": -3},
    ),
    Bad(
        "start after end",
        "post",
        "/api/v1/annotations/",
        400,
        {"article": "{article}", "kind": "note", "start": 5, "end": 3},
    ),
    Bad(
        "end past the body",
        "post",
        "/api/v1/annotations/",
        400,
        {"article": "{article}", "kind": "note", "start": 0, "end": 10_000},
    ),
    Bad(
        "negative reattach offsets", "post", "/api/v1/annotations/{annotation}/reattach/", 400, {"start": -5, "end": 2}
    ),
    Bad(
        "start over 2^63",
        "post",
        "/api/v1/annotations/",
        400,
        {"article": "{article}", "kind": "note", "start": HUGE, "end": 3},
    ),
    Bad("end over 2^63", "post", "/api/v1/annotations/{annotation}/reattach/", 400, {"start": 0, "end": HUGE}),
    Bad(
        "article id over 2^63",
        "post",
        "/api/v1/annotations/",
        400,
        {"article": HUGE, "kind": "note", "start": 0, "end": 3},
    ),
    Bad("negative huge integer", "post", "/api/v1/sources/", 400, {"name": "S", "kind": "person", "rating": -HUGE}),
    Bad("rating out of range", "post", "/api/v1/sources/", 400, {"name": "S", "kind": "person", "rating": 101}),
    Bad(
        "version over 2^63",
        "post",
        "/api/v1/annotations/{annotation}/review/",
        400,
        {"decision": "confirm", "version": HUGE},
    ),
    Bad(
        "If-Match not a version",
        "patch",
        "/api/v1/articles/{article}/",
        400,
        {"title": "New"},
        if_match=False,
        settings={"_if_match": "garbage"},
    ),
    Bad("revision diff from not a number", "get", "/api/v1/articles/{article}/revisions/diff/?from=abc", 400),
    Bad("an unknown choice in a filter", "get", "/api/v1/annotations/?kind=nonsense", 400),
    # Unknown fields on write.
    Bad("unknown article field", "post", "/api/v1/articles/", 400, {"title": "T", "body": BODY, "comit": True}),
    Bad(
        "read-only article field",
        "post",
        "/api/v1/articles/",
        400,
        {"title": "T", "body": BODY, "analysis_state": "done"},
    ),
    Bad(
        "unknown annotation field",
        "post",
        "/api/v1/annotations/",
        400,
        {"article": "{article}", "kind": "note", "start": 0, "end": 3, "origin": "machine"},
    ),
    Bad("unknown field on patch", "patch", "/api/v1/annotations/{annotation}/", 400, {"colour": "red"}, if_match=True),
    Bad("unknown source field", "post", "/api/v1/sources/", 400, {"name": "S", "kind": "person", "score": 99}),
    Bad(
        "unknown review field", "post", "/api/v1/annotations/{annotation}/review/", 400, {"decision": "confirm", "x": 1}
    ),
    # Duplicate URLs.
    Bad(
        "duplicate URL on create",
        "post",
        "/api/v1/articles/",
        409,
        {"title": "T", "body": BODY, "url": "https://news.example.org/taken"},
        mentions="existing_article",
    ),
    Bad(
        "duplicate URL on edit",
        "patch",
        "/api/v1/articles/{other}/",
        409,
        {"url": "https://news.example.org/taken"},
        if_match=True,
        mentions="existing_article",
    ),
]


@pytest.fixture
def world(staff) -> dict[str, Any]:
    article = ArticleFactory(body=BODY, url="https://news.example.org/taken", created_by=staff)
    other = ArticleFactory(body=BODY)
    annotation = AnnotationFactory(article=article, created_by=staff)
    SourceFactory(name="Existing source")
    FactCheckFactory()
    return {"ids": {"article": article.pk, "other": other.pk, "annotation": annotation.pk}, "staff": staff}


def _send(client: APIClient, bad: Bad, ids: dict[str, int]) -> Any:
    path = fill(bad.path, ids)
    headers: dict[str, str] = {}
    if bad.if_match:
        model = Annotation if "/annotations/" in path else Article
        headers["HTTP_IF_MATCH"] = f'"{model.objects.get(pk=int(path.rstrip("/").split("/")[-1])).version}"'
    if "_if_match" in bad.settings:
        headers["HTTP_IF_MATCH"] = bad.settings["_if_match"]
    send: Callable[..., Any] = getattr(client, bad.method)
    if bad.method == "get":
        return send(path, **headers)
    if bad.raw is not None:
        return send(path, data=bad.raw, content_type=bad.content_type, **headers)
    body = json.dumps(fill(bad.data, ids), ensure_ascii=True)  # \ud800 travels as an escape, as a client would send it
    return send(path, data=body, content_type="application/json", **headers)


@pytest.mark.parametrize("bad", BAD_INPUTS, ids=[b.name for b in BAD_INPUTS])
def test_hostile_input_is_refused_with_a_4xx_and_writes_nothing(bad: Bad, world, client_for):
    client = client_for(world["staff"])
    overrides = {k: v for k, v in bad.settings.items() if not k.startswith("_")}
    before = _counts()
    with override_settings(**overrides):
        response = _send(client, bad, world["ids"])
    assert response.status_code == bad.expected, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body, "a refusal says why"
    if bad.mentions:
        assert bad.mentions in json.dumps(body), body
    assert _counts() == before


def test_duplicate_url_names_the_existing_article(world, client_for):
    response = client_for(world["staff"]).post(
        "/api/v1/articles/", {"title": "T", "body": BODY, "url": "https://news.example.org/taken"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["existing_article"] == world["ids"]["article"]
    assert f"id {world['ids']['article']}" in json.dumps(response.json()["url"])


def test_body_at_the_limit_is_accepted(staff, client_for):
    with override_settings(ARTICLE_BODY_MAX_CHARS=1000):
        response = client_for(staff).post("/api/v1/articles/", {"title": "T", "body": "x" * 1000}, format="json")
    assert response.status_code == 201


def test_unauthenticated_oversized_request_is_still_413(anonymous_client):
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000):
        response = anonymous_client.post("/api/v1/articles/", {"title": "T", "body": "x" * 5000}, format="json")
    assert response.status_code == 413


@pytest.mark.parametrize("value", [NUL, SURROGATE])
def test_services_refuse_unstorable_text_on_non_api_paths(value, staff):
    """The admin, commands, imports and fetches call the services directly: they refuse it too."""
    from django.core.exceptions import ValidationError

    from annotations.services.annotations import annotation_create
    from annotations.services.articles import article_create, article_update
    from annotations.services.reviews import annotation_review
    from credibility.services.factchecks import factcheck_create
    from credibility.services.sources import source_create

    article = ArticleFactory(body=BODY)
    annotation = AnnotationFactory(article=article, created_by=staff)
    before = _counts()
    calls = [
        lambda: article_create(title=value, body=BODY),
        lambda: article_create(title="T", body=value),
        lambda: article_create(title="T", body=BODY, byline=value),
        lambda: article_update(article=article, body=BODY + value),
        lambda: annotation_create(article=article, kind="note", start=0, end=3, comment=value, created_by=staff),
        lambda: annotation_review(annotation=annotation, decision="confirm", note=value, reviewer=staff),
        lambda: source_create(name=value, kind="person"),
        lambda: source_create(name="S", kind="person", aliases=[value]),
        lambda: factcheck_create(claim_reviewed=value, url="https://fc.example.org/x"),
    ]
    for call in calls:
        with pytest.raises(ValidationError):
            call()
    assert _counts() == before


def test_fact_check_file_records_with_unstorable_text_are_skipped(staff, client_for):
    """A registry file is imported record by record: the bad record is reported, the rest go in."""
    import io

    csv_text = "claim_reviewed,url,rating\nfine claim,https://fc.example.org/a,False\nbad\x00claim,https://fc.example.org/b,False\n"
    response = client_for(staff).post(
        "/api/v1/factchecks/import/", {"file": io.BytesIO(csv_text.encode()), "format": "csv"}, format="multipart"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["created"] == 1 and len(body["skipped"]) == 1
    assert not FactCheck.objects.filter(url="https://fc.example.org/b").exists()


def test_user_model_untouched_by_token_guessing(anonymous_client):
    UserFactory(username="alice")
    response = anonymous_client.post("/api/v1/auth/token/", {"username": "alice", "password": "wrong"}, format="json")
    assert response.status_code == 400
    assert not Token.objects.exists()
    assert get_user_model().objects.filter(username="alice").exists()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (f"/api/v1/annotations/?article={HUGE}", 200),
        (f"/api/v1/articles/{HUGE}/", 404),
        (f"/api/v1/annotations/{HUGE}/history/", 404),
        (f"/api/v1/articles/?page={HUGE}", 404),
        (f"/api/v1/articles/?page_size={HUGE}", 200),
        ("/api/v1/articles/?page=-1", 404),
        # ISO 8601 offsets beyond PostgreSQL's +-15:59 (found by schemathesis): converted to UTC first.
        ("/api/v1/articles/?created_at_after=2173-12-29T08:31:26-22:51", 200),
        (
            "/api/v1/analysis-runs/?created_at_before=4777-12-03T15:01:37.4-22:14&created_at_after=0117-05-27T14:29:28Z",
            200,
        ),
        ("/api/v1/articles/?published_at_after=0001-01-01T00:00:00%2B05:00", 400),
    ],
)
def test_huge_and_negative_numbers_in_reads_are_not_errors(path, expected, staff, client_for):
    """Reads with out-of-range ids match nothing (an empty list or a 404), never a 500."""
    assert client_for(staff).get(path).status_code == expected
