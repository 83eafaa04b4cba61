"""Validation of JSON-LD against the schema.org vocabulary vendored in tests/fixtures/schemaorg/.

``schema_problems`` checks what a search engine's structured-data parser checks first: every
``@type`` is a schema.org class, and every property is one schema.org defines for that type (its
``domainIncludes`` names the type or one of the type's ancestors). A nested node's ``@type`` must
also be one the property's ``rangeIncludes`` allows (the class or a subclass of it).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from tests import paths

VOCABULARY = paths.FIXTURES / "schemaorg" / "schemaorg-subset.jsonld"
SCHEMA = "schema:"


def _ids(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [v["@id"].removeprefix(SCHEMA) for v in values if isinstance(v, dict) and "@id" in v]


@dataclass(frozen=True)
class Vocabulary:
    parents: dict[str, list[str]]  # class -> direct superclasses
    domains: dict[str, set[str]]  # property -> classes it is defined on
    ranges: dict[str, set[str]]  # property -> expected value classes

    def ancestors(self, name: str) -> set[str]:
        """The class and every superclass, up to Thing."""
        seen, stack = set(), [name]
        while stack:
            current = stack.pop()
            if current not in seen:
                seen.add(current)
                stack.extend(self.parents.get(current, []))
        return seen


@cache
def vocabulary() -> Vocabulary:
    graph = json.loads(VOCABULARY.read_text(encoding="utf-8"))["@graph"]
    parents, domains, ranges = {}, {}, {}
    for node in graph:
        name = node["@id"].removeprefix(SCHEMA)
        if node["@type"] == "rdfs:Class":
            parents[name] = _ids(node.get("rdfs:subClassOf"))
        elif node["@type"] == "rdf:Property":
            domains[name] = set(_ids(node.get("schema:domainIncludes")))
            ranges[name] = set(_ids(node.get("schema:rangeIncludes")))
    return Vocabulary(parents=parents, domains=domains, ranges=ranges)


def _types(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type")
    return [kind] if isinstance(kind, str) else list(kind or [])


def schema_problems(node: Any, path: str = "$") -> Iterator[str]:
    """Every violation of the vocabulary in a JSON-LD node and the nodes nested in it."""
    vocab = vocabulary()
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from schema_problems(item, f"{path}[{index}]")
        return
    if not isinstance(node, dict):
        return
    if node.get("@context") not in (None, "https://schema.org", "https://schema.org/", "http://schema.org"):
        yield f"{path}: @context {node['@context']!r} is not schema.org"
    types = _types(node)
    if not types:
        yield f"{path}: no @type"
    for kind in types:
        if kind not in vocab.parents:
            yield f"{path}: @type {kind!r} is not a schema.org class"
    lineage = set().union(*(vocab.ancestors(kind) for kind in types)) if types else set()
    for key, value in node.items():
        if key.startswith("@"):
            continue
        where = f"{path}.{key}"
        if key not in vocab.domains:
            yield f"{where}: {key!r} is not a schema.org property"
            continue
        if not vocab.domains[key] & lineage:
            yield f"{where}: {key!r} is not a property of {'/'.join(types)} (domainIncludes {sorted(vocab.domains[key])})"
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, dict):
                child_lineage = set().union(*(vocab.ancestors(k) for k in _types(child))) if _types(child) else set()
                if _types(child) and not vocab.ranges[key] & child_lineage:
                    yield f"{where}: a {'/'.join(_types(child))} is not in the range of {key!r} ({sorted(vocab.ranges[key])})"
                yield from schema_problems(child, where)
