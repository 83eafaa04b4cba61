"""Every API response a test receives must be one the OpenAPI schema documents (openapi-core).

``SchemaValidatingClient`` is DRF's ``APIClient`` plus that check: after each request under
``/api/v1/`` it validates the response against the schema the service serves (path, method, status
code, media type, body and documented headers) and fails the test with what did not match. The
fixtures of tests/conftest.py (``anonymous_client``, ``client_for``) hand out this client, so every
API test checks the schema as a side effect; a new endpoint is checked as soon as a test calls it.

An undocumented path, method or status code fails like a wrong body: the schema must describe
what the API really answers. Not checked: the schema and docs endpoints themselves (they are
excluded from the schema), and the browsable API's HTML, sent only to a request that asked for
``text/html``.

For a test that deliberately sends something outside the API's contract and asserts the answer
itself, ``client.schema_unchecked()`` turns the check off inside a ``with`` block.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from django.http import HttpResponse
from openapi_core import Config, OpenAPI
from openapi_core.exceptions import OpenAPIError
from openapi_core.testing import MockRequest, MockResponse
from rest_framework.test import APIClient

API_PREFIX = "/api/v1/"
NOT_IN_SCHEMA = ("/api/v1/schema/", "/api/v1/docs/")


@cache
def served_schema() -> dict[str, Any]:
    """The schema exactly as ``GET /api/v1/schema/`` serves it (drf-spectacular), built once per run."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    schema = SchemaGenerator().get_schema(request=None, public=True)
    # Through JSON, as a client reads it: drf-spectacular's dict holds lazy strings and enum objects.
    return json.loads(OpenApiJsonRenderer().render(schema))


@cache
def _openapi() -> OpenAPI:
    # openapi-core decodes application/json only: JSON-LD is JSON, and CSV is text (a string in the schema).
    deserializers = {
        "application/ld+json": lambda body, **_: json.loads(body),
        "text/csv": lambda body, charset="utf-8", **_: body.decode(charset),
    }
    return OpenAPI.from_dict(served_schema(), config=Config(extra_media_type_deserializers=deserializers))


class SchemaViolation(AssertionError):
    """A response the OpenAPI schema does not allow."""


def schema_problem(response: HttpResponse) -> str | None:
    """Why ``response`` (from Django's test client) is not what the schema documents; None when it is."""
    request = response.wsgi_request
    path = request.path
    if not path.startswith(API_PREFIX) or path.startswith(NOT_IN_SCHEMA):
        return None
    content_type = response.get("Content-Type", "")
    if "text/html" in request.headers.get("Accept", ""):
        return None  # a browser's request: the browsable API, for people (the schema describes the machine API)
    openapi_request = MockRequest(
        host_url=f"{request.scheme}://{request.get_host()}",
        method=request.method or "GET",
        path=path,
        args=request.GET,
        headers=dict(request.headers),
        cookies=dict(request.COOKIES),
        content_type=request.META.get("CONTENT_TYPE", ""),
    )
    if response.streaming:  # read it once, and hand the same bytes on to the test
        body = b"".join(response.streaming_content)
        response.streaming_content = [body]
    else:
        body = response.content
    openapi_response = MockResponse(
        data=body,
        status_code=response.status_code,
        headers=dict(response.headers),
        content_type=content_type,
    )
    try:
        _openapi().validate_response(openapi_request, openapi_response)
    except OpenAPIError as error:  # path, operation, status, media type or body: each says what failed
        return _describe(error)
    return None


def _describe(error: BaseException) -> str:
    """openapi-core's error with its causes, down to each JSON Schema failure and where it occurred."""
    lines = [f"{type(error).__name__}: {_short(error)}"]
    cause = error.__cause__
    while cause is not None:
        lines.append(f"  caused by {type(cause).__name__}: {_short(cause)}")
        for schema_error in getattr(cause, "schema_errors", ()) or ():
            where = "/".join(str(part) for part in schema_error.absolute_path) or "(the body)"
            lines.append(f"    at {where}: {_short(schema_error.message)}")
            for sub in schema_error.context or ():  # why each oneOf/anyOf branch failed
                sub_where = "/".join(str(part) for part in sub.absolute_path) or "(the body)"
                lines.append(f"      - at {sub_where}: {_short(sub.message)}")
        cause = cause.__cause__
    return "\n".join(lines)


def _short(value: object, limit: int = 300) -> str:
    """Messages quote the whole offending value; a line of it is enough to find it."""
    text = str(value)
    return text if len(text) <= limit else text[:limit] + f"... ({len(text)} characters)"


class SchemaValidatingClient(APIClient):
    """``APIClient`` whose every API response must validate against the served OpenAPI schema."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._checking = True

    @contextmanager
    def schema_unchecked(self) -> Iterator[SchemaValidatingClient]:
        """Requests inside the block are not validated (a test probing outside the contract on purpose)."""
        self._checking = False
        try:
            yield self
        finally:
            self._checking = True

    def request(self, **kwargs: Any) -> Any:
        response = super().request(**kwargs)
        if self._checking:
            problem = schema_problem(response)
            if problem:
                request = response.wsgi_request
                raise SchemaViolation(
                    f"{request.method} {request.get_full_path()} answered {response.status_code} "
                    f"({response.get('Content-Type', 'no Content-Type')}), which the OpenAPI schema "
                    f"(/api/v1/schema/) does not document:\n{problem}\n"
                    f"Body: {_excerpt(response)}"
                )
        return response


def _excerpt(response: HttpResponse, limit: int = 500) -> str:
    if response.streaming:
        return "(streamed)"
    text = response.content.decode("utf-8", "replace")
    return text if len(text) <= limit else text[:limit] + "..."
