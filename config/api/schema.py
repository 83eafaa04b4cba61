"""The OpenAPI schema (drf-spectacular, OAS 3.0.3) as the API really behaves.

``AutoSchema`` (REST_FRAMEWORK's DEFAULT_SCHEMA_CLASS) adds to every operation the error answers
it can give, each with the one ``Error`` body that ``config.api.exceptions.exception_handler``
produces (always ``application/json``, whatever format the request negotiated), and declares
CSV answers as ``text/csv`` text. ``nullable_refs_postprocess`` (a postprocessing hook) rewrites
drf-spectacular's nullable nested objects into a form OAS 3.0.3 defines. The tests validate every
response the API tests receive against this schema (tests/openapi_validation.py), so a
declaration that drifts from the code fails there.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import permissions

ERROR_REF = {"$ref": "#/components/schemas/Error"}
NULL_REF = {"$ref": "#/components/schemas/NullEnum"}

# The one error body (config.api.exceptions): DRF's {"detail": ...} or field errors, plus context fields.
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": (
        "Every error answer. `detail` says what went wrong; a refused input field appears as its own key "
        "with a list of messages (an object for a nested field, `non_field_errors` for the body as a whole). "
        "Some errors add context: `current_version` (412, or 409 for a stale review), `existing_article` "
        "(409 duplicate URL), `current_status` and `requested_status` (409 review transition), `code`."
    ),
    "properties": {
        "detail": {
            "description": "What went wrong (a list when a service gave several reasons).",
            "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
        },
        "non_field_errors": {"type": "array", "items": {"type": "string"}},
        "current_version": {"type": "integer", "description": "The version stored now; send it in If-Match."},
        "existing_article": {"type": "integer", "description": "The article that already has this URL."},
        "current_status": {"type": "string"},
        "requested_status": {"type": "string"},
        "code": {"type": "string"},
    },
    "additionalProperties": True,
}
NULL_SCHEMA: dict[str, Any] = {"enum": [None]}

ERROR_DESCRIPTIONS = {
    "400": "Invalid input: a refused field, a malformed body or query parameter.",
    "401": "No credentials, or invalid ones: send `Authorization: Token <key>`.",
    "403": "Logged in, but this role may not do this (or a session write without its CSRF token).",
    "404": "No such object (or page).",
    "409": "Conflicts with the stored state: a duplicate, a stale version or a refused transition.",
    "412": "If-Match names an older version; `current_version` and the ETag header give the current one.",
    "413": "The request body, or a text in it, is larger than the limit.",
    "415": "Unsupported request media type: send `application/json`.",
    "428": "If-Match is missing: send the ETag of your GET.",
    "429": "Too many requests: retry after `Retry-After` seconds.",
    "503": "The database is busy with another write (SQLite): retry after `Retry-After` seconds.",
}
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
BODY_METHODS = {"POST", "PUT", "PATCH"}


class AutoSchema(SpectacularAutoSchema):
    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation: dict[str, Any] | None = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        responses: dict[str, Any] = operation["responses"]
        for code, response in responses.items():
            if code.startswith(("4", "5")):
                # A view's own OpenApiResponse(description=...) keeps its description, with the error body.
                response["content"] = {"application/json": {"schema": ERROR_REF}}
            elif "text/csv" in response.get("content", {}):
                response["content"]["text/csv"]["schema"] = {
                    "type": "string",
                    "description": "CSV, UTF-8, with a header row.",
                }
        for code in self._error_statuses(operation):
            responses.setdefault(
                code,
                {"description": ERROR_DESCRIPTIONS[code], "content": {"application/json": {"schema": ERROR_REF}}},
            )
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _error_statuses(self, operation: dict[str, Any]) -> set[str]:
        """The error statuses this operation can answer, from its view and its declared inputs."""
        codes = {"429"}  # every view is throttled (DEFAULT_THROTTLE_CLASSES)
        permission_classes = [type(p) for p in self.view.get_permissions()]
        if not all(issubclass(c, permissions.AllowAny) for c in permission_classes):
            codes.add("401")
            if self.method in UNSAFE_METHODS or permission_classes != [permissions.IsAuthenticated]:
                codes.add("403")  # a role check, or CSRF for a session's write
        places = {parameter["in"] for parameter in operation.get("parameters", [])}
        if "query" in places or "header" in places or "requestBody" in operation:
            codes.add("400")
        if "path" in places or self._get_pagination_parameters():
            codes.add("404")  # no such object, or a page past the end
        if "requestBody" in operation:
            codes.update({"413", "415"})
        if self.method in UNSAFE_METHODS:
            codes.update({"409", "503"})  # a unique-constraint race (IntegrityError); SQLite's write lock
        return codes


# Hand-written component schemas (bodies no serializer describes), by name; see ``component``.
COMPONENTS: dict[str, dict[str, Any]] = {}


def component(name: str, schema: dict[str, Any]) -> dict[str, str]:
    """Register ``schema`` as ``#/components/schemas/<name>`` and return the reference to it, for
    ``extend_schema(request=..., responses=...)``. A named component gives generated clients a
    named type instead of one called after the operation."""
    COMPONENTS[name] = schema
    return {"$ref": f"#/components/schemas/{name}"}


def components_postprocess(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """The components the operations point at: ``Error``, ``NullEnum`` and those of ``component``."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR_SCHEMA
    schemas.setdefault("NullEnum", NULL_SCHEMA)
    for name, schema in COMPONENTS.items():
        if name in schemas and schemas[name] != schema:
            raise ValueError(f"Component {name!r} is already defined by a serializer: choose another name.")
        schemas[name] = schema
    result["components"]["schemas"] = dict(sorted(schemas.items()))
    return result


def nullable_refs_postprocess(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Nullable nested objects and choices in a form OAS 3.0.3 defines.

    drf-spectacular writes ``{"allOf": [{"$ref": X}], "nullable": true}`` for a nullable nested
    object and ``{"oneOf": [...], "nullable": true}`` for a nullable choice or URL. OAS 3.0.3 says
    ``nullable`` only widens a ``type`` in the same schema object, so there it means nothing, and
    validators (openapi-core) refuse ``null``. Rewritten to ``{"oneOf": [..., {"$ref": NullEnum}]}``
    ("one of these, or null"), the form drf-spectacular itself uses for nullable choices, which
    clients generate as ``X | None``.
    """

    def rewrite(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("nullable") is True and "type" not in node:
                all_of = node.get("allOf")
                if isinstance(all_of, list) and len(all_of) == 1:
                    node.pop("allOf")
                    node["oneOf"] = all_of
                branches = node.get("oneOf", node.get("anyOf"))
                node.pop("nullable")  # without a type (a JSONField) the schema takes any value, null included
                if isinstance(branches, list) and NULL_REF not in branches:
                    branches.append(dict(NULL_REF))
            for value in node.values():
                rewrite(value)
        elif isinstance(node, list):
            for value in node:
                rewrite(value)

    rewrite(result)
    return result
