"""Issue 22: the W3C test suite's JSON Schemas validate every exported annotation, and the Data Model's
example annotations import with nothing dropped silently.

The schemas and examples are vendored unchanged in ``tests/fixtures/w3c/`` (see its README and licence).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from annotations.models import Annotation
from annotations.services.reviews import annotation_review
from tests import paths
from tests.annotations.factories import AnnotationFactory, ArticleFactory
from tests.credibility.factories import SourceFactory

FIXTURES = paths.FIXTURES / "w3c"
BASE = "https://w3c-annotation-tests.invalid/definitions/"

# The suite's assertions that apply to any annotation (MUSTs, and SHOULDs on values that are present).
ANNOTATION_ASSERTIONS = (
    "annotations.json#/definitions/annotationTypeValueFound",
    "id.json#/definitions/idValueFound",
    "annotations.json#/definitions/motivationRecognizedIfPresent",
    "annotations.json#/definitions/bodyValueValidIfPresent",
    "otherProperties.json#/definitions/createdValidIfPresent",
    "otherProperties.json#/definitions/modifiedValidIfPresent",
    "otherProperties.json#/definitions/generatedValidIfPresent",
    "otherProperties.json#/definitions/creatorValidIfPresent",
    "otherProperties.json#/definitions/generatorValidIfPresent",
    "otherProperties.json#/definitions/rightsValidIfPresent",
    "otherProperties.json#/definitions/canonicalValidIfPresent",
    "otherProperties.json#/definitions/viaValidIfPresent",
    "otherProperties.json#/definitions/audienceValidIfPresent",
)
BODY_ASSERTIONS = (
    "bodyTarget.json#/definitions/bodyResourcesFound",
    "bodyTarget.json#/definitions/optionalBodyPropertiesMust",
    "bodyTarget.json#/definitions/optionalBodyPropertiesShould",
    "bodyTarget.json#/definitions/optionalBodyPurposePropertyShould",
)
TARGET_ASSERTIONS = (
    "bodyTarget.json#/definitions/targetResourcesFound",
    "bodyTarget.json#/definitions/optionalTargetPropertiesMust",
    "bodyTarget.json#/definitions/optionalTargetPropertiesShould",
    "specificResource.json#/definitions/selectorDetected",
)
COLLECTION_ASSERTIONS = (
    "collections.json#/definitions/annotationCollectionTypeValueFound",
    "collections.json#/definitions/labelDefinition",
    "collections.json#/definitions/totalDefinition",
    "collections.json#/definitions/firstRequiredIfTotalMoreThanZero",
)
PAGE_ASSERTIONS = (
    "collections.json#/definitions/annotationPageTypeValueFound",
    "collections.json#/definitions/startIndexDefinition",
    "collections.json#/definitions/itemsFound",
)


@cache
def _registry() -> Registry:
    resources = [
        (BASE + path.name, Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT4))
        for path in sorted((FIXTURES / "definitions").glob("*.json"))
    ]
    return Registry().with_resources(resources)


def _failures(instance: Any, assertions: tuple[str, ...]) -> list[str]:
    failed = []
    for ref in assertions:
        validator = jsonschema.Draft4Validator(
            {"$ref": BASE + ref}, registry=_registry(), format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
        )
        errors = list(validator.iter_errors(instance))
        if errors:
            failed.append(f"{ref}: {errors[0].message[:200]}")
    return failed


def _annotation_failures(annotation: dict[str, Any]) -> list[str]:
    failed = _failures(annotation, ANNOTATION_ASSERTIONS)
    for body in annotation.get("body", []):
        failed += [f"body: {f}" for f in _failures(body, BODY_ASSERTIONS)]
    failed += [f"target: {f}" for f in _failures(annotation["target"], TARGET_ASSERTIONS)]
    return failed


def test_the_suites_definitions_are_all_vendored_and_resolve():
    names = sorted(p.name for p in (FIXTURES / "definitions").glob("*.json"))
    assert len(names) == 21 and "annotations.json" in names and "otherProperties.json" in names
    assert (FIXTURES / "LICENSE.md").read_text().startswith("W3C SOFTWARE AND DOCUMENT NOTICE AND LICENSE")
    # The validator can fail: a wrong motivation, a body without value or id, a negative offset.
    broken = {
        "id": "not a uri",
        "type": "Annotation",
        "motivation": "flagging",
        "body": [{"purpose": "tagging"}],
        "target": {
            "source": "http://example.org/a",
            "selector": {"type": "TextPositionSelector", "start": -1, "end": 3},
        },
    }
    failed = _annotation_failures(broken)
    assert any(f.startswith("annotations.json#/definitions/motivationRecognizedIfPresent") for f in failed)
    assert any(f.startswith("body: bodyTarget.json#/definitions/bodyResourcesFound") for f in failed)
    assert any(f.startswith("target: specificResource.json#/definitions/selectorDetected") for f in failed)


@pytest.mark.django_db
def test_every_exported_annotation_passes_the_suites_schemas(client_for, reviewer):
    article = ArticleFactory(
        body="The council recieved 300 complaints, the clerk said. Crime rose 40%, experts say. 🚀 Done.",
        url="https://news.example.org/council",
    )
    body = article.body
    at = body.index
    AnnotationFactory(article=article, kind="typo", start=at("recieved"), end=at("recieved") + 8, suggestion="received")
    AnnotationFactory(
        article=article,
        kind="source_attribution",
        start=at("the clerk"),
        end=at("the clerk") + 9,
        source=SourceFactory(name="City clerk"),
    )
    flag = AnnotationFactory(
        article=article,
        kind="unverified_claim",
        reason="vague_source",
        start=at("Crime"),
        end=at("experts say.") + 12,
        origin="machine",
        detector="hedges@4",
        rule="experts say",
        explanation="Unnamed experts.",
        confidence=0.7,
        comment="Which experts?",
    )
    annotation_review(annotation=flag, decision="confirm", note="No names given.", reviewer=reviewer)
    AnnotationFactory(
        article=article, kind="note", start=at("🚀"), end=at("🚀") + 1, comment="Emoji.", created_by=reviewer
    )
    orphan = AnnotationFactory(article=article, kind="note", start=0, end=3, comment="Lost.")
    Annotation.objects.filter(pk=orphan.pk).update(anchor_state="orphaned", quote="gone text")

    collection = client_for(reviewer).get(f"/api/v1/articles/{article.pk}/export/?format=w3c").json()

    assert _failures(collection, COLLECTION_ASSERTIONS) == []
    assert "http://www.w3.org/ns/anno.jsonld" in collection["@context"]  # the suite's contextValueInArrayFound
    assert _failures(collection["@context"], ("annotations.json#/definitions/contextValueInArrayFound",)) == []
    assert _failures(collection["first"], PAGE_ASSERTIONS) == []
    items = collection["first"]["items"]
    assert len(items) == 5
    assert sum("creator" in item for item in items) == 1
    for item in items:
        assert _annotation_failures(item) == [], item["kind"]


SAMPLE_BODY = "Intro. this is an anotation that has some text. Outro."


def _sample_documents() -> list[tuple[str, dict[str, Any]]]:
    return [(p.name, json.loads(p.read_text())) for p in sorted((FIXTURES / "samples").glob("*.json"))]


@pytest.mark.django_db
def test_the_data_models_examples_import_with_nothing_dropped_silently(client_for, annotator):
    article = ArticleFactory(body=SAMPLE_BODY)
    samples = _sample_documents()
    assert len(samples) == 33
    # Each example is valid by the suite's own schemas: the reader is tested on spec-valid input.
    for name, sample in samples:
        assert _failures(sample, ("annotations.json#/definitions/annotationTypeValueFound",)) == [], name
    results = {}
    for name, sample in samples:
        response = client_for(annotator).post(f"/api/v1/articles/{article.pk}/import/", sample, format="json")
        assert response.status_code == 200, (name, response.content)
        results[name] = response.json()

    for name, result in results.items():
        entries = result["created"] + result["merged"] + result["unchanged"] + result["refused"]
        assert len(entries) == 1, name  # every example accounted for, once
        for refused in result["refused"]:
            assert refused["reason"], name
    created = {name for name, result in results.items() if result["created"]}
    # Example 23 quotes text of this body; 29 refines a fragment with the same kind of quote (TextQuoteSelector).
    assert created == {"anno23.json"}
    assert results["anno29.json"]["refused"][0]["reason"] == "the quote does not occur in the article body"
    assert "refinedBy TextQuoteSelector is used" in results["anno29.json"]["refused"][0]["unmapped"][0]
    # Whole-resource targets say so; DOM and media selectors are named as not mapped.
    assert "there is no span to anchor" in results["anno42.json"]["refused"][0]["reason"]
    assert any("CssSelector" in u for u in results["anno21.json"]["refused"][0]["unmapped"])
    assert any("RangeSelector" in u for u in results["anno28.json"]["refused"][0]["unmapped"])
    assert any(u.startswith("audience") for u in results["anno13.json"]["refused"][0]["unmapped"])
    assert any("Choice of 2 bodies" in u for u in results["anno38.json"]["refused"][0]["unmapped"])
    assert Annotation.objects.get(article=article).comment == (
        "http://example.org/comment1"  # example 23's body is an IRI: kept as a link in the comment
    )
