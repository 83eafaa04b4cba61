"""The OpenAPI schema says what the API does: valid OAS 3.0.3, JSON-only writes, the real media types
of the exports, one documented error body, and a response validator (tests/openapi_validation.py)
that refuses what the schema does not document."""

from __future__ import annotations

import pytest
from openapi_spec_validator import validate
from rest_framework.response import Response

from tests.annotations.factories import ArticleFactory
from tests.openapi_validation import SchemaViolation, served_schema

pytestmark = pytest.mark.django_db

WRITE_METHODS = ("post", "put", "patch")
# The one write that really takes something other than JSON: a registry file upload.
FORM_WRITES = {("post", "/api/v1/factchecks/import/"): {"application/json", "multipart/form-data"}}


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield method, path, operation


def _walk(node, where=""):
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            yield from _walk(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, f"{where}[{index}]")


def test_served_schema_is_the_one_validated_and_valid_openapi_3_0(anonymous_client):
    served = anonymous_client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert served == served_schema()
    assert served["openapi"] == "3.0.3"
    validate(served)  # openapi-spec-validator: the OAS 3.0 meta-schema and its references


def test_write_operations_take_json_only_unless_a_form_is_really_supported():
    bodies = {
        (method, path): set(operation["requestBody"]["content"])
        for method, path, operation in _operations(served_schema())
        if method in WRITE_METHODS and "requestBody" in operation
    }
    assert bodies, "no write operation found"
    wrong = {key: types for key, types in bodies.items() if types != FORM_WRITES.get(key, {"application/json"})}
    assert wrong == {}


def test_no_nullable_sits_beside_a_reference_or_without_a_type():
    """OAS 3.0.3: ``nullable`` only widens a ``type`` in the same schema object."""
    wrong = [
        where
        for where, node in _walk(served_schema())
        if node.get("nullable") is True and ("type" not in node or "$ref" in node or "allOf" in node)
    ]
    assert wrong == []


def test_nullable_nested_objects_allow_null():
    source = served_schema()["components"]["schemas"]["Annotation"]["properties"]["source"]
    assert {"$ref": "#/components/schemas/SourceSummary"} in source["oneOf"]
    assert {"$ref": "#/components/schemas/NullEnum"} in source["oneOf"]
    assert served_schema()["components"]["schemas"]["NullEnum"] == {"enum": [None]}


def test_exports_declare_their_real_media_types():
    paths = served_schema()["paths"]
    export = paths["/api/v1/articles/{id}/export/"]["get"]["responses"]["200"]["content"]
    assert set(export) == {"application/ld+json", "text/csv"}
    assert export["text/csv"]["schema"]["type"] == "string"
    shapes = export["application/ld+json"]["schema"]["oneOf"]
    assert {"$ref": "#/components/schemas/W3CAnnotationCollection"} in shapes
    assert {"type": "array", "items": {"$ref": "#/components/schemas/ClaimReview"}}.items() <= next(
        shape for shape in shapes if shape.get("type") == "array"
    ).items()
    for path in ("/api/v1/reports/flagged-claims/", "/api/v1/reports/flagged-claims/summary/"):
        content = paths[path]["get"]["responses"]["200"]["content"]
        assert content["text/csv"]["schema"]["type"] == "string", path
        assert "$ref" in content["application/json"]["schema"] or "type" in content["application/json"]["schema"]


def test_imports_accept_an_object_or_a_list():
    paths = served_schema()["paths"]
    for path in ("/api/v1/factchecks/import/", "/api/v1/articles/{id}/import/"):
        schema = paths[path]["post"]["requestBody"]["content"]["application/json"]["schema"]
        assert sorted(branch["type"] for branch in schema["oneOf"]) == ["array", "object"], path


def test_every_error_answer_has_the_one_error_body():
    schema = served_schema()
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    codes = set()
    for method, path, operation in _operations(schema):
        for code, response in operation["responses"].items():
            if code.startswith(("4", "5")):
                codes.add(code)
                assert response.get("content") == error, (method, path, code)
                assert response["description"], (method, path, code)
    assert {"400", "401", "403", "404", "409", "412", "413", "415", "428", "429"} <= codes
    responses = schema["paths"]["/api/v1/annotations/{id}/"]["patch"]["responses"]
    assert {"400", "401", "403", "404", "409", "412", "413", "428"} <= set(responses)
    assert "401" not in schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]  # open to anyone


def test_a_form_body_is_refused_with_415(client_for, annotator):
    article = ArticleFactory()
    response = client_for(annotator).post(
        "/api/v1/annotations/", {"article": article.pk, "kind": "note", "start": 0, "end": 1}, format="multipart"
    )
    assert response.status_code == 415
    assert "multipart/form-data" in response.json()["detail"]


def test_csv_errors_are_json_like_every_other_error(client_for, annotator):
    response = client_for(annotator).get("/api/v1/articles/999999/export/?format=csv")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "No Article matches the given query."}


def test_an_unrouted_api_url_answers_the_json_404(client_for, annotator):
    response = client_for(annotator).get("/api/v1/sources/not-a-number/")
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}


# The validator itself: what the schema does not document fails, and says what and where.


def test_validation_refuses_an_undocumented_path(client_for, staff):
    with pytest.raises(SchemaViolation) as caught:
        client_for(staff).get("/api/v1/no-such-resource/")
    message = str(caught.value)
    assert "GET /api/v1/no-such-resource/ answered 404" in message
    assert "PathNotFound" in message


def test_validation_refuses_an_undocumented_operation(client_for, staff):
    with pytest.raises(SchemaViolation) as caught:
        client_for(staff).delete("/api/v1/analysis-runs/")
    message = str(caught.value)
    assert "DELETE /api/v1/analysis-runs/ answered 405" in message
    assert "OperationNotFound" in message


def test_validation_refuses_an_undocumented_status(client_for, annotator, monkeypatch):
    from annotations.api.views import DetectorScoreboardView

    monkeypatch.setattr(DetectorScoreboardView, "get", lambda self, request: Response([], status=418))
    with pytest.raises(SchemaViolation) as caught:
        client_for(annotator).get("/api/v1/detectors/")
    assert "GET /api/v1/detectors/ answered 418" in str(caught.value)
    assert "418" in str(caught.value).split("\n")[1]


def test_validation_refuses_a_body_that_contradicts_the_schema(client_for, annotator, monkeypatch):
    from annotations.api.views import DetectorScoreboardView

    monkeypatch.setattr(DetectorScoreboardView, "get", lambda self, request: Response([{"detector": 7}]))
    with pytest.raises(SchemaViolation) as caught:
        client_for(annotator).get("/api/v1/detectors/")
    message = str(caught.value)
    assert "GET /api/v1/detectors/ answered 200 (application/json)" in message
    assert "at 0/detector: 7 is not of type 'string'" in message or "at 0: " in message


def test_schema_unchecked_lets_a_deliberate_probe_through(client_for, staff):
    client = client_for(staff)
    with client.schema_unchecked():
        assert client.delete("/api/v1/analysis-runs/").status_code == 405
    with pytest.raises(SchemaViolation):
        client.delete("/api/v1/analysis-runs/")
